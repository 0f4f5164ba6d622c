"""Links are promises: stable URLs, redirects, feeds, the JSON API, embeds and link previews.

Thin: the addresses come from the build model's output plan, the files from kb.publish.generate,
the head data from kb.publish.page_meta; this module moves MkDocs objects in and writes the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.checks.manifest import unbuilt
from kb.core.messages import lang_from_env, text
from kb.publish.downloads import download_files
from kb.publish.generate import generated_files, is_built, write_files
from kb.publish.page_meta import page_meta
from kb.publish.reserved import OutsideOutput
from kb.sources.content import SourcePage
from kb.sources.data import API_SCHEMA
from kb.sources.manifest import MANIFEST_FILE
from kb.sources.urls import dest_uri, page_path

log = get_plugin_logger("kb.publish")


@event_priority(bridge.ADDRESS)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish each page at its id-derived URL, in every language."""
    site = bridge.model(config).site
    for file in files.documentation_pages():
        for version in bridge.file_versions(file):
            source = bridge.source_of(config, version)
            if isinstance(source, SourcePage):
                target = dest_uri(page_path(site, source.lang, source.rel))
                if version.dest_uri != target:
                    bridge.publish_at(version, target, config)
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give the head and embed partials their data (kb.publish.page_meta) as ``kb_links``."""
    lang = bridge.current_language(config)
    source = bridge.source_of(config, page)
    item = bridge.model(config).item_at(source.rel) if isinstance(source, SourcePage) else None
    path = "" if page.url in (".", "./") else page.url
    others = [x for x in bridge.page_alternates(page) if x != lang]
    summary = page.meta.get("summary") if isinstance(page.meta.get("summary"), str) else None
    context["kb_links"] = page_meta(lang, path, page.title or "", summary, bridge.site_info(config), item, others)
    return context


@event_priority(bridge.GENERATE)
def on_post_build(config: MkDocsConfig) -> None:
    """Outer pass, every language built: write the generated files, then check every promised URL."""
    if not bridge.is_outer_pass(config):
        return
    model, site_dir, info = bridge.model(config), Path(config.site_dir), bridge.site_info(config)
    out = generated_files(model.items, model.redirects, model.data.json(API_SCHEMA), info, site_dir)
    out.update(download_files(model.items, model.ui("data/ui/library.yml"), info))
    try:
        write_files(site_dir, out)
    except OutsideOutput as err:  # the checks refuse such addresses first; never write outside site/
        raise PluginError(f"refused to write '{err}' outside the output folder; nothing was published.") from None
    except OSError as err:  # a full disk, or a file where a folder must go: a clear line, not a traceback
        raise PluginError(f"could not write {err.filename}: {err.strerror}; nothing was published.") from None
    # The last word: every promised URL is really in site/ now, whoever generated it.
    missing = unbuilt(model.manifest, lambda path: is_built(site_dir, path))
    lang = lang_from_env()
    for problem in missing:
        log.error(problem.format(lang))
    if missing and not bridge.is_preview():  # the preview never fails; the build does
        raise PluginError(text("build.urls-would-break", lang, count=len(missing), manifest=MANIFEST_FILE))
    log.info(f"published {len(out)} feed, API, embed and redirect files for {len(model.items)} items")
