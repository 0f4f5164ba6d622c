"""Nothing half-published: a failed build leaves the existing site/ as it was (see _staging)."""

from __future__ import annotations

from typing import Literal

import _i18n_bridge as bridge
import _staging as staging
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("kb")


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    staging.enable(command, dirty)


@event_priority(1000)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # First of all on_config handlers, so every later reader of site_dir sees the staging folder.
    if bridge.is_outer_pass(config):
        config.site_dir = staging.begin(config.site_dir)
    return config


@event_priority(-1000)
def on_post_build(config: MkDocsConfig) -> None:
    # Last of all post-build work (i18n's other languages, search indexes, the site check).
    if not bridge.is_outer_pass(config):
        return
    if bridge.pending_strict_warnings(config):
        return  # MkDocs is about to abort under --strict; on_build_error throws the staging away
    published = staging.publish()
    if published is not None:
        config.site_dir = published


def on_build_error(error: Exception) -> None:
    kept = staging.abandon()
    if kept is not None:
        log.error(f"The build failed, so nothing was published: {kept} is unchanged.")
