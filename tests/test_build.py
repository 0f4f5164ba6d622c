"""The real `mkdocs build --strict` on a tiny bilingual site: every page in both languages, and the
same site from ProperDocs (a replaceable renderer)."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from htmlpage import Html
from sitebuilder import build, make_site

pytestmark = pytest.mark.build

PAGES = {
    "index.html": "cy/index.html",
    "guides/community/index.html": "cy/guides/community/index.html",
    "case-studies/gwyl-gymunedol/index.html": "cy/case-studies/gwyl-gymunedol/index.html",
}


@dataclass
class _Links:
    html_lang: str
    alternates: dict[str, str]
    switch: dict[str, str]
    ids: set[str]


def parse(path: Path) -> _Links:
    page = Html.file(path)
    return _Links(
        page.lang,
        {a["hreflang"]: a["href"] for a in page.attrs("link[rel=alternate][hreflang]")},
        {a["hreflang"]: a["href"] for a in page.attrs("a[data-kb-lang-switch][hreflang]")},
        page.ids,
    )


def resolve(page: Path, site: Path, href: str) -> Path:
    """The file an href on a built page points at (site-root or page-relative)."""
    href = href.split("#")[0]
    target = (site / href.lstrip("/")) if href.startswith("/") else (page.parent / href)
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("site"), minimal_site())
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def test_every_page_exists_in_both_languages_with_the_right_lang(built):
    for en, cy in PAGES.items():
        assert parse(built.site / en).html_lang == "en", en
        assert parse(built.site / cy).html_lang == "cy", cy


def test_language_switch_goes_to_the_same_page_in_the_other_language(built):
    for en, cy in PAGES.items():
        en_page, cy_page = built.site / en, built.site / cy
        assert resolve(cy_page, built.site, parse(cy_page).switch["en"]) == en_page.resolve(), cy
        assert resolve(en_page, built.site, parse(en_page).switch["cy"]) == cy_page.resolve(), en


def test_welsh_pages_have_welsh_interface_and_navigation(built):
    html = (built.site / "cy/guides/community/index.html").read_text(encoding="utf-8")
    assert "Canllawiau" in html and "Astudiaethau achos" in html
    assert "Sylfaen Wybodaeth Cydgynhyrchu" in html
    assert "Neidio i'r cynnwys" in html or "Neidio i&#39;r cynnwys" in html  # Material's cy strings
    en_html = (built.site / "guides/community/index.html").read_text(encoding="utf-8")
    assert "Canllawiau" not in en_html and "Guides" in en_html


def test_welsh_heading_anchor_keeps_its_letters(built):
    ids = parse(built.site / "cy/guides/community/index.html").ids
    assert "rhannu-pŵer-âr-gymuned" in ids


def test_edit_link_points_at_the_real_welsh_file(built):
    html = (built.site / "cy/guides/community/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/docs_cy/guides/community\.md"', html)
    cs = (built.site / "cy/case-studies/gwyl-gymunedol/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/case_studies/gwyl-gymunedol/cy\.md"', cs)


def test_sitemap_lists_both_languages(built):
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cy/guides/community/" in sitemap and "/guides/community/" in sitemap


def test_a_welsh_page_missing_is_not_replaced_by_english(tmp_path):
    files = minimal_site()
    del files["docs_cy/guides/community.md"]
    result = build(make_site(tmp_path, files))
    # Either the parity checks fail the build, or no English page appears under /cy/.
    english_under_cy = result.site / "cy/guides/community/index.html"
    if result.returncode == 0:
        assert not english_under_cy.exists() or parse(english_under_cy).html_lang == "cy"
    else:
        assert "docs_cy/guides/community.md" in result.output


def test_guide_labels_are_shown_in_the_page_language(built):
    cy = (built.site / "cy/guides/community/index.html").read_text(encoding="utf-8")
    en = (built.site / "guides/community/index.html").read_text(encoding="utf-8")
    assert "Hanfodion cydgynhyrchu" in cy and "Co-production basics" not in cy
    assert "Co-production basics" in en


def test_not_found_pages_and_footer_are_in_each_language(built):
    en, cy = built.site / "404.html", built.site / "cy/404.html"
    assert parse(en).html_lang == "en" and parse(cy).html_lang == "cy"
    cy_html = cy.read_text(encoding="utf-8")
    assert "Heb ddod o hyd i&#39;r dudalen" in cy_html or "Heb ddod o hyd i'r dudalen" in cy_html
    assert 'href="/cy/"' in cy_html and "Not found" not in cy_html
    assert "Page not found" in en.read_text(encoding="utf-8")
    guide = (built.site / "cy/guides/community/index.html").read_text(encoding="utf-8")
    assert "Testun ar gael dan drwydded" in guide and "Made with" not in guide


def _built_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (Pagefind names its chunks differently each run),
    with the generator meta tag (which names the renderer) left out."""
    out: dict[str, bytes] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith("pagefind/"):
            out[rel] = re.sub(rb'<meta name="generator" content="[^"]*">', b"", path.read_bytes())
    return out


def test_properdocs_builds_the_same_site(built, tmp_path):
    # ProperDocs 1.6 keeps MkDocs 1.x's plugin API and runs Material and mkdocs-static-i18n unchanged.
    other = build(make_site(tmp_path, minimal_site()), renderer="properdocs")
    assert other.returncode == 0, other.output
    assert "ProperDocs" in (other.site / "index.html").read_text(encoding="utf-8")  # it really was ProperDocs
    mine, theirs = _built_files(built.site), _built_files(other.site)
    assert sorted(mine) == sorted(theirs)
    assert [rel for rel in mine if mine[rel] != theirs[rel]] == []
