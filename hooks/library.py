"""The connected library: method pages and their index, resources (facts panel and list), review
dates on guides, the due-for-review list, related items under every guide, case study and resource.

Thin: kb.publish.method_pages, resource_pages, currency and related make the text; this only finds
the page's source, its language and its markers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish import currency, method_pages, related, resource_pages
from kb.sources.content import SourcePage
from kb.sources.urls import content_type, page_path

UI_FILE = "data/ui/library.yml"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = bridge.source_of(config, page)
    if not isinstance(source, SourcePage):
        return markdown
    model = bridge.model(config)
    ui, lang, kind = model.ui(UI_FILE), source.lang, content_type(source)
    if kind == "guide":
        markdown = currency.insert_after_title(markdown, currency.review_line(source.meta, lang, ui))
    item = model.item_at(source.rel) if kind == resource_pages.TYPE else None
    if item is not None:
        markdown = currency.insert_after_title(markdown, resource_pages.facts_panel(item, lang, model.site, ui, model.method_pages.get(lang, frozenset())))
    if resource_pages.MARKERS["list"] in markdown:
        listing = resource_pages.listing(model.site, model.items, lang, ui, model.method_pages.get(lang, frozenset()))
        markdown = markdown.replace(resource_pages.MARKERS["list"], "\n" + listing + "\n")
    if any(marker in markdown for marker in method_pages.MARKERS.values()):
        vocab = model.data.vocabularies.get(method_pages.VOCABULARY)
        markdown = method_pages.expand_markers(markdown, source, model.site, model.items, vocab, ui)
    if currency.DUE_MARKER in markdown:
        here = page_path(model.site, lang, source.rel)
        due = currency.due_section(model.items, dt.date.today(), lang, here, ui)
        markdown = markdown.replace(currency.DUE_MARKER, "\n" + due + "\n")
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """``kb_related``: the related items block for partials/kb-related.html ('' on other pages)."""
    source = bridge.source_of(config, page)
    model = bridge.model(config)
    item = model.item_at(source.rel) if isinstance(source, SourcePage) else None
    context["kb_related"] = ""
    if item is not None and isinstance(source, SourcePage):
        here = item.url_path(source.lang)
        entries = related.related(item, model.related_index, source.lang, here)
        context["kb_related"] = related.related_section(entries, source.lang, model.ui(UI_FILE))
    return context
