"""Links are promises: stable URLs, redirects, feeds, the JSON API, embeds and link previews.

Thin: every decision is in kb.sources.urls, kb.publish.redirects, kb.publish.feeds, kb.publish.api, kb.publish.embeds, kb.publish.page_meta and
kb.checks.manifest; this module moves MkDocs objects in and writes the strings they return.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.checks.manifest import MANIFEST_FILE, read_manifest
from kb.publish.api import api_files
from kb.publish.embeds import embed_files
from kb.publish.feeds import feed_paths, json_feed_text, rss
from kb.publish.items import Item, SiteInfo, load_items
from kb.publish.page_meta import page_meta
from kb.publish.redirects import redirect_files
from kb.sources.content import DEFAULT_LANG, LANGS, Lang, Site
from kb.sources.urls import dest_uri, from_manifest, page_path

log = get_plugin_logger("kb.publish")

# (the Site they came from, items, items by source rel); held by reference, not id(), because
# `mkdocs serve` reloads the Site and a new object may reuse a freed one's id.
_items: tuple[Site, list[Item], dict[str, Item]] | None = None


def _lang(value: str) -> Lang:
    return next((lang for lang in LANGS if lang == value), DEFAULT_LANG)


def _items_of(site: Site) -> list[Item]:
    """The items, computed once per loaded Site (every language pass shares them)."""
    global _items
    if _items is None or _items[0] is not site:
        items = load_items(site)
        _items = (site, items, {p.rel: i for i in items for p in i.pages.values()})
    return _items[1]


def _item_at(site: Site, rel: str) -> Item | None:
    _items_of(site)
    return _items[2].get(rel) if _items else None


# The default language's site_name and site_description as mkdocs.yml gives them: i18n overwrites
# config.site_name with each language's own in its pass, and leaves the last (Welsh) one behind.
_default_texts: tuple[str, str] | None = None


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _default_texts
    if bridge.is_outer_pass(config):
        _default_texts = (config.site_name, config.site_description or "")
    return config


def _site_info(config: MkDocsConfig) -> SiteInfo:
    if not config.site_url:
        raise PluginError("site_url is not set in mkdocs.yml: feeds, the API and embeds need absolute addresses.")
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    top_name, top_desc = _default_texts or (config.site_name, config.site_description)
    for lang in LANGS:
        # The default language's texts are the top-level ones, the others' their i18n settings.
        default_name, default_desc = (top_name, top_desc) if lang == DEFAULT_LANG else (None, None)
        name = bridge.language_setting(config, lang, "site_name") or default_name
        desc = bridge.language_setting(config, lang, "site_description") or default_desc
        if not name or not desc:
            raise PluginError(f"mkdocs.yml: the i18n language '{lang}' needs its own site_name and site_description.")
        names[lang], descriptions[lang] = str(name), str(desc)
    url = str(config.site_url)
    return SiteInfo(url if url.endswith("/") else url + "/", names, descriptions)


def _lang_and_rel(src_uri: str) -> tuple[Lang, str]:
    """'guides/x.cy.md' -> ('cy', 'guides/x.md'): the mounting hook's virtual-file naming."""
    for lang in LANGS:
        suffix = f".{lang}.md"
        if lang != DEFAULT_LANG and src_uri.endswith(suffix):
            return lang, src_uri[: -len(suffix)] + ".md"
    return DEFAULT_LANG, src_uri


@event_priority(-120)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """After i18n (-100) and the mounting hook (-110): publish each page at its id-derived URL."""
    site = state.current()
    for file in files.documentation_pages():
        for version in bridge.file_alternates(file) or [file]:
            lang, rel = _lang_and_rel(version.src_uri)
            target = dest_uri(page_path(site, lang, rel))
            if version.dest_uri != target:
                bridge.publish_at(version, target, config)
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give the head and embed partials their data (kb.publish.page_meta) as ``kb_links``."""
    site = state.current()
    lang = _lang(bridge.current_language(config))
    _, rel = _lang_and_rel(bridge.page_source_key(page))
    item = _item_at(site, rel)
    path = "" if page.url in (".", "./") else page.url
    others = [x for x in bridge.page_alternates(page) if x != lang]
    summary = page.meta.get("summary") if isinstance(page.meta.get("summary"), str) else None
    context["kb_links"] = page_meta(lang, path, page.title or "", summary, _site_info(config), item, others)
    return context


def _write(site_dir: Path, files: dict[str, str]) -> None:
    made: set[Path] = set()  # one mkdir a folder, not one a file (thousands of embed and redirect files)
    for rel, text in files.items():
        target = site_dir / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


def _titles(items: list[Item], site: Site) -> dict[tuple[str, str], str]:
    """(lang, language-neutral path) -> title, for redirect pages' visible links."""
    out: dict[tuple[str, str], str] = {}
    for item in items:
        for lang in item.langs():
            out[(lang, item.path)] = item.title(lang) or item.id
    return out


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    """Outer pass only, after i18n (-100) built every language: write the generated files."""
    if not bridge.is_outer_pass(config):
        return
    site = state.current()
    info = _site_info(config)
    items = _items_of(site)
    site_dir = Path(config.site_dir)
    out: dict[str, str] = {}
    for lang in LANGS:
        paths = feed_paths(lang)
        out[paths["rss"]] = rss(items, lang, info)
        out[paths["json"]] = json_feed_text(items, lang, info)
    out.update(api_files(site.root, items, info))
    out.update(embed_files(items, info))
    redirects = redirect_files(site, info.url, _titles(items, site))
    # A redirect never replaces a page: the content checks (KB082) refuse one over a live page.
    out.update({k: v for k, v in redirects.items() if not (site_dir / k).exists()})
    _write(site_dir, out)
    # The last word: every promised URL is really in site/ now, whoever generated it.
    entries, _ = read_manifest(site.root)
    missing = [e for e in entries if not _exists(site_dir, from_manifest(e.url))]
    for e in missing:
        log.error(f"{MANIFEST_FILE}:{e.line}: error KB080 published-url-missing: {e.url} is not in the built site.")
    if missing:
        raise PluginError(f"{len(missing)} published URL(s) would break; see {MANIFEST_FILE} and data/redirects.yml.")
    log.info(f"published {len(out)} feed, API, embed and redirect files for {len(items)} items")


def _exists(site_dir: Path, path: str) -> bool:
    target = site_dir / path
    if path == "" or path.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or os.path.isfile(target / "index.html")
