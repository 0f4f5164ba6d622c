"""Run the content checks once, before any page is written, and fail the build on errors."""

from __future__ import annotations

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from kb.checks import check_site
from kb.core.problem import has_errors

# Warnings only count under --strict through a plugin logger.
log = get_plugin_logger("kb")


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs right after i18n_mount loaded the sources, before site/ is cleaned or written.
    if not bridge.is_outer_pass(config):
        return config
    problems = check_site(state.current())
    for p in problems:
        (log.error if p.is_error else log.warning)(p.format())
    if has_errors(problems):
        errors = sum(p.is_error for p in problems)
        raise PluginError(
            f"{errors} content error(s) found; nothing was published. Fix the lines listed above."
        )
    return config
