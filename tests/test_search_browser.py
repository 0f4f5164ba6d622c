"""The search box (overrides/assets/kb-search/) in headless Chromium on a built fixture site."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, serve
from search_fixture import build_search_site

pytestmark = pytest.mark.browser
# Set KB_SCREENSHOTS=folder to keep screenshots of the phone layout for a person to look at.
SCREENSHOTS = Path(os.environ["KB_SCREENSHOTS"]) if os.environ.get("KB_SCREENSHOTS") else None

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
    # 'a' says only 'nghymuned', 'b' only 'cymuned', 'c' only 'chymuned'; 'd' none. The guides index
    # (a listing page) says 'cymuned' most often of all, yet comes last; the parity report never.
    assert sorted(urls[:3]) == ["cy/guides/a/", "cy/guides/b/", "cy/guides/c/"]
    assert urls[3:] == ["cy/guides/"]
    status = page.inner_text("[data-kb-search-status]")
    assert status == "4 canlyniad"


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
    assert search(page, "cymuned")[0] in {"cy/guides/b/"}


def test_a_facet_narrows_the_results(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    found = search(page, "cymuned")
    assert len(found) == 4, page.inner_text(".kb-search__panel")
    page.click("[data-kb-search-facets] summary")
    # Each value shows how many of the results have it.
    assert page.inner_text("label:has(input[data-key=theme][value='Cynnwys ac ymgysylltu'])").endswith("(2)")
    assert page.inner_text("label:has(input[data-key=type][value='Canllaw'])").endswith("(3)")
    before = done(page)
    page.check("input[data-key=theme][value='Cynnwys ac ymgysylltu']")
    assert sorted(wait_results(page, before)) == ["cy/guides/a/", "cy/guides/c/"]
    legends = page.eval_on_selector_all(".kb-search__facet legend", "els => els.map(e => e.textContent)")
    assert "Thema" in legends and "Math o gynnwys" in legends


@pytest.mark.parametrize("touch", [False, True])
def test_a_press_on_a_facets_words_ticks_it_and_leaves_the_results_open(browser: Any, base_url: str, touch: bool) -> None:
    """A facet's label is the large target (the box is 13 px): pressing its words used to close the
    panel before the box was ticked, on a phone as with a mouse. A press outside still closes it."""
    pg = browser.new_page(viewport={"width": 390 if touch else 1280, "height": 800}, has_touch=touch)
    pg.goto(f"{base_url}/cy/")
    search(pg, "cymuned")
    pg.click("[data-kb-search-facets] summary")
    label = pg.locator("label:has(input[data-key=theme][value='Cynnwys ac ymgysylltu'])")
    before = done(pg)
    if touch:
        label.tap(position={"x": 60, "y": 8})
    else:
        label.click(position={"x": 60, "y": 8})
    assert sorted(wait_results(pg, before)) == ["cy/guides/a/", "cy/guides/c/"]
    assert pg.is_visible("#kb-search-panel") and pg.is_checked("input[data-key=theme][value='Cynnwys ac ymgysylltu']")
    pg.click("[data-kb-search-status]")  # the panel's own text
    assert pg.is_visible("#kb-search-panel")
    pg.mouse.click(2, 790)  # the page beside and below the panel
    assert pg.is_hidden("#kb-search-panel")
    pg.close()


@pytest.mark.parametrize(("path", "query", "first"), [("/cy/404.html", "cymuned", "cy/guides/"), ("/404.html", "community", "guides/")])
def test_the_search_box_works_on_the_page_not_found(page: Any, base_url: str, path: str, query: str, first: str) -> None:
    """The 404 page (root-relative links, served at any address) tells the reader to search with the
    box at the top; the box said 'Search is not available right now' there (its root was '//')."""
    page.goto(base_url + path)
    urls = search(page, query)
    assert urls and all(u.startswith(first) for u in urls), (urls, page.inner_text("[data-kb-search-status]"))
    with page.expect_navigation():
        page.locator("a.kb-search__link").first.click()
    assert page.url == f"{base_url}/{urls[0]}"


def test_an_english_page_searches_english_pages_only(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/guides/d/")
    urls = search(page, "community")
    assert sorted(urls[:3]) == ["guides/a/", "guides/b/", "guides/c/"] and urls[3:] == ["guides/"]
    assert page.inner_text("[data-kb-search-status]") == "4 results"


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


# -- issue 12 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "word", "status", "try_both"),
    [
        ("guides/d/", "allotments", "No results for “allotments”.", "Search the Welsh pages as well"),
        ("cy/guides/d/", "ysbyty", "Dim canlyniadau ar gyfer “ysbyty”.", "Chwilio'r tudalennau Saesneg hefyd"),
    ],
)
def test_a_word_the_site_lacks_has_no_results_and_next_steps(
    page: Any, base_url: str, start: str, word: str, status: str, try_both: str
) -> None:
    # Pagefind would fall back to the longest word the query begins with ('all', 'a', 'y'): refused.
    page.goto(f"{base_url}/{start}")
    assert search(page, word) == []
    assert page.inner_text("[data-kb-search-status]") == status
    assert page.is_hidden("[data-kb-search-forms]")  # no 'gysbyty, ngysbyty'
    assert page.inner_text("[data-kb-search-try-both]") == try_both
    # The next steps: the other language too (still nothing), and the guides index of this language.
    links = page.eval_on_selector_all(".kb-search__next a", "els => els.map(e => e.getAttribute('href'))")
    assert any(href.endswith("guides/") or href == "../" for href in links)
    before = done(page)
    page.click("[data-kb-search-try-both]")
    assert wait_results(page, before) == []
    assert page.is_checked("[data-kb-search-both]") and page.is_hidden("[data-kb-search-try-both]")


@pytest.mark.parametrize("word", ["a", "y", "yn", "al"])
def test_one_or_two_letters_never_match_as_a_prefix(page: Any, base_url: str, word: str) -> None:
    page.goto(f"{base_url}/cy/")
    urls = search(page, word)
    # An exact word only: 'a' is a word on the Welsh guides; 'al' is not a word anywhere.
    assert urls == [] if word == "al" else all(u.startswith("cy/") for u in urls)


def test_the_parity_report_stays_out_of_content_searches(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/guides/a/")
    assert "about/parity/" not in search(page, "community")
    assert search(page, "Aberystwyth") == ["guides/a/"]
    page.goto(f"{base_url}/cy/guides/a/")
    assert search(page, "Aberystwyth") == ["cy/guides/a/"]


def test_the_hint_lists_only_words_the_site_uses(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/cy/")
    search(page, "gymuned")
    note = page.inner_text("[data-kb-search-forms]")
    # The site writes cymuned, nghymuned and chymuned; never 'gymuned' (typed) listed again.
    assert note.startswith("Yn chwilio hefyd am y ffurfiau: ")
    assert set(note.split(": ", 1)[1].split(", ")) == {"cymuned", "nghymuned", "chymuned"}


def test_a_facet_on_a_phone_keeps_the_count_and_first_result_in_view(browser: Any, base_url: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        phone.goto(f"{base_url}/cy/guides/d/")
        search(phone, "cymuned")
        phone.click("[data-kb-search-facets] summary")
        before = done(phone)
        # The last value of the last facet: the one furthest down the list.
        phone.locator("[data-kb-search-facet-groups] input[type=checkbox]").last.check()
        wait_results(phone, before)
        for selector in ["[data-kb-search-status]", "a.kb-search__link >> nth=0"]:
            box = phone.locator(selector).bounding_box()
            assert box is not None, selector
            assert box["y"] >= 0 and box["y"] + min(box["height"], 40) <= 844, (selector, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        assert phone.inner_text("[data-kb-search-status]").endswith("canlyniad")
        if SCREENSHOTS:
            phone.screenshot(path=str(SCREENSHOTS / "search-facet-390-cy.png"))
    finally:
        phone.close()
