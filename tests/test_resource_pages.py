"""kb/publish/resource_pages.py (+ hooks/library.py, assets/case-studies.js): the facts panel on each
resource and the filterable list, unit-tested, in a real build and in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import case_study_fixtures as CS
import pytest
import resource_fixtures as R
from browser import chromium, serve
from sitebuilder import REPO, BuildResult, build, make_site

from kb.model import load_model
from kb.publish import resource_pages
from kb.publish.uitext import load_ui_text

UI = load_ui_text(REPO, "data/ui/library.yml")
GUIDES_INDEX = {
    "docs/guides/index.md": "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n\nNone yet.\n",
    "docs_cy/guides/index.md": "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n\nDim eto.\n",
}


def fixture_files() -> dict[str, str]:
    files = {**CS.listing_pages(), **R.listing_pages(), **GUIDES_INDEX}
    files.update(R.files("alpha-report", 1, url="https://www.llyw.cymru/alpha", licence="OGL-UK-3.0", methods=["time-credits"]))
    files.update(R.files("beta-toolkit", 2, kind="toolkit", publisher=["audit-wales", "welsh-government"], languages=["en"]))
    files.update(R.files("gamma-data", 3, kind="dataset", themes=["measuring-impact"], legislation=["wfg-act-2015"],
                           regions=["cardiff"], sectors=["health"]))
    files.update(CS.files("delta-group", 4, methods=["time-credits"]))
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("resources") / "repo", fixture_files())


@pytest.fixture(scope="module")
def built(repo: Path) -> BuildResult:
    result = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    return result


def test_view_has_facts_in_the_page_language_with_links_to_the_filtered_list(repo: Path) -> None:
    items = load_model(repo).items
    beta = next(i for i in items if i.id == "beta-toolkit")
    view = resource_pages.view(beta, "cy", "cy/resources/", UI)
    assert view is not None
    assert view.badge == "only_en" and view.title_lang == "en"
    rows = {r.key: r for r in view.rows}
    assert rows["kind"].values[0].label == "Pecyn cymorth" and rows["kind"].values[0].href == "./?kind=toolkit"
    assert rows["publisher"].label == "Cyhoeddwyr"
    assert [v.label for v in rows["publisher"].values] == ["Archwilio Cymru", "Llywodraeth Cymru"]
    assert view.facts_line() == "Pecyn cymorth · Archwilio Cymru, Llywodraeth Cymru · 2020"
    assert view.terms["publisher"] == ["audit-wales", "welsh-government"] and view.terms["language"] == ["en"]
    alpha = next(i for i in items if i.id == "alpha-report")
    english = resource_pages.view(alpha, "en", "resources/alpha-report/", UI, frozenset({"time-credits"}))
    assert english is not None and english.badge is None and english.title_lang is None
    methods = next(r for r in english.rows if r.key == "methods")
    assert methods.values[0].href == "../../methods/time-credits/"
    themes = next(r for r in english.rows if r.key == "themes")
    assert themes.values[0].href == "../?theme=involvement"


def test_facts_panel_links_to_the_resource_and_shows_the_review_date(repo: Path) -> None:
    model = load_model(repo)
    site = model.site
    alpha = next(i for i in model.items if i.id == "alpha-report")
    html = resource_pages.facts_panel(alpha, "cy", site, UI)
    assert '<a class="kb-resource-open__link" href="https://www.llyw.cymru/alpha">Agor yr adnodd</a>' in html
    assert "Trwydded Llywodraeth Agored v3.0" in html
    assert '<time datetime="2026-11-01">1 Tachwedd 2026</time>' in html
    beta = next(i for i in model.items if i.id == "beta-toolkit")
    assert "Nid ydym yn rhoi cyfeiriad" in resource_pages.facts_panel(beta, "cy", site, UI)


def test_listing_is_complete_in_the_html_with_counts_and_only_useful_options(repo: Path) -> None:
    model = load_model(repo)
    html = resource_pages.listing(model.site, model.items, "cy", UI)
    assert html.count('class="kb-cs-card kb-resource-card"') == 3
    assert '<p class="kb-cs-count" role="status" aria-live="polite" aria-atomic="true">Yn dangos 3 o 3 adnodd.</p>' in html
    assert '<option value="toolkit">Pecyn cymorth (1)</option>' in html
    assert '<option value="audit-tool">' not in html  # no resource of that kind: no option
    assert 'data-kb-facets="kind theme legislation method publisher sector region language"' in html
    assert '<a href="beta-toolkit/" lang="en">Fixture resource 2</a>' in html
    assert '<span class="kb-badge">Saesneg yn unig</span>' in html
    assert "<form class=\"kb-cs-filters\">" in html  # shown from the start: nothing moves when the script runs


def test_titles_and_summaries_are_escaped(repo: Path) -> None:
    model = load_model(repo)
    site, items = model.site, model.items
    next(i for i in items if i.type == "resource").pages["en"].meta["title"] = '<img src=x onerror="alert(1)">'
    html = resource_pages.listing(site, items, "en", UI)
    assert "<img" not in html and "&lt;img" in html


def test_built_resource_pages_and_list_in_both_languages(built: BuildResult) -> None:
    page = (built.site / "cy" / "resources" / "beta-toolkit" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="fixture-resource-2" lang="en">Fixture resource 2' in page
    assert "Saesneg yn unig" in page and "Yn gryno" in page
    listing = (built.site / "resources" / "index.html").read_text(encoding="utf-8")
    assert "Showing 3 of 3 resources." in listing
    embed = (built.site / "cy" / "embed" / "alpha-report" / "index.html").read_text(encoding="utf-8")
    assert "Am yr adnodd hwn" in embed


@pytest.fixture(scope="module")
def base_url(built: BuildResult) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_filtering_the_list_in_chromium_keeps_the_choice_in_the_address(base_url: str, width: int) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base_url + "/cy/resources/?kind=toolkit")
        status = page.locator(".kb-cs-count")
        assert status.inner_text() == "Yn dangos 1 o 3 adnodd."
        assert page.locator(".kb-resource-card:visible").count() == 1
        page.select_option("#kb-res-filter-kind", "")
        page.select_option("#kb-res-filter-language", "cy")  # available in Welsh: not the English-only one
        assert "language=cy" in page.url and "kind=" not in page.url
        assert status.inner_text() == "Yn dangos 2 o 3 adnodd."
        page.select_option("#kb-res-filter-kind", "toolkit")  # the toolkit is in English only
        assert page.locator(".kb-cs-no-match").is_visible()
        page.click(".kb-cs-clear")
        page.wait_for_function("document.querySelector('.kb-cs-count').textContent.includes('3 o 3')")
        assert page.locator(".kb-resource-card:visible").count() == 3


def test_source_links_map_bibliography_keys_to_resource_pages(tmp_path: Path) -> None:
    files = {**R.files("the-act", 1, source="wfg-act-2015"), **R.files("no-source", 2)}
    model = load_model(make_site(tmp_path / "repo", files))
    assert resource_pages.source_links(model.items, "cy", "cy/guides/x/") == {"wfg-act-2015": "../../resources/the-act/"}
    assert resource_pages.source_links(model.items, "cy", "cy/resources/the-act/") == {}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_resources_area_and_sector_link_to_the_filtered_list_which_keeps_its_filter_across_languages(
    base_url: str, width: int
) -> None:
    """Resources have areas and sectors (search facets too) but the list could not filter by them:
    the facts panel showed them as plain text. Now a label leads to the list, in either language."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base_url + "/cy/resources/gamma-data/")
        page.locator(".kb-fact--regions a", has_text="Caerdydd").click()
        page.wait_for_load_state()
        assert page.url.endswith("/cy/resources/?region=cardiff")
        page.wait_for_function("document.querySelector('.kb-cs-count').textContent.includes('1 o 3')")
        assert page.locator("#kb-res-filter-region").input_value() == "cardiff"
        assert page.locator(".kb-resource-card:visible").count() == 1
        page.locator("a[data-kb-lang-switch]").click()
        page.wait_for_load_state()
        assert page.url.endswith("/resources/?region=cardiff") and "/cy/" not in page.url
        page.wait_for_function("document.querySelector('.kb-cs-count').textContent === 'Showing 1 of 3 resources.'")
        page.select_option("#kb-res-filter-region", "")
        page.select_option("#kb-res-filter-sector", "health")
        assert "sector=health" in page.url and page.locator(".kb-resource-card:visible").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "count"), [("", "Showing 1 of 3 resources."), ("/cy", "Yn dangos 1 o 3 adnodd.")])
def test_a_printed_filtered_list_says_it_shows_only_part(base_url: str, tmp_path: Path, prefix: str, count: str) -> None:
    from pypdf import PdfReader

    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base_url}{prefix}/resources/?kind=toolkit")
        page.locator(".kb-resource-card:visible").first.wait_for()
        page.emulate_media(media="print")
        assert page.locator(".kb-cs-filters").is_hidden()
        page.pdf(path=str(tmp_path / "list.pdf"), format="A4")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(tmp_path / "list.pdf")).pages)
    assert count in text and "Fixture resource 2" in text and "Fixture resource 1" not in text
