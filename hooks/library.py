"""The connected library: method pages and their index, review dates on guides, the due-for-review list.

Thin: kb.publish.method_pages and kb.publish.currency make the text; this only finds the page's
source, its language and its markers.
"""

from __future__ import annotations

import datetime as dt

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish import currency, method_pages
from kb.publish.uitext import load_ui_text
from kb.sources.content import SourcePage
from kb.sources.urls import content_type, page_path
from kb.sources.vocabularies import load_vocabularies

UI_FILE = "data/ui/library.yml"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = state.by_virtual().get(bridge.page_source_key(page))
    if not isinstance(source, SourcePage):
        return markdown
    site = state.current()
    ui = load_ui_text(site.root, UI_FILE)
    if content_type(source) == "guide":
        markdown = currency.insert_after_title(markdown, currency.review_line(source.meta, source.lang, ui))
    if any(marker in markdown for marker in method_pages.MARKERS.values()):
        vocab = load_vocabularies(site.root).get(method_pages.VOCABULARY)
        markdown = method_pages.expand_markers(markdown, source, site, state.items(), vocab, ui)
    if currency.DUE_MARKER in markdown:
        here = page_path(site, source.lang, source.rel)
        due = currency.due_section(state.items(), dt.date.today(), source.lang, here, ui)
        markdown = markdown.replace(currency.DUE_MARKER, "\n" + due + "\n")
    return markdown
