"""Render [@key] citations as numbered notes and a References / Cyfeiriadau list, per language.

The checks (kb.checks.citations.check, run by content_checks.py) have already failed the build on any
citation problem; this hook only renders. The bibliography and its words are read once per build,
in the outer (English) pass, and reused by i18n's Welsh pass.
"""

from __future__ import annotations

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.markdown.citations import CitationStyle, load_style
from kb.publish.references import render_citations
from kb.sources.bibliography import Bibliography, load_bibliography
from kb.sources.content import SourcePage

_bibliography: Bibliography | None = None
_style: CitationStyle | None = None


@event_priority(80)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After i18n_mount (priority 100) loaded the sources, so state.current() knows the root.
    global _bibliography, _style
    if bridge.is_outer_pass(config) or _bibliography is None:
        root = state.current().root
        _bibliography = load_bibliography(root)
        _style = load_style(root)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = state.by_virtual().get(bridge.page_source_key(page))
    if not isinstance(source, SourcePage) or _bibliography is None or _style is None:
        return markdown  # not one of the knowledge base's own pages
    lang = bridge.current_language(config)
    if lang not in _style.languages:
        return markdown
    return render_citations(markdown, _bibliography, lang, _style)
