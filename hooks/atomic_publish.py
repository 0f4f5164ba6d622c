"""Nothing half-published: a failed build leaves the existing site/ as it was (kb.built.staging)."""

from __future__ import annotations

from typing import Literal

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("kb")


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    bridge.remember_command(command, dirty)


@event_priority(bridge.STAGE)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        bridge.stage(config)
    return config


@event_priority(bridge.PUBLISH)
def on_post_build(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config):
        return
    staged = bridge.session(config).staging
    if staged is None or bridge.pending_strict_warnings(config):
        return  # not staged, or MkDocs is about to abort under --strict (on_build_error cleans up)
    published = staged.publish()
    if published is not None:
        config.site_dir = published


def on_build_error(error: Exception) -> None:
    kept = bridge.abandon_staging()
    if kept is not None:
        log.error(f"The build failed, so nothing was published: {kept} is unchanged.")
