"""kb/cli/contributor_docs.py: the guides list every rule id; generated guide parts and forms are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sitebuilder import REPO, run_kb

from kb.cli.contributor_docs import (
    END,
    FORMS,
    GUIDES,
    START,
    generated_files,
    load_rules,
    replace_between_markers,
    rules_table,
)


def _rule_ids() -> list[str]:
    raw = yaml.safe_load((REPO / "data/rules.yml").read_text(encoding="utf-8"))
    return [r["id"] for r in raw]


@pytest.mark.parametrize("name", sorted(GUIDES.values()))
def test_guide_lists_every_rule_id(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0]
    listed = set(re.findall(r"^\| (KB\d{3}) \|", section, re.M))
    missing = [rule_id for rule_id in _rule_ids() if rule_id not in listed]
    assert not missing, f"{name} does not list {missing}: run 'python -m kb guides'"


def test_generated_files_are_up_to_date() -> None:
    stale = [
        p.relative_to(REPO).as_posix()
        for p, text in generated_files(REPO).items()
        if not p.is_file() or p.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run 'python -m kb guides'"


def test_welsh_table_uses_welsh_descriptions() -> None:
    rules = load_rules(REPO)
    table = rules_table(rules, "cy")
    for rule in rules:
        assert rule.cy.split()[0] in table
    assert "Beth mae'n ei olygu" in table and "gwall" in table


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_table_row_has_four_cells_and_each_meaning_is_whole(lang: str) -> None:
    """KB093's meaning was cut at ' #anchor' (a YAML comment) and a '|' would end a cell early."""
    rules = load_rules(REPO)
    for rule in rules:
        meaning = rule.meaning(lang)
        assert meaning.rstrip().endswith((".", ")", "?", "!")), f"{rule.id} {lang}: '{meaning}' looks cut short (quote it in data/rules.yml)"
    for row in rules_table(rules, lang).splitlines()[2:]:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 4, row


def test_a_pipe_in_a_meaning_stays_inside_its_cell() -> None:
    from kb.core.problem import Rule

    table = rules_table([Rule("KB999", "x", "error", "Use a | b.", "Defnyddiwch a | b.")], "en")
    row = table.splitlines()[-1]
    assert row == "| KB999 | `x` | error | Use a \\| b. |"


def test_replace_between_markers_keeps_the_rest() -> None:
    text = f"before\n{START}\nold\n{END}\nafter ŵ ŷ â\n"
    assert replace_between_markers(text, "new") == f"before\n{START}\nnew\n{END}\nafter ŵ ŷ â\n"
    with pytest.raises(ValueError):
        replace_between_markers("no markers", "x")


def test_issue_forms_ask_for_the_same_fields_in_both_languages() -> None:
    forms = {lang: yaml.safe_load((REPO / rel).read_text(encoding="utf-8")) for lang, rel in FORMS.items()}
    ids = {lang: [b.get("id") for b in form["body"] if b.get("id")] for lang, form in forms.items()}
    assert ids["en"] == ids["cy"]
    schema = yaml.safe_load((REPO / "data/schemas/case-study.yml").read_text(encoding="utf-8"))
    asked = set(ids["en"])
    # Set by the team or the scaffold rather than asked: id, type, dates.
    assert set(schema["required"]) - {"id", "type", "submitted", "updated"} <= asked
    regions = next(b for b in forms["cy"]["body"] if b.get("id") == "regions")
    assert "Ynys Môn (isle-of-anglesey)" in regions["attributes"]["options"]
    assert len(regions["attributes"]["options"]) == 23


def test_rules_and_guides_commands(tmp_path: Path) -> None:
    out = run_kb(REPO, "rules", "--markdown", "--lang", "cy")
    assert out.returncode == 0 and "| KB060 | `case-study-files` | gwall |" in out.stdout
    check = run_kb(REPO, "guides", "--check")
    assert check.returncode == 0, check.stderr
