"""The navigation, built from the sources so contributors never edit a nav list by hand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kb.core.plaintext import html_text
from kb.sources.content import DEFAULT_LANG, Site, SourcePage

NavItem = str | dict[str, Any]


def _order(page: SourcePage) -> tuple[int, int, str]:
    is_index = page.rel.endswith("/index.md") and page.rel.count("/") == 1
    value = page.meta.get("order")
    order = value if isinstance(value, int) and not isinstance(value, bool) else 10_000
    return (0 if is_index else 1, order, page.rel)


def build_nav(site: Site, settings: Mapping[str, Any] | None) -> list[NavItem]:
    """MkDocs ``nav`` config: home, one section per configured folder, then other top pages.

    Built from the default language's pages; i18n maps each path to its Welsh file. A page that
    exists only in Welsh (translation pending in English) is listed too, so it is never hidden.
    ``settings``: data/navigation.yml (sections, max_listed).
    """
    raw = settings or {}
    sections: list[dict[str, str]] = raw.get("sections", [])
    max_listed = int(raw.get("max_listed", 10**9))
    rels: dict[str, SourcePage] = {}
    for page in site.pages:
        if page.rel not in rels or page.lang == DEFAULT_LANG:
            rels[page.rel] = page
    nav: list[NavItem] = []
    if "index.md" in rels:
        nav.append("index.md")
    placed = {"index.md"}
    for section in sections:
        folder = section["dir"].strip("/") + "/"
        members = sorted((p for rel, p in rels.items() if rel.startswith(folder)), key=_order)
        placed.update(p.rel for p in members)
        index = f"{folder}index.md"
        if len(members) > max_listed or (section.get("index_only") and index in rels):
            members = [rels[index]] if index in rels else members[:max_listed]
        if members:
            # Material prints section titles unescaped: hand it HTML text.
            nav.append({html_text(section["title"]): [p.rel for p in members]})
    nav.extend(sorted(rel for rel in rels if rel not in placed))
    return nav

