"""Titles reach MkDocs and Material as HTML text, so templates that print them raw are safe.

Material prints a page's title without escaping (header, navigation, <title>, footer); the checks
refuse markup in titles (kb.checks.plain_text), and this makes any title safe by construction.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.core.plaintext import html_text


@event_priority(bridge.TITLES)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Before every other hook, and before any template reads the title (all pages are read first).
    if "title" in page.meta:
        page.meta["title"] = html_text(page.meta["title"])
    return markdown
