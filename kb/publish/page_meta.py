"""What every page's <head> says about it to other sites: link previews and discovery links.

Open Graph and Twitter card tags make a shared link show a proper preview; autodiscovery links
let feed readers find the feeds; an oEmbed link lets a partner's CMS turn a pasted guide or case
study address into its embed card. The template (overrides/partials/kb-head-links.html) only
prints what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.publish.embeds import DEFAULT, SIZES, embed_path, iframe_html, oembed_path, size_label
from kb.publish.embeds import TEXT as EMBED_TEXT
from kb.publish.feeds import feed_paths
from kb.publish.items import Item, SiteInfo
from kb.sources.content import LANGS, Lang
from kb.sources.urls import absolute, relative

OG_LOCALES: dict[str, str] = {"en": "en_GB", "cy": "cy_GB"}
FEED_TITLES: dict[str, dict[str, str]] = {
    "en": {"rss": "{site} (RSS)", "json": "{site} (JSON Feed)"},
    "cy": {"rss": "{site} (RSS)", "json": "{site} (JSON Feed)"},
}
FEED_TYPES = {"rss": "application/rss+xml", "json": "application/feed+json"}


@dataclass(frozen=True)
class EmbedSize:
    name: str  # 'wide', 'narrow'
    label: str  # 'Wide card, 560 × 280 pixels, ...'
    code: str


@dataclass
class EmbedControl:
    label: str
    intro: str
    code_label: str
    code: str  # the default (wide) size's HTML
    preview_label: str
    preview_href: str
    sizes: list[EmbedSize] = field(default_factory=list)


@dataclass
class PageMeta:
    lang: str
    title: str
    description: str
    canonical: str
    og_type: str
    og_locale: str
    og_locale_alternates: list[str]
    site_name: str
    feeds: list[dict[str, str]] = field(default_factory=list)
    oembed: dict[str, str] | None = None
    # Every size's oEmbed file, the default first (discovery links).
    oembeds: list[dict[str, str]] = field(default_factory=list)
    embed: EmbedControl | None = None


def page_meta(
    lang: Lang,
    path: str,
    title: str,
    summary: str | None,
    info: SiteInfo,
    item: Item | None = None,
    other_langs: list[str] | None = None,
) -> PageMeta:
    """Head metadata for the page published at ``path`` (lang-prefixed, site-relative)."""
    alternates = other_langs if other_langs is not None else [x for x in LANGS if x != lang]
    feeds = [
        {
            "type": FEED_TYPES[kind],
            "href": absolute(info.url, feed_path),
            "title": FEED_TITLES[lang][kind].format(site=info.name(lang)),
        }
        for kind, feed_path in feed_paths(lang).items()
    ]
    meta = PageMeta(
        lang=lang,
        title=title,
        description=" ".join((summary or info.description(lang)).split()),
        canonical=absolute(info.url, path),
        og_type="article" if item else "website",
        og_locale=OG_LOCALES.get(lang, lang),
        og_locale_alternates=[OG_LOCALES.get(x, x) for x in alternates],
        site_name=info.name(lang),
        feeds=feeds,
    )
    if item is not None and lang in item.pages:
        title = item.title(lang) or item.id
        # The default size keeps the plain title (what consumers show); the others say their size.
        meta.oembeds = [
            {
                "href": absolute(info.url, oembed_path(lang, item.id, size)),
                "title": title if size == DEFAULT else f"{title} ({size_label(lang, size)})",
            }
            for size in SIZES
        ]
        meta.oembed = meta.oembeds[0]
        text = EMBED_TEXT[lang]
        meta.embed = EmbedControl(
            label=text["control"],
            intro=text["intro"],
            code_label=text["code_label"],
            code=iframe_html(item, lang, info),
            preview_label=text["preview"],
            preview_href=relative(path, embed_path(lang, item.id)),
            sizes=[EmbedSize(size, size_label(lang, size), iframe_html(item, lang, info, size)) for size in SIZES],
        )
    return meta
