"""The parts of a Markdown page that must match across languages: headings, numbers, links, images, tables.

Line-oriented on purpose: every part keeps the 1-based line of the real file it came from, so a
parity problem can name the line in both files. Code (fenced and inline) and HTML comments are
blanked out first, keeping line numbers, because they are not translated prose.
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


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _blank(match: re.Match[str]) -> str:
    # Keep newlines so line numbers survive.
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> list[str]:
    """Body lines with fenced code, inline code and HTML comments blanked (same line count)."""
    body = _COMMENT.sub(_blank, body)
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append("")
            continue
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            out.append("")
            continue
        out.append(_INLINE_CODE.sub(_blank, line))
    return out


# ---- headings ---------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_OR_BLOCK = re.compile(r"^\s*([-*+>]|\d+[.)]|\||!!!|\?\?\?)")


def headings(lines: list[str], first_line: int) -> list[Part]:
    """ATX ('## x') and setext (underlined) headings; key is the level as text."""
    found: list[Part] = []
    for i, line in enumerate(lines):
        m = _ATX.match(line)
        if m:
            text = re.sub(r"\s+#+\s*$", "", m.group(2) or "").strip()
            found.append(Part(str(len(m.group(1))), first_line + i, text))
            continue
        s = _SETEXT.match(line)
        if s and i > 0 and lines[i - 1].strip() and not _LIST_OR_BLOCK.match(lines[i - 1]):
            prev = lines[i - 1]
            if _ATX.match(prev) or _SETEXT.match(prev) or (i > 1 and lines[i - 2].strip()):
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
    path = _LANG_FILE.sub(r"\1", path)
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
        n = first_line + i
        ref = _REF_DEF.match(line)
        if ref:
            add(ref.group(2), n, False)
            continue
        for m in _INLINE_LINK.finditer(line):
            add(m.group(3), n, m.group(1) == "!")
            # An image inside link text ('[![alt](img)](url)') is an image too.
            for inner in _INLINE_LINK.finditer(m.group(2)):
                add(inner.group(3), n, inner.group(1) == "!")
        for m in _AUTOLINK.finditer(line):
            add(m.group(1), n, False)
        for m in _HTML_ATTR.finditer(line):
            add(m.group(3).strip("\"'"), n, m.group(1).lower() == "img")
    return links, images


# ---- numbers ----------------------------------------------------------------------------

# Text that holds digits but is not prose: link targets, citation keys and locators (the
# citations module compares those), footnote labels, HTML tags, attribute lists, bare URLs,
# list-item numbers.
_NOT_PROSE = [
    re.compile(r"\]\(\s*<?(?:[^()\s<>]|\([^()\s]*\))*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"),  # (target)
    re.compile(r"\[@[^\]]*\]"),  # [@key, p. 12]
    re.compile(r"(?<![\w\]])@[A-Za-z0-9_][\w:.-]*"),  # @key narrative citations
    re.compile(r"\[\^[^\]]*\]"),  # [^1]
    re.compile(r"<[^>\n]*>"),  # tags, autolinks
    re.compile(r"\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}"),  # { #id .class key=value }
    re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"),
    # "1. " ordered-list markers are not figures; up to 3 digits, so a line opening "2015. " keeps its year.
    re.compile(r"^\s*(?:\d{1,3}[.)]\s+)+"),
    re.compile(r"^\s*(?:[-*+]|>)\s+\d{1,3}[.)]\s+"),
]
# 2,500 · 2 500 (no-break or thin space) · 2500 · 1.5 · .5 is not a number here (avoids '.5' in 'v1.5').
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])")


_DIGIT = re.compile(r"\d")


def canonical_number(text: str) -> str:
    """'2,500' / '2 500' / '2500.0' -> '2500'; '1.50' -> '1.5'; '007' -> '7'."""
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
        if not _DIGIT.search(line) or ref_def.match(line):
            continue  # most lines hold no digit at all: skip the masking work
        text = line
        for pattern in _NOT_PROSE:
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
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
