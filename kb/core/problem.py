"""The one problem type every check returns, and the one way it is printed.

A problem's words come from the message catalogue (kb.core.messages, data/messages.yml): it holds
the message's key and values, and is shown in English or Welsh when it is printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from kb.core.messages import BrokenCatalogue, Lang, Message, Param, msg, read_catalogue_file, text

Severity = Literal["error", "warning"]

RULES_FILE = Path(__file__).resolve().parents[2] / "data" / "rules.yml"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    en: str
    cy: str

    def meaning(self, lang: Lang) -> str:
        return self.cy if lang == "cy" else self.en


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """All rules by name, read from data/rules.yml (the contributor guide lists the same)."""
    raw = read_catalogue_file(RULES_FILE)
    try:
        return {r["name"]: Rule(r["id"], r["name"], r["severity"], r["en"], r["cy"]) for r in raw}
    except (KeyError, TypeError) as err:
        raise BrokenCatalogue(RULES_FILE, ValueError(f"each rule needs id, name, severity, en and cy ({err})")) from None


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, at a path (relative to the repo root) and 1-based line."""

    path: str
    line: int
    rule_id: str
    rule_name: str
    severity: Severity
    text: Message

    @property
    def message(self) -> str:
        """What is wrong, in English (``describe(lang)`` for another language)."""
        return self.text.render("en")

    @property
    def hint(self) -> str:
        """How to fix it, in English (``fix(lang)`` for another language)."""
        return self.text.render_fix("en")

    def describe(self, lang: Lang = "en") -> str:
        return self.text.render(lang)

    def fix(self, lang: Lang = "en") -> str:
        return self.text.render_fix(lang)

    def severity_word(self, lang: Lang = "en") -> str:
        return text(f"terms.{self.severity}", lang)

    def format(self, lang: Lang = "en") -> str:
        """``path:line: error KBxxx rule-name: what is wrong. How to fix it.`` (Welsh: ``gwall``).

        Always one line: a line break or other control character in a file name or a quoted value
        is shown escaped, so no name can print a second, forged problem line.
        """
        line = f"{self.path}:{self.line}: {self.severity_word(lang)} {self.rule_id} {self.rule_name}: {self.text.full(lang)}"
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)

    def format_github(self, lang: Lang | Literal["both"] = "en") -> str:
        """A GitHub workflow command (annotation), escaped by GitHub's rules so no text can start another.

        A path or message holding a line break ('x\n::warning file=README.md::...') would otherwise
        print a second, forged command; property values also escape ':' and ','. ``both``: the
        English and the Welsh message, one under the other (a pull request's reader may read either).
        """
        if lang == "both":
            body = f"{self.rule_name}: {self.text.full('en')}\n{self.rule_name}: {self.text.full('cy')}"
        else:
            body = f"{self.rule_name}: {self.text.full(lang)}".strip()
        level = "error" if self.severity == "error" else "warning"
        return (
            f"::{level} file={_github_property(self.path)},line={self.line},"
            f"title={_github_property(self.rule_id)}::{_github_data(body)}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.rule_id, self.message)


# Line breaks, other control characters and the bidirectional overrides (they reorder the line shown).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def problem(
    rule_name: str,
    path: str,
    line: int,
    message: str | Message,
    /,
    *,
    severity: Severity | None = None,
    **params: Param,
) -> Problem:
    """A Problem for a named rule, its words from the catalogue: ``message`` is the key of one of
    the rule's messages in data/messages.yml (under the rule's id), ``params`` its named values.
    The rule's id and default severity come from data/rules.yml.
    """
    rule = rules()[rule_name]
    text_ = message if isinstance(message, Message) else rule_message(rule_name, message, **params)
    return Problem(path, max(1, line), rule.id, rule.name, severity or rule.severity, text_)


def rule_message(rule_name: str, key: str, /, **params: Param) -> Message:
    """One of a rule's messages (``key`` under the rule's id in data/messages.yml) with its values."""
    return msg(f"{rules()[rule_name].id}.{key}", **params)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by path, then line, then rule, without duplicates (two passes may find the same)."""
    return sorted(set(problems), key=Problem.sort_key)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
