"""The sources read once per build and shared by every hook module and language pass.

Not a hook itself. i18n re-runs the build per language; reading and checking the sources once,
in the outer pass, keeps the build near-linear and every pass consistent.
"""

from __future__ import annotations

from pathlib import Path

from kb.publish.items import Item, load_items
from kb.publish.placeholders import PlaceholderPage, placeholder_pages
from kb.sources.content import Asset, Site, SourcePage, load_site

_site: Site | None = None
_by_virtual: dict[str, SourcePage | Asset] = {}
# Pages whose translation is pending, published in the other language with a banner (kb.publish.placeholders).
_placeholders: list[PlaceholderPage] = []


def load(root: Path) -> Site:
    global _site, _by_virtual, _placeholders
    _site = load_site(root)
    _by_virtual = {p.virtual_src: p for p in _site.pages}
    _by_virtual.update({a.rel: a for a in _site.assets})
    _placeholders = placeholder_pages(_site)
    _by_virtual.update({p.virtual_src: p for p in _placeholders})
    return _site


def current() -> Site:
    if _site is None:
        raise RuntimeError("the knowledge-base sources were not loaded (is hooks/i18n_mount.py first in mkdocs.yml?)")
    return _site


def by_virtual() -> dict[str, SourcePage | Asset]:
    return _by_virtual


def placeholders() -> list[PlaceholderPage]:
    return _placeholders


# Guides, case studies and resources as items (kb.publish.items), once per loaded Site; held with
# the Site itself, not its id(): `mkdocs serve` reloads the Site and a new object may reuse an id.
_items: tuple[Site, list[Item]] | None = None


def items() -> list[Item]:
    global _items
    site = current()
    if _items is None or _items[0] is not site:
        _items = (site, load_items(site))
    return _items[1]
