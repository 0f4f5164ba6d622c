"""The preview (``scripts/build.sh serve``): each page shows its content problems in a banner, and an
open page reloads itself after each save. Nothing here runs in a build (kb.publish.preview)."""

from __future__ import annotations

from pathlib import Path

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.publish.preview import RELOAD_SCRIPT, problems_banner, reload_script, with_reload_script
from kb.sources.content import SourcePage


def on_pre_build(config: MkDocsConfig) -> None:
    if bridge.is_preview() and bridge.is_outer_pass(config):
        bridge.empty_preview_output(config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A banner with the problems of this page's file and of its other language's (hooks/content_checks.py)."""
    if not bridge.is_preview():
        return html
    source = bridge.source_of(config, page)
    if not isinstance(source, SourcePage):
        return html
    shared = bridge.session(config)
    return problems_banner(shared.problems, shared.model.site, source, bridge.current_language(config)) + html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not bridge.is_preview():
        return output
    return with_reload_script(output, get_relative_url(RELOAD_SCRIPT, page.url))


def on_post_build(config: MkDocsConfig) -> None:
    if bridge.is_preview():
        target = Path(config.site_dir) / RELOAD_SCRIPT
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(reload_script(), encoding="utf-8")
