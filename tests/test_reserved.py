"""kb.publish.reserved: nothing is written outside the output folder or over the build's own files.

Redirect sources that climb out of site/ or are not plain paths are refused at their line
(redirects-file); pages and redirects at the addresses of the feeds, the API, the embed cards,
the search index or the Welsh site are refused at path:line (reserved-address); the writer
refuses any path leaving the output folder whatever reaches it.
"""

from pathlib import Path

import pytest
from links_fixture import links_site
from sitebuilder import build, make_site

from kb.checks.manifest import check
from kb.model import load_model
from kb.publish.generate import write_files
from kb.publish.reserved import OutsideOutput, bad_segment, clash, confined, reserved_by

PAGE_EN = "---\nid: {id}\ntype: page\ntitle: Tudalen\n---\n# Page\n"
PAGE_CY = "---\nid: {id}\ntype: page\ntitle: Tudalen ŵ\n---\n# Tudalen\n"


def _pair(files: dict[str, str], rel: str, page_id: str) -> None:
    files[f"docs/{rel}"] = PAGE_EN.format(id=page_id)
    files[f"docs_cy/{rel}"] = PAGE_CY.format(id=page_id)


def _problems(tmp_path, redirects: str = "", pages: dict[str, str] | None = None):
    files = links_site(redirects=redirects or None)
    for rel, page_id in (pages or {}).items():
        _pair(files, rel, page_id)
    return check(load_model(make_site(tmp_path, files)))


@pytest.mark.parametrize(
    "source",
    [
        "../../../../tmp/kb-escape/",
        "guides/../../x/",
        "./guides/x/",
        "guides//x/",
        "guides/a b/",
        "guides/x?y=1",
        "guides/.git/",
        "guides\\..\\x/",
        "g" * 500 + "/",
    ],
)
def test_a_redirect_source_that_is_not_a_plain_site_path_is_refused_at_its_line(tmp_path, source):
    text = f"# moved\n'{source}': community\n"
    problems = [p for p in _problems(tmp_path, text) if p.is_error]
    assert [(p.path, p.line, p.rule_name) for p in problems] == [("data/redirects.yml", 2, "redirects-file")]
    assert "not a plain address of this site" in problems[0].message


@pytest.mark.parametrize(
    ("source", "reserved"),
    [
        ("api/v1/items.json", "/api/"),
        ("feed.xml", "/feed.xml"),
        ("embed/community/", "/embed/"),
        ("oembed/community.json", "/oembed/"),
        ("assets/javascripts/bundle.js", "/assets/"),
        ("pagefind/pagefind.js", "/pagefind/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("404.html", "/404.html"),
    ],
)
def test_a_redirect_over_a_generated_file_is_refused_at_its_line(tmp_path, source, reserved):
    problems = [p for p in _problems(tmp_path, f"{source}: community\n") if p.is_error]
    assert [(p.path, p.line, p.rule_name) for p in problems] == [("data/redirects.yml", 1, "reserved-address")]
    assert reserved in problems[0].message and problems[0].hint


def test_index_html_is_the_folder_address(tmp_path):
    """'guides/community/index.html' is the page itself, so it is refused as a redirect over a page."""
    problems = _problems(tmp_path, "guides/community/index.html: listening-first\n")
    assert [p.rule_name for p in problems] == ["redirect-over-page"]


@pytest.mark.parametrize(
    ("rel", "reserved"),
    [
        ("feed.xml.md", "/feed.xml"),
        ("feed.json.md", "/feed.json"),
        ("api/v1/items.json.md", "/api/"),
        ("embed/community/index.md", "/embed/"),
        ("oembed/x.md", "/oembed/"),
        ("assets/page.md", "/assets/"),
        ("pagefind/index.md", "/pagefind/"),
        ("cy/index.md", "/cy/"),
    ],
)
def test_a_page_at_a_reserved_address_is_refused_naming_both_files(tmp_path, rel, reserved):
    problems = [p for p in _problems(tmp_path, pages={rel: "reserved-page"}) if p.rule_name == "reserved-address"]
    assert sorted(p.path for p in problems) == [f"docs/{rel}", f"docs_cy/{rel}"]
    assert all(p.line == 1 and reserved in p.message and "Move or rename" in p.hint for p in problems)


def test_ordinary_addresses_are_not_reserved():
    for neutral in ["guides/x/", "about/", "", "case-studies/ŵyl/", "apis/", "embedding/", "feed/", "assets-list/"]:
        assert reserved_by(neutral) is None, neutral
    assert bad_segment("case-studies/gŵyl-newydd/") is None
    assert bad_segment("old.html") is None


@pytest.mark.parametrize(
    "rel", ["../x/index.html", "/etc/passwd", "a/../../b.html", "a//b.html", "a\\..\\b", "a/\x00/b", "", "./a.html"]
)
def test_the_writer_refuses_any_path_leaving_the_output_folder(tmp_path, rel):
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutsideOutput):
        write_files(site, {"feed.xml": "<rss/>", rel: "x"})
    assert list(site.iterdir()) == []  # nothing written, not even the good file
    assert confined(site, "cy/embed/x/index.html") == site / "cy/embed/x/index.html"


def test_the_build_refuses_every_escape_and_collision_at_its_line_without_a_traceback(tmp_path):
    outside = tmp_path / "outside"
    depth = len(Path(tmp_path / "repo" / ".site.staging").parts)
    climb = "../" * depth + str(outside).lstrip("/") + "/"
    files = links_site(redirects=f"'{climb}': community\napi/v1/items.json: community\n")
    _pair(files, "feed.xml.md", "feed-page")
    _pair(files, "api/v1/items.json.md", "api-page")
    root = make_site(tmp_path / "repo", files)
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.output and "Error:" not in result.output.replace("BuildError", "")
    for line in [
        "data/redirects.yml:1: error KB084 redirects-file",
        "data/redirects.yml:2: error KB105 reserved-address",
        "docs/feed.xml.md:1: error KB105 reserved-address",
        "docs_cy/feed.xml.md:1: error KB105 reserved-address",
        "docs/api/v1/items.json.md:1: error KB105 reserved-address",
        "docs_cy/api/v1/items.json.md:1: error KB105 reserved-address",
    ]:
        assert line in result.output
    assert not outside.exists()
    assert not result.site.exists()


def test_pages_and_redirects_over_any_generated_file_are_refused(tmp_path):
    """Not only the reserved folders: every file the output plan generates (here a CSV download)."""
    pages = _problems(tmp_path / "pages", pages={"case-studies/case-studies.csv.md": "csv-page"})
    moved = _problems(tmp_path / "moved", "# moved\ncase-studies/case-studies.csv: community\n")
    found = sorted((p.path, p.line, p.message) for p in pages + moved if p.rule_name == "reserved-address")
    assert [(path, line) for path, line, _ in found] == [
        ("data/redirects.yml", 2),
        ("docs/case-studies/case-studies.csv.md", 1),
        ("docs_cy/case-studies/case-studies.csv.md", 1),
    ]
    assert all("case-studies/case-studies.csv, a file the build generates" in message for *_, message in found)


def test_clash_finds_a_generated_file_where_a_folder_must_go():
    generated = {"feed.xml", "case-studies/case-studies.csv", "embed/x/index.html"}
    assert clash("case-studies/case-studies.csv/", generated) == "case-studies/case-studies.csv"
    assert clash("embed/x/", generated) == "embed/x/index.html"
    assert clash("case-studies/", generated) is None
    assert clash("feed.xml", generated) == "feed.xml"
