"""kb/publish/case_study_pages.py (+ hooks/case_studies.py, docs/assets/case-studies.js): facts panel,
listing with filters, theme/area indexes and the tile map, unit-tested and in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import case_study_fixtures as F
import pytest
import yaml
from browser import chromium, serve
from sitebuilder import REPO, BuildResult, build, make_site

from kb.publish.case_study_pages import (
    UI_FILE,
    context_for,
    facts_panel,
    insert_facts,
    listing,
    load_tile_map,
    relative_url,
    themes_index,
    wales_map,
)
from kb.publish.placeholders import PlaceholderPage
from kb.sources.content import load_site
from kb.sources.data import DataFiles
from kb.sources.vocabularies import load_vocabularies

# Three fixture case studies: regions chosen so filtering by one region is a strict subset.
FIXTURES = {
    "alpha-group": {"n": 1, "regions": ["cardiff"]},
    "beta-group": {"n": 2, "regions": ["newport", "cardiff"], "themes": ["involvement"], "status": "completed"},
    "gamma-group": {"n": 3, "regions": ["gwynedd"], "sectors": ["health"]},
}


def fixture_files() -> dict[str, str]:
    files = F.listing_pages()
    for case_id, spec in FIXTURES.items():
        opts = dict(spec)
        n = int(opts.pop("n"))  # type: ignore[call-overload]
        files.update(F.files(case_id, n, **opts))
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("cs") / "repo", fixture_files())


@pytest.fixture(scope="module")
def built(repo: Path) -> BuildResult:
    result = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    return result


# --- unit -------------------------------------------------------------------------------------


def test_relative_urls() -> None:
    assert relative_url("case-studies/index.md", "case-studies/x/index.md") == "x/"
    assert relative_url("case-studies/themes.md", "case-studies/index.md") == "../"
    assert relative_url("case-studies/x/index.md", "case-studies/index.md") == "../"
    assert relative_url("case-studies/index.md", "case-studies/index.md") == "./"
    assert relative_url("index.md", "case-studies/index.md") == "case-studies/"
    assert relative_url("case-studies/themes.md", "case-studies/x/index.md", False) == "x/index.html"


def test_ui_strings_exist_in_both_languages() -> None:
    raw = yaml.safe_load((REPO / UI_FILE).read_text(encoding="utf-8"))
    assert set(raw["en"]) == set(raw["cy"])
    for key, text in raw["en"].items():
        assert str(raw["cy"][key]).strip(), key
        assert set(re.findall(r"\{\w+\}", str(text))) == set(re.findall(r"\{\w+\}", str(raw["cy"][key]))), key


def test_tile_map_places_each_principal_area_once() -> None:
    tiles = load_tile_map(REPO)
    regions = yaml.safe_load((REPO / "data/vocabularies/regions.yml").read_text(encoding="utf-8"))
    areas = {t["id"] for t in regions["terms"]} - {"wales-wide"}
    assert len(areas) == 22 and set(tiles.tiles) == areas
    positions = list(tiles.tiles.values())
    assert len(set(positions)) == 22
    assert all(0 <= c < tiles.columns and 0 <= r < tiles.rows for c, r in positions)
    # North at the top: Anglesey above Cardiff; west on the left: Pembrokeshire left of Newport.
    assert tiles.tiles["isle-of-anglesey"][1] < tiles.tiles["cardiff"][1]
    assert tiles.tiles["pembrokeshire"][0] < tiles.tiles["newport"][0]


def test_facts_panel_in_welsh_uses_welsh_labels_only(repo: Path) -> None:
    site = load_site(repo)
    page = site.get("cy", "case-studies/beta-group/index.md")
    assert page is not None
    html = facts_panel(page, context_for(site, DataFiles(repo), "cy"))
    for welsh in ("Yn gryno", "Ardaloedd", "Casnewydd", "Caerdydd", "gwblhau", "Trigolion lleol", "3 Mai 2024"):
        assert welsh in html, welsh
    for english in ("At a glance", "Areas", "Newport", "Completed", "Local residents", "May"):
        assert english not in html, english
    assert 'href="../?region=newport"' in html


def test_facts_panel_goes_after_the_title() -> None:
    assert insert_facts("# Title\n\nStory", "<aside></aside>").split("\n")[:3] == ["# Title", "", "<aside></aside>"]
    assert insert_facts("Story", "<aside></aside>").split("\n")[1] == "<aside></aside>"
    # A page waiting for its translation: below the banner, after the original's title.
    pending = '<div class="admonition kb-untranslated">\n<p>Banner</p>\n</div>\n\n<div lang="en" markdown="1">\n\n# Title\n\nStory\n</div>'
    lines = insert_facts(pending, "<aside></aside>", pending=True).split("\n")
    assert lines.index("<aside></aside>") == lines.index("# Title") + 2 > lines.index('<div lang="en" markdown="1">')


def test_facts_panel_marks_the_originals_words_on_a_page_waiting_for_translation(repo: Path) -> None:
    site = load_site(repo)
    original = site.get("cy", "case-studies/beta-group/index.md")
    assert original is not None
    shown_in_english = PlaceholderPage("en", original.rel, original.path, original.abs_path, original.kind,
                                       original.text, original.front, original=original)
    html = facts_panel(shown_in_english, context_for(site, DataFiles(repo), "en"))
    assert 'lang="en"' in html.split(">")[0]  # the panel says its own language: it stands inside the Welsh original
    organisations = [o for o in original.meta["organisations"]]
    assert organisations and all(f'<span lang="cy">{o}</span>' in html for o in organisations)
    assert "Areas" in html and '<span lang="cy">Newport' not in html  # labels from the vocabulary are English
    # A translated page marks nothing.
    assert "<span lang" not in facts_panel(original, context_for(site, DataFiles(repo), "cy"))


def test_listing_cards_and_filters(repo: Path) -> None:
    site = load_site(repo)
    html = listing(site, "case-studies/index.md", context_for(site, DataFiles(repo), "en"))
    assert html.count('class="kb-cs-card"') == 3
    assert 'data-region="newport cardiff"' in html
    assert '<option value="cardiff">Cardiff (2)</option>' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'href="beta-group/"' in html


def test_theme_index_lists_only_themes_in_use(repo: Path) -> None:
    site = load_site(repo)
    text = themes_index(site, "case-studies/themes.md", context_for(site, DataFiles(repo), "cy"))
    assert "## Gweithredu cymunedol {#theme-community-action}" in text
    assert "## Cynnwys ac ymgysylltu {#theme-involvement}" in text
    assert "Hinsawdd" not in text
    assert 'href="../?theme=involvement"' in text


def test_map_counts_each_area(repo: Path) -> None:
    site = load_site(repo)
    html = wales_map(site, "case-studies/regions.md", context_for(site, DataFiles(repo), "cy"))
    counts = dict(re.findall(r'data-region="([a-z-]+)" data-count="(\d+)"', html))
    assert len(counts) == 22
    assert (counts["cardiff"], counts["newport"], counts["gwynedd"], counts["powys"]) == ("2", "1", "1", "0")
    assert '<title>Caerdydd: 2 astudiaeth achos</title>' in html
    assert html.count("<tr><th scope=\"row\">") == 23  # 22 areas + Wales-wide in the text alternative
    assert "sgematig" in html


# --- built site ---------------------------------------------------------------------------------


def test_built_pages_in_both_languages(built: BuildResult) -> None:
    site = built.site
    for prefix in ("", "cy/"):
        for page in ("case-studies/index.html", "case-studies/themes/index.html", "case-studies/regions/index.html"):
            html = (site / prefix / page).read_text(encoding="utf-8")
            assert "<!-- kb:case-studies" not in html, page
        listing_html = (site / prefix / "case-studies/index.html").read_text(encoding="utf-8")
        assert listing_html.count('class="kb-cs-card"') == 3
        assert "assets/case-studies.js" in listing_html
    welsh = (site / "cy/case-studies/regions/index.html").read_text(encoding="utf-8")
    assert "Sir Benfro" in welsh and "Pembrokeshire" not in welsh


# --- browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(built: BuildResult) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


def _expected_titles(region: str, lang: str) -> set[str]:
    titles = set()
    for case_id, spec in FIXTURES.items():
        if region in spec["regions"]:  # type: ignore[operator]
            titles.add(str(F.front(case_id, lang, int(spec["n"]))["title"]))  # type: ignore[call-overload]
    return titles


@pytest.mark.browser
@pytest.mark.parametrize(
    ("prefix", "lang", "count_text"),
    [("", "en", "Showing {n} of 3 case studies."), ("cy/", "cy", "Yn dangos {n} o 3 astudiaeth achos.")],
)
@pytest.mark.parametrize("region", ["cardiff", "gwynedd"])
def test_filter_by_region_in_browser(server: str, prefix: str, lang: str, count_text: str, region: str) -> None:
    expected = _expected_titles(region, lang)
    assert expected and len(expected) < len(FIXTURES)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/{prefix}case-studies/")
        visible = page.locator(".kb-cs-card:visible .kb-cs-card__title")
        assert visible.count() == 3
        page.select_option("#kb-cs-filter-region", region)
        assert set(visible.all_text_contents()) == expected
        status = page.locator(".kb-cs-count")
        assert status.get_attribute("aria-live") == "polite"
        assert status.text_content() == count_text.format(n=len(expected))
        assert f"region={region}" in page.url
        shared = page.url

        # The shared link reopens the same view in a fresh page.
        other = browser.new_page()
        other.goto(shared)
        assert other.locator("#kb-cs-filter-region").input_value() == region
        assert set(other.locator(".kb-cs-card:visible .kb-cs-card__title").all_text_contents()) == expected
        assert other.locator(".kb-cs-count").text_content() == count_text.format(n=len(expected))

        # Clearing shows everything again and drops the query.
        other.click(".kb-cs-clear")
        other.wait_for_function("document.querySelectorAll('.kb-cs-card:not([hidden])').length === 3")
        assert "region=" not in other.url

        # The map's area links open the same filtered view.
        page.goto(f"{server}/{prefix}case-studies/regions/")
        # Found by its accessible name ("Cardiff: 2 case studies"), as a screen reader would.
        area = load_vocabularies(REPO)["regions"].term_label(region, lang)
        tile = page.get_by_role("link", name=re.compile(rf"^{re.escape(area)}: {len(expected)} "))
        assert tile.get_attribute("data-region") == region
        tile.click()
        page.wait_for_url(re.compile(rf"region={region}"))
        assert set(page.locator(".kb-cs-card:visible .kb-cs-card__title").all_text_contents()) == expected
