"""Refuse a page whose Markdown would take the converter (or any regular expression) too long.

Python-Markdown is quadratic or worse on some inputs far below the page-size limit: each '[' that
is never closed makes it scan the rest of the paragraph for a ']' (4,000 of them: 12 s), and so do
unclosed '](' link targets, unclosed '<tag' and unmatched backtick runs; a paragraph with tens of
thousands of inline marks is rebuilt once per mark. Nesting (lists, block quotes, emphasis, HTML
blocks) is handled by recursion and ends in a RecursionError a few hundred levels deep.

This is one linear pass over the body, run when a page is read, before anything else parses it.
It estimates the work the converter will do in each paragraph and the deepest nesting, and
refuses the page (with the line and what to change) beyond limits that no real guide or case
study comes near. ``bench/hostile_bench.py`` measures that what passes stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.core.messages import Message, msg
from kb.core.problem import Problem, problem, rule_message

RULES = ("too-complex",)

# Characters scanned for a closer, summed over the openers of a page: ~2 µs each at worst ('[').
MAX_SCAN = 1_500_000
# Inline marks × paragraph length, summed over paragraphs: the converter's rebuilds (~4 ns each).
MAX_REBUILD = 400_000_000
# Nesting of lists, block quotes and HTML blocks, and the longest run of emphasis marks.
MAX_DEPTH = 40
MAX_MARK_RUN = 40

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_BLANK = re.compile(r"\n[ \t]*\n")
_INLINE_MARKS = re.compile(r"[`*_\[\]<>&!\\{}]")
_OPEN_TAG = re.compile(r"<[A-Za-z/!?]")
_BACKTICK_RUN = re.compile(r"`+")
_EMPHASIS_RUN = re.compile(rf"[*_]{{{MAX_MARK_RUN + 1},}}")
# Leading container marks of a line: block quote '>', list markers, indentation.
_LEAD = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]+)*>?")
_UNIT_START = re.compile(r"\n(?=[ \t]*(?:\||[-*+>][ \t]|\d{1,9}[.)][ \t]))")
_BLOCK_TAG = re.compile(r"<(/?)(?:div|details|section|article|aside|blockquote|figure|table|ul|ol|dl)\b", re.I)


@dataclass(frozen=True)
class Finding:
    offset: int
    text: Message  # a KB102 too-complex message of the catalogue


def _fenced_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of closed fenced code blocks: the converter does no inline work there."""
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in _FENCE.finditer(body):
        fence = m.group(1)
        if opened is None:
            opened = (m.start(), fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]):
            line_end = body.find("\n", m.end())
            if body[m.end() : len(body) if line_end == -1 else line_end].strip() == "":
                spans.append((opened[0], len(body) if line_end == -1 else line_end))
                opened = None
    return spans


def code_ranges(body: str) -> list[tuple[int, int]]:
    """Sorted (start, end) offsets of closed fenced code blocks and code spans, found in linear time."""
    fenced = _fenced_spans(body)
    out: list[tuple[int, int]] = list(fenced)
    for start, end in _paragraphs(body):
        runs = list(_BACKTICK_RUN.finditer(body, start, end))
        next_same: list[int] = [-1] * len(runs)
        last: dict[int, int] = {}
        for k in range(len(runs) - 1, -1, -1):
            width = len(runs[k].group())
            next_same[k] = last.get(width, -1)
            last[width] = k
        k = 0
        while k < len(runs):
            closer = next_same[k]
            if runs[k].start() > 0 and body[runs[k].start() - 1] == "\\" or closer == -1:
                k += 1
                continue
            out.append((runs[k].start(), runs[closer].end()))
            k = closer + 1
    return sorted(out)


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines outside closed code fences."""
    fenced = _fenced_spans(body)
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*fenced, (len(body), len(body))]:
        chunk_start = pos
        for blank in _BLANK.finditer(body, pos, start):
            if blank.start() > chunk_start:
                out.append((chunk_start, blank.start()))
            chunk_start = blank.end()
        if start > chunk_start:
            out.append((chunk_start, start))
        pos = end
    return out


_SCAN_CHARS = re.compile(r"\\?\[|\]\(?|\)|>|<[A-Za-z/!?]")


def _scan_cost(text: str) -> tuple[int, str]:
    """Characters the converter scans looking for closers in one paragraph, and the worst opener."""
    n = len(text)
    costs = {"[": 0, "](": 0, "<": 0, "`": 0}
    stack: list[int] = []  # open '[' (an unclosed one is scanned to the end of the paragraph)
    parens: list[int] = []  # '](' waiting for ')'
    tags: list[int] = []  # '<tag' waiting for '>'
    for m in _SCAN_CHARS.finditer(text):
        token, i = m.group(), m.start()
        if token == "[":
            stack.append(i)
        elif token[0] == "]":
            if stack:
                costs["["] += i - stack.pop()
            if token == "](":
                parens.append(i)
        elif token == ")":
            costs["]("] += sum(i - j for j in parens)
            parens.clear()
        elif token == ">":
            costs["<"] += sum(i - j for j in tags)
            tags.clear()
        elif token[0] == "<":
            tags.append(i)
    costs["["] += sum(n - i for i in stack)
    costs["]("] += sum(n - i for i in parens)
    costs["<"] += sum(n - i for i in tags)
    # A backtick run is closed by the next run of the same length.
    next_run: dict[int, int] = {}
    for m in reversed(list(_BACKTICK_RUN.finditer(text))):
        width = len(m.group())
        costs["`"] += next_run.get(width, n) - m.start()
        next_run[width] = m.start()
    worst = max(costs, key=lambda k: costs[k])
    return sum(costs.values()), worst


_OPENER_NAMES = {
    "[": "terms.unclosed-brackets",
    "](": "terms.unclosed-links",
    "<": "terms.unclosed-tags",
    "`": "terms.unpaired-backticks",
}


def _depth_finding(body: str) -> Finding | None:
    """The first line nested deeper than MAX_DEPTH (containers, HTML blocks), or an emphasis run."""
    offset = 0
    for line in body.split("\n"):
        lead = _LEAD.match(line)
        width = lead.end() if lead else 0
        marks = line[:width].count(">") + len(re.findall(r"(?:[-*+]|\d{1,9}[.)])[ \t]", line[:width]))
        indent = len(line[:width].expandtabs(4)) - len(line[:width].expandtabs(4).lstrip(" "))
        if marks + indent // 2 > MAX_DEPTH:
            return Finding(offset, rule_message("too-complex", "nested-lines", depth=MAX_DEPTH))
        offset += len(line) + 1
    depth = 0
    for m in _BLOCK_TAG.finditer(body):
        depth += -1 if m.group(1) else 1
        if depth > MAX_DEPTH:
            return Finding(m.start(), rule_message("too-complex", "nested-html", depth=MAX_DEPTH))
        depth = max(depth, 0)
    run = _EMPHASIS_RUN.search(body)
    if run is not None:
        line_start = body.rfind("\n", 0, run.start()) + 1
        line_end = body.find("\n", run.end())
        line = body[line_start : len(body) if line_end == -1 else line_end]
        if line.strip(" \t*_-") != "":  # a line of only marks is a horizontal rule
            return Finding(run.start(), rule_message("too-complex", "emphasis-run", count=len(run.group())))
    return None


def check(body: str) -> list[Finding]:
    """What makes ``body`` too costly to convert (empty when it is fine). Linear in its length."""
    nesting = _depth_finding(body)
    if nesting is not None:
        return [nesting]
    scan = rebuild = 0
    worst: tuple[int, int, str] = (0, 0, "[")  # (cost, paragraph start, opener)
    worst_rebuild: tuple[int, int, int] = (0, 0, 0)  # (cost, paragraph start, marks)
    for start, end in _paragraphs(body):
        text = body[start:end]
        # Table rows and list items are converted one by one: each is its own unit of rebuilding.
        for unit in _UNIT_START.split(text):
            marks = len(_INLINE_MARKS.findall(unit))
            rebuild += marks * len(unit)
            if marks * len(unit) > worst_rebuild[0]:
                worst_rebuild = (marks * len(unit), start, marks)
        if not any(c in text for c in "[<`"):
            continue
        cost, opener = _scan_cost(text)
        scan += cost
        if cost > worst[0]:
            worst = (cost, start, opener)
    if scan > MAX_SCAN:
        _, start, opener = worst
        return [
            Finding(start, rule_message("too-complex", "unclosed", what=msg(_OPENER_NAMES[opener])))
        ]
    if rebuild > MAX_REBUILD:
        _, start, marks = worst_rebuild
        return [
            Finding(start, rule_message("too-complex", "too-many-marks", count=f"{marks:,}"))
        ]
    return []


def page_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """The too-complex problems of a page body whose first line is line ``body_line`` of ``path``."""
    return [
        problem("too-complex", path, body_line + body.count("\n", 0, f.offset), f.text)
        for f in check(body)
    ]


def too_deep(path: str, line: int) -> Problem:
    """The converter itself ran out of recursion depth on a page (nesting the linear pass missed)."""
    return problem("too-complex", path, line, "too-deep")
