"""One mistake, one problem (kb/checks/consequences.py), the shared case-study templates, and an
English-only case study whose translation is pending."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from fixture_pages import minimal_site
from sitebuilder import REPO, build, make_site, run_kb

from kb.checks import check_site
from kb.model import load_model
from kb.sources.parity_config import ParityConfig

CS = "case_studies/gwyl-gymunedol"
PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]*\]\]")
# Words that give an English sentence away; a Welsh message may still quote values and paths.
_ENGLISH = {"the", "is", "are", "not", "and", "of", "with", "which", "this", "must", "has", "have", "was", "be", "use", "one"}


def english_words(line: str) -> set[str]:
    """English words left in a line once quoted values, paths, ids and the rule's name are taken out."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\S+/\S*|\S+\.(md|yml)\S*|KB\d{3} [a-z-]+|\[[^\]]*\]|\w+(?:-\w+)+", " ", line)
    return {w for w in re.findall(r"[A-Za-z]+", text.lower()) if w in _ENGLISH}


def _problems(root: Path) -> list[str]:
    return [f"{p.path}:{p.line}: {p.rule_id}" for p in check_site(load_model(root))]


def test_one_vocabulary_typo_is_one_problem_and_in_welsh_has_no_english_sentence(tmp_path):
    site = minimal_site()
    site[f"{CS}/en.md"] = site[f"{CS}/en.md"].replace("regions: [gwynedd]", "regions: [atlantis]")
    root = make_site(tmp_path, site)
    assert [p.split(": ")[1] for p in _problems(root)] == ["KB003"]
    out = run_kb(root, "check", "--lang", "cy")
    [line] = out.stdout.splitlines()
    assert "gwall KB003 vocabulary: mae gan 'regions' y gwerth 'atlantis'" in line
    assert english_words(line) == set(), line
    assert english_words(out.stderr) == set()


def test_the_english_word_detector_detects_english():
    assert english_words("docs/x.md:3: error KB003 vocabulary: 'regions' has 'x', which is not in the list.") >= {"which", "not"}
    assert english_words("docs_cy/x.md:3: gwall KB003 vocabulary: mae gan 'regions' y gwerth 'x'.") == set()


def test_a_broken_link_in_one_language_is_one_problem(tmp_path):
    site = minimal_site()
    site["docs/guides/community.md"] += "\nSee [budgets](budget.md).\n"
    found = _problems(make_site(tmp_path, site))
    assert [f.split(": ")[1] for f in found] == ["KB140"]


def test_an_untouched_scaffold_gives_one_problem_per_placeholder(tmp_path):
    root = make_site(tmp_path, minimal_site())
    assert run_kb(root, "new", "case-study", "gwaith-newydd").returncode == 0
    folder = root / "case_studies" / "gwaith-newydd"
    expected = 0
    for name in ("en.md", "cy.md"):
        _, front, body = (folder / name).read_text(encoding="utf-8").split("---\n", 2)
        front_lines = [ln for ln in front.splitlines() if not ln.lstrip().startswith("#")]  # YAML comments explain
        expected += sum(len(PLACEHOLDER.findall(ln)) for ln in front_lines)
        expected += len(PLACEHOLDER.findall(re.sub(r"<!--.*?-->", "", body, flags=re.S)))
    found = [p for p in _problems(root) if "gwaith-newydd" in p]
    assert len(found) == expected > 20
    assert {f.rsplit(" ", 1)[1] for f in found} == {"KB066"}


def _template(name: str) -> dict:
    text = (REPO / "case_studies" / "_template" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_both_templates_share_their_language_neutral_placeholders_and_the_welsh_ones_are_welsh():
    en, cy = _template("en.md"), _template("cy.md")
    specific = ParityConfig().language_specific_fields
    assert {k: v for k, v in en.items() if k not in specific} == {k: v for k, v in cy.items() if k not in specific}
    welsh_text = (REPO / "case_studies" / "_template" / "cy.md").read_text(encoding="utf-8").split("---\n", 2)
    placeholders = PLACEHOLDER.findall(welsh_text[1] + welsh_text[2].split("-->")[-1])
    english_only = [p for p in placeholders if english_words(p.strip("[]")) and " / " not in p]
    assert placeholders and english_only == []


@pytest.mark.build
def test_an_english_only_case_study_with_a_pending_translation_passes_and_is_published_in_welsh(tmp_path):
    site = minimal_site()
    en = site.pop(f"{CS}/cy.md") and site[f"{CS}/en.md"]
    site[f"{CS}/en.md"] = re.sub(r"^updated: (.*)$", r"updated: \1\ntranslation: {pending: 2026-11-30}", en, count=1, flags=re.M)
    root = make_site(tmp_path, site)
    checked = run_kb(root, "check")
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    result = build(root)
    assert result.returncode == 0, result.output
    welsh = (result.site / "cy" / "case-studies" / "gwyl-gymunedol" / "index.html").read_text(encoding="utf-8")
    assert "kb-untranslated" in welsh and "Heb ei chyfieithu" in welsh
    assert "gwyl-gymunedol" in (result.site / "cy" / "case-studies" / "index.html").read_text(encoding="utf-8")


def test_an_english_only_case_study_without_pending_is_one_problem_naming_both_ways_out(tmp_path):
    site = minimal_site()
    del site[f"{CS}/cy.md"]
    found = check_site(load_model(make_site(tmp_path, site)))
    assert [(p.path, p.rule_name) for p in found] == [(f"{CS}/en.md", "translation-missing")]
    assert "translation: {pending: YYYY-MM-DD}" in found[0].hint
