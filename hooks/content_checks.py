"""Run the content checks once, before any page is written, and fail the build on errors.

In the preview (``scripts/build.sh serve``) an error fails nothing: every page is still shown, the
problems are listed in the terminal and in a banner on the pages concerned (hooks/preview.py), so
a translator who edits one language first can keep previewing. The build and CI stay strict.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from kb.checks import check_site
from kb.core.messages import BrokenCatalogue, MissingMessage, lang_from_env, text
from kb.core.problem import has_errors

# The plugin logger: what it logs at WARNING or above, --strict counts as a failure.
log = get_plugin_logger("kb")


@event_priority(bridge.CHECK)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not bridge.is_outer_pass(config):
        return config
    if bridge.is_preview():
        bridge.never_strict(config)
    try:
        problems = check_site(bridge.model(config))
        lang = lang_from_env()  # KB_LANG=cy or a Welsh locale: every problem in Welsh
        # Every word rendered here, so a broken catalogue is one line below rather than a traceback.
        lines = [(p.is_error, p.format(lang)) for p in problems]
        errors = sum(p.is_error for p in problems)
        preview_note = text("build.preview-problems", lang, errors=errors, warnings=len(problems) - errors) if problems else ""
        failed = text("build.content-errors", lang, count=errors) if errors else ""
    except BrokenCatalogue as broken:  # data/rules.yml or data/messages.yml: said in both languages
        raise PluginError(str(broken)) from None
    except MissingMessage as missing:  # a message deleted, or its {values} changed, in data/messages.yml
        raise PluginError(missing.report()) from None
    for is_error, line in lines:
        # Errors fail; warnings never do, here as in 'kb check' and the pull request (one verdict):
        # logged as information, which --strict does not count, still shown with 'warning KBxxx'.
        (log.error if is_error else log.info)(line)
    if bridge.is_preview():
        bridge.session(config).problems = problems
        if problems:
            log.info(preview_note)
        return config
    if has_errors(problems):
        raise PluginError(failed)
    return config

