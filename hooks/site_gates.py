"""Gates on the built site: a Welsh 404 of its own, then links, anchors, alt text, languages, counts.

Runs kb.built.sitecheck (plain Python over the output folder) once, after every language was written
and after the other post-build writers (search index, feeds), and fails the build on any error.
"""

from __future__ import annotations

import os
from pathlib import Path

import _i18n_bridge as bridge
import _kb_state as state
import _staging as staging
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from kb.built.sitecheck import check_site_dir
from kb.core.problem import has_errors

log = get_plugin_logger("kb")

NOT_FOUND = "404.html"
_default_404: bytes | None = None


@event_priority(-50)
def _keep_each_languages_404(config: MkDocsConfig) -> None:
    """Every language pass writes site_dir/404.html; keep English there and Welsh under /cy/.

    Runs in each pass before i18n (-100) starts the next language, so the default language's
    page is read before the Welsh pass overwrites it.
    """
    global _default_404
    language = bridge.current_language(config)
    written = Path(config.site_dir) / NOT_FOUND
    if not written.is_file():
        return
    if language == bridge.default_language(config):
        _default_404 = written.read_bytes()
        return
    target = Path(bridge.language_site_dir(config, language)) / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(written, target)
    if _default_404 is not None:
        written.write_bytes(_default_404)


@event_priority(-300)
def _check_built_site(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config):
        return
    problems = check_site_dir(
        Path(config.site_dir), state.current(), config.site_url or "", display_dir=staging.display_name(config.site_dir)
    )
    for p in problems:
        (log.error if p.is_error else log.warning)(p.format())
    if has_errors(problems):
        errors = sum(p.is_error for p in problems)
        raise PluginError(f"{errors} problem(s) in the built site; nothing was published. Fix the lines listed above.")


on_post_build = CombinedEvent(_keep_each_languages_404, _check_built_site)
