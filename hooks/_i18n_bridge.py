"""Every reliance on mkdocs-static-i18n's and MkDocs's internals, in one place.

Not a hook itself (mkdocs.yml does not list it): the hook modules import it. Measured on
MkDocs 1.6.1 and mkdocs-static-i18n 1.3.1; tests/test_i18n_bridge.py fails loudly if an
upgrade changes any of it.

- i18n builds the default language first, then re-runs the whole MkDocs build once per other
  language from inside its own on_post_build, with its ``building`` flag set.
- i18n's on_files (priority -100) keeps only files whose abs_src_path lies inside docs_dir and
  re-creates every File from its src_path, so Welsh pages from docs_cy/ and case studies
  must be registered as virtual files inside docs_dir (``x.cy.md``) before it runs, and pointed
  back at their real files after it. MkDocs reads page sources only after on_files.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kb.sources.content import Asset, SourcePage

I18N_PLUGIN = "i18n"
I18N_FILES_PRIORITY = -100


def i18n_plugin(config: MkDocsConfig) -> Any:
    return config.plugins[I18N_PLUGIN]


def is_outer_pass(config: MkDocsConfig) -> bool:
    """True in the first (default-language) pass, which i18n runs before its nested ones."""
    return not getattr(i18n_plugin(config), "building", False)


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def build_languages(config: MkDocsConfig) -> list[str]:
    return list(i18n_plugin(config).build_languages)


def add_virtual_files(files: Files, config: MkDocsConfig, pages: list[SourcePage], assets: list[Asset]) -> None:
    """Register Welsh pages and case studies as if they lived inside docs_dir."""
    present = {f.src_uri for f in files}
    for page in pages:
        if page.virtual_src in present:
            continue  # docs/ English pages are already there
        files.append(File(page.virtual_src, config.docs_dir, config.site_dir, config.use_directory_urls))
    for asset in assets:
        if asset.rel not in present:
            files.append(File(asset.rel, config.docs_dir, config.site_dir, config.use_directory_urls))


def point_at_real_files(files: Files, by_virtual: dict[str, SourcePage | Asset]) -> None:
    """After i18n re-created the Files, make each virtual one read and edit its real file."""
    for file in files:
        source = by_virtual.get(file.src_uri)
        if source is None:
            continue
        file.abs_src_path = os.fspath(source.abs_path)
        file.edit_uri = source.path  # relative to repo_url + edit_uri (the repository root)


def page_source_key(page: Any) -> str:
    """The virtual src_uri of a page being rendered (the key into the mounted sources)."""
    return str(page.file.src_uri)


def page_alternates(page: Any) -> dict[str, Any]:
    """Language -> File of the same page in each language, as i18n computed them."""
    return dict(getattr(page.file, "alternates", {}) or {})


# --- Output folders and the end of the build (quality gates, atomic publishing) ---------------
# i18n never changes config.site_dir: it logs "<site_dir>/<locale>" and gives every File of a
# non-default language a dest_uri starting "<locale>/", so each language's pages land in
# site_dir/<locale>/ while Material's static templates (404.html, sitemap.xml) are written to
# site_dir itself in EVERY language pass; the last pass (Welsh) wins unless a hook moves them.
# Pointing config.site_dir elsewhere in the outer on_config therefore moves all languages.


def default_language(config: MkDocsConfig) -> str:
    return str(i18n_plugin(config).default_language)


def language_site_dir(config: MkDocsConfig, language: str) -> str:
    """The folder a language's pages are written to (i18n's own rule: site_dir/<locale>)."""
    if language == default_language(config):
        return str(config.site_dir)
    return os.path.join(config.site_dir, language)


def pending_strict_warnings(config: MkDocsConfig) -> int:
    """Warnings counted so far by the running build that --strict will turn into a failure.

    MkDocs only raises its strict-mode Abort after on_post_build; a hook that publishes at the
    end of on_post_build must not publish a build that is about to fail.
    """
    import logging

    from mkdocs.utils import CountHandler

    if not config.strict:
        return 0
    total = 0
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            total += sum(count for _level, count in handler.get_counts())
    return total


def file_alternates(file: Any) -> list[Any]:
    """Every File i18n holds for this page (itself and its other-language versions)."""
    return list((getattr(file, "alternates", {}) or {}).values())


def publish_at(file: File, dest_uri: str, config: MkDocsConfig) -> None:
    """Publish a page File at another address (kb.sources.urls: stable, id-derived URLs).

    MkDocs caches dest_uri, url and abs_dest_path separately, so all three are set; links,
    the navigation and i18n's language switcher read them later (on_nav, on_page_context).
    """
    file.dest_uri = dest_uri
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest_uri))


def language_setting(config: MkDocsConfig, lang: str, key: str) -> Any:
    """A per-language override from the i18n 'languages' entry (site_name, site_description)."""
    lang_config = i18n_plugin(config).get_language_config(lang)
    return lang_config.get(key) if lang_config is not None else None
