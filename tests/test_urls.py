"""kb.sources.urls: a page's address comes from its id, not from where its file is."""


import pytest
from links_fixture import links_site
from sitebuilder import make_site

from kb.sources.content import load_site
from kb.sources.urls import absolute, content_type, neutral_path, page_path, path_from_rel, published_pages, relative


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return load_site(make_site(tmp_path_factory.mktemp("urls"), links_site()))


@pytest.mark.parametrize(
    ("rel", "path"),
    [("index.md", ""), ("about.md", "about/"), ("about/index.md", "about/"), ("guides/index.md", "guides/"),
     ("a/b/README.md", "a/b/"), ("guides/x.md", "guides/x/")],
)
def test_path_from_rel(rel, path):
    assert path_from_rel(rel) == path


def test_guide_url_is_its_id_not_its_file_name(site):
    page = site.get("en", "guides/hear-first.md")
    assert content_type(page) == "guide"
    assert neutral_path(site, "guides/hear-first.md") == "guides/listening-first/"
    assert page_path(site, "cy", "guides/hear-first.md") == "cy/guides/listening-first/"


def test_moving_the_file_keeps_the_url(tmp_path):
    files = links_site()
    files["docs/guides/deeper/renamed.md"] = files.pop("docs/guides/hear-first.md")
    files["docs_cy/guides/deeper/renamed.md"] = files.pop("docs_cy/guides/hear-first.md")
    site = load_site(make_site(tmp_path, files))
    paths = {p.source.path: p.path for p in published_pages(site)}
    assert paths["docs/guides/deeper/renamed.md"] == "guides/listening-first/"
    assert paths["docs_cy/guides/deeper/renamed.md"] == "cy/guides/listening-first/"


def test_case_studies_and_pages(site):
    paths = {p.source.path: p.path for p in published_pages(site)}
    assert paths["case_studies/gwyl-gymunedol/cy.md"] == "cy/case-studies/gwyl-gymunedol/"
    assert paths["docs/index.md"] == ""
    assert paths["docs_cy/index.md"] == "cy/"


def test_a_page_in_one_language_takes_its_id_from_the_other(tmp_path):
    files = links_site()
    del files["docs_cy/guides/hear-first.md"]
    site = load_site(make_site(tmp_path, files))
    assert page_path(site, "cy", "guides/hear-first.md") == "cy/guides/listening-first/"


def test_an_unusable_id_falls_back_to_the_file_path(tmp_path):
    files = links_site()
    files["docs/guides/hear-first.md"] = files["docs/guides/hear-first.md"].replace("id: listening-first", "id: Not An Id")
    files["docs_cy/guides/hear-first.md"] = files["docs_cy/guides/hear-first.md"].replace("id: listening-first", "id: x y")
    site = load_site(make_site(tmp_path, files))
    assert neutral_path(site, "guides/hear-first.md") == "guides/hear-first/"


def test_relative_and_absolute():
    assert relative("cy/embed/x/", "cy/guides/x/") == "../../guides/x/"
    assert relative("cy/", "cy/") == "./"
    assert relative("embed/x/", "") == "../../"
    assert absolute("https://example.org/kb", "cy/") == "https://example.org/kb/cy/"
