"""Where a label links: a guide's theme, legislation or sector opens the filtered list of resources
or case studies that share it, in the page's language, so a label is a way in, not a dead end.

A term links to the first list (in the order below) in which some item has it: a link that opens
an empty list would be a broken promise.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.publish.items import Item
from kb.sources.content import Lang, Site
from kb.sources.urls import relative, with_lang

# Front-matter field -> the lists that can filter by it: (content type, list folder, query name).
LISTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "themes": (("resource", "resources", "theme"), ("case-study", "case-studies", "theme")),
    "legislation": (("resource", "resources", "legislation"),),
    "sectors": (("case-study", "case-studies", "sector"),),
    "methods": (("resource", "resources", "method"), ("case-study", "case-studies", "method")),
}


def terms_in_use(items: list[Item], lang: str) -> dict[tuple[str, str], set[str]]:
    """(content type, field) -> the term ids its items in ``lang`` use (the same for every page of a
    build: the model keeps it, see BuildModel.terms_in_use)."""
    out: dict[tuple[str, str], set[str]] = {}
    for item in items:
        if lang not in item.pages:
            continue
        for name, facet in item.facets.items():
            out.setdefault((item.type, name), set()).update(t.id for t in facet.terms)
    return out


def list_folders(site: Site, lang: Lang) -> set[str]:
    """The list folders with a list page in ``lang`` ('resources', 'case-studies')."""
    folders = {folder for lists in LISTS.values() for _, folder, _ in lists}
    return {f for f in folders if site.get(lang, f"{f}/index.md") is not None}


def list_linker(items: list[Item], lang: str, from_path: str, folders: set[str],
                present: dict[tuple[str, str], set[str]] | None = None) -> Callable[[str, str], str | None]:
    """``link(field, term_id)`` for labels on the page published at ``from_path`` (lang-prefixed),
    to the lists in ``folders`` (those that have a list page: see list_folders). ``present``: the
    build's :func:`terms_in_use` for ``lang``, worked out once rather than from every item per page."""
    if present is None:
        present = terms_in_use(items, lang)

    def link(field_name: str, term_id: str) -> str | None:
        for type_name, folder, param in LISTS.get(field_name, ()):
            if folder in folders and term_id in present.get((type_name, field_name), set()):
                return f"{relative(from_path, with_lang(lang, folder + '/'))}?{param}={term_id}"
        return None

    return link
