"""Gates on the built site: a Welsh 404 of its own, then links, anchors, alt text, languages, counts.

Runs kb.built.sitecheck (plain Python over the output folder) once, after every language was written
and after the other post-build writers (search index, feeds), and fails the build on any error.
"""

from __future__ import annotations

from pathlib import Path

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from kb.built.sitecheck import check_site_dir
from kb.core.messages import lang_from_env, text
from kb.core.problem import has_errors
from kb.publish.redirects import redirect_paths

log = get_plugin_logger("kb")


@event_priority(bridge.PER_PASS_404)
def _keep_each_languages_404(config: MkDocsConfig) -> None:
    bridge.keep_each_languages_404(config)


@event_priority(bridge.GATE)
def _check_built_site(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config) or bridge.is_preview():
        return  # the preview shows pages as they are; the build and CI check the built site
    model = bridge.model(config)
    problems = check_site_dir(Path(config.site_dir), model.site, config.site_url or "", display_dir=bridge.display_name(config),
                              redirect_paths=redirect_paths(model.redirects))
    for p in problems:
        # Errors fail; warnings never do, here as in 'kb check' and the pull request (one verdict):
        # logged as information, which --strict does not count, still shown with 'warning KBxxx'.
        (log.error if p.is_error else log.info)(p.format(lang_from_env()))
    if has_errors(problems):
        raise PluginError(text("build.site-errors", lang_from_env(), count=sum(p.is_error for p in problems)))


on_post_build = CombinedEvent(_keep_each_languages_404, _check_built_site)
