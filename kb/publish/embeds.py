"""Embeddable cards (/embed/<id>/, /cy/embed/<id>/) and their oEmbed descriptions.

A partner pastes an <iframe> into a newsletter or web page; the card inside must be small,
self-contained (inline CSS, no scripts, no outside requests), in the right language, and open
the full page in the partner's window, not inside the little frame.
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
# The frame size the copied HTML and the oEmbed response suggest (CSS px).
WIDTH = 560
HEIGHT = 280
MAX_TAGS = 3

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "more.guide": "Read the full guide",
        "more.case-study": "Read the full case study",
        "more.resource": "About this resource",
        "control": "Embed",
        "intro": "To show a card for this page on your own website or newsletter, copy this HTML:",
        "code_label": "HTML to copy",
        "preview": "Preview the card",
    },
    "cy": {
        "more.guide": "Darllen y canllaw llawn",
        "more.case-study": "Darllen yr astudiaeth achos lawn",
        "more.resource": "Am yr adnodd hwn",
        "control": "Mewnblannu",
        "intro": "I ddangos cerdyn ar gyfer y dudalen hon ar eich gwefan neu'ch cylchlythyr eich hun, copïwch yr HTML hwn:",
        "code_label": "HTML i'w gopïo",
        "preview": "Rhagweld y cerdyn",
    },
}

def embed_path(lang: str, item_id: str) -> str:
    return with_lang(lang, f"{EMBED_DIR}/{item_id}/")


def oembed_path(lang: str, item_id: str) -> str:
    return with_lang(lang, f"{OEMBED_DIR}/{item_id}.json")


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
        site_name=info.name(lang),
        canonical=absolute(info.url, page),
        alternates=_alternates(item, info),
        type_label=item.type_label(lang),
        summary=item.summary(lang) or "",
        # A few labels (themes first) on one line: the card must fit the frame size partners paste.
        tags=item.tags(lang)[1 : 1 + MAX_TAGS],
        # Relative links keep previews and sub-path hosting working; target=_top leaves the frame.
        page_href=relative(here, page),
        home_href=relative(here, with_lang(lang, "")),
        more=TEXT[lang]["more." + item.type],
    ) + "\n"


def iframe_html(item: Item, lang: Lang, info: SiteInfo) -> str:
    """What a partner pastes into their page (absolute URL: it lives on their site)."""
    return render(
        "embed-iframe.html",
        src=absolute(info.url, embed_path(lang, item.id)),
        title=f"{item.title(lang) or item.id} – {info.name(lang)}",
        width=WIDTH,
        height=HEIGHT,
    )


def oembed(item: Item, lang: Lang, info: SiteInfo) -> dict[str, Any]:
    """An oEmbed 1.0 'rich' response (https://oembed.com/), served as a static file."""
    return {
        "version": "1.0",
        "type": "rich",
        "title": item.title(lang) or item.id,
        "provider_name": info.name(lang),
        "provider_url": absolute(info.url, with_lang(lang, "")),
        "html": iframe_html(item, lang, info),
        "width": WIDTH,
        "height": HEIGHT,
    }


def embed_files(items: list[Item], info: SiteInfo) -> dict[str, str]:
    """Site-relative path -> content of every card and oEmbed file, for each existing language."""
    out: dict[str, str] = {}
    for item in items:
        for lang in item.langs():
            out[f"{embed_path(lang, item.id)}index.html"] = card_html(item, lang, info)
            out[oembed_path(lang, item.id)] = json.dumps(oembed(item, lang, info), ensure_ascii=False, indent=2) + "\n"
    return out
