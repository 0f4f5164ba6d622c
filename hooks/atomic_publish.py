"""One build at a time, nothing half-published: a build holds the output folder's lock until it is
over, and a failed build leaves the existing site/ as it was (kb.built.staging)."""

from __future__ import annotations

from typing import Literal

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from kb.core.messages import BrokenCatalogue, MissingMessage, lang_from_env, text

log = get_plugin_logger("kb")


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    bridge.remember_command(command, dirty)
    bridge.forward_log_to_parent()  # in another language's own process only


@event_priority(bridge.STAGE)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if bridge.is_outer_pass(config):
        bridge.stage(config)
        bridge.start_other_languages(config)  # large sites: both cores, one language each
    else:
        bridge.begin_language_process(config)
    return config


@event_priority(bridge.JOIN)
def _merge_other_languages(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):
        bridge.join_other_languages(config)


@event_priority(bridge.PUBLISH)
def _publish(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config):
        return
    staged = bridge.session(config).staging
    if bridge.pending_strict_warnings(config):
        return  # MkDocs is about to abort under --strict (on_build_error cleans up and unlocks)
    published = staged.publish() if staged is not None else None
    if published is not None:
        config.site_dir = published
    bridge.release_lock()


on_post_build = CombinedEvent(_merge_other_languages, _publish)


def on_build_error(error: Exception) -> None:
    kept = bridge.abandon_staging()
    bridge.release_lock()
    if kept is not None:
        try:
            said = text("build.failed-unchanged", lang_from_env(), site=kept)
        except (BrokenCatalogue, MissingMessage):  # the catalogue is what failed: said without it
            said = f"The build failed, so nothing was published: {kept} is unchanged. / Methodd yr adeiladu: {kept} heb newid."
        log.error(said)
