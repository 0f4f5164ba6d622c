"""The output plan: every address one build writes, decided before anything is written.

The published-URL promise (kb.checks.manifest), the stable page addresses the hooks give MkDocs,
the generated files and the built-site gates all read this one list, so they cannot disagree
about where something is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kb.publish.api import ITEMS_FILE, SCHEMA_FILE
from kb.publish.downloads import download_paths
from kb.publish.embeds import SIZES, embed_path, oembed_path
from kb.publish.feeds import feed_paths
from kb.publish.items import Item
from kb.publish.placeholders import PlaceholderPage
from kb.publish.redirects import Redirect, all_redirects
from kb.sources.content import LANGS, Lang, Site
from kb.sources.urls import page_path, with_lang

Kind = Literal["page", "placeholder", "embed", "oembed", "feed", "api", "download", "redirect"]
# What the site promises to keep (data/published-urls.txt): everything but oEmbed files and redirects.
PROMISED: frozenset[Kind] = frozenset({"page", "placeholder", "embed", "feed", "api", "download"})
# What the build generates itself, where no page or redirect may be written (kb.publish.reserved).
GENERATED: frozenset[Kind] = frozenset({"embed", "oembed", "feed", "api", "download"})


@dataclass(frozen=True)
class Output:
    path: str  # site-relative, as MkDocs writes it: 'cy/guides/x/', 'feed.xml'
    kind: Kind
    lang: Lang | None = None
    rel: str | None = None  # the source page's site path, for pages and placeholders


@dataclass(frozen=True)
class OutputPlan:
    outputs: tuple[Output, ...]

    def paths(self, kinds: frozenset[Kind] | None = None) -> set[str]:
        return {o.path for o in self.outputs if kinds is None or o.kind in kinds}

    def promised(self) -> set[str]:
        """The addresses the published-URL manifest should list."""
        return self.paths(PROMISED)

    def generated(self) -> set[str]:
        """The files the build writes itself besides pages and redirects: feeds, API, embeds, downloads."""
        return self.paths(GENERATED)

    def live(self) -> set[str]:
        """Every address that answers: the promised ones and the redirect pages."""
        return self.paths(PROMISED | {"redirect"})


def output_plan(site: Site, placeholders: list[PlaceholderPage], items: list[Item], redirects: list[Redirect]) -> OutputPlan:
    outputs: list[Output] = [Output(page_path(site, p.lang, p.rel), "page", p.lang, p.rel) for p in site.pages]
    # A page whose translation is pending is published in the other language too, as a bannered
    # placeholder (kb.publish.placeholders), at the address the translation will have.
    outputs += [Output(page_path(site, p.lang, p.rel), "placeholder", p.lang, p.rel) for p in placeholders]
    for item in items:
        for lang in item.langs():
            outputs.append(Output(embed_path(lang, item.id), "embed", lang))
            outputs += [Output(oembed_path(lang, item.id, size), "oembed", lang) for size in SIZES]
    for lang in LANGS:
        outputs += [Output(path, "feed", lang) for path in feed_paths(lang).values()]
    outputs += [Output(ITEMS_FILE, "api"), Output(SCHEMA_FILE, "api")]
    outputs += [Output(path, "download", lang) for path, lang in download_paths()]
    for r in all_redirects(redirects):
        outputs += [Output(with_lang(lang, r.source), "redirect", lang) for lang in LANGS]
    return OutputPlan(tuple(outputs))
