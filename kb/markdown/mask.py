"""What Markdown shows as code, blanked out so that checks read only prose.

Blanking keeps every offset and line: a problem found in the masked text is at the same place in
the real file.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+\S")
_CONTAINER = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]")  # admonitions: content indented 4
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TICKS = re.compile(r"`+")


def _blank(text: str) -> str:
    """Same length and newlines, no content: offsets and line numbers survive masking."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with code blocks, code spans and HTML comments blanked out.

    Python-Markdown indents list and admonition content by 4 spaces, so inside those an
    indented code block needs 8; elsewhere 4 after a blank line. Finding citations and checking
    quotations both need it for the same body, so the last few results are kept.
    """
    return _mask_code_cached(body)


@lru_cache(maxsize=8)
def _mask_code_cached(body: str) -> str:
    lines = body.split("\n")
    out: list[str] = []
    fence: str | None = None
    in_container = False
    prev_blank = True
    in_indented_code = False
    fence_match, list_match, container_match = _FENCE.match, _LIST_ITEM.match, _CONTAINER.match
    for line in lines:
        stripped = line.strip()
        if fence is not None:
            out.append(" " * len(line))
            m = fence_match(line)
            # A closing fence: the same character, at least as long, nothing after it.
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and stripped == m.group(1)[0] * len(stripped)
            ):
                fence = None
            prev_blank = False
            continue
        if not stripped:
            out.append(line)
            prev_blank = True
            continue
        m = fence_match(line) if ("`" in line or "~" in line) else None
        if m:
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

