"""The way from a page to the same page in the other language, and what its <head> tells search engines.

- hreflang alternates are absolute addresses (search engines ignore relative ones), one per
  language plus x-default (the English page, for readers in neither language);
- the header's switch names the other language in words, in that language ("Cymraeg" on English
  pages, "English" on Welsh ones), and keeps the reader's place: the browser script
  (docs/assets/kb-language-switch.js) carries the query string over and maps a heading #anchor
  through the heading outline, which the parity checks (KB043) keep the same in both languages.

Plain data in, plain data out; hooks/language_switch.py feeds it MkDocs's pages and tables of contents.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape

from kb.sources.urls import absolute

# A heading in a page's outline: (level, id), in reading order.
Heading = tuple[int, str]


@dataclass(frozen=True)
class Alternate:
    lang: str
    # The language's name in itself ("Cymraeg"), from the i18n languages in mkdocs.yml.
    name: str
    # Site-root-relative path of the page in that language: "cy/guides/x/" ("" for the home page).
    path: str
    # The same as an absolute address: "https://…/cy/guides/x/".
    link: str


@dataclass(frozen=True)
class Switch:
    """What the header's language switch needs on one page."""

    lang: str
    name: str
    path: str
    # JSON list of [id on this page, id on the other page] for headings at the same place in both
    # outlines; "" when not known (the browser script then keeps the fragment as it is).
    anchor_pairs: str = ""


def alternates(site_url: str, paths: Mapping[str, str], names: Mapping[str, str]) -> list[Alternate]:
    """One alternate per language that has the page, in the order of ``names``."""
    return [
        Alternate(lang, names[lang], paths[lang], absolute(site_url, paths[lang])) for lang in names if lang in paths
    ]


def hreflang_links(alts: Sequence[Alternate], default_lang: str) -> list[dict[str, str]]:
    """The head's <link rel="alternate" hreflang> entries (Material prints config.extra.alternate).

    x-default goes to the default language's page: the page for a reader whose language is
    neither (Google's recommendation for sites with a language switch).
    """
    links = [{"name": a.name, "lang": a.lang, "link": a.link} for a in alts]
    default = next((a for a in alts if a.lang == default_lang), None)
    if default is not None and len(alts) > 1:
        links.append({"name": default.name, "lang": "x-default", "link": default.link})
    return links


def heading_pairs(own: Sequence[Heading], other: Sequence[Heading]) -> list[tuple[str, str]]:
    """Pairs (own id, other id) of the headings at the same place in both outlines.

    Only when both outlines have the same levels in the same order (what KB043 guarantees for a
    published pair); otherwise a position says nothing and no pair is given. Identical ids need
    no mapping and are left out.
    """
    if [level for level, _ in own] != [level for level, _ in other]:
        return []
    return [(a, b) for (_, a), (_, b) in zip(own, other, strict=True) if a != b]


def switch_for(
    lang: str, alts: Sequence[Alternate], own_headings: Sequence[Heading] | None, other_headings: Sequence[Heading] | None
) -> Switch | None:
    """The switch to the first other language that has this page (None when none has)."""
    target = next((a for a in alts if a.lang != lang), None)
    if target is None:
        return None
    pairs = heading_pairs(own_headings, other_headings) if own_headings and other_headings else []
    return Switch(target.lang, target.name, target.path, json.dumps(pairs, ensure_ascii=False) if pairs else "")


# The switch link's attribute the template writes (overrides/partials/alternate.html).
SWITCH_ATTRIBUTE = "data-kb-lang-switch"
PAIRS_ATTRIBUTE = "data-kb-anchor-pairs"


def add_anchor_pairs(page_html: str, pairs_json: str) -> str:
    """A built page with its switch link given the anchor pairs, written as the template writes them.

    For pages whose other-language outline was not known when they were rendered (the languages
    built side by side, kb.built.merge); a link that already has pairs is left as it is.
    """
    at = page_html.find(SWITCH_ATTRIBUTE)
    if at < 0:
        return page_html
    tag_end = page_html.find(">", at)
    if PAIRS_ATTRIBUTE in page_html[at:tag_end]:
        return page_html
    at += len(SWITCH_ATTRIBUTE)
    return f'{page_html[:at]} {PAIRS_ATTRIBUTE}="{escape(pairs_json)}"{page_html[at:]}'


@dataclass(frozen=True)
class NotFound:
    """What the 404 template of one language needs: its alternates, switch and text parts."""

    alternates: list[dict[str, str]]  # hreflang links to every language's 404 page
    switch: Switch | None  # to the other language's home page
    parts: list[dict[str, object]]  # per language shown: lang, home, site_name, ui


def not_found(lang: str, names: Mapping[str, str], site_url: str, default_lang: str,
              settings: Mapping[str, Mapping[str, object]]) -> NotFound:
    """The 404 page in ``lang``. ``settings``: language -> its site_name and extra (mkdocs.yml).

    A 404 is served at whatever address was missing, so its links are root-relative. The default
    language's 404 is the one hosts such as GitHub Pages serve for every missing address, so it
    also carries every other language's text (overrides/404.html), this language's first.
    """
    prefix = {code: "" if code == default_lang else f"{code}/" for code in names}
    pages = alternates(site_url, {code: prefix[code] + "404.html" for code in names}, names)
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    target = next((code for code in names if code != lang), None)
    switch = Switch(target, names[target], root + prefix[target]) if target else None
    shown = [lang] + ([code for code in names if code != lang] if lang == default_lang else [])
    parts: list[dict[str, object]] = []
    for code in shown:
        extra = settings.get(code, {}).get("extra")
        ui = extra.get("kb_ui", {}) if isinstance(extra, Mapping) else {}
        parts.append({"lang": code, "home": root + prefix[code], "site_name": settings.get(code, {}).get("site_name"), "ui": ui})
    return NotFound(hreflang_links(pages, default_lang), switch, parts)
