from fixture_pages import minimal_site
from sitebuilder import make_site

from kb.sources.content import load_site


def test_discovers_pages_in_both_languages_and_case_studies(tmp_path):
    files = minimal_site()
    files["case_studies/gwyl-gymunedol/llun.png"] = b"\x89PNG"
    files["case_studies/_template/en.md"] = "template: not published"
    site = load_site(make_site(tmp_path, files))
    keys = sorted((p.lang, p.rel, p.path) for p in site.pages)
    assert ("cy", "case-studies/gwyl-gymunedol/index.md", "case_studies/gwyl-gymunedol/cy.md") in keys
    assert ("cy", "guides/community.md", "docs_cy/guides/community.md") in keys
    assert not any("_template" in k[2] for k in keys)
    assert [a.rel for a in site.assets] == ["case-studies/gwyl-gymunedol/llun.png"]


def test_pages_pair_up_across_languages(tmp_path):
    site = load_site(make_site(tmp_path, minimal_site()))
    cy = site.get("cy", "guides/community.md")
    en = site.get("en", "case-studies/gwyl-gymunedol/index.md")
    assert cy is not None and en is not None
    assert site.counterpart(cy) is site.get("en", "guides/community.md")


def test_front_matter_and_body_line_are_read(tmp_path):
    site = load_site(make_site(tmp_path, minimal_site()))
    page = site.get("cy", "guides/community.md")
    assert page is not None
    assert page.page_id == "community" and page.meta["title"] == "Gweithio gyda chymuned"
    assert page.body.startswith("# Gweithio gyda chymuned")
    assert page.text is not None and page.text.split("\n")[page.front.body_line - 1] == "# Gweithio gyda chymuned"
