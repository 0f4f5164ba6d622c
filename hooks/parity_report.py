"""Fill in the parity report page and the links of pending-translation placeholders."""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.publish.parity_report import REPORT_MARKER, report_markdown
from kb.publish.placeholders import ORIGINAL_URL, PlaceholderPage
from kb.sources.content import SourcePage


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = bridge.source_of(config, page)
    if isinstance(source, PlaceholderPage) and source.original is not None:
        original = bridge.page_alternates(page).get(source.original.lang)
        if original is not None:
            markdown = markdown.replace(ORIGINAL_URL, get_relative_url(original.url, page.url))
    if REPORT_MARKER in markdown and isinstance(source, SourcePage):
        model = bridge.model(config)
        report = report_markdown(model.pairs, model.data.parity, bridge.current_language(config), source.rel)
        markdown = markdown.replace(REPORT_MARKER, report)
    return markdown
