"""The shipped knowledge base itself, built for real: what a practitioner finds (issue 17's
done-when). The API lists resources of several kinds in both languages; every guide, in both
languages, shows when it was last reviewed and leads to a case study or resource."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuilder import REPO

pytestmark = [pytest.mark.build]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=REPO, capture_output=True, text=True, env=env, timeout=900,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return out


def test_the_api_lists_at_least_15_resources_of_4_kinds_in_both_languages(site: Path) -> None:
    items = json.loads((site / "api" / "v1" / "items.json").read_text(encoding="utf-8"))["items"]
    resources = [i for i in items if i["type"] == "resource"]
    assert len(resources) >= 15
    assert len({i["facets"]["kind"]["terms"][0]["id"] for i in resources}) >= 4
    for item in resources:
        assert item["title"]["en"] and item["title"]["cy"] and item["summary"]["en"] and item["summary"]["cy"]
        assert item["url"]["cy"].endswith(f"/cy/resources/{item['id']}/")
        assert item["resource"]["languages"], item["id"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_guide_shows_its_review_date_and_links_to_a_case_study_or_resource(site: Path, lang: str) -> None:
    folder = site / ("cy/guides" if lang == "cy" else "guides")
    guides = sorted(folder.glob("*/index.html"))
    assert len(guides) >= 8
    for page in guides:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        review = re.search(r'<p class="kb-review">[^<]*<time datetime="(\d{4}-\d{2}-\d{2})">', html)
        assert review, f"{page}: no review date"
        links = re.findall(r'href="((?:\.\./)+(?:case-studies|resources)/[a-z0-9-]+/)"', html)
        assert links, f"{page}: no link to a case study or resource"


@pytest.mark.parametrize(("lang", "first_heading"), [("en", "ID"), ("cy", "Dynodwr")])
@pytest.mark.parametrize("name", ["case-studies/case-studies.csv", "resources/resources.csv"])
def test_the_csv_files_open_with_the_right_rows_in_both_languages(site: Path, lang: str, first_heading: str, name: str) -> None:
    import csv

    prefix = "cy/" if lang == "cy" else ""
    raw = (site / prefix / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets read Welsh letters
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    folder = name.split("/")[0]
    items = json.loads((site / "api" / "v1" / "items.json").read_text(encoding="utf-8"))["items"]
    kind = {"case-studies": "case-study", "resources": "resource"}[folder]
    pages = {i["id"] for i in items if i["type"] == kind and i["title"][lang]}
    assert table[0][0] == first_heading
    assert {row[0] for row in table[1:]} == pages and len(table) - 1 == len(pages)
    page_column = table[0].index("Tudalen ar y wefan hon" if lang == "cy" else "Page on this site")
    assert all(f"/{prefix}{folder}/{row[0]}/" in row[page_column] for row in table[1:])


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "embed"), [("", "Embed"), ("/cy", "Mewnblannu")])
def test_a_guide_prints_to_pdf_without_embed_code(site: Path, tmp_path: Path, prefix: str, embed: str) -> None:
    from browser import chromium, serve
    from pypdf import PdfReader

    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}{prefix}/guides/public-services-boards/")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "guide.pdf"), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "guide.pdf")).pages)
    assert "iframe" not in text and embed not in text
    assert "legislation.gov.uk/anaw/2015/2/contents" in text.replace("\n", "").replace(" ", "")


@pytest.mark.browser
def test_every_embed_card_fits_both_sizes_without_a_cut_word(site: Path) -> None:
    from test_embeds_fit import cards_of, fit_problems

    cards = cards_of(site)
    assert len(cards) >= 2 * 30  # every guide, case study and resource, in both languages
    assert fit_problems(site, cards) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("prefix", "words"), [("", {"count": "Showing", "glance": "At a glance"}), ("/cy", {"count": "Yn dangos", "glance": "Yn gryno"})])
def test_a_practitioners_path_from_the_resources_to_a_guide_and_back_to_a_filtered_list(
    site: Path, width: int, prefix: str, words: dict[str, str]
) -> None:
    """Resources filtered by kind -> a resource -> a related guide (reviewed when?) -> its label's list."""
    from browser import chromium, serve

    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}{prefix}/resources/?kind=report")
        count = page.inner_text(".kb-cs-count")
        shown, total = (int(n) for n in re.findall(r"\d+", count)[:2])
        assert count.startswith(words["count"]) and 0 < shown < total
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing off-screen
        page.locator(".kb-resource-card:visible h2 a").first.click()
        page.wait_for_load_state()
        assert words["glance"] in page.inner_text(".kb-resource-facts")
        page.locator(".kb-related .kb-items__item--guide a").first.click()
        page.wait_for_load_state()
        assert page.locator(".kb-review time").count() >= 1
        page.locator("a.kb-label").first.click()
        page.wait_for_load_state()
        page.wait_for_function("document.querySelector('.kb-cs-count').textContent.length > 0")
        assert "?" in page.url and page.locator(".kb-cs-card:visible").count() >= 1
        assert errors == []
