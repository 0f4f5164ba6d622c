"""kb/checks/links.py: a link to a page or file of the knowledge base that does not exist (KB140)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_pages import minimal_site
from sitebuilder import build, make_site, run_kb

from kb.checks.links import check
from kb.model import load_model

EN, CY = "docs/guides/community.md", "docs_cy/guides/community.md"


def _problems(tmp_path: Path, en_extra: str = "", cy_extra: str = "", files: dict[str, str] | None = None) -> list[str]:
    site = minimal_site()
    site[EN] += en_extra
    site[CY] += cy_extra
    site.update(files or {})
    return [p.format() for p in check(load_model(make_site(tmp_path, site)))]


def test_links_to_pages_files_and_case_studies_that_exist_are_fine(tmp_path):
    extra = (
        "\n[Home](../index.md), [the same in Welsh](community.cy.md), [a case study](../case-studies/gwyl-gymunedol/index.md),"
        " [the list](../case-studies/), [a heading](#top), [away](https://www.llyw.cymru/), <mailto:post@example.org>,"
        " ![diagram](../assets/diagram.png)\n"
    )
    assert _problems(tmp_path, extra, extra, {"docs/assets/diagram.png": "png"}) == []


def test_a_missing_page_is_an_error_at_its_line_in_each_file(tmp_path):
    found = _problems(tmp_path, "\nSee [budgets](budget.md).\n", "\nGweler [cyllidebau](budget.md).\n")
    assert len(found) == 2
    assert all("error KB140 link-target-missing: the link 'budget.md' points to guides/budget.md" in f for f in found)
    assert {f.split(":")[0] for f in found} == {EN, CY}


def test_a_missing_image_and_a_link_out_of_the_tree(tmp_path):
    found = _problems(tmp_path, "\n![Map](map.png) and [up](../../README.md)\n")
    assert any("'map.png' points to guides/map.png" in f for f in found)
    assert any("the link '../../README.md' leaves the knowledge base's own files" in f for f in found)


def test_links_in_code_are_not_links(tmp_path):
    assert _problems(tmp_path, "\n`[x](nowhere.md)`\n\n```\n[x](nowhere.md)\n```\n") == []


@pytest.mark.build
def test_check_and_strict_build_give_the_same_verdict_on_a_broken_link(tmp_path):
    site = minimal_site()
    site[EN] += "\nSee [budgets](budget.md).\n"
    site[CY] += "\nGweler [cyllidebau](budget.md).\n"
    root = make_site(tmp_path, site)
    checked = run_kb(root, "check")
    built = build(root)
    assert checked.returncode == 1 and built.returncode != 0
    line = f"{CY}:"
    assert line in checked.stdout and f"{line}" in built.output and "KB140 link-target-missing" in built.output
    welsh = run_kb(root, "check", "--lang", "cy").stdout
    assert "gwall KB140 link-target-missing: mae'r ddolen 'budget.md' yn pwyntio at guides/budget.md" in welsh


def test_a_language_variant_of_a_file_counts_as_the_file(tmp_path):
    assert _problems(tmp_path, "\n![Poster](../assets/poster.cy.png)\n", files={"docs/assets/poster.cy.png": "png"}) == []
