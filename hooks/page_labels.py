"""Give guides their themes, sectors, values and legislation as labels in the page's language."""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GUIDE_FIELDS = ("themes", "sectors", "values", "legislation")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material shows a page-status badge for meta 'status'; a case study's status is the
    # initiative's (ongoing/completed), which the facts panel shows from the sources instead.
    page.meta.pop("status", None)
    if page.meta.get("type") == "guide":
        labeller = bridge.model(config).labeller
        page.meta["kb_labels"] = labeller.rows(page.meta, bridge.current_language(config), GUIDE_FIELDS)
    return markdown
