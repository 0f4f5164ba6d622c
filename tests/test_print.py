"""Print styles (docs/assets/print.css): a guide printed to PDF in headless Chromium has no embed
box or iframe code, no search or navigation, and its reference links carry their addresses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import chromium, serve
from fixture_pages import minimal_site
from pypdf import PdfReader
from sitebuilder import build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.build]


def pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", text.replace("\ufb00", "ff").replace("\ufb01", "fi"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build(make_site(tmp_path_factory.mktemp("print") / "repo", minimal_site()))
    assert result.returncode == 0, result.output[-3000:]
    return result.site


@pytest.mark.parametrize(("lang", "embed", "search"), [("en", "Embed", "Search"), ("cy", "Mewnblannu", "Chwilio")])
def test_a_printed_guide_has_no_embed_code_search_or_navigation(site: Path, tmp_path: Path, lang: str, embed: str, search: str) -> None:
    prefix = "/cy" if lang == "cy" else ""
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}{prefix}/guides/community/")
        assert page.locator("details.kb-embed").count() == 1  # on screen the box is there
        page.emulate_media(media="print")
        assert page.locator("details.kb-embed").is_hidden()
        pdf = tmp_path / f"guide-{lang}.pdf"
        page.pdf(path=str(pdf), format="A4")
    text = pdf_text(pdf)
    assert ("Gweithio gyda chymuned" if lang == "cy" else "Working with a community") in text
    assert "iframe" not in text and embed not in text and search not in text
    assert "Sylfaen Wybodaeth Cydgynhyrchu" not in text and "Co-production Knowledge Base" not in text  # no header or nav
    # The reference to the Act is printed with its address.
    assert "(https://www.legislation.gov.uk/anaw/2015/2/contents)" in text.replace(" ", "")  # PDF lines break anywhere
