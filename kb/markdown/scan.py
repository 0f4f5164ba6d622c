"""One scan of a page body, shared by every check: which parts are code, and the prose that is left.

The one notion of code is Python-Markdown's, the converter the build renders with: fenced blocks
(``` and ~~~, indented inside list items as pymdownx.superfences allows), indented code blocks (four
spaces; eight inside list items and admonitions, whose content Python-Markdown indents by four),
code spans, and HTML comments. They are blanked out keeping every offset and line, so a check that
reads the masked text sees only what readers see as prose and reports the real line. The
safe-HTML check judges the rendered HTML of the same converter (kb.markdown.render), and
tests/test_scan.py checks this masker against that converter's output on the cases that matter.

Why not markdown-it-py's tokens and line maps: CommonMark is a third opinion. Its list items take
the indentation of their marker where Python-Markdown wants four spaces, and it has no admonitions,
so it would call code what the build shows as text (and the reverse) exactly where it matters.
Why not Python-Markdown's own tree: it keeps no line numbers (its preprocessors replace fenced code
and raw HTML with placeholders), and every problem must name its line.

Each page is scanned once (``SourcePage.scan``); citations, quotations, parity (headings, figures,
links, images, tables) and the case-study checks all read that scan.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+\S")
_CONTAINER = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]")  # admonitions: content indented 4
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TICKS = re.compile(r"`+")


def _blank(text: str) -> str:
    """Same length and newlines, no content: offsets and line numbers survive masking."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with code blocks, code spans and HTML comments blanked out (same offsets and lines).

    Python-Markdown indents list and admonition content by 4 spaces, so inside those an
    indented code block needs 8; elsewhere 4 after a blank line.
    """
    lines = body.split("\n")
    out: list[str] = []
    fence: str | None = None
    in_container = False
    prev_blank = True
    in_indented_code = False
    fence_match, list_match, container_match = _FENCE.match, _LIST_ITEM.match, _CONTAINER.match

    def closes(line: str, fence: str) -> bool:
        """A closing fence: the same character, at least as long, nothing after it."""
        m = fence_match(line)
        stripped = line.strip()
        return bool(
            m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and stripped == fence[0] * len(stripped)
        )

    # For each fence character, the longest closing fence at or after each line (one pass from the end),
    # so whether an opening fence is ever closed is a look-up, not a scan of the rest of the page.
    longest_after: dict[str, list[int]] = {"`": [0] * (len(lines) + 1), "~": [0] * (len(lines) + 1)}
    for index in range(len(lines) - 1, -1, -1):
        for after in longest_after.values():
            after[index] = after[index + 1]
        line = lines[index]
        if ("`" in line or "~" in line) and (m := fence_match(line)) and closes(line, m.group(1)):
            after = longest_after[m.group(1)[0]]
            after[index] = max(after[index], len(m.group(1)))

    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            out.append(" " * len(line))
            if closes(line, fence):
                fence = None
            prev_blank = False
            continue
        if not stripped:
            out.append(line)
            prev_blank = True
            continue
        m = fence_match(line) if ("`" in line or "~" in line) else None
        # A fence that is never closed is text to the converter (pymdownx.superfences), so here too.
        if m and longest_after[m.group(1)[0]][index + 1] >= len(m.group(1)):
            fence = m.group(1)
            out.append(" " * len(line))
            prev_blank = False
            continue
        first = line[0]
        if first == " " or first == "\t":
            expanded = line.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip(" "))
        else:
            indent = 0
        opens_container = bool(list_match(line) or container_match(line))
        if indent == 0 and not opens_container:
            in_container = False
        if opens_container:
            in_container = True
        code_indent = 8 if in_container else 4
        if indent >= code_indent and (prev_blank or in_indented_code):
            in_indented_code = True
            out.append(" " * len(line))
        else:
            in_indented_code = False
            out.append(line)
        prev_blank = False
    masked = "\n".join(out)
    if "<!--" in masked:
        masked = _COMMENT.sub(lambda m: _blank(m.group(0)), masked)
    return _mask_spans(masked) if "`" in masked else masked


def _mask_spans(text: str) -> str:
    """Blank out `code spans` (a run of backticks closed by a run of the same length)."""
    chars = list(text)
    pos = 0
    while True:
        m = _TICKS.search(text, pos)
        if not m:
            break
        ticks = m.group(0)
        # A span never crosses a blank line (the paragraph ends there).
        close = re.compile(rf"(?<!`){ticks}(?!`)")
        end_para = re.search(r"\n[ \t]*\n", text[m.end() :])
        limit = m.end() + end_para.start() if end_para else len(text)
        c = close.search(text, m.end(), limit)
        if not c:
            pos = m.end()
            continue
        for i in range(m.start(), c.end()):
            if chars[i] != "\n":
                chars[i] = " "
        pos = c.end()
    return "".join(chars)


@dataclass
class MarkdownScan:
    """A page body and what the checks read from it, computed once, on first use."""

    body: str
    first_line: int = 1  # the body's first line in the real file
    masked: str = field(init=False)

    def __post_init__(self) -> None:
        self.masked = mask_code(self.body)

    @cached_property
    def lines(self) -> list[str]:
        """The masked body's lines (line i is the file's line first_line + i)."""
        return self.masked.split("\n")

    @cached_property
    def _line_starts(self) -> list[int]:
        return [m.end() for m in re.finditer("\n", self.body)]

    def line(self, offset: int) -> int:
        """The real file's line of an offset in the body."""
        return self.first_line + bisect.bisect_right(self._line_starts, offset)


def scan(body: str, first_line: int = 1) -> MarkdownScan:
    return MarkdownScan(body, first_line)
