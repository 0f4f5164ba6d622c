"""Welsh/English parity: every page exists in both languages and both versions say the same thing.

Three concerns, each reported as problems naming both files:
  pairing    every page has its counterpart, unless it declares its translation pending;
  structure  the same language-neutral front matter, heading outline, numbers, links, images, tables;
  freshness  neither side changed since the pair was last marked in step (kb/sources/translations.py).
The same pair states feed ``python -m kb parity`` and the parity page of the built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kb.core.messages import Message, Param, msg
from kb.core.problem import Problem, problem
from kb.markdown.textparts import Part, headings, links_and_images, numbers, tables
from kb.model import BuildModel
from kb.sources.content import (
    LANGS,
    Lang,
    SourcePage,
    other_lang,
    pending_since,
)
from kb.sources.pairs import PairStatus
from kb.sources.parity_config import ParityConfig

# A case-study template placeholder, [[like this]] (kb.checks.case_studies reports it).
_PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]*\]\]")

RULES = (
    "translation-missing",
    "translation-pending-stale",
    "parity-front-matter",
    "parity-headings",
    "parity-numbers",
    "parity-links",
    "parity-images",
    "parity-tables",
    "translation-outdated",
    "translation-unrecorded",  # retired: a new pair needs no command (never reported)
)

# ---- pairing ----------------------------------------------------------------------------


def _pairing_problems(status: PairStatus) -> list[Problem]:
    problems: list[Problem] = []
    if status.state == "missing":
        (lang, page), = status.pages.items()
        want = other_lang(lang)
        problems.append(
            problem(
                "translation-missing", page.path, 1, "no-counterpart",
                path=page.path, version=msg(f"terms.a-version-{want}"), expected=status.paths[want],
            )
        )
    if len(status.pages) == len(LANGS):
        for lang, page in status.pages.items():
            date = pending_since(page)
            if date:
                other = status.pages[other_lang(lang)]
                problems.append(
                    problem(
                        "translation-pending-stale", page.path, page.front.line_of("translation.pending"), "exists",
                        date=date, other=other.path,
                    )
                )
    return problems


# ---- structure --------------------------------------------------------------------------


@dataclass
class _Parts:
    page: SourcePage
    headings: list[Part]
    numbers: list[Part]
    links: list[Part]
    images: list[Part]
    tables: list[Part]


def extract(page: SourcePage, config: ParityConfig) -> _Parts:
    lines = page.scan.lines
    first = page.front.body_line
    links, images = links_and_images(lines, first, page.rel, config.links)
    return _Parts(page, headings(lines, first), numbers(lines, first), links, images, tables(lines, first))


def _where(page: SourcePage, line: int) -> str:
    return f"{page.path}:{line}"


def _neutral(value: Any) -> Any:
    """Lists of plain values compare as sets: the order of regions or themes says nothing."""
    if isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value):
        return sorted(map(str, value))
    return value


def _front_matter_problems(a: SourcePage, b: SourcePage, config: ParityConfig) -> list[Problem]:
    skip = config.language_specific_fields | config.per_file_fields
    problems: list[Problem] = []
    for key in sorted((set(a.meta) | set(b.meta)) - skip):
        va, vb = a.meta.get(key), b.meta.get(key)
        if _neutral(va) == _neutral(vb) or _PLACEHOLDER.search(repr(va)) or _PLACEHOLDER.search(repr(vb)):
            continue  # the same, or a template placeholder not yet replaced (KB066 says so, once)
        line_a = a.front.line_of(key) if key in a.meta else max(1, a.front.body_line - 1)
        line_b = b.front.line_of(key) if key in b.meta else max(1, b.front.body_line - 1)
        shown_a: Param = repr(va) if key in a.meta else msg("terms.nothing")
        shown_b: Param = repr(vb) if key in b.meta else msg("terms.nothing")
        problems.append(
            problem(
                "parity-front-matter", a.path, line_a, "differs",
                key=key, here=shown_a, there=shown_b, other=_where(b, line_b),
                fields=", ".join(sorted(config.language_specific_fields)),
            )
        )
    return problems


def _outline(parts: list[Part]) -> Param:
    counts: dict[str, int] = {}
    for p in parts:
        counts[p.key] = counts.get(p.key, 0) + 1
    return ", ".join(f"{n} × h{level}" for level, n in sorted(counts.items())) or msg("terms.no-headings")


def _position(parts: _Parts, line: int) -> float:
    """Where a line lies in the body, from 0 (top) to 1 (end): comparable across languages."""
    size = max(1, len(parts.page.body.split("\n")))
    return (line - parts.page.front.body_line) / size


def _odd_one_out(longer: _Parts, shorter: _Parts) -> int | None:
    """Index of the one heading of ``longer`` whose removal gives ``shorter``'s outline, if any.

    When several would do (two h2s, one deleted), the one whose removal keeps the remaining
    headings at the most similar places in both files is the likely one.
    """
    keys = [h.key for h in longer.headings]
    target = [h.key for h in shorter.headings]
    best: tuple[float, int] | None = None
    for i in range(len(keys)):
        if keys[:i] + keys[i + 1 :] != target:
            continue
        rest = longer.headings[:i] + longer.headings[i + 1 :]
        cost = sum(abs(_position(longer, x.line) - _position(shorter, y.line)) for x, y in zip(rest, shorter.headings, strict=True))
        if best is None or cost < best[0]:
            best = (cost, i)
    return best[1] if best else None


def _heading_problems(a: _Parts, b: _Parts) -> list[Problem]:
    la, lb = [h.key for h in a.headings], [h.key for h in b.headings]
    if la == lb:
        return []
    k = next((i for i in range(min(len(la), len(lb))) if la[i] != lb[i]), min(len(la), len(lb)))
    if abs(len(la) - len(lb)) == 1:
        longer, shorter = (a, b) if len(la) > len(lb) else (b, a)
        odd = _odd_one_out(longer, shorter)
        if odd is not None:
            h = longer.headings[odd]
            after = shorter.headings[odd - 1].line if odd > 0 else shorter.page.front.body_line
            return [
                problem(
                    "parity-headings", a.page.path, h.line if longer is a else after, "one-extra",
                    other_path=b.page.path, here_outline=_outline(a.headings), there_outline=_outline(b.headings),
                    where=f"{longer.page.path}:{h.line}", level=h.key, heading=h.shown, shorter=shorter.page.path,
                    after=after,
                )
            ]

    def at(parts: _Parts) -> tuple[int, Message]:
        if k < len(parts.headings):
            h = parts.headings[k]
            return h.line, msg("terms.heading-at", level=h.key, heading=h.shown, line=h.line)
        last = parts.headings[-1].line if parts.headings else parts.page.front.body_line
        return last, msg("terms.heading-none", number=k + 1, line=last)

    line_a, what_a = at(a)
    line_b, what_b = at(b)
    return [
        problem(
            "parity-headings", a.page.path, line_a, "first-difference",
            other_path=b.page.path, here_outline=_outline(a.headings), there_outline=_outline(b.headings),
            number=k + 1, what_here=what_a, what_there=what_b,
        )
    ]


def _section_start(parts: _Parts, line: int, other: _Parts) -> int:
    """The line in ``other`` where the section holding ``line`` in ``parts`` starts (same outline)."""
    index = sum(1 for h in parts.headings if h.line <= line)
    if index == 0 or [h.key for h in parts.headings] != [h.key for h in other.headings]:
        return other.page.front.body_line
    return other.headings[index - 1].line


def _set_problems(
    rule: str, have: _Parts, lack: _Parts, items: list[Part], other_items: list[Part], config: ParityConfig
) -> list[Problem]:
    """Problems for items of ``have`` missing from ``lack``, reported in ``lack`` (where the fix usually goes)."""
    present = {p.key for p in other_items}
    problems: list[Problem] = []
    seen: set[str] = set()
    for part in items:
        if part.key in present or part.key in seen or config.allowed(have.page.rel, rule, part.shown):
            continue
        seen.add(part.key)
        line = _section_start(have, part.line, lack)
        problems.append(
            problem(rule, lack.page.path, line, "not-here", value=part.shown, where=_where(have.page, part.line), line=line)
        )
    return problems


def _table_problems(a: _Parts, b: _Parts) -> list[Problem]:
    ka, kb = [t.key for t in a.tables], [t.key for t in b.tables]
    if ka == kb:
        return []
    k = next((i for i in range(min(len(ka), len(kb))) if ka[i] != kb[i]), min(len(ka), len(kb)))

    def at(parts: _Parts) -> tuple[int, Message]:
        if k < len(parts.tables):
            t = parts.tables[k]
            rows, _, cols = t.key.partition("x")
            return t.line, msg("terms.table-at", rows=rows, cols=cols, line=t.line)
        return parts.page.front.body_line, msg("terms.table-none")

    line_a, what_a = at(a)
    _, what_b = at(b)
    return [
        problem(
            "parity-tables", a.page.path, line_a, "differs",
            other_path=b.page.path, here_count=len(ka), there_count=len(kb), number=k + 1, what_here=what_a, what_there=what_b,
        )
    ]


def structure_problems(pages: dict[Lang, SourcePage], config: ParityConfig, primary: Lang = "cy") -> list[Problem]:
    """Every structural difference between the two versions of one page.

    One-sided differences (a heading outline, a table, a front-matter field) are reported in the
    ``primary`` file and name the other; differences in sets (numbers, links, images) are reported
    in the file that lacks the item.
    """
    a_page, b_page = pages[primary], pages[other_lang(primary)]
    if a_page.text is None or b_page.text is None:
        return []
    a, b = extract(a_page, config), extract(b_page, config)
    problems = _front_matter_problems(a_page, b_page, config)
    problems += _heading_problems(a, b)
    problems += _table_problems(a, b)
    for x, y in ((a, b), (b, a)):
        problems += _set_problems("parity-numbers", x, y, x.numbers, y.numbers, config)
        problems += _set_problems("parity-links", x, y, x.links, y.links, config)
        problems += _set_problems("parity-images", x, y, x.images, y.images, config)
    return problems


# ---- freshness --------------------------------------------------------------------------


def _freshness_problems(status: PairStatus, config: ParityConfig) -> list[Problem]:
    """A side changed since the pair was marked in step (KB048). A pair never marked is not a
    problem: a new pair needs no command, and is recorded when it reaches main (KB049 retired)."""
    problems: list[Problem] = []
    both = len(status.changes) == 2
    for change in status.changes:
        other = status.pages[other_lang(change.lang)]
        severity = config.severity_for_outdated(status.rel)
        key = "both-changed" if both else "one-changed"
        if change.old is None:  # git history does not have the text as marked: say so, not what changed
            problems.append(
                problem(
                    "translation-outdated", change.path, change.first_line, f"{key}-unseen",
                    severity=severity, path=change.path, other=other.path, date=status.marked or "",
                )
            )
            continue
        what = change.summary(config.diff_lines_in_message)
        problems.append(
            problem(
                "translation-outdated", change.path, change.first_line, key,
                severity=severity, path=change.path, other=other.path, date=status.marked or "", what=what,
            )
        )
    return problems


def _primary(status: PairStatus) -> Lang:
    # A one-sided difference is reported in the side that changed since the pair was in step (the
    # edit that broke parity), else in the Welsh file; either way the message names both files.
    if len(status.changes) == 1:
        return status.changes[0].lang
    return "cy"


def check(model: BuildModel) -> list[Problem]:
    config, lock = model.data.parity, model.data.lock
    problems = list(config.problems) + list(lock.problems)
    for status in model.pairs:
        problems += _pairing_problems(status)
        if len(status.pages) == len(LANGS):
            problems += structure_problems(status.pages, config, _primary(status))
        problems += _freshness_problems(status, config)
    return problems
