"""The parts of a Markdown page that must match across languages: headings, numbers, links, images, tables.

Line-oriented on purpose: every part keeps the 1-based line of the real file it came from, so a
parity problem can name the line in both files. Each function reads the page's masked lines
(kb.markdown.scan: code and HTML comments blanked out, line numbers kept), because code is not
translated prose.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Part:
    """One heading, number, link, image or table, with the line it is on."""

    key: str  # what is compared across languages ("2", "2500", "guides/x.md", "3x4")
    line: int  # 1-based line in the real file
    shown: str  # how it is written on the page, for messages


def _spaces(match: re.Match[str]) -> str:
    # For matches that hold no newline: the same length in spaces.
    return " " * (match.end() - match.start())


# ---- headings ---------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_OR_BLOCK = re.compile(r"^\s*([-*+>]|\d+[.)]|\||!!!|\?\?\?)")
_HEADING_STARTS = frozenset("#=-")


def headings(lines: list[str], first_line: int) -> list[Part]:
    """ATX ('## x') and setext (underlined) headings; key is the level as text."""
    found: list[Part] = []
    atx, setext = _ATX.match, _SETEXT.match
    for i, line in enumerate(lines):
        # Both kinds open with '#', '=' or '-' after at most three spaces: most lines are skipped here.
        first = line[:1]
        if first not in _HEADING_STARTS and (first != " " or line.lstrip(" ")[:1] not in _HEADING_STARTS):
            continue
        m = atx(line)
        if m:
            text = re.sub(r"\s+#+\s*$", "", m.group(2) or "").strip()
            found.append(Part(str(len(m.group(1))), first_line + i, text))
            continue
        s = setext(line)
        if s and i > 0 and lines[i - 1].strip() and not _LIST_OR_BLOCK.match(lines[i - 1]):
            prev = lines[i - 1]
            if atx(prev) or setext(prev) or (i > 1 and lines[i - 2].strip()):
                continue  # only a one-line paragraph is underlined into a heading (keeps '---' rules apart)
            level = "1" if s.group(1).startswith("=") else "2"
            found.append(Part(level, first_line + i - 1, prev.strip()))
    return found


# ---- links and images -------------------------------------------------------------------

# [text](target "title") / ![alt](src); a target may hold one level of balanced parentheses.
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]^@][^\]]*)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_HTML_ATTR = re.compile(r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_LANG_FILE = re.compile(r"\.(?:en|cy)(\.[A-Za-z0-9]+)$")


def language_neutral(path: str) -> str:
    """'x/diagram.cy.png' -> 'x/diagram.png': the form a link's key takes (see _internal_key)."""
    return _LANG_FILE.sub(r"\1", path)


def is_external(target: str) -> bool:
    return bool(_SCHEME.match(target))


def _internal_key(target: str, page_dir: str, langs: tuple[str, ...]) -> str | None:
    """'../x.cy.md#y' from 'guides' -> 'x.md'; None for a link to an anchor on the same page."""
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    if not path:
        return None
    for lang in langs:  # an absolute link into the Welsh site means the same page as the English one
        prefix = f"/{lang}/"
        if path.startswith(prefix) or path == prefix.rstrip("/"):
            path = "/" + path[len(prefix) :]
    # A language-specific variant of a file ('diagram.cy.png', 'page.cy.md') is the same target.
    path = language_neutral(path)
    if path.startswith("/"):
        return posixpath.normpath(path)
    return posixpath.normpath(posixpath.join(page_dir, path)) if page_dir else posixpath.normpath(path)


@dataclass(frozen=True)
class LinkOptions:
    # Sites whose Welsh and English pages live at different, translated addresses: only the site is compared.
    bilingual_sites: tuple[tuple[str, ...], ...] = ()
    # Path segments / query values that only choose a language ('/cy/', '?lang=cy').
    language_segments: tuple[str, ...] = ("cy", "en")
    site_langs: tuple[str, ...] = ("cy",)


def _host(url: str) -> str:
    m = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)", url)
    host = (m.group(1) if m else "").lower().rsplit("@", 1)[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def _external_key(url: str, options: LinkOptions) -> str:
    host = _host(url)
    for group in options.bilingual_sites:
        if host in group:
            return f"site:{group[0]}"
    if not host:
        return url
    # Drop segments and query values that only say which language: '/cy/x' == '/en/x' == '/x'.
    segs = {s.lower() for s in options.language_segments}
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$", url)
    if not m:
        return url
    base, path, query, frag = m.group(1).lower(), m.group(2), m.group(3) or "", m.group(4) or ""
    path = "/".join(p for p in path.split("/") if p.lower() not in segs)
    if query:
        kept = [q for q in query[1:].split("&") if q.split("=", 1)[-1].lower() not in segs or "=" not in q]
        query = ("?" + "&".join(kept)) if kept else ""
    return base + path.rstrip("/") + query + frag


def links_and_images(lines: list[str], first_line: int, page_rel: str, options: LinkOptions) -> tuple[list[Part], list[Part]]:
    """(links, images) with comparable keys: internal targets as resolved paths, external URLs as written."""
    page_dir = posixpath.dirname(page_rel)
    links: list[Part] = []
    images: list[Part] = []

    def add(target: str, line: int, image: bool) -> None:
        target = target.strip()
        if not target:
            return
        if is_external(target):
            key: str | None = target if image else _external_key(target, options)
        else:
            key = _internal_key(target, page_dir, options.site_langs)
        if key is None:
            return
        (images if image else links).append(Part(key, line, target))

    for i, line in enumerate(lines):
        # Every link form needs a '[' or a '<': most lines have neither and are skipped.
        bracket, angle = "[" in line, "<" in line
        if not bracket and not angle:
            continue
        n = first_line + i
        if bracket:
            ref = _REF_DEF.match(line)
            if ref:
                add(ref.group(2), n, False)
                continue
            if "](" in line:
                for m in _INLINE_LINK.finditer(line):
                    add(m.group(3), n, m.group(1) == "!")
                    # An image inside link text ('[![alt](img)](url)') is an image too.
                    for inner in _INLINE_LINK.finditer(m.group(2)):
                        add(inner.group(3), n, inner.group(1) == "!")
        if angle:
            for m in _AUTOLINK.finditer(line):
                add(m.group(1), n, False)
            for m in _HTML_ATTR.finditer(line):
                add(m.group(3).strip("\"'"), n, m.group(1).lower() == "img")
    return links, images


# ---- numbers ----------------------------------------------------------------------------

# Text that holds digits but is not prose: link targets, citation keys and locators (the
# citations module compares those), footnote labels, HTML tags, attribute lists, bare URLs,
# list-item numbers.
_NOT_PROSE: list[tuple[re.Pattern[str], str, str]] = [
    # (pattern, needle, needle): a line holding neither needle cannot match, so the pattern is not tried.
    (re.compile(r"\]\(\s*<?(?:[^()\s<>]|\([^()\s]*\))*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"), "](", "]("),  # (target)
    (re.compile(r"\[@[^\]]*\]"), "[@", "[@"),  # [@key, p. 12]
    # @key narrative citations; the lookbehind comes after the '@' (same meaning) so the regex engine
    # can jump from '@' to '@' instead of trying the lookbehind at every character.
    (re.compile(r"@(?<![\w\]]@)[A-Za-z0-9_][\w:.-]*"), "@", "@"),
    (re.compile(r"\[\^[^\]]*\]"), "[^", "[^"),  # [^1]
    (re.compile(r"<[^>\n]*>"), "<", "<"),  # tags, autolinks
    (re.compile(r"\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}"), "{", "{"),  # { #id .class key=value }
    (re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"), "://", "www."),
]
# "1. " ordered-list markers are not figures; up to 3 digits, so a line opening "2015. " keeps its year.
_ORDERED_MARKERS = re.compile(r"^\s*(?:\d{1,3}[.)]\s+)+")
_ITEM_THEN_MARKER = re.compile(r"^\s*(?:[-*+]|>)\s+\d{1,3}[.)]\s+")
# What the first of those needs to open a line (a digit), and the second (a list or quote mark).
_MARKER_LEAD = re.compile(r"\s*([\d*+>-])")
# 2,500 · 2 500 (no-break or thin space) · 2500 · 1.5 · .5 is not a number here (avoids '.5' in 'v1.5').
# Written as "a digit not preceded by [\w.,]" then the rest of (\d{1,3}(,\d{3})+ | \d+)(\.\d+)?, so that
# the regex engine can skip from digit to digit (a leading lookbehind would be tried at every character).
_NUMBER = re.compile(r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:[,\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))(?![\d])")


_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")


def canonical_number(text: str) -> str:
    """'2,500' / '2 500' / '2500.0' -> '2500'; '1.50' -> '1.5'; '007' -> '7'."""
    if len(text) <= 20 and text.isascii() and text.isdigit():
        return str(int(text))  # the usual case, a short whole number: what Decimal would give
    plain = re.sub(r"[,\u00a0\u202f\u2009]", "", text)
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return plain
    normal = value.normalize()
    return format(normal, "f") if normal == normal.to_integral() else str(normal)


def numbers(lines: list[str], first_line: int) -> list[Part]:
    """Every figure, percentage and year in the prose and headings, keyed by its value."""
    found: list[Part] = []
    ref_def = _REF_DEF
    for i, line in enumerate(lines):
        # An ASCII-only line can only hold ASCII digits, and [0-9] is the quicker search.
        if not (_ASCII_DIGIT if line.isascii() else _DIGIT).search(line) or ref_def.match(line):
            continue  # most lines hold no digit at all: skip the masking work
        text = line
        for pattern, needle, other_needle in _NOT_PROSE:
            if needle in text or other_needle in text:
                text = pattern.sub(_spaces, text)
        lead = _MARKER_LEAD.match(text)
        if lead is not None and lead.group(1) not in "-*+>":
            text = _ORDERED_MARKERS.sub(_spaces, text)
            lead = _MARKER_LEAD.match(text)
        if lead is not None and lead.group(1) in "-*+>":
            text = _ITEM_THEN_MARKER.sub(_spaces, text)
        for m in _NUMBER.finditer(text):
            found.append(Part(canonical_number(m.group(1)), first_line + i, m.group(1)))
    return found


# ---- tables -----------------------------------------------------------------------------

_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")


def _cells(line: str) -> int:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))


def tables(lines: list[str], first_line: int) -> list[Part]:
    """Pipe tables; key is 'ROWSxCOLUMNS' (body rows by columns)."""
    found: list[Part] = []
    i = 1
    while i < len(lines):
        header, sep = lines[i - 1], lines[i]
        if "|" in header and "|" in sep and _TABLE_SEP.match(sep) and header.strip():
            cols = _cells(sep)
            rows = 0
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows += 1
                j += 1
            found.append(Part(f"{rows}x{cols}", first_line + i - 1, f"{rows} rows × {cols} columns"))
            i = j + 1
            continue
        i += 1
    return found
