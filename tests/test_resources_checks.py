"""kb/checks/resources.py: KB132 resource-address and KB133 resource-source, once per pair; and the
shipped resources (at least 15, of at least 4 kinds, in both languages)."""

from __future__ import annotations

from pathlib import Path

import pytest
import resource_fixtures as R
from sitebuilder import FIXTURE_BIBLIOGRAPHY, REPO, make_site, run_kb

from kb.checks.resources import address_problem, check
from kb.model import load_model
from kb.sources.content import load_site
from kb.sources.urls import content_type


@pytest.mark.parametrize(
    ("url", "wrong"),
    [
        ("https://www.legislation.gov.uk/anaw/2015/2/contents", None),
        ("https://gwefan.cymru/adroddiad?iaith=cy#rhan-2", None),
        ("https://user:secret@www.gov.wales/x", "user name or password"),
        ("https://192.168.1.10/report.pdf", "IP address"),
        ("https://www.example.org/report", "placeholder"),
        ("https://localhost/report", "placeholder"),
        ("https://intranet/report", "not a valid site name"),
        ("https://www.gov.wales:8443/x", "port 8443"),
        ("http://www.gov.wales/x", None),  # not https: the schema's own message (KB001)
    ],
)
def test_address_shapes(url: str, wrong: str | None) -> None:
    found = address_problem(url)
    assert (found is None) if wrong is None else (found is not None and wrong in found.render("en")), found


def repo_with(tmp_path: Path, bibliography: str = FIXTURE_BIBLIOGRAPHY, **overrides: object) -> Path:
    files: dict[str, str] = {"data/bibliography.yml": bibliography}
    files.update(R.files("alpha-report", 1, **overrides))
    return make_site(tmp_path / "repo", files)


def test_a_placeholder_address_is_one_problem_on_the_english_file(tmp_path: Path) -> None:
    problems = check(load_model(repo_with(tmp_path, url="https://example.com/x")))
    assert [(p.path, p.rule_id) for p in problems] == [("docs/resources/alpha-report.md", "KB132")]
    assert "'example.com' is a placeholder" in problems[0].message


def test_source_must_exist_and_agree_on_the_address(tmp_path: Path) -> None:
    unknown = check(load_model(repo_with(tmp_path / "a", source="wfg-act-2051")))
    assert [p.rule_id for p in unknown] == ["KB133"] and "Did you mean 'wfg-act-2015'?" in unknown[0].message
    differs = check(load_model(repo_with(tmp_path / "b", source="wfg-act-2015", url="https://www.legislation.gov.uk/anaw/2015/2")))
    assert [p.rule_id for p in differs] == ["KB133"]
    assert "differs from the one in the bibliography entry 'wfg-act-2015'" in differs[0].message
    same = repo_with(tmp_path / "c", source="wfg-act-2015", url="https://www.legislation.gov.uk/anaw/2015/2/contents")
    assert check(load_model(same)) == []


def test_two_resources_cannot_share_a_source(tmp_path: Path) -> None:
    files = {**R.files("alpha-report", 1, source="wfg-act-2015"), **R.files("beta-report", 2, source="wfg-act-2015")}
    problems = check(load_model(make_site(tmp_path / "repo", files)))
    assert [(p.path, p.rule_id) for p in problems] == [("docs/resources/beta-report.md", "KB133")]


def test_kb_check_reports_the_line_of_the_address(tmp_path: Path) -> None:
    result = run_kb(repo_with(tmp_path, url="https://127.0.0.1/x"), "check")
    assert result.returncode == 1
    assert "docs/resources/alpha-report.md:" in result.stdout and "error KB132 resource-address" in result.stdout


def test_shipped_resources_are_real_numerous_and_of_several_kinds() -> None:
    site = load_site(REPO)
    resources = [p for p in site.pages if content_type(p) == "resource"]
    by_lang = {lang: {p.page_id for p in resources if p.lang == lang} for lang in ("en", "cy")}
    assert len(by_lang["en"]) >= 15 and by_lang["en"] == by_lang["cy"]
    assert len({p.meta["kind"] for p in resources}) >= 4
    assert check(load_model(REPO)) == []
    # Never a guessed address: every address a resource gives is the one its bibliography entry gives.
    for page in resources:
        if "url" in page.meta:
            assert page.meta.get("source"), page.path
