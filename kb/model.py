"""The build model: everything one build knows, loaded once and handed to every check, renderer and hook.

    sources (kb.sources.content: every page read and its front matter parsed once)
  + data files (kb.sources.data.DataFiles: each file read once, on first use)
  = BuildModel, with the views derived from them, each computed once, on first use:
    pairs (English/Welsh pair states), items (guides and case studies with both languages),
    placeholders (pages published in the language their translation is pending in),
    redirects, the published-URL manifest, and the output plan (every address the build writes).

Checks (kb.checks) take a BuildModel and return problems; renderers (kb.publish) take the parts of
it they need; the MkDocs hooks hold one per build (hooks/_i18n_bridge.py). A new build gets a new
model, so nothing in it is ever stale and nothing needs invalidating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kb.core.problem import Problem
from kb.publish.items import Item, load_items
from kb.publish.label_links import terms_in_use
from kb.publish.labels import Labeller
from kb.publish.method_pages import pages_by_lang as method_pages_by_lang
from kb.publish.placeholders import PlaceholderPage, placeholder_pages
from kb.publish.plan import OutputPlan, output_plan
from kb.publish.redirects import Redirect, load_redirects
from kb.publish.related import Profile, RelatedIndex, profile
from kb.publish.resource_pages import by_source as resources_by_source
from kb.publish.uitext import UiText, ui_text
from kb.sources.content import Site, load_site
from kb.sources.data import PUBLISHED_URLS, REDIRECTS, DataFiles
from kb.sources.manifest import ManifestEntry, parse_manifest
from kb.sources.pairs import PairStatus, statuses


@dataclass
class BuildModel:
    site: Site
    data: DataFiles
    _ui: dict[str, UiText] = field(default_factory=dict, repr=False)
    _terms_in_use: dict[str, dict[tuple[str, str], set[str]]] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> Path:
        return self.site.root

    @cached_property
    def pairs(self) -> list[PairStatus]:
        """Every page path with its English and Welsh versions and their state."""
        return statuses(self.site, self.data.lock, self.data.parity)

    @cached_property
    def placeholders(self) -> list[PlaceholderPage]:
        return placeholder_pages(self.site, self.data.parity)

    @cached_property
    def items(self) -> list[Item]:
        return load_items(self.site, self.data.vocabularies, self.data.facet_fields)

    @cached_property
    def _items_by_rel(self) -> dict[str, Item]:
        return {page.rel: item for item in self.items for page in item.pages.values()}

    @cached_property
    def related_profiles(self) -> list[Profile]:
        """What each item is about (terms, citations), for related content on every item's page."""
        return [profile(item, self.data.citation_style) for item in self.items]

    @cached_property
    def related_index(self) -> RelatedIndex:
        """The profiles by what they share, and each item's related items once worked out."""
        return RelatedIndex(self.related_profiles)

    def terms_in_use(self, lang: str) -> dict[tuple[str, str], set[str]]:
        """(content type, field) -> the term ids the items in ``lang`` use, once per language."""
        if lang not in self._terms_in_use:
            self._terms_in_use[lang] = terms_in_use(self.items, lang)
        return self._terms_in_use[lang]

    @cached_property
    def method_pages(self) -> dict[str, frozenset[str]]:
        """Language -> the methods with a page in it (their labels link there)."""
        return method_pages_by_lang(self.site)

    @cached_property
    def resources_by_source(self) -> dict[str, Item]:
        """Bibliography key -> the resource page describing it (references link there)."""
        return resources_by_source(self.items)

    def item_at(self, rel: str) -> Item | None:
        """The guide or case study whose source is at site path ``rel``, if it is one."""
        return self._items_by_rel.get(rel)

    @cached_property
    def _redirects(self) -> tuple[list[Redirect], list[Problem]]:
        return load_redirects(self.site, self.data.decoded(REDIRECTS), self.data.node(REDIRECTS))

    @property
    def redirects(self) -> list[Redirect]:
        """data/redirects.yml, resolved against the pages (embed-card redirects not included)."""
        return self._redirects[0]

    @property
    def redirect_problems(self) -> list[Problem]:
        return self._redirects[1]

    @cached_property
    def _manifest(self) -> tuple[list[ManifestEntry], list[Problem]]:
        return parse_manifest(self.data.decoded(PUBLISHED_URLS))

    @property
    def manifest(self) -> list[ManifestEntry]:
        """Every address ever published (data/published-urls.txt)."""
        return self._manifest[0]

    @property
    def manifest_problems(self) -> list[Problem]:
        return self._manifest[1]

    @cached_property
    def plan(self) -> OutputPlan:
        """Every address the build writes: pages, placeholders, embeds, feeds, the API, redirects."""
        return output_plan(self.site, self.placeholders, self.items, self.redirects)

    @cached_property
    def labeller(self) -> Labeller:
        return Labeller(self.data.facet_fields, self.data.vocabularies)

    def ui(self, rel: str) -> UiText:
        """The interface strings of data/ui file ``rel`` ('data/ui/library.yml')."""
        if rel not in self._ui:
            self._ui[rel] = ui_text(rel, self.data.yaml(rel))
        return self._ui[rel]


def load_model(root: Path) -> BuildModel:
    """Read every source page under ``root``; data files and views load when first used."""
    return BuildModel(load_site(root), DataFiles(root))
