"""Related content: for a guide, case study or resource, the other items that share the most with it,
computed at build time, shown in the page's language.

What counts, and how much (shared terms of each field; a page citing a resource's own source):
a shared method says most about practice, a citation says the page relies on the resource, shared
legislation and themes say they are about the same thing. A guide is always shown at least one
case study or resource when any is related, so reading leads to practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.markdown.citations import CitationStyle, find_citations
from kb.publish.entries import Entry, entry
from kb.publish.items import Item
from kb.publish.templating import fragment
from kb.publish.uitext import UiText
from kb.sources.content import Lang

WEIGHTS = {"methods": 3, "legislation": 2, "themes": 1}
CITED = 4  # the page cites the resource's bibliography entry (or the resource cites the page's source)
MOST = 6
PER_TYPE = 4  # so a page full of related resources still shows the closest case study and guide
PRACTICE = ("case-study", "resource")


def _terms(item: Item, field_name: str) -> set[str]:
    facet = item.facets.get(field_name)
    return {t.id for t in facet.terms} if facet else set()


@dataclass(frozen=True)
class Profile:
    """What an item is about, for comparing it with others."""

    item: Item
    terms: dict[str, set[str]]
    cites: frozenset[str]  # bibliography keys its pages cite
    source: str | None  # a resource's own bibliography entry


def profile(item: Item, style: CitationStyle | None = None) -> Profile:
    page = item.pages.get("en") or next(iter(item.pages.values()))
    found = find_citations(page.body, style, page.scan.masked)  # the page's one scan (kb.markdown.scan)
    cites = frozenset(c.key for group in found.groups for c in group.cites)
    source = page.meta.get("source") if item.type == "resource" else None
    terms = {name: _terms(item, name) for name in WEIGHTS}
    return Profile(item, terms, cites, source if isinstance(source, str) else None)


def score(a: Profile, b: Profile) -> int:
    total = sum(weight * len(a.terms[name] & b.terms[name]) for name, weight in WEIGHTS.items())
    if (b.source and b.source in a.cites) or (a.source and a.source in b.cites):
        total += CITED
    return total


class RelatedIndex:
    """The profiles by what they share (terms, citations), so an item's related ones are found from
    the few that share something with it rather than by scoring every pair: linear in what is shared,
    not in the square of the items. Each item's scores are worked out once and kept (both languages'
    pages ask); :func:`score` is the same sum, pair by pair."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.profiles = profiles
        self._by_term: dict[tuple[str, str], list[int]] = {}
        self._citing: dict[str, list[int]] = {}  # bibliography key -> profiles whose pages cite it
        self._of_source: dict[str, list[int]] = {}  # bibliography key -> resources that are that source
        self._position: dict[int, int] = {}  # id(item) -> its first profile
        for i, found in enumerate(profiles):
            self._position.setdefault(id(found.item), i)
            for name in WEIGHTS:
                for term in found.terms.get(name, ()):
                    self._by_term.setdefault((name, term), []).append(i)
            for key in found.cites:
                self._citing.setdefault(key, []).append(i)
            if found.source:
                self._of_source.setdefault(found.source, []).append(i)
        self._scores: dict[int, list[tuple[int, int]]] = {}
        self._titles: dict[tuple[int, str], str] = {}

    def scored(self, target: Item) -> list[tuple[int, int]]:
        """(points, profile position) of every other item that shares something with ``target``."""
        mine_at = self._position.get(id(target))
        if mine_at is not None and mine_at in self._scores:
            return self._scores[mine_at]
        mine = self.profiles[mine_at] if mine_at is not None else profile(target)
        points: dict[int, int] = {}
        for name, weight in WEIGHTS.items():
            for term in mine.terms.get(name, ()):
                for j in self._by_term.get((name, term), ()):
                    points[j] = points.get(j, 0) + weight
        cited: set[int] = set()
        for key in mine.cites:
            cited.update(self._of_source.get(key, ()))
        if mine.source:
            cited.update(self._citing.get(mine.source, ()))
        for j in cited:
            points[j] = points.get(j, 0) + CITED
        found = [(n, j) for j, n in points.items() if n > 0 and self.profiles[j].item is not target]
        if mine_at is not None:
            self._scores[mine_at] = found
        return found

    def title_key(self, position: int, lang: Lang) -> str:
        key = (position, lang)
        if key not in self._titles:
            item = self.profiles[position].item
            self._titles[key] = (item.title(lang) or item.id).casefold()
        return self._titles[key]


def related(target: Item, profiles: list[Profile] | RelatedIndex, lang: Lang, from_path: str,
            most: int = MOST) -> list[Entry]:
    """Up to ``most`` items related to ``target`` with a version in ``lang``, closest first (ties by title)."""
    index = profiles if isinstance(profiles, RelatedIndex) else RelatedIndex(profiles)
    ranked = sorted(
        ((n, j) for n, j in index.scored(target) if lang in index.profiles[j].item.pages),
        key=lambda c: (-c[0], index.title_key(c[1], lang), c[1]),
    )
    items = [index.profiles[j].item for _, j in ranked]
    chosen: list[Item] = []
    per_type: dict[str, int] = {}
    for item in items:
        if len(chosen) == most:
            break
        if per_type.get(item.type, 0) < PER_TYPE:
            chosen.append(item)
            per_type[item.type] = per_type.get(item.type, 0) + 1
    if target.type == "guide" and chosen and not any(i.type in PRACTICE for i in chosen):
        practice = next((i for i in items if i.type in PRACTICE), None)
        if practice is not None:
            chosen[-1] = practice
    # Entries (with their addresses from this page) only for what is shown.
    return [e for e in (entry(item, lang, from_path) for item in chosen) if e is not None]


def related_section(entries: list[Entry], lang: Lang, ui: UiText) -> str:
    """The 'Related' block under a page, or '' when nothing is related."""
    if not entries:
        return ""
    return fragment("related.html", entries=entries, heading=ui("related_heading", lang))
