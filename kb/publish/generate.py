"""The files the build generates besides the pages: feeds, the JSON API, embed cards and redirects.

Plain strings by site-relative path; the publishing hook writes them once every language is built.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kb.publish.api import api_files
from kb.publish.embeds import embed_files
from kb.publish.feeds import feed_paths, json_feed_text, rss
from kb.publish.items import Item, SiteInfo
from kb.publish.redirects import Redirect, redirect_files
from kb.publish.reserved import confined
from kb.sources.content import LANGS


def titles(items: list[Item]) -> dict[tuple[str, str], str]:
    """(lang, language-neutral path) -> title, for redirect pages' visible links."""
    out: dict[tuple[str, str], str] = {}
    for item in items:
        for lang in item.langs():
            out[(lang, item.path)] = item.title(lang) or item.id
    return out


def generated_files(
    items: list[Item], redirects: list[Redirect], api_schema: dict[str, Any], info: SiteInfo, site_dir: Path
) -> dict[str, str]:
    """Site-relative path -> text of every generated file; a redirect never replaces a file already in ``site_dir``."""
    out: dict[str, str] = {}
    for lang in LANGS:
        paths = feed_paths(lang)
        out[paths["rss"]] = rss(items, lang, info)
        out[paths["json"]] = json_feed_text(items, lang, info)
    out.update(api_files(api_schema, items, info))
    out.update(embed_files(items, info))
    # The content checks (KB082) refuse a redirect over a live page; this keeps any other file too.
    moved = redirect_files(redirects, info.url, titles(items))
    out.update({k: v for k, v in moved.items() if not (site_dir / k).exists()})
    return out


def write_files(site_dir: Path, files: dict[str, str]) -> None:
    """Write each file under ``site_dir``; kb.publish.reserved.OutsideOutput, before writing anything,
    if any path would leave it."""
    targets = {rel: confined(site_dir, rel) for rel in files}
    made: set[Path] = set()  # one mkdir a folder, not one a file (thousands of embed and redirect files)
    for rel, text in files.items():
        target = targets[rel]
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


def is_built(site_dir: Path, path: str) -> bool:
    """Whether a site-relative address ('guides/x/', 'feed.xml') answers in the built folder."""
    target = site_dir / path
    if path == "" or path.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or os.path.isfile(target / "index.html")
