"""Mount docs_cy/ and case_studies/ into the one MkDocs build (see _i18n_bridge for why)."""

from __future__ import annotations

from pathlib import Path

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        state.load(Path(config.config_file_path).parent)
    return config


@event_priority(50)
def _before_i18n(files: Files, config: MkDocsConfig) -> Files:
    site = state.current()
    bridge.add_virtual_files(files, config, [*site.pages, *state.placeholders()], site.assets)
    return files


@event_priority(-110)
def _after_i18n(files: Files, config: MkDocsConfig) -> Files:
    bridge.point_at_real_files(files, state.by_virtual())
    return files


on_files = CombinedEvent(_before_i18n, _after_i18n)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Serve the normalised text (UTF-8, LF, NFC) the checks read, not the raw bytes."""
    source = state.by_virtual().get(bridge.page_source_key(page))
    text = getattr(source, "text", None)
    return text if isinstance(text, str) else None
