"""The language switch and hreflang alternates of every page, and the 404 pages' own (kb.publish.language_switch).

Thin: turns i18n's per-page alternates and MkDocs's table of contents into plain data. The
English pass runs first, so each English page's heading ids are kept (in the build session) for
the Welsh pass, whose pages then carry the pairs of ids that let the browser script keep a
reader's #anchor.
"""

from __future__ import annotations

from typing import Any

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from kb.publish.language_switch import Heading, alternates, hreflang_links, not_found, switch_for
from kb.sources.content import DEFAULT_LANG


def _outline(items: Any) -> list[Heading]:
    out: list[Heading] = []
    for item in items or []:
        out.append((int(item.level), str(item.id)))
        out.extend(_outline(item.children))
    return out


@event_priority(bridge.AFTER_I18N_CONTEXT)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Make i18n's alternates for this page absolute, and add the switch."""
    lang = bridge.current_language(config)
    files = bridge.page_alternates(page) or {lang: page.file}
    paths = {code: ("" if f.url in (".", "./") else str(f.url)) for code, f in files.items()}
    alts = alternates(str(config.site_url or "/"), paths, bridge.language_names(config))
    bridge.set_alternates(config, hreflang_links(alts, DEFAULT_LANG))
    outline = _outline(page.toc)
    other = bridge.page_outline(config, page, outline)
    context["kb_switch"] = switch_for(lang, alts, outline, other)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    bridge.save_language_outlines(config)  # in another language's own process: for the merge


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page: alternates are the other languages' 404 pages; the switch goes to their home page."""
    if template_name != bridge.NOT_FOUND:
        return context
    names = bridge.language_names(config)
    settings = {code: {key: bridge.language_setting(config, code, key) for key in ("site_name", "extra")} for code in names}
    page = not_found(bridge.current_language(config), names, str(config.site_url or "/"), DEFAULT_LANG, settings)
    bridge.set_alternates(config, page.alternates)
    context["kb_switch"], context["kb_not_found"] = page.switch, page.parts
    return context
