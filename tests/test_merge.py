"""kb.built.merge: a language pass built in its own process, put into the staged site."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kb.built.merge import OUTLINES, fill_anchor_pairs, merge_language, merge_sitemaps, write_outlines
from kb.publish.language_switch import add_anchor_pairs

SITEMAP_EN = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
        <loc>https://kb.example.org/</loc>
    </url>
</urlset>"""
SITEMAP_CY = SITEMAP_EN.replace("kb.example.org/</loc>", "kb.example.org/cy/gŵyl/</loc>")
SWITCH = '<a href="../../guides/x/" hreflang="en" lang="en" class="kb-lang-switch__link" data-kb-lang-switch>English</a>'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_sitemaps_are_joined_entry_by_entry() -> None:
    merged = merge_sitemaps(SITEMAP_EN, SITEMAP_CY)
    assert merged.count("<url>") == 2 and merged.count("</urlset>") == 1
    assert merged.index("kb.example.org/</loc>") < merged.index("/cy/gŵyl/</loc>") < merged.index("</urlset>")
    assert merge_sitemaps(SITEMAP_EN, "") == SITEMAP_EN


def test_a_language_pass_is_moved_into_the_site(tmp_path: Path) -> None:
    site, other = tmp_path / ".site.staging", tmp_path / ".site.staging-cy"
    write(site / "index.html", "en")
    write(site / "sitemap.xml", SITEMAP_EN)
    write(site / "cy" / "embed" / "x" / "index.html", "cerdyn")  # generated before the merge
    write(other / "cy" / "index.html", "hafan")
    write(other / "cy" / "404.html", "heb ei ganfod")
    write(other / "cy" / "canllawiau" / "gŵyl" / "index.html", "gŵyl")
    write(other / "assets" / "kb.css", "theme copy")
    write(other / "sitemap.xml", SITEMAP_CY)
    write_outlines(other / OUTLINES, {"cy/index.html": [(2, "rhannu-pwer")]})
    outlines = merge_language(other, site, "cy")
    assert outlines == {"cy/index.html": [(2, "rhannu-pwer")]}
    assert not other.exists()
    assert (site / "cy" / "canllawiau" / "gŵyl" / "index.html").read_text(encoding="utf-8") == "gŵyl"
    assert (site / "cy" / "404.html").is_file() and (site / "cy" / "embed" / "x" / "index.html").is_file()
    assert not (site / "assets").exists()  # the theme's files come from the default language's pass
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cy/gŵyl/" in sitemap
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def test_anchor_pairs_are_written_as_the_template_writes_them(tmp_path: Path) -> None:
    pairs = json.dumps([["rhannu-pwer", "sharing-power"]], ensure_ascii=False)
    page = f"<header>{SWITCH}</header><h2 id=\"rhannu-pwer\">Rhannu pŵer</h2>"
    added = add_anchor_pairs(page, pairs)
    assert 'data-kb-lang-switch data-kb-anchor-pairs="[[&#34;rhannu-pwer&#34;, &#34;sharing-power&#34;]]">' in added
    assert add_anchor_pairs(added, pairs) == added  # never twice
    assert add_anchor_pairs("<p>no switch</p>", pairs) == "<p>no switch</p>"


def test_fill_anchor_pairs_only_where_the_outlines_line_up(tmp_path: Path) -> None:
    write(tmp_path / "cy/a/index.html", SWITCH)
    write(tmp_path / "cy/b/index.html", SWITCH)
    write(tmp_path / "cy/c/index.html", SWITCH)
    own = {"cy/a/index.html": [(2, "rhannu-pwer"), (3, "ŵyn")], "cy/b/index.html": [(2, "same")],
           "cy/c/index.html": [(2, "x")]}
    other = {"cy/a/index.html": [(2, "sharing-power"), (3, "lambs")], "cy/b/index.html": [(2, "same")],
             "cy/c/index.html": [(3, "y")]}
    assert fill_anchor_pairs(tmp_path, own, other) == 1
    assert "ŵyn" in (tmp_path / "cy/a/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "cy/b/index.html").read_text(encoding="utf-8") == SWITCH  # identical ids: nothing to map
    assert (tmp_path / "cy/c/index.html").read_text(encoding="utf-8") == SWITCH  # outlines differ: no pairs
