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


def related(target: Item, profiles: list[Profile], lang: Lang, from_path: str, most: int = MOST) -> list[Entry]:
    """Up to ``most`` items related to ``target`` with a version in ``lang``, closest first."""
    mine = next((p for p in profiles if p.item is target), None) or profile(target)
    scored: list[tuple[int, str, Entry]] = []
    for other in profiles:
        if other.item is target or lang not in other.item.pages:
            continue
        points = score(mine, other)
        found = entry(other.item, lang, from_path)
        if points > 0 and found is not None:
            scored.append((points, found.title.casefold(), found))
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen: list[Entry] = []
    per_type: dict[str, int] = {}
    for _, _, found in scored:
        if len(chosen) == most:
            break
        if per_type.get(found.type, 0) < PER_TYPE:
            chosen.append(found)
            per_type[found.type] = per_type.get(found.type, 0) + 1
    if target.type == "guide" and chosen and not any(e.type in PRACTICE for e in chosen):
        practice = next((e for _, _, e in scored if e.type in PRACTICE), None)
        if practice is not None:
            chosen[-1] = practice
    return chosen


def related_section(entries: list[Entry], lang: Lang, ui: UiText) -> str:
    """The 'Related' block under a page, or '' when nothing is related."""
    if not entries:
        return ""
    return fragment("related.html", entries=entries, heading=ui("related_heading", lang))
