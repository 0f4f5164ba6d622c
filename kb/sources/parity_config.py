"""data/parity.yml read into a typed object; a broken file is a problem, never a traceback."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.messages import Param, msg
from kb.core.problem import Problem, Severity, problem, rule_message
from kb.core.yamlload import yaml_error_message
from kb.markdown.textparts import LinkOptions

CONFIG_PATH = "data/parity.yml"
RULES = ("parity-config",)


def settings_problem(path: str, line: int, key: str, /, **params: Param) -> Problem:
    """The parity settings, or the translation lock file they name, cannot be read."""
    return problem("parity-config", path, line, rule_message("parity-config", key, **params))


@dataclass
class ParityConfig:
    language_specific_fields: frozenset[str] = frozenset({"title", "summary", "organisations", "what_changed", "what_learned"})
    per_file_fields: frozenset[str] = frozenset({"id", "translation"})
    lock_file: str = "translations.lock.yml"
    outdated_severity: Severity = "warning"
    outdated_error_for: tuple[str, ...] = ()
    unrecorded_severity: Severity = "warning"
    diff_lines_in_message: int = 3
    links: LinkOptions = field(default_factory=LinkOptions)
    exceptions: list[dict[str, str]] = field(default_factory=list)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def severity_for_outdated(self, rel: str) -> Severity:
        if any(fnmatch.fnmatch(rel, pattern) for pattern in self.outdated_error_for):
            return "error"
        return self.outdated_severity

    def allowed(self, rel: str, rule: str, value: str) -> bool:
        """A reviewed exception in data/parity.yml covers this difference."""
        return any(e.get("page") == rel and e.get("rule") == rule and str(e.get("value")) == value for e in self.exceptions)

    def label(self, lang: str, key: str) -> Any:
        return self.labels.get(lang, {}).get(key) or self.labels.get("en", {}).get(key) or key


def _severity(value: Any, default: Severity) -> Severity:
    return "error" if value == "error" else "warning" if value == "warning" else default


def load_config(root: Path, text: str | None = None, raw: Any = None) -> ParityConfig:
    """data/parity.yml under ``root`` (or its ``text``, or its parsed ``raw`` data, when already read);
    defaults when there is none."""
    path = root / CONFIG_PATH
    config = ParityConfig()
    if raw is None and text is None and not path.is_file():
        return config
    try:
        if raw is None:
            # Bounded (no aliases, tags or deep nesting): walking an alias bomb's lists would never end.
            raw = yamlload.safe_load(text if text is not None else path.read_text(encoding="utf-8"))
        raw = raw or {}
        if not isinstance(raw, dict):
            raise TypeError("not a mapping")
        fresh = raw.get("freshness") or {}
        links = raw.get("links") or {}
        config.language_specific_fields = frozenset(map(str, raw.get("language_specific_fields") or config.language_specific_fields))
        config.per_file_fields = frozenset(map(str, raw.get("per_file_fields") or config.per_file_fields))
        lock_file = str(fresh.get("lock_file") or config.lock_file)
        if not _plain_path(lock_file):  # read and written by the tools: never outside the repository
            line = _line_of(text, "lock_file")
            config.problems.append(problem("parity-config", CONFIG_PATH, line, "lock-file-path", path=lock_file))
        else:
            config.lock_file = lock_file
        config.outdated_severity = _severity(fresh.get("severity"), "warning")
        config.outdated_error_for = tuple(map(str, fresh.get("error_for") or ()))
        config.unrecorded_severity = _severity(fresh.get("unrecorded_severity"), "warning")
        config.diff_lines_in_message = int(fresh.get("diff_lines_in_message", 3))
        config.links = LinkOptions(
            bilingual_sites=tuple(tuple(str(h).lower() for h in group) for group in links.get("bilingual_sites") or ()),
            language_segments=tuple(map(str, links.get("language_segments") or ("cy", "en"))),
        )
        config.exceptions = [{k: str(v) for k, v in e.items()} for e in raw.get("exceptions") or []]
        config.labels = {str(k): dict(v) for k, v in (raw.get("labels") or {}).items()}
    except (yaml.YAMLError, ValueError, TypeError, AttributeError) as err:
        what: Param = yaml_error_message(err) if isinstance(err, yaml.YAMLError) else msg("terms.not-settings")
        line = getattr(getattr(err, "problem_mark", None), "line", 0) + 1
        config.problems.append(problem("parity-config", CONFIG_PATH, line, "config-unreadable", what=what))
    return config


def _plain_path(path: str) -> bool:
    """A relative path inside the repository: no '/' at the start, no '..', '.' or empty segment, no '\\'."""
    parts = path.split("/")
    return bool(path) and "\\" not in path and "\x00" not in path and all(p not in ("", ".", "..") for p in parts)


def _line_of(text: str | None, key: str) -> int:
    lines = (text or "").splitlines()
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), 1)


def format_date(date: str, lang: str, config: ParityConfig) -> str:
    """'2024-05-03' -> '3 May 2024' / '3 Mai 2024'; anything else is shown as written."""
    months = config.label(lang, "months")
    parts = date.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and isinstance(months, list) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    return date
