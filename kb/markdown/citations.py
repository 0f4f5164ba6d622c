"""Pandoc-style citations in page bodies, found with their place: ``[@key]``, ``[@key, p. 84]``,
``[@key, pp. 17-18]``, ``[@key1; @key2, p. 3]``.

Citations inside code spans, fenced or indented code blocks and HTML comments are text, not
citations. The words of the style (locator terms such as p./pp. and t./tt.) are data in
``data/ui/citations.yml``. Checking them is kb.checks.citations; rendering them, kb.publish.references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.core import yamlload
from kb.core.messages import Joined, Message, msg
from kb.markdown.scan import mask_code

STYLE_FILE = "data/ui/citations.yml"
_REPO_ROOT = Path(__file__).resolve().parents[2]

# Pandoc's citation key: starts with a letter, digit or _, may hold internal punctuation.
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"
# One locator value: "84", "17-18", "12a", "xii", "3, 7-9" (numbers or roman numerals, never words).
_NUMBER = r"(?:[0-9]+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_PART = rf"{_NUMBER}(?:\s*[-\u2013\u2014]\s*{_NUMBER})?"
_VALUE = rf"{_PART}(?:\s*,\s*{_PART})*"


# --------------------------------------------------------------------------- style (data)


@dataclass(frozen=True)
class LocatorTerm:
    name: str  # "page"
    accept: tuple[str, ...]  # what writers may type: "p.", "pp.", "t.", "tt." ...
    forms: dict[str, tuple[str, str]]  # language -> (singular, plural)


@dataclass(frozen=True)
class CitationStyle:
    """The words of ``data/ui/citations.yml``: per-language strings and locator terms."""

    strings: dict[str, dict[str, Any]]
    locators: dict[str, LocatorTerm]
    default_locator: str
    vowels: str

    @property
    def languages(self) -> list[str]:
        return list(self.strings)

    def text(self, lang: str, name: str) -> Any:
        return self.strings[lang][name]

    def term_for_label(self, label: str) -> str | None:
        for term in self.locators.values():
            if label.lower() in term.accept:
                return term.name
        return None

    @property
    def label_pattern(self) -> str:
        labels = sorted({a for t in self.locators.values() for a in t.accept}, key=len, reverse=True)
        return "|".join(re.escape(a) for a in labels)


def style_from_data(raw: dict[str, Any]) -> CitationStyle:
    locators = {
        name: LocatorTerm(
            name,
            tuple(str(a).lower() for a in spec.get("accept", [])),
            {lang: (str(v[0]), str(v[1])) for lang, v in spec.items() if lang != "accept"},
        )
        for name, spec in (raw.get("locators") or {}).items()
    }
    strings = {k: v for k, v in raw.items() if isinstance(v, dict) and k != "locators"}
    return CitationStyle(strings, locators, str(raw.get("default_locator", "page")), str(raw.get("vowels", "aeiou")))


def load_style(root: Path) -> CitationStyle:
    path = root / STYLE_FILE
    if not path.is_file():
        path = _REPO_ROOT / STYLE_FILE
    return style_from_data(yamlload.safe_load(path.read_text(encoding="utf-8")) or {})


@lru_cache(maxsize=1)
def default_style() -> CitationStyle:
    return load_style(_REPO_ROOT)


# --------------------------------------------------------------------------- finding citations


@dataclass(frozen=True)
class Locator:
    term: str  # "page"
    value: str  # normalised: "17-18", "3,7"

    @property
    def plural(self) -> bool:
        return "-" in self.value or "," in self.value


@dataclass(frozen=True)
class Cite:
    key: str
    locator: Locator | None = None

    def show(self, style: CitationStyle, lang: str = "en") -> str:
        """The citation as a writer would type it, e.g. '[@key, p. 84]'."""
        if self.locator is None:
            return f"[@{self.key}]"
        return f"[@{self.key}, {format_locator(self.locator, lang, style)}]"


@dataclass
class CiteGroup:
    """One bracket, ``[@a; @b, p. 3]``: its place in the body and its citations."""

    start: int
    end: int
    cites: list[Cite]


@dataclass
class Issue:
    """Something wrong in the body at an offset (turned into a Problem with a real line later)."""

    offset: int
    text: Message  # a KB021 citation-syntax message of the catalogue

    @property
    def message(self) -> str:
        return self.text.render("en")


@dataclass
class Found:
    groups: list[CiteGroup] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)



def format_locator(locator: Locator, lang: str, style: CitationStyle) -> str:
    term = style.locators.get(locator.term) or style.locators[style.default_locator]
    singular, plural = term.forms.get(lang) or term.forms["en"]
    value = locator.value.replace("-", "\u2013").replace(",", ", ")
    return f"{plural if locator.plural else singular} {value}"



def normalise_value(value: str) -> str:
    value = re.sub(r"\s*[-\u2013\u2014]\s*", "-", value.strip())
    return re.sub(r"\s*,\s*", ",", value)


def _parse_locator(text: str, style: CitationStyle) -> Locator | None:
    m = re.fullmatch(rf"(?:((?i:{style.label_pattern}))\s*)?({_VALUE})", text.strip())
    if not m:
        return None
    term = style.term_for_label(m.group(1)) if m.group(1) else style.default_locator
    return Locator(term or style.default_locator, normalise_value(m.group(2)))


def _parse_item(item: str, style: CitationStyle) -> Cite | Message:
    """One '@key, locator' part of a bracket: a Cite, or what is wrong with it."""
    text = item.strip()
    if not text.startswith("@"):
        if "@" in text:
            return msg("terms.cite-prefix", text=text)
        return msg("terms.cite-no-at", text=text)
    m = re.match(KEY, text[1:])
    if not m:
        return msg("terms.cite-empty-key")
    key = m.group(0)
    rest = text[1 + len(key) :]
    if not rest.strip():
        return Cite(key)
    if not rest.lstrip().startswith(","):
        if rest.lstrip().startswith("@"):
            return msg("terms.cite-needs-semicolon", key=key, rest=rest.strip())
        return msg("terms.cite-missing-comma", key=key, rest=rest.strip())
    loc_text = rest.lstrip()[1:].strip()
    if not loc_text:
        return msg("terms.cite-empty-locator", key=key)
    locator = _parse_locator(loc_text, style)
    if locator is None:
        return msg("terms.cite-bad-locator", key=key, locator=loc_text)
    return Cite(key, locator)


_CITE_OPEN = re.compile(r"(?<!\\)\[\s*@")
# What can end the search for a citation's ']': the ']', another '[', or a line break (ending the
# paragraph when a blank line, or one holding only '>', follows).
_BRACKET_STOP = re.compile(r"[\[\]\n]")
_PARAGRAPH_END = re.compile(r"\n[ \t>]*\n")


def find_citations(body: str, style: CitationStyle | None = None, masked: str | None = None) -> Found:
    """Every citation bracket in a page body (outside code), and every malformed one.

    ``masked``: the body with code blanked out, if already scanned (kb.markdown.scan).
    """
    style = style or default_style()
    found = Found()
    if "@" not in body:
        return found  # no citation can start here (masking only blanks text out)
    masked = masked if masked is not None else mask_code(body)
    for m in _CITE_OPEN.finditer(masked):
        start = m.start()
        # The bracket must close before the paragraph ends or another bracket opens.
        end = None
        stop = _BRACKET_STOP.search(masked, m.end())
        while stop is not None:
            i = stop.start()
            ch = masked[i]
            if ch == "]":
                end = i
                break
            if ch == "[" or _PARAGRAPH_END.match(masked, i):
                break
            stop = _BRACKET_STOP.search(masked, i + 1)
        if end is None:
            found.issues.append(Issue(start, msg("KB021.not-closed", citation=_snippet(body, start))))
            continue
        after = masked[end + 1 : end + 2]
        if after in ("(", "[") or (after == ":" and _defines_link(masked, start, end)):
            continue  # a Markdown link or link definition whose text starts with '@'
        inner = masked[start + 1 : end].replace("\n", " ")
        cites: list[Cite] = []
        errors: list[Message] = []
        for item in inner.split(";"):
            parsed = _parse_item(item, style)
            if isinstance(parsed, Cite):
                cites.append(parsed)
            else:
                errors.append(parsed)
        if errors:
            citation = body[start : end + 1]
            found.issues.append(Issue(start, msg("KB021.malformed", citation=citation, errors=Joined(tuple(errors), "; "))))
            continue
        found.groups.append(CiteGroup(start, end + 1, cites))
    return found


def _defines_link(masked: str, start: int, end: int) -> bool:
    """'[@x]: https://…' at the start of a line defines a link; '[@key]:' ending a line before a list
    ("… in three ways [@key]:") is a citation followed by a colon, as pandoc reads it."""
    at_line_start = start == 0 or masked[start - 1] == "\n"
    rest = masked[end + 2 :].split("\n", 1)[0]
    return at_line_start and rest.strip() != ""


def _snippet(body: str, start: int, width: int = 40) -> str:
    text = body[start:].split("\n", 1)[0]
    return text if len(text) <= width else text[:width] + "…"

