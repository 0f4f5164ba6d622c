"""Plain-text fields: what may not be in a title, a label or a summary, and how to show one safely.

Every text a contributor or a data file gives that is not a Markdown body (front-matter fields,
bibliography fields, vocabulary labels, UI strings, navigation titles) is plain text: it is escaped
wherever it is shown, so markup in it would be printed literally. A title never needs markup, so
markup is refused where it is written (kb.checks.plain_text) rather than shown as ``<b>`` on the
page; the escaping is the second line of defence, not the only one.

Control characters are refused too: they are invisible, make the XML feeds ill-formed (XML 1.0
forbids most of them) and, for the bidirectional overrides, can make text read differently from
what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

# What an HTML tokenizer reads as the start of a tag, end tag, comment, doctype or processing
# instruction ('<' then a letter, '/', '!' or '?'), and character references (&amp; &#60; &#x3c;).
# A lone '<' or '&' ("costs < benefits", "Q&A") is ordinary text and is escaped when shown.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
# C0 controls except tab and line feed (block scalars in YAML hold line breaks), DEL, C1 controls,
# lone surrogates, the two non-characters XML forbids, and the bidirectional embedding, override
# and isolate controls and the invisible direction marks (ALM, LRM, RLM: "Trojan Source" text).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

Kind = Literal["markup", "control"]


@dataclass(frozen=True)
class Finding:
    kind: Kind
    offset: int  # in the text
    shown: str  # the offending part, printable


def _printable(text: str) -> str:
    """The text with every control character written as an escape, so a message can show it."""
    return "".join(c if not CONTROL.match(c) else f"\\u{ord(c):04x}" for c in text)


def findings(text: str) -> list[Finding]:
    """What makes ``text`` unfit to be a plain-text field (at most one finding of each kind)."""
    out: list[Finding] = []
    control = CONTROL.search(text)
    if control is not None:
        out.append(Finding("control", control.start(), f"\\u{ord(control.group()):04x}"))
    markup = _MARKUP.search(text)
    if markup is not None:
        start = markup.start()
        end = text.find(">", start)
        end = end + 1 if 0 <= end - start < 60 else min(len(text), start + 40)
        if markup.group().startswith("&"):
            end = markup.end()
        out.append(Finding("markup", start, _printable(text[start:end])))
    return out


def line_in(text: str, offset: int) -> int:
    """0-based line of ``offset`` inside a (possibly multi-line) text."""
    return text.count("\n", 0, offset)


def html_text(value: object) -> Markup:
    """``value`` as HTML text: escaped once, and marked so Jinja's ``| e`` does not escape it again.

    Material prints page titles without escaping (header, navigation, ``<title>``); a title handed
    to it this way is shown exactly as written, whatever it contains.
    """
    if isinstance(value, Markup):
        return value
    return escape(str(value))


# Markdown's backslash escapes (Python-Markdown's ESCAPED_CHARS plus '|' for tables). '<' and '&'
# become character references instead: Markdown has no backslash escape for them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def markdown_text(value: str) -> str:
    """``value`` as inline Markdown that renders as exactly that text (a label in a heading)."""
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())
