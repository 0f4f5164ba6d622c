"""The language switch and hreflang alternates of every page, and the 404 pages' own (kb.publish.language_switch).

Thin: turns i18n's per-page alternates and MkDocs's table of contents into plain data. The
English pass runs first, so each English page's heading ids are kept for the Welsh pass, whose
pages then carry the pairs of ids that let the browser script keep a reader's #anchor.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from kb.publish.language_switch import Heading, Switch, alternates, hreflang_links, switch_for
from kb.sources.content import DEFAULT_LANG

NOT_FOUND = "404.html"

# English page src_uri -> its heading outline, filled by the English pass for the Welsh one.
_default_headings: dict[str, list[Heading]] = {}
# The default language's site_name and extra, as mkdocs.yml gives them (read in the outer pass).
_default_settings: dict[str, Any] = {}


def _names(config: MkDocsConfig) -> dict[str, str]:
    """Each built language's name in itself ("Cymraeg"), from the i18n languages in mkdocs.yml."""
    return {lang: str(bridge.language_setting(config, lang, "name") or lang) for lang in bridge.build_languages(config)}


def _set_alternates(config: MkDocsConfig, links: list[dict[str, str]]) -> None:
    """What Material's <head> prints as hreflang links. i18n sets it both as an item and as an
    attribute of config.extra (a dict-like object), and templates read the attribute first."""
    config.extra["alternate"] = links
    setattr(config.extra, "alternate", links)  # noqa: B010 - an attribute, not the dict item


def _outline(items: Any) -> list[Heading]:
    out: list[Heading] = []
    for item in items or []:
        out.append((int(item.level), str(item.id)))
        out.extend(_outline(item.children))
    return out


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        _default_headings.clear()  # `mkdocs serve` rebuilds in the same process
        # i18n overwrites site_name and extra in each language's pass: keep the default language's.
        _default_settings.update(site_name=config.site_name, extra=dict(config.extra))
    return config


@event_priority(-10)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """After i18n (priority 0) set config.extra.alternate for this page: make it absolute, add the switch."""
    lang = bridge.current_language(config)
    files = bridge.page_alternates(page) or {lang: page.file}
    paths = {code: ("" if f.url in (".", "./") else str(f.url)) for code, f in files.items()}
    alts = alternates(str(config.site_url or "/"), paths, _names(config))
    _set_alternates(config, hreflang_links(alts, DEFAULT_LANG))
    outline = _outline(page.toc)
    default_file = files.get(DEFAULT_LANG)
    if lang == DEFAULT_LANG:
        _default_headings[str(page.file.src_uri)] = outline
        other = None
    else:
        other = _default_headings.get(str(default_file.src_uri)) if default_file is not None else None
    context["kb_switch"] = switch_for(lang, alts, outline, other)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page: alternates are the other languages' 404 pages; the switch goes to their home page.

    A 404 is served at whatever address was missing, so MkDocs renders it with root-relative links.
    The default language's 404 is the one hosts such as GitHub Pages serve for every missing
    address, so it also carries every other language's text (overrides/404.html).
    """
    if template_name != NOT_FOUND:
        return context
    lang = bridge.current_language(config)
    names = _names(config)
    prefix = {code: "" if code == DEFAULT_LANG else f"{code}/" for code in names}
    site_url = str(config.site_url or "/")
    pages = alternates(site_url, {code: prefix[code] + NOT_FOUND for code in names}, names)
    _set_alternates(config, hreflang_links(pages, DEFAULT_LANG))
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    target = next((code for code in names if code != lang), None)
    context["kb_switch"] = Switch(target, names[target], root + prefix[target]) if target else None
    # This language's part first; the default language's page (served for every missing address
    # by some hosts) carries the others' too.
    shown = [lang] + ([code for code in names if code != lang] if lang == DEFAULT_LANG else [])
    context["kb_not_found"] = [
        {
            "lang": code,
            "home": root + prefix[code],
            "site_name": _setting(config, code, "site_name"),
            "ui": (_setting(config, code, "extra") or {}).get("kb_ui", {}),
        }
        for code in shown
    ]
    return context


def _setting(config: MkDocsConfig, lang: str, key: str) -> Any:
    """A language's own setting; the default language's are mkdocs.yml's top-level ones."""
    value = bridge.language_setting(config, lang, key)
    if value:
        return value
    return _default_settings.get(key) if lang == DEFAULT_LANG else None
