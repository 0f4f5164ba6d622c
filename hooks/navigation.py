"""Set the navigation from the sources (kb.publish.navigation) before MkDocs builds it."""

from __future__ import annotations

import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb.publish.navigation import build_nav


@event_priority(80)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After i18n_mount (100) loaded the sources; every language pass uses the same structure.
    config.nav = build_nav(state.current())
    return config
