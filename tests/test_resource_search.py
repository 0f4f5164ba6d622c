"""Resources in the search box: a 'kind' facet (report, toolkit, ...) in the page's language that
narrows the results, in headless Chromium on a built fixture site."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import case_study_fixtures as CS
import pytest
import resource_fixtures as R
from browser import chromium, serve
from sitebuilder import build, make_site
from test_search_browser import done, search, wait_results

from kb.built.search_index import FACETS

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {**CS.listing_pages(), **R.listing_pages()}
    files["docs/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n"
    files["docs_cy/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n"
    files.update(CS.files("grwp-un", 4))
    files.update(R.files("report-one", 1))
    files.update(R.files("report-two", 2))
    files.update(R.files("toolkit-one", 3, kind="toolkit", methods=["time-credits"]))
    result = build(make_site(tmp_path_factory.mktemp("resource-search") / "repo", files))
    assert result.returncode == 0, result.output[-3000:]
    with serve(result.site) as url:
        yield url


@pytest.fixture
def page(base_url: str) -> Iterator[Any]:
    with chromium() as browser:
        pg = browser.new_page()
        yield pg


def test_kind_and_method_are_facets() -> None:
    assert FACETS["kind"] == ("kind", "resource-kinds") and FACETS["method"] == ("methods", "methods")


def test_the_kind_facet_counts_and_narrows_welsh_results(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    found = search(page, "cymuned")
    assert {"cy/resources/report-one/", "cy/resources/report-two/", "cy/resources/toolkit-one/"} <= set(found)
    page.click("[data-kb-search-facets] summary")
    legends = page.eval_on_selector_all(".kb-search__facet legend", "els => els.map(e => e.textContent)")
    assert "Math o adnodd" in legends and "Dull" in legends
    assert page.inner_text("label:has(input[data-key=kind][value='Adroddiad'])").endswith("(2)")
    before = done(page)
    page.check("input[data-key=kind][value='Pecyn cymorth']")
    assert wait_results(page, before) == ["cy/resources/toolkit-one/"]
