"""Put a language pass that ran in its own process into the staged site, as if it had run in this one.

A language pass writes its pages under ``<folder>/<lang>/`` (with its own 404 page there) and, at the
folder's top, the theme's files and a sitemap of its own pages. Merging moves the language folder
into the staged site (a rename: nothing is copied), adds the pass's sitemap entries to the site's
sitemap (and its .gz), and throws the rest away (the theme files are the same in every pass).

The Welsh pages' language switch carries pairs of heading ids (kb.publish.language_switch) that
need the English page's headings; when the passes run side by side they are filled in here from
the outlines both passes recorded (:func:`add_anchor_pairs`).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from kb.publish.language_switch import Heading, add_anchor_pairs, heading_pairs

SITEMAP = "sitemap.xml"
OUTLINES = ".kb-outlines.json"  # written by a language pass beside its output; never published
_URL_ENTRY = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)


def merge_sitemaps(site_text: str, pass_text: str) -> str:
    """The site's sitemap with the other pass's <url> entries added before its end."""
    entries = "".join(m.group() for m in _URL_ENTRY.finditer(pass_text))
    end = site_text.rfind("</urlset>")
    if not entries or end < 0:
        return site_text
    return site_text[:end] + entries + site_text[end:]


def _write_sitemap(site_dir: Path, text: str) -> None:
    (site_dir / SITEMAP).write_text(text, encoding="utf-8")
    # MkDocs publishes a gzipped copy beside it; mtime 0 keeps the bytes the same from build to build.
    (site_dir / f"{SITEMAP}.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _move_into(source: Path, target: Path) -> None:
    """Move a folder's contents under ``target`` (a rename when ``target`` does not exist yet)."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return
    for entry in source.iterdir():
        _move_into(entry, target / entry.name) if entry.is_dir() else os.replace(entry, target / entry.name)


def read_outlines(path: Path) -> dict[str, list[Heading]]:
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): [(int(level), str(anchor)) for level, anchor in v] for k, v in raw.items()}


def write_outlines(path: Path, outlines: Mapping[str, Sequence[Heading]]) -> None:
    path.write_text(json.dumps({k: list(v) for k, v in outlines.items()}, ensure_ascii=False), encoding="utf-8")


def fill_anchor_pairs(site_dir: Path, own: Mapping[str, Sequence[Heading]],
                      other: Mapping[str, Sequence[Heading]]) -> int:
    """Add the heading-id pairs to the built pages (by output path) whose other-language outline is
    known; returns how many pages changed."""
    changed = 0
    for rel, outline in own.items():
        pairs = heading_pairs(outline, other[rel]) if rel in other and outline else []
        if not pairs:
            continue
        path = site_dir / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        updated = add_anchor_pairs(text, json.dumps(pairs, ensure_ascii=False))
        if updated != text:
            tmp = path.with_name(path.name + ".kb-tmp")
            tmp.write_text(updated, encoding="utf-8")
            os.replace(tmp, path)  # readers (the search index, the site check) see old or new, never half
            changed += 1
    return changed


def merge_language(pass_dir: Path, site_dir: Path, lang: str) -> dict[str, list[Heading]]:
    """Move ``pass_dir``'s ``lang`` pages into ``site_dir``, merge its sitemap, remove the rest.

    Returns the outlines the pass recorded (output path -> its headings), for :func:`fill_anchor_pairs`.
    """
    outlines = read_outlines(pass_dir / OUTLINES)
    if (pass_dir / lang).is_dir():
        _move_into(pass_dir / lang, site_dir / lang)
    ours, theirs = site_dir / SITEMAP, pass_dir / SITEMAP
    if ours.is_file() and theirs.is_file():
        _write_sitemap(site_dir, merge_sitemaps(ours.read_text(encoding="utf-8"), theirs.read_text(encoding="utf-8")))
    shutil.rmtree(pass_dir, ignore_errors=True)
    return outlines
