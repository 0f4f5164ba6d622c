"""The search box (overrides/assets/kb-search/) in headless Chromium on a built fixture site."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import chromium, serve
from search_fixture import build_search_site

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_search_site(tmp_path_factory.mktemp("search-browser")).site
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert errors == []


def done(page: Any) -> int:
    return int(page.get_attribute("[data-kb-search]", "data-done") or 0)


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the header box and return the result URLs, in order."""
    before = done(page)
    page.fill("header input[type=search]", query)
    return wait_results(page, before)


def wait_results(page: Any, before: int) -> list[str]:
    """Wait for a search newer than ``before`` to finish showing its results."""
    page.wait_for_function(
        "n => Number(document.querySelector('[data-kb-search]').dataset.done || 0) > n", arg=before, timeout=20000
    )
    return [
        href.split("127.0.0.1", 1)[-1].split("/", 1)[-1]
        for href in page.eval_on_selector_all("a.kb-search__link", "els => els.map(e => e.href)")
    ]


def test_a_mutated_form_finds_pages_with_only_other_forms(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/guides/d/")
    urls = search(page, "gymuned")
    # 'a' says only 'nghymuned', 'b' only 'cymuned', 'c' only 'chymuned'; 'd' none.
    assert sorted(urls) == ["cy/guides/a/", "cy/guides/b/", "cy/guides/c/"]
    status = page.inner_text("[data-kb-search-status]")
    assert status == "3 canlyniad"


def test_highlight_is_on_the_word_as_the_page_writes_it(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    search(page, "gymuned")
    marks = page.eval_on_selector_all(
        "a[href$='/cy/guides/a/'] mark", "els => els.map(e => e.textContent)"
    )
    assert marks == ["nghymuned"]


def test_the_typed_form_ranks_first(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    assert search(page, "chymuned")[0] == "cy/guides/c/"
    assert search(page, "nghymuned")[0] == "cy/guides/a/"
    assert search(page, "cymuned")[0] == "cy/guides/b/"


def test_a_facet_narrows_the_results(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    found = search(page, "cymuned")
    assert len(found) == 3, page.inner_text(".kb-search__panel")
    page.click("[data-kb-search-facets] summary")
    before = done(page)
    page.check("input[data-key=theme][value='Cynnwys ac ymgysylltu']")
    assert sorted(wait_results(page, before)) == ["cy/guides/a/", "cy/guides/c/"]
    legends = page.eval_on_selector_all(".kb-search__facet legend", "els => els.map(e => e.textContent)")
    assert "Thema" in legends and "Math o gynnwys" in legends


def test_an_english_page_searches_english_pages_only(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/guides/d/")
    urls = search(page, "community")
    assert sorted(urls) == ["guides/a/", "guides/b/", "guides/c/"]
    assert page.inner_text("[data-kb-search-status]") == "3 results"


def test_a_welsh_page_searches_welsh_only_unless_both_languages_are_asked_for(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    assert search(page, "Aberystwyth") == ["cy/guides/a/"]
    before = done(page)
    page.check("[data-kb-search-both]")
    urls = wait_results(page, before)
    assert urls == ["cy/guides/a/", "guides/a/"]
    assert page.inner_text("a[href$='/guides/a/']:not([href*='/cy/']) .kb-search__badge") == "Yn Saesneg"


def test_keyboard_only(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/guides/d/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("gymuned")
    page.wait_for_function("() => document.querySelector('[data-kb-search]').dataset.done")
    page.wait_for_timeout(400)  # typing letter by letter starts several searches; let the last one end
    first = wait_results(page, done(page) - 1)[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(first)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.press("Escape")
    assert page.is_hidden("#kb-search-panel")
    page.keyboard.press("ArrowDown")  # opens the list again and goes to the first result
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{first}")


def test_every_visible_string_is_welsh_under_cy(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    search(page, "zzzzqq")
    text = page.inner_text(".kb-search__panel")
    assert "Dim canlyniadau ar gyfer “zzzzqq”." in text
    assert "Chwilio'r ddwy iaith" in text
    for english in ["result", "Search", "Filter", "No "]:
        assert english not in text
    assert page.get_attribute("header input[type=search]", "placeholder") == "Chwilio'r sylfaen wybodaeth"
