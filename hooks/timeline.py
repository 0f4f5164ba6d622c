"""Where a build's time goes, step by step, in wall-clock time (bench/build_bench.py prints it).

Marks at the boundaries of the other hooks' work (their priorities, named in the bridge); with
KB_BUILD_TIMELINE=<file> the outer pass writes the steps there as JSON. Nothing else changes.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority


@event_priority(bridge.STAGE - 1)
def _staged(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "sources read, output staged, other languages started")
    return config


@event_priority(bridge.CHECK - 1)
def _checked(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "content checks")
    return config


on_config = CombinedEvent(_staged, _checked)


@event_priority(bridge.JOIN + 1)
def _default_language_built(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "default-language pages (MkDocs, Material, hooks)")


@event_priority(bridge.GENERATE + 1)
def _other_languages_built(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "other languages' pages (here, or waiting for their process) and merge")


@event_priority(bridge.INDEX + 1)
def _generated(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "feeds, API, embeds, redirects, promised addresses")


@event_priority(bridge.INDEXED + 1)
def _site_checked(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "built-site check (the search index is built beside it in parallel builds)")


@event_priority(bridge.PUBLISH + 1)
def _indexed(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.mark(config, "waiting for the search index")
        bridge.write_timeline(config)


on_post_build = CombinedEvent(_default_language_built, _other_languages_built, _generated, _site_checked, _indexed)
