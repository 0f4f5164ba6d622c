"""An item as one line of a generated list: its title, type, summary and link, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from kb.publish.items import Item
from kb.sources.content import Lang
from kb.sources.urls import relative


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    type_label: str
    title: str
    summary: str
    href: str  # relative to the page that shows the list
    # The title's language when it is not the list's: a resource published only in English keeps
    # its English title on Welsh pages (WCAG 3.1.2, language of parts).
    title_lang: str | None = None


def entry(item: Item, lang: Lang, from_path: str) -> Entry | None:
    """The item seen from the page published at ``from_path``; None if it has no ``lang`` version."""
    if lang not in item.pages:
        return None
    facet = item.facets.get("languages")
    only = [t.id for t in facet.terms] if facet else []
    return Entry(
        item.id,
        item.type,
        item.type_label(lang),
        item.title(lang) or item.id,
        item.summary(lang) or "",
        relative(from_path, item.url_path(lang)),
        only[0] if len(only) == 1 and only[0] != lang else None,
    )


def by_title(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.title.casefold(), e.id))
