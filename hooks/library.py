"""The connected library: method pages and their index (more to come: related items, review dates).

Thin: kb.publish.method_pages makes the text; this only finds the page's source and its markers.
"""

from __future__ import annotations

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish import method_pages
from kb.publish.uitext import load_ui_text
from kb.sources.content import SourcePage
from kb.sources.vocabularies import load_vocabularies

UI_FILE = "data/ui/library.yml"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = state.by_virtual().get(bridge.page_source_key(page))
    if not isinstance(source, SourcePage):
        return markdown
    if any(marker in markdown for marker in method_pages.MARKERS.values()):
        site = state.current()
        vocab = load_vocabularies(site.root).get(method_pages.VOCABULARY)
        ui = load_ui_text(site.root, UI_FILE)
        markdown = method_pages.expand_markers(markdown, source, site, state.items(), vocab, ui)
    return markdown
