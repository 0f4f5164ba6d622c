"""The one problem type every check returns, and the one way it is printed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

Severity = Literal["error", "warning"]

RULES_FILE = Path(__file__).resolve().parents[2] / "data" / "rules.yml"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    en: str
    cy: str


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """All rules by name, read from data/rules.yml (the contributor guide lists the same)."""
    with RULES_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {r["name"]: Rule(r["id"], r["name"], r["severity"], r["en"], r["cy"]) for r in raw}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, at a path (relative to the repo root) and 1-based line."""

    path: str
    line: int
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity} {self.rule_id} {self.rule_name}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text

    def format_github(self) -> str:
        """A GitHub workflow command (annotation), escaped by GitHub's rules so no text can start another.

        A path or message holding a line break ('x\n::warning file=README.md::...') would otherwise
        print a second, forged command; property values also escape ':' and ','.
        """
        body = (f"{self.rule_name}: {self.message} {self.hint}").strip()
        level = "error" if self.severity == "error" else "warning"
        return (
            f"::{level} file={_github_property(self.path)},line={self.line},"
            f"title={_github_property(self.rule_id)}::{_github_data(body)}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def problem(
    rule_name: str,
    path: str,
    line: int,
    message: str,
    hint: str = "",
    severity: Severity | None = None,
) -> Problem:
    """Build a Problem for a named rule; the rule's id and default severity come from rules.yml."""
    rule = rules()[rule_name]
    return Problem(path, max(1, line), rule.id, rule.name, severity or rule.severity, message, hint)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by path, then line, then rule, without duplicates (two passes may find the same)."""
    return sorted(set(problems))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
