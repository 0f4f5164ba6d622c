"""Embed cards fit their fixed frames (kb.publish.embeds.SIZES): in headless Chromium, at the wide
and the narrow size, every card in both languages shows whole lines, whole words and whole tags
and nothing runs past the frame (tests/embed_fit.js says what is cut)."""

from __future__ import annotations

from pathlib import Path

import case_study_fixtures as CS
import pytest
import resource_fixtures as R
from browser import chromium, serve
from sitebuilder import build, make_site

from kb.publish.embeds import SIZES

pytestmark = [pytest.mark.browser, pytest.mark.build]
FIT = (Path(__file__).parent / "embed_fit.js").read_text(encoding="utf-8")
LONG_CY = (
    "Gwnaeth trigolion, gwirfoddolwyr a staff rheng flaen yng Nghaerdydd a Chastell-nedd Port Talbot gynllunio "
    "gwasanaethau gyda'i gilydd am dair blynedd, gan rannu'r penderfyniadau, yr arian a'r cyfrifoldeb, ac mae'r "
    "grŵp bellach yn cwrdd bob mis mewn tŷ cymunedol i adolygu'r hyn a ddysgwyd ac i gynllunio'r cam nesaf."
)


def cards_of(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() for p in site.glob("**/embed/*/index.html"))


def fit_problems(site: Path, cards: list[str]) -> list[tuple[str, str, list[str]]]:
    found: list[tuple[str, str, list[str]]] = []
    with serve(site) as base, chromium() as browser:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for card in cards:
                page.goto(f"{base}/{card}/")
                problems = page.evaluate(FIT)
                if problems:
                    found.append((size, card, problems))
            page.close()
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {**CS.listing_pages(), **R.listing_pages()}
    files["docs/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n"
    files["docs_cy/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n"
    many = {"regions": ["neath-port-talbot", "rhondda-cynon-taf", "vale-of-glamorgan"],
            "themes": ["public-services-boards", "democratic-participation", "children-and-young-people"]}
    files.update(CS.files("hir-iawn", 1, **many))
    cy = files["case_studies/hir-iawn/cy.md"].split("\n")
    cy = [f"summary: \"{LONG_CY[:399]}\"" if line.startswith("summary:") else line for line in cy]
    cy = ["title: Cydgynhyrchu gwasanaethau cymunedol gyda'r trigolion ym Mhen-y-bont ar Ogwr a Bro Morgannwg"
          if line.startswith("title:") else line for line in cy]
    files["case_studies/hir-iawn/cy.md"] = "\n".join(cy)
    files.update(R.files("only-english", 2, languages=["en"], themes=["public-services-boards", "involvement"]))
    result = build(make_site(tmp_path_factory.mktemp("fit") / "repo", files))
    assert result.returncode == 0, result.output[-3000:]
    return result.site


def test_long_welsh_cards_fit_both_sizes_without_a_cut_word(site: Path) -> None:
    cards = cards_of(site)
    assert "cy/embed/hir-iawn" in cards and "cy/embed/only-english" in cards
    assert fit_problems(site, cards) == []


def test_the_detector_finds_a_cut_word(site: Path) -> None:
    """The measuring script is not blind: squeeze a card's tags into a box that cuts the first one."""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 300, "height": 340})
        page.goto(f"{base}/cy/embed/hir-iawn/")
        # Through the CSS object model: the card's own policy refuses injected style sheets.
        page.evaluate("Object.assign(document.querySelector('.kb-card__tags').style, {width: '60px', flexWrap: 'nowrap'})")
        cut = page.evaluate(FIT)
        assert "cut: Byrddau Gwasanaethau Cyhoeddus" in cut
        page.evaluate("document.querySelector('.kb-card__summary').style.maxHeight = 'none'")
        problems = page.evaluate(FIT)
        assert any(p.startswith("content taller than the frame") for p in problems)
        assert any(p.startswith("outside the frame:") for p in problems)


def test_an_english_only_resource_card_in_welsh_says_so_and_marks_its_title(site: Path) -> None:
    html = (site / "cy" / "embed" / "only-english" / "index.html").read_text(encoding="utf-8")
    assert '<p class="kb-card__type">Adnodd · Saesneg yn unig</p>' in html
    assert 'target="_top" lang="en">Fixture resource 2</a>' in html
