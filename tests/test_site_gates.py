"""The built-site gate in a real build: Welsh 404 of its own, broken anchors and alt text fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gate_fixtures import gate_site
from sitebuilder import BuildResult, build, make_site

from kb.built.sitecheck import output_of
from kb.sources.content import load_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = make_site(tmp_path_factory.mktemp("gates") / "repo", gate_site())
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def html_lang(path: Path) -> str:
    found = re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8"))
    assert found, path
    return found.group(1)


def test_404_is_english_at_the_root_and_welsh_under_cy(good_build: BuildResult) -> None:
    assert html_lang(good_build.site / "404.html") == "en"
    assert html_lang(good_build.site / "cy" / "404.html") == "cy"
    welsh = (good_build.site / "cy" / "404.html").read_text(encoding="utf-8")
    assert "Sylfaen Wybodaeth Cydgynhyrchu" in welsh


def test_every_source_page_is_written_in_both_languages(good_build: BuildResult) -> None:
    site = load_site(good_build.root)
    rels = {p.rel for p in site.pages}
    for rel in rels:
        for lang in ("en", "cy"):
            out = good_build.site / output_of(rel, lang)
            assert out.is_file(), out
            assert html_lang(out) == lang


def test_broken_anchor_in_markdown_fails_the_build_at_its_line(tmp_path: Path) -> None:
    files = gate_site()
    bad = "Gweler [yr adran ar bŵer](#dim-adran-o-r-fath)."
    files["docs_cy/guides/community.md"] += f"\n{bad}\n"
    line = files["docs_cy/guides/community.md"].split("\n").index(bad) + 1
    result = build(make_site(tmp_path / "repo", files))
    assert result.returncode != 0
    assert f"docs_cy/guides/community.md:{line}: error KB093 broken-anchor" in result.output
    assert "site/cy/guides/community/index.html" in result.output
    assert not result.site.exists()


def test_image_without_alt_text_fails_the_build(tmp_path: Path) -> None:
    files = gate_site()
    img = '<img src="https://upload.example.org/gwyl.png">'
    files["docs/guides/community.md"] += f"\n{img}\n"
    files["docs_cy/guides/community.md"] += f"\n{img}\n"
    line = files["docs/guides/community.md"].split("\n").index(img) + 1
    result = build(make_site(tmp_path / "repo", files))
    assert result.returncode != 0
    assert f"docs/guides/community.md:{line}: error KB094 image-alt" in result.output
