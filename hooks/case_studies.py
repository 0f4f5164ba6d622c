"""Case-study pages: facts panel above each story, listing, theme/area indexes and the map.

Thin: kb.publish.case_study_pages makes the text; this only finds the page's language and source.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish.case_study_pages import MARKERS, context_for, expand_markers, facts_panel, insert_facts
from kb.publish.placeholders import PlaceholderPage
from kb.sources.content import SourcePage


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = bridge.source_of(config, page)
    if not isinstance(source, SourcePage):
        return markdown
    is_case_study = source.kind == "case-study"
    has_marker = any(marker in markdown for marker in MARKERS.values())
    if not (is_case_study or has_marker):
        return markdown
    model = bridge.model(config)
    lang = bridge.current_language(config)
    ctx = context_for(model.site, model.data, lang, bool(config.use_directory_urls), model.method_pages.get(lang, frozenset()))
    if is_case_study:
        markdown = insert_facts(markdown, facts_panel(source, ctx), pending=isinstance(source, PlaceholderPage))
    if has_marker:
        markdown = expand_markers(markdown, model.site, source.rel, ctx)
    return markdown
