"""The language switch and hreflang (kb.publish.language_switch, hooks/language_switch.py), the 404 pages.

Unit tests of the pairing and the links; a real build of a small bilingual site; and, in headless
Chromium, a reader switching language with a filtered list and at a heading, both ways, and a
reader at a missing Welsh address on a host that answers every missing address with /404.html.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, serve
from fixture_pages import minimal_site
from htmlpage import Html
from sitebuilder import BuildResult, build, make_site

from kb.publish.language_switch import Alternate, alternates, heading_pairs, hreflang_links, switch_for

SITE_URL = "https://kb.copronet.example/"
NAMES = {"en": "English", "cy": "Cymraeg"}


# --------------------------------------------------------------------------- unit


def test_heading_pairs_follow_the_outline_and_skip_identical_ids():
    en = [(1, "working-with-a-community"), (2, "sharing-power"), (2, "references")]
    cy = [(1, "gweithio-gyda-chymuned"), (2, "rhannu-pŵer-âr-gymuned"), (2, "references")]
    assert heading_pairs(cy, en) == [
        ("gweithio-gyda-chymuned", "working-with-a-community"),
        ("rhannu-pŵer-âr-gymuned", "sharing-power"),
    ]


def test_outlines_of_different_shape_give_no_pairs():
    assert heading_pairs([(1, "a"), (2, "b")], [(1, "x"), (3, "y")]) == []
    assert heading_pairs([(1, "a")], [(1, "x"), (2, "y")]) == []


def test_hreflang_links_are_absolute_with_x_default_to_english():
    alts = alternates(SITE_URL, {"en": "guides/x/", "cy": "cy/guides/x/"}, NAMES)
    assert hreflang_links(alts, "en") == [
        {"name": "English", "lang": "en", "link": "https://kb.copronet.example/guides/x/"},
        {"name": "Cymraeg", "lang": "cy", "link": "https://kb.copronet.example/cy/guides/x/"},
        {"name": "English", "lang": "x-default", "link": "https://kb.copronet.example/guides/x/"},
    ]
    # A page in one language only has no alternates to offer and no x-default.
    only = alternates(SITE_URL, {"cy": "cy/x/"}, NAMES)
    assert hreflang_links(only, "en") == [{"name": "Cymraeg", "lang": "cy", "link": "https://kb.copronet.example/cy/x/"}]


def test_the_switch_names_the_other_language_in_words_and_carries_the_pairs():
    alts = [Alternate("en", "English", "guides/x/", ""), Alternate("cy", "Cymraeg", "cy/guides/x/", "")]
    switch = switch_for("cy", alts, [(1, "teitl"), (2, "ŵyl")], [(1, "title"), (2, "festival")])
    assert switch is not None and (switch.lang, switch.name, switch.path) == ("en", "English", "guides/x/")
    assert json.loads(switch.anchor_pairs) == [["teitl", "title"], ["ŵyl", "festival"]]
    english = switch_for("en", alts, [(1, "title")], None)
    assert english is not None and (english.name, english.anchor_pairs) == ("Cymraeg", "")
    assert switch_for("en", alts[:1], [], None) is None


# --------------------------------------------------------------------------- built site


@dataclass
class _Head:
    hreflang: dict[str, str]
    switch: dict[str, str]
    switch_text: str
    not_found_parts: list[dict[str, str]]


def head(path: Path) -> _Head:
    page = Html.file(path)
    switch = page.first("a[data-kb-lang-switch]") or {}
    return _Head(
        {a["hreflang"]: a["href"] for a in page.attrs("link[rel=alternate][hreflang]")},
        switch,
        "".join(page.text("a[data-kb-lang-switch]").split()),
        page.attrs("section[data-kb-home]"),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build(make_site(tmp_path_factory.mktemp("switch"), minimal_site()))
    assert result.returncode == 0, result.output
    return result


PAGES = {
    "": "cy/",
    "guides/community/": "cy/guides/community/",
    "case-studies/": "cy/case-studies/",
    "case-studies/gwyl-gymunedol/": "cy/case-studies/gwyl-gymunedol/",
}


@pytest.mark.build
def test_every_page_has_absolute_hreflang_for_both_languages_and_x_default(built: BuildResult) -> None:
    for en, cy in PAGES.items():
        for rel in (en, cy):
            links = head(built.site / rel / "index.html").hreflang
            assert links == {"en": SITE_URL + en, "cy": SITE_URL + cy, "x-default": SITE_URL + en}, rel


@pytest.mark.build
def test_the_switch_says_the_other_language_in_words_marked_with_its_lang(built: BuildResult) -> None:
    for en, cy in PAGES.items():
        english, welsh = head(built.site / en / "index.html"), head(built.site / cy / "index.html")
        assert english.switch_text == "Cymraeg" and english.switch["lang"] == english.switch["hreflang"] == "cy"
        assert welsh.switch_text == "English" and welsh.switch["lang"] == welsh.switch["hreflang"] == "en"
    # The Welsh guide knows which English heading each of its headings is.
    pairs = json.loads(head(built.site / "cy/guides/community/index.html").switch["data-kb-anchor-pairs"])
    assert ["rhannu-pŵer-âr-gymuned", "sharing-power"] in pairs


@pytest.mark.build
def test_the_welsh_404_switches_to_the_english_home_and_the_root_404_carries_welsh(built: BuildResult) -> None:
    welsh = head(built.site / "cy/404.html")
    assert (welsh.switch["href"], welsh.switch_text) == ("/", "English")
    assert welsh.hreflang == {"en": SITE_URL + "404.html", "cy": SITE_URL + "cy/404.html", "x-default": SITE_URL + "404.html"}
    root = head(built.site / "404.html")
    assert (root.switch["href"], root.switch_text) == ("/cy/", "Cymraeg")
    assert [(p["lang"], p["data-kb-home"]) for p in root.not_found_parts] == [("en", "/"), ("cy", "/cy/")]
    html = (built.site / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Heb ddod o hyd i('|&#39;)r dudalen</h1>", html)
    assert 'src="/assets/kb-not-found.js"' in html
    # Every page's JavaScript is a file: no inline script in what this adds.
    assert "kb-language-switch.js" in (built.site / "cy/guides/community/index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base_url(built: BuildResult) -> Iterator[str]:
    with serve(built.site, root_not_found=True) as url:
        yield url


def _switch(page: Any) -> None:
    with page.expect_navigation():
        page.locator("a[data-kb-lang-switch]").click()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_guide_anchor_survives_the_switch_both_ways(browser: Any, base_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(base_url + "/guides/community/#sharing-power")
        assert page.locator("a[data-kb-lang-switch]").inner_text().strip() == "Cymraeg"
        _switch(page)
        page.wait_for_function("location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)))")
        assert page.url.startswith(base_url + "/cy/guides/community/")
        assert page.evaluate("decodeURIComponent(location.hash)") == "#rhannu-pŵer-âr-gymuned"
        assert page.locator("#rhannu-pŵer-âr-gymuned").is_visible()
        top = page.evaluate("document.getElementById('rhannu-pŵer-âr-gymuned').getBoundingClientRect().top")
        assert 0 <= top < 400  # the reader is at the heading, not at the top of the page
        assert page.locator("a[data-kb-lang-switch]").inner_text().strip() == "English"
        _switch(page)
        assert page.url == base_url + "/guides/community/#sharing-power"
    finally:
        page.close()


@pytest.mark.browser
def test_a_filtered_list_survives_the_switch_both_ways(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + "/case-studies/")
        page.select_option("select[name=region]", "gwynedd")
        assert "region=gwynedd" in page.url  # the filter is in the address
        _switch(page)
        assert page.url == base_url + "/cy/case-studies/?region=gwynedd"
        assert page.locator("select[name=region]").input_value() == "gwynedd"
        assert "Yn dangos" in page.locator(".kb-cs-count").inner_text()
        _switch(page)
        assert page.url == base_url + "/case-studies/?region=gwynedd"
        assert page.locator("select[name=region]").input_value() == "gwynedd"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/cy/canllawiau/dim-yma/", "cy", "Heb ddod o hyd i'r dudalen"), ("/guides/not-here/", "en", "Page not found")],
)
def test_a_missing_address_answered_with_the_root_404_speaks_its_language(
    browser: Any, base_url: str, path: str, lang: str, heading: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        response = page.goto(base_url + path)
        assert response is not None and response.status == 404
        first = page.locator("[data-kb-not-found] section").first
        assert first.get_attribute("lang") == lang
        assert first.locator("h1").inner_text() == heading
        assert first.locator("h1").is_visible()
        if lang == "cy":
            assert page.title().startswith("Heb ddod o hyd i'r dudalen - Sylfaen Wybodaeth Cydgynhyrchu")
            # Its link goes to the Welsh home page, which exists.
            with page.expect_navigation():
                first.locator("a").click()
            assert page.url == base_url + "/cy/" and page.evaluate("document.documentElement.lang") == "cy"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_missing_welsh_address_gets_the_whole_page_in_welsh_at_the_same_address(
    browser: Any, base_url: str, width: int
) -> None:
    """GitHub Pages answers /cy/… with the root /404.html: its Welsh text came first but the menu,
    the search box (searching English pages) and the switch ('Cymraeg') stayed English."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        response = page.goto(base_url + "/cy/canllawiau/dim-yma/")
        assert response is not None and response.status == 404
        from playwright.sync_api import expect

        expect(page.locator("html")).to_have_attribute("lang", "cy")  # (the page's CSP refuses eval)
        page.wait_for_load_state()
        assert page.url == base_url + "/cy/canllawiau/dim-yma/"  # the address the reader asked for
        assert page.title() == "Heb ddod o hyd i'r dudalen - Sylfaen Wybodaeth Cydgynhyrchu"
        assert page.locator("a[data-kb-lang-switch]").inner_text().strip() == "English"
        assert page.get_attribute("#kb-search-input", "placeholder") == "Chwilio'r sylfaen wybodaeth"
        assert page.locator("[data-kb-not-found] section").count() == 1
        assert "Page not found" not in page.inner_text("body")
        page.fill("#kb-search-input", "cymuned")
        expect(page.locator("[data-kb-search-status]")).to_contain_text("canlyniad", timeout=20000)
        assert all("/cy/" in h for h in page.eval_on_selector_all("a.kb-search__link", "els => els.map(e => e.href)"))
        assert errors == []
    finally:
        page.close()
