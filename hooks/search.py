"""Search: facets and strings for the templates, and the Pagefind index once every language is built.

The work is in kb/built/search_index.py (which pages, what text, which facets) and kb/built/mutations.py;
this module only connects them to MkDocs events.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import _i18n_bridge as bridge
import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.built import search_index
from kb.built.mutations import load as load_mutations
from kb.sources.vocabularies import load_vocabularies

log = get_plugin_logger("kb.search")

# The outer pass's site_dir: i18n points config.site_dir at site/cy/ for the Welsh pass.
_site_dir: Path | None = None
# The vocabularies, read once per language pass (on_env) rather than checked on disk once per page.
_vocabularies: dict[str, Any] | None = None
# data/search/ranking.yml, read once per language pass (on_env).
_ranking: search_index.Ranking | None = None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site_dir
    if bridge.is_outer_pass(config):
        _site_dir = Path(config.site_dir)
    return config


def _load_ranking(root: Path) -> search_index.Ranking:
    data = yaml.safe_load((root / "data" / "search" / "ranking.yml").read_text(encoding="utf-8"))
    return search_index.Ranking.from_data(data or {})


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    global _vocabularies, _ranking
    _vocabularies = load_vocabularies(_root(config))
    _ranking = _load_ranking(_root(config))
    lang = bridge.current_language(config)
    data = yaml.safe_load((_root(config) / "data" / "ui" / "search.yml").read_text(encoding="utf-8"))
    try:
        strings = search_index.ui_strings(data, lang)
    except ValueError as err:
        raise PluginError(str(err)) from None
    # The pages offered when nothing is found, by their address in this language (when they exist).
    next_steps = {}
    for key, src in _ranking.next_steps.items():
        file = files.get_file_from_path(src)
        if file is not None:
            next_steps[key] = file.url
    env.globals["kb_search"] = {
        "lang": lang, "langs": bridge.build_languages(config), "strings": strings, "next": next_steps
    }
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    vocabularies = _vocabularies if _vocabularies is not None else load_vocabularies(_root(config))
    lang = bridge.current_language(config)
    context["kb_search_filters"] = search_index.facet_filters(page.meta, lang, vocabularies)
    ranking = _ranking if _ranking is not None else _load_ranking(_root(config))
    context["kb_search_page"] = search_index.page_marks(page.meta, ranking)
    return context


# After i18n's own on_post_build (priority -100), which builds the other languages.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not bridge.is_outer_pass(config):
        return
    site_dir = _site_dir or Path(config.site_dir)
    root = _root(config)
    rules_file = root / "data" / "search" / "mutations.json"
    rules = load_mutations(str(rules_file))
    ranking = _load_ranking(root)
    try:
        stats = search_index.index_site(site_dir, rules, ranking=ranking)
    except Exception as err:  # the Pagefind service reports its own failures as exceptions
        raise PluginError(f"Search index: Pagefind failed ({err}).") from None
    # What the search box needs besides Pagefind: the same mutation rules and facet labels.
    langs = bridge.build_languages(config)
    out = site_dir / "assets" / "kb-search" / "data.json"
    # The Welsh vocabulary the radicals were limited to, for the search box's expansion and hint line.
    keys = search_index.write_lexicon(stats.welsh_words, out.parent / "lexicon" / "cy", rules.min_length)
    payload = {
        "mutations": json.loads(rules_file.read_text(encoding="utf-8")),
        "facets": search_index.facet_labels(load_vocabularies(root), langs),
        "lexicon": {"cy": keys},
        "ranking": {"metaWeights": ranking.meta_weights},
        "stopwords": yaml.safe_load((root / "data" / "search" / "stopwords.yml").read_text(encoding="utf-8")),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    pages = ", ".join(f"{n} {lang}" for lang, n in sorted(stats.pages.items()))
    log.info(
        f"Search index: {pages} pages, {stats.extra_terms} Welsh radicals added, "
        f"{len(stats.welsh_words)} Welsh words known."
    )
