"""Mount docs_cy/ and case_studies/ into the one MkDocs build (see _i18n_bridge for why)."""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(bridge.MOUNT)
def _before_i18n(files: Files, config: MkDocsConfig) -> Files:
    bridge.add_virtual_files(files, config)
    return files


@event_priority(bridge.UNMOUNT)
def _after_i18n(files: Files, config: MkDocsConfig) -> Files:
    bridge.point_at_real_files(files, config)
    return files


on_files = CombinedEvent(_before_i18n, _after_i18n)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Serve the normalised text (UTF-8, LF, NFC) the checks read, not the raw bytes."""
    text = getattr(bridge.source_of(config, page), "text", None)
    return text if isinstance(text, str) else None
