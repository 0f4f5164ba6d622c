"""Fill in the parity report page and the links of pending-translation placeholders."""

from __future__ import annotations

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.publish.parity_report import REPORT_MARKER, report_markdown
from kb.publish.placeholders import ORIGINAL_URL, PlaceholderPage
from kb.sources.content import LANGS, Lang
from kb.sources.pairs import statuses
from kb.sources.parity_config import load_config
from kb.sources.translations import read_lock


def _lang(config: MkDocsConfig) -> Lang:
    current = bridge.current_language(config)
    return next((lang for lang in LANGS if lang == current), "en")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = state.by_virtual().get(bridge.page_source_key(page))
    if isinstance(source, PlaceholderPage) and source.original is not None:
        original = bridge.page_alternates(page).get(source.original.lang)
        if original is not None:
            markdown = markdown.replace(ORIGINAL_URL, get_relative_url(original.url, page.url))
    if REPORT_MARKER in markdown and source is not None:
        rel = getattr(source, "rel", page.file.src_uri)
        site = state.current()
        parity = load_config(site.root)
        rows = statuses(site, read_lock(site.root, parity))
        markdown = markdown.replace(REPORT_MARKER, report_markdown(rows, parity, _lang(config), rel))
    return markdown
