"""Embeddable cards (/embed/<id>/, /cy/embed/<id>/) and their oEmbed descriptions.

A partner pastes an <iframe> into a newsletter or web page; the card inside must be small,
self-contained (inline CSS, no scripts, no outside requests), in the right language, and open
the full page in the partner's window, not inside the little frame.
"""

from __future__ import annotations

import html
import json
from typing import Any

from kb.publish.csp import CARD_POLICY, meta_tags
from kb.publish.items import Item, SiteInfo
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

# Kept small and inline: no fonts, images or stylesheets fetched from anywhere.
CSS = """
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:transparent}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;color:#1d1d1f}
.kb-card{margin:0;padding:1rem 1.1rem;border:1px solid #c9ccd1;border-left:6px solid #00695c;
border-radius:6px;background:#fff;max-width:100%;overflow:hidden}
.kb-card__type{margin:0 0 .25rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:#4a4f55}
.kb-card__title{margin:0 0 .4rem;font-size:1.15rem;line-height:1.3;display:-webkit-box;-webkit-line-clamp:2;
-webkit-box-orient:vertical;overflow:hidden}
.kb-card__title a{color:#00564b}
.kb-card__summary{margin:0 0 .6rem;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.kb-card__tags{margin:0 0 .6rem;padding:0;list-style:none;display:flex;flex-wrap:nowrap;gap:.3rem;overflow:hidden}
.kb-card__tags li{font-size:.78rem;padding:.1rem .45rem;border-radius:999px;background:#e6f2f0;color:#00453c;
white-space:nowrap;overflow:hidden;text-overflow:ellipsis;flex:0 1 auto;min-width:0}
.kb-card__more{margin:0;font-size:.9rem}
.kb-card__more a{color:#00564b;font-weight:600}
.kb-card__site{color:#4a4f55;font-weight:400!important}
a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
@media (prefers-color-scheme:dark){body{color:#e8eaed}.kb-card{background:#1f2125;border-color:#44474c}
.kb-card__type,.kb-card__site{color:#b5b9bf}.kb-card__title a,.kb-card__more a{color:#7fd3c4}
.kb-card__tags li{background:#12352f;color:#c9efe8}}
""".strip()


def embed_path(lang: str, item_id: str) -> str:
    return with_lang(lang, f"{EMBED_DIR}/{item_id}/")


def oembed_path(lang: str, item_id: str) -> str:
    return with_lang(lang, f"{OEMBED_DIR}/{item_id}.json")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _alternates(item: Item, info: SiteInfo) -> str:
    """The card in each language it exists in, as absolute hreflang links (x-default: the first)."""
    langs = item.langs()
    links: list[tuple[str, str]] = [(lang, absolute(info.url, embed_path(lang, item.id))) for lang in langs]
    if len(links) > 1:
        links.append(("x-default", links[0][1]))
    return "".join(f'<link rel="alternate" hreflang="{lang}" href="{_e(url)}">\n' for lang, url in links)


def card_html(item: Item, lang: Lang, info: SiteInfo) -> str:
    """The self-contained card page for one item in one language."""
    text = TEXT[lang]
    here = embed_path(lang, item.id)
    page = item.url_path(lang)
    # Relative links keep previews and sub-path hosting working; target=_top leaves the frame.
    page_href = _e(relative(here, page))
    home_href = _e(relative(here, with_lang(lang, "")))
    title = item.title(lang) or item.id
    # A few labels (themes first) on one line: the card must fit the frame size partners paste.
    tags = "".join(f"<li>{_e(t)}</li>" for t in item.tags(lang)[1 : 1 + MAX_TAGS])
    tag_list = f'<ul class="kb-card__tags">{tags}</ul>\n' if tags else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"{meta_tags(CARD_POLICY)}"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{_e(title)} – {_e(info.name(lang))}</title>\n"
        f'<link rel="canonical" href="{_e(absolute(info.url, page))}">\n'
        f"{_alternates(item, info)}"
        f"<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        '<article class="kb-card">\n'
        f'<p class="kb-card__type">{_e(item.type_label(lang))}</p>\n'
        f'<h1 class="kb-card__title"><a href="{page_href}" target="_top">{_e(title)}</a></h1>\n'
        f'<p class="kb-card__summary">{_e(item.summary(lang) or "")}</p>\n'
        f"{tag_list}"
        f'<p class="kb-card__more"><a href="{page_href}" target="_top">{_e(text["more." + item.type])}</a>'
        f' · <a class="kb-card__site" href="{home_href}" target="_top">{_e(info.name(lang))}</a></p>\n'
        "</article>\n</body>\n</html>\n"
    )


def iframe_html(item: Item, lang: Lang, info: SiteInfo) -> str:
    """What a partner pastes into their page (absolute URL: it lives on their site)."""
    src = _e(absolute(info.url, embed_path(lang, item.id)))
    title = _e(f"{item.title(lang) or item.id} – {info.name(lang)}")
    return (
        f'<iframe src="{src}" title="{title}" width="{WIDTH}" height="{HEIGHT}" '
        f'style="max-width:100%;border:0" loading="lazy"></iframe>'
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
