"""Render [@key] citations as numbered notes and a References / Cyfeiriadau list, per language.

The checks (kb.checks.citations, run by content_checks.py) have already failed the build on any
citation problem; this hook only renders, with the build model's bibliography and words.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish.references import render_citations
from kb.publish.resource_pages import source_links
from kb.sources.content import SourcePage
from kb.sources.urls import page_path


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = bridge.source_of(config, page)
    if not isinstance(source, SourcePage):
        return markdown  # not one of the knowledge base's own pages
    model = bridge.model(config)
    data = model.data
    lang = bridge.current_language(config)
    if lang not in data.citation_style.languages:
        return markdown
    # The page's own text, as the checks scanned it, unless a hook before this one changed it.
    masked = bridge.masked_markdown(source, markdown)
    # A source that has a page in our resources links to it from the reference list.
    links = source_links(model.resources_by_source, source.lang, page_path(model.site, source.lang, source.rel))
    return render_citations(markdown, data.bibliography, lang, data.citation_style, masked, links)
