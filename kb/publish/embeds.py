"""Embeddable cards (/embed/<id>/, /cy/embed/<id>/) and their oEmbed descriptions.

A partner pastes an <iframe> into a newsletter or web page; the card inside must be small,
self-contained (inline CSS, no scripts, no outside requests), in the right language, and open
the full page in the partner's window, not inside the little frame.

The frame has a fixed size, and there are two: wide (560 x 280) for the body of a page and narrow
(300 x 360) for a sidebar or a phone. The card shows whole lines, whole words and whole tags at
either size (tests/test_embeds_fit.py measures every card in Chromium); each size has its own
oEmbed file, which says the size in 'width' and 'height' and names the other variant.
"""

from __future__ import annotations

import json
from typing import Any

from kb.publish.csp import CARD_POLICY, REFERRER_POLICY, policy_text
from kb.publish.items import Item, SiteInfo
from kb.publish.templating import render
from kb.sources.content import Lang
from kb.sources.urls import absolute, relative, with_lang

EMBED_DIR = "embed"
OEMBED_DIR = "oembed"
# The fixed frame sizes (CSS px) of the copied HTML and the oEmbed responses; the first is the default.
SIZES: dict[str, tuple[int, int]] = {"wide": (560, 280), "narrow": (300, 360)}
DEFAULT = "wide"
WIDTH, HEIGHT = SIZES[DEFAULT]
MAX_TAGS = 3
# Characters from which a title needs more than four lines of the narrow card.
LONG_TITLE = 70

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "more.guide": "Read the full guide",
        "more.case-study": "Read the full case study",
        "more.resource": "About this resource",
        "control": "Embed",
        "intro": "To show a card for this page on your own website or newsletter, copy this HTML:",
        "code_label": "HTML to copy",
        "preview": "Preview the card",
        "size.wide": "Wide card, {width} × {height} pixels, for the body of a page",
        "size.narrow": "Narrow card, {width} × {height} pixels, for a sidebar or a phone",
        "only.en": "English only",
        "only.cy": "Welsh only",
    },
    "cy": {
        "more.guide": "Darllen y canllaw llawn",
        "more.case-study": "Darllen yr astudiaeth achos lawn",
        "more.resource": "Am yr adnodd hwn",
        "control": "Mewnblannu",
        "intro": "I ddangos cerdyn ar gyfer y dudalen hon ar eich gwefan neu'ch cylchlythyr eich hun, copïwch yr HTML hwn:",
        "code_label": "HTML i'w gopïo",
        "preview": "Rhagweld y cerdyn",
        "size.wide": "Cerdyn llydan, {width} × {height} picsel, ar gyfer prif ran tudalen",
        "size.narrow": "Cerdyn cul, {width} × {height} picsel, ar gyfer bar ochr neu ffôn",
        "only.en": "Saesneg yn unig",
        "only.cy": "Cymraeg yn unig",
    },
}

def embed_path(lang: str, item_id: str) -> str:
    return with_lang(lang, f"{EMBED_DIR}/{item_id}/")


def oembed_path(lang: str, item_id: str, size: str = DEFAULT) -> str:
    """'oembed/<id>.json' for the default (wide) card, 'oembed/narrow/<id>.json' for the others."""
    folder = OEMBED_DIR if size == DEFAULT else f"{OEMBED_DIR}/{size}"
    return with_lang(lang, f"{folder}/{item_id}.json")


def size_label(lang: str, size: str) -> str:
    width, height = SIZES[size]
    return TEXT[lang][f"size.{size}"].format(width=width, height=height)


def only_in(item: Item, lang: str) -> str | None:
    """The one language a resource is published in, when it is not ``lang`` (its title stays in it)."""
    facet = item.facets.get("languages")
    ids = [t.id for t in facet.terms] if facet else []
    return ids[0] if len(ids) == 1 and ids[0] != lang else None


def _alternates(item: Item, info: SiteInfo) -> list[tuple[str, str]]:
    """The card in each language it exists in, as absolute hreflang links (x-default: the first)."""
    links: list[tuple[str, str]] = [(lang, absolute(info.url, embed_path(lang, item.id))) for lang in item.langs()]
    if len(links) > 1:
        links.append(("x-default", links[0][1]))
    return links


def card_html(item: Item, lang: Lang, info: SiteInfo) -> str:
    """The self-contained card page for one item in one language (templates/embed-card.html)."""
    here = embed_path(lang, item.id)
    page = item.url_path(lang)
    return render(
        "embed-card.html",
        lang=lang,
        csp=policy_text(CARD_POLICY),
        referrer=REFERRER_POLICY,
        title=item.title(lang) or item.id,
        # A title is shown whole (never "...given £1m of Lottery"): a long one takes summary lines
        # in the narrow card (tests/embed_fit.js measures every card).
        long_title=len(item.title(lang) or item.id) > LONG_TITLE,
        site_name=info.name(lang),
        canonical=absolute(info.url, page),
        alternates=_alternates(item, info),
        type_label=item.type_label(lang),
        title_lang=only_in(item, lang),
        only=TEXT[lang][f"only.{only_in(item, lang)}"] if only_in(item, lang) else "",
        summary=item.summary(lang) or "",
        # A few labels (themes first) on one line: the card must fit the frame size partners paste.
        tags=item.tags(lang)[1 : 1 + MAX_TAGS],
        # Relative links keep previews and sub-path hosting working; target=_top leaves the frame.
        page_href=relative(here, page),
        home_href=relative(here, with_lang(lang, "")),
        more=TEXT[lang]["more." + item.type],
    ) + "\n"


def iframe_html(item: Item, lang: Lang, info: SiteInfo, size: str = DEFAULT) -> str:
    """What a partner pastes into their page (absolute URL: it lives on their site), at a fixed size."""
    width, height = SIZES[size]
    return render(
        "embed-iframe.html",
        src=absolute(info.url, embed_path(lang, item.id)),
        title=f"{item.title(lang) or item.id} – {info.name(lang)}",
        width=width,
        height=height,
    )


def oembed(item: Item, lang: Lang, info: SiteInfo, size: str = DEFAULT) -> dict[str, Any]:
    """An oEmbed 1.0 'rich' response (https://oembed.com/), served as a static file.

    A static file cannot answer maxwidth/maxheight, so it says plainly that its size is fixed and
    where the other size is (extra members are allowed by the oEmbed specification).
    """
    width, height = SIZES[size]
    return {
        "version": "1.0",
        "type": "rich",
        "title": item.title(lang) or item.id,
        "provider_name": info.name(lang),
        "provider_url": absolute(info.url, with_lang(lang, "")),
        "html": iframe_html(item, lang, info, size),
        "width": width,
        "height": height,
        "kb_fixed_size": True,
        "kb_size": size,
        "kb_sizes": {
            name: {"width": w, "height": h, "oembed_url": absolute(info.url, oembed_path(lang, item.id, name))}
            for name, (w, h) in SIZES.items()
        },
    }


def embed_files(items: list[Item], info: SiteInfo) -> dict[str, str]:
    """Site-relative path -> content of every card and oEmbed file (each size), for each existing language."""
    out: dict[str, str] = {}
    for item in items:
        for lang in item.langs():
            out[f"{embed_path(lang, item.id)}index.html"] = card_html(item, lang, info)
            for size in SIZES:
                text = json.dumps(oembed(item, lang, info, size), ensure_ascii=False, indent=2) + "\n"
                out[oembed_path(lang, item.id, size)] = text
    return out
