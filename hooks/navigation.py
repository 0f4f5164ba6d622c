"""Set the navigation from the sources (kb.publish.navigation) before MkDocs builds it."""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb.publish.navigation import build_nav
from kb.sources.data import NAVIGATION


@event_priority(bridge.NAV)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Every language pass uses the same structure; i18n translates the section titles.
    model = bridge.model(config)
    config.nav = build_nav(model.site, model.data.yaml(NAVIGATION))
    return config
