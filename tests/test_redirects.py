"""kb.publish.redirects: old addresses keep working in both languages."""

from dataclasses import dataclass

from htmlpage import Html
from links_fixture import links_site
from sitebuilder import make_site

from kb.model import load_model
from kb.publish.redirects import normalise_path, redirect_files, redirect_paths

SITE_URL = "https://kb.example.org/"


def _model(tmp_path, redirects):
    return load_model(make_site(tmp_path, links_site(case_id="gwyl-newydd", redirects=redirects)))


@dataclass
class _Head:
    lang: str
    canonical: str
    refresh: str
    links: list[str]
    text: list[str]


def parse(text: str) -> _Head:
    page = Html(text)
    canonical = page.first("link[rel=canonical]") or {}
    refresh = page.first("meta[http-equiv=refresh]") or {}
    links = [a.get("href", "") for a in page.attrs("a")]
    return _Head(page.lang, canonical.get("href", ""), refresh.get("content", ""), links, [page.text()])


def test_normalise_path():
    assert normalise_path("/case-studies/old") == "case-studies/old/"
    assert normalise_path("old.html") == "old.html"


def test_id_target_makes_redirects_in_both_languages(tmp_path):
    model = _model(tmp_path, "case-studies/gwyl-gymunedol/: gwyl-newydd\n")
    redirects, problems = model.redirects, model.redirect_problems
    assert problems == []
    assert [(r.source, r.target) for r in redirects] == [("case-studies/gwyl-gymunedol/", "case-studies/gwyl-newydd/")]
    files = redirect_files(redirects, SITE_URL, {("cy", "case-studies/gwyl-newydd/"): "Gŵyl gymunedol yng Ngwynedd"})
    cy = parse(files["cy/case-studies/gwyl-gymunedol/index.html"])
    en = parse(files["case-studies/gwyl-gymunedol/index.html"])
    assert cy.lang == "cy" and en.lang == "en"
    assert cy.canonical == SITE_URL + "cy/case-studies/gwyl-newydd/"
    assert en.canonical == SITE_URL + "case-studies/gwyl-newydd/"
    assert cy.refresh == "0; url=../gwyl-newydd/" and cy.links == ["../gwyl-newydd/"]
    assert "Mae'r dudalen hon wedi symud i" in "".join(cy.text)
    assert "Gŵyl gymunedol yng Ngwynedd" in "".join(cy.text)
    assert "This page has moved to" in "".join(en.text)
    # The renamed case study's embed card follows it.
    assert "cy/embed/gwyl-gymunedol/" in redirect_paths(redirects)
    assert parse(files["embed/gwyl-gymunedol/index.html"]).links == ["../gwyl-newydd/"]


def test_path_target(tmp_path):
    model = _model(tmp_path, "/old-guide: guides/listening-first/\n")
    redirects, problems = model.redirects, model.redirect_problems
    assert problems == []
    assert redirects[0].source == "old-guide/" and redirects[0].target == "guides/listening-first/"


def test_problems_name_the_line(tmp_path):
    text = (
        "# redirects\n"
        "case-studies/a/: no-such-id\n"  # 2: unknown target
        "guides/community/: listening-first\n"  # 3: a live page
        "cy/guides/b/: community\n"  # 4: language prefix
        "guides/c/:\n"  # 5: no target
    )
    problems = _model(tmp_path, text).redirect_problems
    got = {(p.line, p.rule_name) for p in problems}
    assert got == {(2, "redirect-target-missing"), (3, "redirect-over-page"), (4, "redirects-file"), (5, "redirects-file")}
    assert all(p.path == "data/redirects.yml" for p in problems)
    assert "no-such-id" in next(p.message for p in problems if p.line == 2)


def test_invalid_yaml_is_a_problem_not_a_traceback(tmp_path):
    problems = _model(tmp_path, "a: [b\n").redirect_problems
    assert [p.rule_name for p in problems] == ["redirects-file"]


def test_a_redirect_over_a_case_study_image_is_refused(tmp_path):
    files = links_site(case_id="gwyl-newydd", redirects="case-studies/gwyl-newydd/llun.png/: community\n")
    files["case_studies/gwyl-newydd/llun.png"] = "not read here"
    problems = load_model(make_site(tmp_path, files)).redirect_problems
    assert [(p.line, p.rule_name) for p in problems] == [(1, "redirect-over-page")]
    assert "case_studies/gwyl-newydd/llun.png" in problems[0].message
