"""kb/built/mutations.py and its browser twin (overrides/assets/kb-search/mutations.js) on shared vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kb.built import mutations

REPO = Path(__file__).resolve().parent.parent
VECTORS = json.loads((REPO / "tests" / "vectors" / "mutations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["radicals"], ids=lambda c: c["word"] or "<empty>")
def test_radicals_match_vectors(case: dict[str, object]) -> None:
    assert mutations.radicals(str(case["word"])) == case["expect"]


@pytest.mark.parametrize("case", VECTORS["forms"], ids=lambda c: c["radical"])
def test_forms_match_vectors(case: dict[str, object]) -> None:
    assert mutations.forms(str(case["radical"])) == case["expect"]


def test_every_form_leads_back_to_its_radical() -> None:
    for case in VECTORS["forms"]:
        radical = str(case["radical"])
        for form in mutations.forms(radical):
            assert radical in mutations.radicals(form), (form, radical)


def test_the_issue_examples_find_each_other() -> None:
    # cymuned, gymuned, nghymuned and chymuned must all reach the same radical.
    for form in ["cymuned", "gymuned", "nghymuned", "chymuned"]:
        assert "cymuned" in mutations.radicals(form)
    assert mutations.radicals("Nghymru") == ["Cymru"]


def test_digraphs_are_never_split() -> None:
    assert mutations.radicals("ddyn") == ["dyn"]  # not soft t- + 'dyn'
    assert mutations.radicals("llan") == ["llan"]  # not soft ll- of 'lan'
    assert mutations.radicals("nhad") == ["tad"]  # not nasal d- of 'had'
    assert mutations.radicals("ffordd") == ["ffordd"]


def test_rules_are_read_from_data(tmp_path: Path) -> None:
    data = json.loads(mutations.DEFAULT_RULES.read_text(encoding="utf-8"))
    data["mutations"] = [r for r in data["mutations"] if r["kind"] != "nasal"]
    custom = tmp_path / "rules.json"
    custom.write_text(json.dumps(data), encoding="utf-8")
    assert mutations.load(str(custom)).radicals("nghymuned") == ["nghymuned"]


def test_javascript_twin_passes_the_same_vectors() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to test overrides/assets/kb-search/mutations.js")
    proc = subprocess.run(
        [node, "--test", "tests/js/mutations.test.js"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "# fail 0" in proc.stdout


def test_remembered_radicals_are_not_shared_with_the_caller() -> None:
    # radicals() is cached per word: a caller changing the list it got must not change the next answer.
    first = mutations.radicals("Nghymru")
    first.append("nonsense")
    assert mutations.radicals("Nghymru") == ["Cymru"]
    assert mutations.load() == mutations.Mutations.from_data(json.loads(mutations.DEFAULT_RULES.read_text("utf-8")))


KNOWN = frozenset(VECTORS["lexicon"]["words"]).__contains__


@pytest.mark.parametrize("case", VECTORS["radicals_known"], ids=lambda c: c["word"] or "<empty>")
def test_radicals_within_a_vocabulary_match_vectors(case: dict[str, object]) -> None:
    assert mutations.radicals(str(case["word"]), KNOWN) == case["expect"]


@pytest.mark.parametrize("case", VECTORS["forms_known"], ids=lambda c: c["radical"])
def test_forms_within_a_vocabulary_match_vectors(case: dict[str, object]) -> None:
    assert mutations.forms(str(case["radical"]), KNOWN) == case["expect"]


def test_the_vocabulary_leaves_out_the_issue_non_words() -> None:
    known = mutations.lexicon(["Deddf", "GitHub", "gymuned", "cymuned", "ysbyty"]).__contains__
    assert mutations.radicals("Deddf", known) == ["Deddf"]  # not 'Teddf'
    assert mutations.radicals("GitHub", known) == ["GitHub"]  # not 'CitHub'
    assert mutations.radicals("ysbyty", known) == ["ysbyty"]  # not 'gysbyty'
    assert mutations.radicals("gymuned", known) == ["gymuned", "cymuned"]
    assert mutations.forms("cymuned", known) == ["cymuned", "gymuned"]  # no 'nghymuned': never written


def test_lexicon_adds_the_radical_of_a_form_that_can_only_be_mutated() -> None:
    # 'nghymuned' can only be nasal 'cymuned'; 'gymuned' may be itself, so 'cymuned' is not derived from it.
    assert mutations.lexicon(["Nghymuned", "ddeddf"]) == {"nghymuned", "cymuned", "ddeddf", "deddf"}
    assert mutations.lexicon(["gymuned"]) == {"gymuned"}


def test_g_is_restored_before_l_n_and_r() -> None:
    assert "glan" in mutations.radicals("lan")
    assert "gnawd" in mutations.radicals("nawd")
    assert "grym" in mutations.radicals("rym")
    assert "nawd" in mutations.forms("gnawd")
