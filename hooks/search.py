"""Search: facets and strings for the templates, and the Pagefind index once every language is built.

The work is in kb/built/search_index.py and kb/built/mutations.py; this connects them to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import _i18n_bridge as bridge
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.built import search_index
from kb.core.messages import lang_from_env, text
from kb.sources.data import SEARCH_MUTATIONS, SEARCH_RANKING, SEARCH_STOPWORDS, SEARCH_UI, DataFiles

log = get_plugin_logger("kb.search")


def _ranking(data: DataFiles) -> search_index.Ranking:
    return search_index.Ranking.from_data(data.yaml(SEARCH_RANKING) or {})


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    lang, data = bridge.current_language(config), bridge.model(config).data
    try:
        strings = search_index.ui_strings(data.yaml(SEARCH_UI), lang)
    except ValueError as err:
        raise PluginError(str(err)) from None
    # The pages offered when nothing is found, by their address in this language (when they exist).
    found = {key: files.get_file_from_path(src) for key, src in _ranking(data).next_steps.items()}
    next_steps = {key: file.url for key, file in found.items() if file is not None}
    env.globals["kb_search"] = {"lang": lang, "langs": bridge.build_languages(config), "strings": strings, "next": next_steps}
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    data = bridge.model(config).data
    context["kb_search_filters"] = search_index.facet_filters(page.meta, bridge.current_language(config), data.vocabularies)
    context["kb_search_page"] = search_index.page_marks(page.meta, _ranking(data))
    return context


@event_priority(bridge.INDEX)
def _start_index(config: MkDocsConfig) -> None:
    if bridge.is_outer_pass(config):  # beside the built-site gates when the build uses both cores
        data = bridge.model(config).data
        bridge.in_background(config, "search", search_index.index_site_from_data, Path(bridge.session(config).site_dir),
                             data.json(SEARCH_MUTATIONS), _ranking(data))


@event_priority(bridge.INDEXED)
def _finish_index(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config):
        return
    site_dir, data, langs = Path(bridge.session(config).site_dir), bridge.model(config).data, bridge.build_languages(config)

    def finish(stats: search_index.IndexStats) -> None:
        search_index.write_box_data(site_dir, stats, data.json(SEARCH_MUTATIONS), data.vocabularies, langs,
                                    _ranking(data), data.yaml(SEARCH_STOPWORDS))
        pages = ", ".join(f"{n} {lang}" for lang, n in sorted(stats.pages.items()))
        log.info(f"Search index: {pages} pages, {stats.extra_terms} Welsh radicals added, {len(stats.welsh_words)} Welsh words known.")

    try:
        bridge.when_done(config, "search", finish)
    except Exception as err:  # the Pagefind service reports its own failures as exceptions
        raise PluginError(text("build.search-index-failed", lang_from_env(), error=str(err))) from None


on_post_build = CombinedEvent(_start_index, _finish_index)
