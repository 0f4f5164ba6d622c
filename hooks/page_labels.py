"""Give guides their themes, sectors, values and legislation as labels in the page's language, each
linking to the filtered list that shares it (kb.publish.label_links)."""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.publish.label_links import list_folders, list_linker
from kb.sources.content import SourcePage
from kb.sources.urls import page_path

GUIDE_FIELDS = ("themes", "sectors", "values", "legislation")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material shows a page-status badge for meta 'status'; a case study's status is the
    # initiative's (ongoing/completed), which the facts panel shows from the sources instead.
    page.meta.pop("status", None)
    source = bridge.source_of(config, page)
    if page.meta.get("type") == "guide" and isinstance(source, SourcePage):
        model = bridge.model(config)
        lang = bridge.current_language(config)
        here = page_path(model.site, lang, source.rel)
        link = list_linker(model.items, lang, here, list_folders(model.site, source.lang), model.terms_in_use(lang))
        page.meta["kb_labels"] = model.labeller.rows(page.meta, lang, GUIDE_FIELDS, link)
    return markdown
