"""Welsh/English parity (kb.checks.parity): one test per rule, valid and invalid, then real builds per state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixture_pages import case_study
from parity_pages import BUDGET_CY, BUDGET_EN, parity_site
from sitebuilder import build, commit_all, make_site, run_kb

from kb.checks import parity
from kb.core.problem import Problem
from kb.model import load_model
from kb.publish.parity_report import report_markdown

EN, CY = "docs/guides/budgets.md", "docs_cy/guides/budgets.md"


def problems(tmp_path: Path, files: dict[str, str], extra: dict[str, str] | None = None) -> list[Problem]:
    return parity.check(load_model(make_site(tmp_path, {**files, **(extra or {})})))


def rule(found: list[Problem], name: str) -> list[Problem]:
    return [p for p in found if p.rule_name == name]


def with_pair(en: str = BUDGET_EN, cy: str = BUDGET_CY) -> dict[str, str]:
    files = parity_site()
    files[EN], files[CY] = en, cy
    return files


def test_a_faithful_translation_has_no_parity_problems(tmp_path):
    assert problems(tmp_path, parity_site()) == []


# ---- pairing (KB040, KB041) -------------------------------------------------------------


def test_a_missing_welsh_page_is_an_error_naming_both_paths(tmp_path):
    files = parity_site()
    del files[CY]
    [p] = rule(problems(tmp_path, files), "translation-missing")
    assert (p.path, p.rule_name, p.severity) == (EN, "translation-missing", "error")
    assert CY in p.message and "translation: {pending: YYYY-MM-DD}" in p.hint


def test_a_missing_english_page_is_an_error_too(tmp_path):
    files = parity_site()
    del files[EN]
    [p] = rule(problems(tmp_path, files), "translation-missing")
    assert p.path == CY and EN in p.message and "English" in p.message


def test_a_case_study_without_cy_md_names_both_files(tmp_path):
    files = parity_site()
    del files["case_studies/gwyl-gymunedol/cy.md"]
    [p] = rule(problems(tmp_path, files), "translation-missing")
    assert p.path == "case_studies/gwyl-gymunedol/en.md"
    assert "case_studies/gwyl-gymunedol/cy.md" in p.message


def test_a_declared_pending_translation_is_not_an_error(tmp_path):
    files = parity_site()
    del files[CY]
    files[EN] = BUDGET_EN.replace("order: 2\n", "order: 2\ntranslation: {pending: 2026-11-20}\n")
    model = load_model(make_site(tmp_path, files))
    assert parity.check(model) == []
    [status] = [s for s in model.pairs if s.rel == "guides/budgets.md"]
    assert (status.state, status.pending_date) == ("pending", "2026-11-20")


def test_a_pending_declaration_after_the_translation_arrived_is_a_warning(tmp_path):
    en = BUDGET_EN.replace("order: 2\n", "order: 2\ntranslation:\n  pending: 2026-11-20\n")
    [p] = rule(problems(tmp_path, with_pair(en=en)), "translation-pending-stale")
    assert (p.path, p.line, p.severity) == (EN, 8, "warning")
    assert CY in p.message


# ---- structure (KB042-KB047) ------------------------------------------------------------


def test_language_neutral_front_matter_must_agree(tmp_path):
    cy = BUDGET_CY.replace("order: 2", "order: 3").replace("[co-production-basics]", "[community-action]")
    found = rule(problems(tmp_path, with_pair(cy=cy)), "parity-front-matter")
    assert {p.message.split("'")[1] for p in found} == {"order", "themes"}
    order = next(p for p in found if "'order'" in p.message)
    assert order.path == CY and order.line == 6 and f"{EN}:6" in order.message


def test_language_specific_fields_and_list_order_may_differ(tmp_path):
    en = BUDGET_EN.replace("[co-production-basics]", "[co-production-basics, community-action]")
    cy = BUDGET_CY.replace("[co-production-basics]", "[community-action, co-production-basics]")
    assert problems(tmp_path, with_pair(en=en, cy=cy)) == []  # titles and summaries differ already


def test_a_deleted_welsh_heading_names_both_files_and_lines(tmp_path):
    cy = BUDGET_CY.replace("## Beth ddigwyddodd\n", "")
    [p] = rule(problems(tmp_path, with_pair(cy=cy)), "parity-headings")
    assert p.path == CY and p.rule_name == "parity-headings"
    assert EN in p.message and "2 × h2" in p.message and "1 × h2" in p.message
    assert f"{EN}:14 has h2 'What happened', which has no counterpart in {CY} (expected after line 10)" in p.message
    assert p.line == 10


def test_a_heading_at_another_level_is_reported(tmp_path):
    cy = BUDGET_CY.replace("## Beth a ddysgwyd", "### Beth a ddysgwyd")
    [p] = rule(problems(tmp_path, with_pair(cy=cy)), "parity-headings")
    assert "h3 'Beth a ddysgwyd'" in p.message and "h2 'What was learned'" in p.message


def test_a_changed_figure_is_reported_in_both_files(tmp_path):
    en = BUDGET_EN.replace("In 2019, 2,500 residents", "In 2019, 3,000 residents")
    found = rule(problems(tmp_path, with_pair(en=en)), "parity-numbers")
    # 2,500 is still in both tables, so only 3,000 is new: reported in the Welsh file, naming the English one.
    [p] = found
    assert (p.path, p.line, p.severity) == (CY, 10, "error")
    assert "'3,000' at docs/guides/budgets.md:12" in p.message


def test_a_figure_only_in_welsh_is_reported_in_english(tmp_path):
    cy = BUDGET_CY.replace("dros 3 blynedd", "dros 4 blynedd")
    found = rule(problems(tmp_path, with_pair(cy=cy)), "parity-numbers")
    assert {(p.path, p.message.split("'")[1]) for p in found} == {(EN, "4"), (CY, "3")}
    # Reported where the same section starts in the other file, so the line is useful there too.
    assert next(p for p in found if p.path == EN).line == 23


@pytest.mark.parametrize(
    ("en_text", "cy_text"),
    [
        ("2,500 people in 2015, then", "2500 o bobl yn 2015, wedyn"),  # thousands separator, punctuation
        ("2,500 people", "2\u00a0500 o bobl"),  # no-break space as thousands separator
        ("a 1.50 rise", "cynnydd o 1.5"),  # trailing decimal zero
        ("the 21st century", "yr 21ain ganrif"),  # ordinal suffixes
        ("the 1st and 2nd", "y 1af a'r 2il"),
        ("see [@wfg-act-2015, p. 12]", "gweler [@wfg-act-2015, t. 14]"),  # locators: the citations module's
        ("[report](https://example.org/2020/report.pdf)", "[adroddiad](https://example.org/2020/report.pdf)"),
        ("run `kb --max 40`", "rhedwch `kb --max 50`"),  # code is not translated prose
        ("COVID-19 in 2020-21", "COVID-19 yn 2020-21"),
        ("1. First step", "1. Y cam cyntaf"),
        ("A470 road", "ffordd yr A470"),
    ],
)
def test_numbers_compare_values_not_spelling(tmp_path, en_text, cy_text):
    en = BUDGET_EN.replace("Trust grew over 3 years.", f"Trust grew over 3 years.\n\n{en_text}")
    cy = BUDGET_CY.replace("dros 3 blynedd", f"dros 3 blynedd\n\n{cy_text}")
    assert rule(problems(tmp_path, with_pair(en=en, cy=cy)), "parity-numbers") == []


def test_a_link_to_another_page_is_reported(tmp_path):
    cy = BUDGET_CY.replace("(community.md)", "(../index.md)")
    found = rule(problems(tmp_path, with_pair(cy=cy)), "parity-links")
    assert {(p.path, p.message.split("'")[1]) for p in found} == {(CY, "community.md"), (EN, "../index.md")}
    assert all(p.rule_name == "parity-links" for p in found)


def test_links_match_across_bilingual_sites_and_anchors(tmp_path):
    en = BUDGET_EN.replace("(community.md)", "(community.md#sharing-power) and [the guidance](https://www.gov.wales/guidance)")
    cy = BUDGET_CY.replace("(community.md)", "(community.md#rhannu-pwer-ar-gymuned) a'r [canllawiau](https://www.llyw.cymru/canllawiau)")
    assert rule(problems(tmp_path, with_pair(en=en, cy=cy)), "parity-links") == []


def test_an_external_link_to_a_different_address_is_reported(tmp_path):
    en = BUDGET_EN.replace("Trust grew", "See [the report](https://example.org/a). Trust grew")
    cy = BUDGET_CY.replace("Tyfodd", "Gweler [yr adroddiad](https://example.org/b). Tyfodd")
    found = rule(problems(tmp_path, with_pair(en=en, cy=cy)), "parity-links")
    assert {p.message.split("'")[1] for p in found} == {"https://example.org/a", "https://example.org/b"}


def test_images_must_match_but_a_welsh_variant_counts_as_the_same(tmp_path):
    en = BUDGET_EN.replace("Trust grew", "![Votes by year](chart.png)\n\nTrust grew")
    same = BUDGET_CY.replace("Tyfodd", "![Pleidleisiau fesul blwyddyn](chart.cy.png)\n\nTyfodd")
    assert rule(problems(tmp_path / "a", with_pair(en=en, cy=same)), "parity-images") == []
    [p] = rule(problems(tmp_path / "b", with_pair(en=en)), "parity-images")
    assert p.path == CY and "'chart.png' at docs/guides/budgets.md:25" in p.message and p.rule_name == "parity-images"


def test_a_table_of_another_shape_is_reported(tmp_path):
    cy = BUDGET_CY.replace("| 2020 | 3,100 |\n", "")
    found = problems(tmp_path, with_pair(cy=cy))
    [p] = rule(found, "parity-tables")
    assert p.path == CY and "1 rows × 2 columns" in p.message and "2 rows × 2 columns" in p.message and EN in p.message


def test_a_reviewed_exception_silences_one_difference(tmp_path):
    cy = BUDGET_CY.replace("dros 3 blynedd", "dros dair blynedd")
    assert rule(problems(tmp_path / "a", with_pair(cy=cy)), "parity-numbers")
    config = (Path(__file__).resolve().parent.parent / "data" / "parity.yml").read_text(encoding="utf-8")
    config = config.replace(
        "exceptions: []", 'exceptions:\n  - {page: guides/budgets.md, rule: parity-numbers, value: "3", reason: "tair"}'
    )
    assert rule(problems(tmp_path / "b", with_pair(cy=cy), {"data/parity.yml": config}), "parity-numbers") == []


def test_a_broken_settings_file_is_a_problem_not_a_traceback(tmp_path):
    found = problems(tmp_path, parity_site(), {"data/parity.yml": "labels: [unclosed\n"})
    [p] = rule(found, "parity-config")
    assert p.path == "data/parity.yml" and p.rule_name == "parity-config"


def test_case_studies_are_compared_too(tmp_path):
    files = parity_site()
    files["case_studies/gwyl-gymunedol/cy.md"] = case_study("cy").replace("start_year: 2019", "start_year: 2018")
    [p] = rule(problems(tmp_path, files), "parity-front-matter")
    assert p.path == "case_studies/gwyl-gymunedol/cy.md" and "case_studies/gwyl-gymunedol/en.md" in p.message


# ---- the report -------------------------------------------------------------------------


def test_report_lists_every_state_in_both_languages(tmp_path):
    files = parity_site()
    files["docs/guides/pending.md"] = BUDGET_EN.replace("id: budgets", "id: pending").replace(
        "order: 2\n", "order: 3\ntranslation: {pending: 2026-11-20}\n"
    )
    files["docs_cy/guides/missing.md"] = BUDGET_CY.replace("id: budgets", "id: missing")
    model = load_model(make_site(tmp_path, files))
    rows, config = model.pairs, model.data.parity
    en = report_markdown(rows, config, "en", "about/parity.md")
    cy = report_markdown(rows, config, "cy", "about/parity.md")
    assert "| [Deciding a budget together](../guides/budgets.md) |" in en
    assert "translation pending (20 November 2026)" in en and "| missing |" in en
    assert "| [Penderfynu ar gyllideb gyda'n gilydd](../guides/budgets.md) |" in cy
    assert "cyfieithiad ar y gweill (20 Tachwedd 2026)" in cy and "| ar goll |" in cy
    # A title shown in the other language carries its lang.
    assert '[Deciding a budget together](../guides/pending.md){ lang="en" }' in cy
    assert '<span lang="cy">Penderfynu ar gyllideb gyda&#39;n gilydd</span>' in en
    out = run_kb(tmp_path, "parity")
    assert out.returncode == 1  # a missing page
    assert re.search(r"guides/pending.md\s+translation pending", out.stdout)
    assert re.search(r"guides/missing.md\s+missing", out.stdout)
    welsh = run_kb(tmp_path, "parity", "--lang", "cy").stdout
    assert welsh.startswith("Tudalen") and re.search(r"guides/pending.md\s+cyfieithiad ar y gweill", welsh)
    assert "tudalen:" in welsh.splitlines()[-1] and "ar goll" in welsh.splitlines()[-1]


# ---- real builds: one fixture site per state, and the "done when" cases -----------------


def _marked_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """Pages committed, marked in step and committed again (git history says what changed later)."""
    root = make_site(tmp_path, files)
    commit_all(root, "pages")
    out = run_kb(root, "translations", "mark-in-step", "--all")
    assert out.returncode == 0, out.stderr
    commit_all(root, "in step")
    return root


@pytest.mark.build
def test_state_paired_builds(tmp_path):
    root = _marked_site(tmp_path, parity_site())
    assert "guides/budgets.md" in (root / "translations.lock.yml").read_text(encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    assert re.search(r"guides/budgets.md\s+in step", run_kb(root, "parity").stdout)


@pytest.mark.build
def test_state_missing_fails_the_build_naming_both_files(tmp_path):
    """Done when: deleting a Welsh page fails `mkdocs build --strict` naming both files."""
    root = _marked_site(tmp_path, parity_site())
    (root / CY).unlink()
    result = build(root)
    assert result.returncode != 0
    line = next(ln for ln in result.output.splitlines() if "KB040 translation-missing" in ln)
    assert EN in line and CY in line


@pytest.mark.build
def test_deleting_a_welsh_heading_fails_the_build_naming_both_files(tmp_path):
    """Done when: deleting a heading from a Welsh page fails the build naming both files."""
    root = _marked_site(tmp_path, parity_site())
    page = root / CY
    page.write_text(page.read_text(encoding="utf-8").replace("## Beth ddigwyddodd\n", ""), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    line = next(ln for ln in result.output.splitlines() if "KB043 parity-headings" in ln)
    assert EN in line and CY in line


@pytest.mark.build
def test_state_outdated_changing_an_english_figure_fails_and_is_reported(tmp_path):
    """Done when: changing a figure in an English page fails the build and is reported outdated."""
    root = _marked_site(tmp_path, parity_site())
    page = root / EN
    page.write_text(page.read_text(encoding="utf-8").replace("spend £40,000", "spend £45,000"), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    numbers = [ln for ln in result.output.splitlines() if "KB044 parity-numbers" in ln]
    assert numbers and all(EN in ln and CY in ln for ln in numbers)
    outdated = next(ln for ln in result.output.splitlines() if "KB048 translation-outdated" in ln)
    assert f"{EN}:12: warning KB048" in outdated and CY in outdated and "'…how to spend £40,000; 65% had never…' → '…how to spend £45,000; 65% had never…'" in outdated
    report = run_kb(root, "parity", "--diff").stdout
    assert re.search(r"guides/budgets.md\s+outdated", report)
    assert "-In 2019, 2,500 residents voted on how to spend £40,000" in report
    assert "+In 2019, 2,500 residents voted on how to spend £45,000" in report


@pytest.mark.build
def test_state_pending_builds_with_a_placeholder(tmp_path):
    files = parity_site()
    del files[CY]
    files[EN] = BUDGET_EN.replace("order: 2\n", "order: 2\ntranslation: {pending: 2026-11-20}\n")
    root = _marked_site(tmp_path, files)
    result = build(root)
    assert result.returncode == 0, result.output
    html = (result.site / "cy" / "guides" / "budgets" / "index.html").read_text(encoding="utf-8")
    assert "Heb ei chyfieithu i&#39;r Gymraeg eto" in html
    assert re.search(r"guides/budgets.md\s+translation pending", run_kb(root, "parity").stdout)
