"""Translation freshness (kb.sources.translations) and its commands: both directions, with and without a lock file."""

from __future__ import annotations

import subprocess
from pathlib import Path

from parity_pages import parity_site
from sitebuilder import commit_all, make_site, run_kb

from kb.checks import parity
from kb.model import load_model
from kb.sources.translations import digest, normalise

EN, CY = "docs/guides/budgets.md", "docs_cy/guides/budgets.md"


def _commit(root: Path, message: str = "content") -> None:
    commit_all(root, message)


def _marked(tmp_path: Path, git: bool = True) -> Path:
    """A fixture site with the budgets pair marked in step (committed, as a contributor would)."""
    root = make_site(tmp_path, parity_site())
    if git:
        _commit(root, "the pages")
    out = run_kb(root, "translations", "mark-in-step", EN)
    assert out.returncode == 0, out.stderr
    if git:
        _commit(root, "mark in step")
    return root


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _fresh(root: Path) -> list:
    return [p for p in parity.check(load_model(root)) if p.rule_name.startswith("translation-")]


def test_normalised_text_ignores_trailing_spaces_but_keeps_lines():
    assert normalise("a  \nb\t\n\n\n") == "a\nb\n"
    assert normalise("\nŵ\n").split("\n")[1] == "ŵ"  # line N stays line N
    assert digest("tŷ \n") == digest("tŷ\n\n") != digest("ty\n")
    assert len(digest("tŷ")) == 16


def test_without_a_lock_file_nothing_is_reported(tmp_path):
    root = make_site(tmp_path, parity_site())
    assert _fresh(root) == []
    assert {s.state for s in load_model(root).pairs} == {"unrecorded"}


def test_marking_one_pair_records_hashes_not_copies_and_a_new_pair_needs_no_command(tmp_path):
    root = _marked(tmp_path)
    lock = (root / "translations.lock.yml").read_text(encoding="utf-8")
    [line] = [ln for ln in lock.splitlines() if "guides/budgets.md" in ln]
    assert len(line.encode("utf-8")) + 1 <= 300 and "o'r tŷ i'r dŵr" not in lock  # no copy of the text
    assert "commit: " in line and "marked: " in line
    states = {s.rel: s.state for s in load_model(root).pairs}
    assert states["guides/budgets.md"] == "paired" and states["index.md"] == "unrecorded"
    # A pair never marked (a contributor's new page) is no problem at all (KB049 translation-unrecorded retired).
    assert [p for p in _fresh(root) if p.rule_name == "translation-unrecorded"] == []
    assert _fresh(root) == []


def test_record_new_adds_the_pairs_not_yet_recorded_and_keeps_the_others(tmp_path):
    root = _marked(tmp_path)
    before = [ln for ln in (root / "translations.lock.yml").read_text(encoding="utf-8").splitlines() if "budgets" in ln]
    out = run_kb(root, "translations", "record-new")
    assert out.returncode == 0 and "new pair(s) recorded" in out.stderr
    assert {s.state for s in load_model(root).pairs} == {"paired"}
    after = (root / "translations.lock.yml").read_text(encoding="utf-8").splitlines()
    assert before[0] in after  # the budgets pair keeps the state it was marked at


def test_a_change_to_language_neutral_front_matter_outdates_nothing(tmp_path):
    root = _marked(tmp_path)
    _edit(root, EN, "updated: 2026-11-27", "updated: 2026-12-01")
    _edit(root, CY, "updated: 2026-11-27", "updated: 2026-12-01")
    assert _fresh(root) == []
    _edit(root, EN, "title: ", "title: New ")  # a language-specific field does
    assert [p.path for p in _fresh(root)] == [EN]


def test_an_english_change_makes_the_welsh_outdated(tmp_path):
    root = _marked(tmp_path)
    _edit(root, EN, "Trust grew over 3 years.", "Trust grew over 3 years, slowly.")
    [p] = [p for p in _fresh(root) if p.rule_name == "translation-outdated"]
    assert (p.path, p.line, p.severity, p.rule_name) == (EN, 25, "warning", "translation-outdated")
    # What changed comes from git history: the lock file keeps only hashes.
    assert f"so {CY} is outdated" in p.message and "'…grew over 3 years.' → '…grew over 3 years, slowly.'" in p.message
    assert f"mark-in-step {EN}" in p.hint


def test_without_git_history_the_change_is_still_noticed(tmp_path):
    root = _marked(tmp_path, git=False)
    _edit(root, EN, "Trust grew over 3 years.", "Trust grew over 3 years, slowly.")
    [p] = [p for p in _fresh(root) if p.rule_name == "translation-outdated"]
    assert (p.path, p.line, p.severity) == (EN, 1, "warning")
    assert f"so {CY} may be outdated" in p.message and "does not have the earlier text" in p.message
    assert "nid oes gan yr hanes git yma'r testun cynharach" in p.describe("cy")
    out = run_kb(root, "parity", "--diff")
    assert "is not in the git history (was it committed?)" in out.stdout


def test_welsh_first_works_the_same_way(tmp_path):
    root = _marked(tmp_path)
    _edit(root, CY, "gyda phŵer wedi'i rannu", "gyda'r pŵer wedi'i rannu'n deg")
    [p] = [p for p in _fresh(root) if p.rule_name == "translation-outdated"]
    assert p.path == CY and f"so {EN} is outdated" in p.message and "pŵer" in p.message


def test_both_sides_changed_reports_each(tmp_path):
    root = _marked(tmp_path)
    _edit(root, EN, "Trust grew", "Trust slowly grew")
    _edit(root, CY, "Tyfodd ymddiriedaeth", "Tyfodd ymddiriedaeth yn araf")
    found = [p for p in _fresh(root) if p.rule_name == "translation-outdated"]
    assert {p.path for p in found} == {EN, CY}
    assert all("both" in p.message for p in found)
    out = run_kb(root, "translations", "mark-in-step", CY)  # either file names the pair
    assert out.returncode == 0
    assert [p for p in _fresh(root) if p.rule_name == "translation-outdated"] == []


def test_outdated_is_an_error_where_configured(tmp_path):
    root = _marked(tmp_path)
    config = root / "data" / "parity.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("error_for: []", 'error_for: ["guides/*"]'), encoding="utf-8")
    _edit(root, EN, "Trust grew", "Trust slowly grew")
    [p] = [p for p in _fresh(root) if p.rule_name == "translation-outdated"]
    assert p.severity == "error"


def test_trailing_spaces_do_not_make_a_pair_outdated(tmp_path):
    root = _marked(tmp_path)
    _edit(root, EN, "Trust grew over 3 years.", "Trust grew over 3 years.   \n\n")
    assert [p for p in _fresh(root) if p.rule_name == "translation-outdated"] == []


def test_marking_refuses_pairs_that_still_differ_unless_forced(tmp_path):
    root = make_site(tmp_path, parity_site())
    _edit(root, CY, "## Beth ddigwyddodd\n", "")
    out = run_kb(root, "translations", "mark-in-step", EN)
    assert out.returncode == 1 and "KB043 parity-headings" in out.stderr and "not marked" in out.stderr
    assert "guides/budgets.md" not in (root / "translations.lock.yml").read_text(encoding="utf-8")
    assert run_kb(root, "translations", "mark-in-step", "--force", EN).returncode == 0


def test_marking_a_missing_pair_or_unknown_path_fails_clearly(tmp_path):
    root = make_site(tmp_path, parity_site())
    (root / CY).unlink()
    out = run_kb(root, "translations", "mark-in-step", EN, "docs/nowhere.md")
    assert out.returncode == 1
    assert f"{CY} does not exist yet" in out.stderr and "docs/nowhere.md: no page" in out.stderr


def test_mark_all_forgets_pairs_that_are_gone(tmp_path):
    root = _marked(tmp_path)
    (root / CY).unlink()
    (root / EN).unlink()
    assert run_kb(root, "translations", "mark-in-step", "--all").returncode == 0
    lock = (root / "translations.lock.yml").read_text(encoding="utf-8")
    assert "guides/budgets.md" not in lock and "index.md:" in lock


def test_a_damaged_lock_file_is_a_problem_not_a_traceback(tmp_path):
    root = _marked(tmp_path)
    (root / "translations.lock.yml").write_text("pairs:\n  x: {en: {}}\n", encoding="utf-8")
    [p] = [p for p in parity.check(load_model(root)) if p.rule_name == "parity-config"]
    assert p.path == "translations.lock.yml" and "mark-in-step --all" in p.hint


def test_parity_command_shows_states_and_diffs_from_git_history(tmp_path):
    root = _marked(tmp_path)
    _edit(root, EN, "Trust grew", "Trust slowly grew")
    _commit(root, "an English edit, committed before the translator catches up")
    _edit(root, CY, "dros 3 blynedd", "dros 3 blynedd hir")
    out = run_kb(root, "parity", "--diff")
    assert out.returncode == 0
    assert "guides/budgets.md" in out.stdout and "outdated" in out.stdout
    assert "-Tyfodd ymddiriedaeth dros 3 blynedd, o'r tŷ" in out.stdout
    assert "+Tyfodd ymddiriedaeth dros 3 blynedd hir, o'r tŷ" in out.stdout
    assert "-Trust grew" in out.stdout and "+Trust slowly grew" in out.stdout  # an older commit, found by its hash


def test_a_shallow_clone_says_what_to_fetch(tmp_path):
    origin = _marked(tmp_path / "origin")
    _edit(origin, EN, "Trust grew", "Trust slowly grew")
    _commit(origin, "edit")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    out = run_kb(clone, "parity", "--diff")
    assert "shallow; run 'git fetch --unshallow' to see what changed" in out.stdout
    welsh = run_kb(clone, "parity", "--diff", "--lang", "cy")
    assert "rhedwch 'git fetch --unshallow' i weld beth newidiodd" in welsh.stdout


def test_the_shipped_lock_file_holds_at_most_300_bytes_a_pair():
    from sitebuilder import REPO

    text = (REPO / "translations.lock.yml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.startswith("  ")]
    assert lines and max(len(ln.encode("utf-8")) + 1 for ln in lines) <= 300
    assert len(text.encode("utf-8")) <= 300 * len(lines)  # the header included


def test_a_lock_file_outside_the_repository_is_refused_at_its_line(tmp_path):
    root = _marked(tmp_path)
    config = root / "data/parity.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("lock_file: translations.lock.yml", "lock_file: ../../outside.yml"),
        encoding="utf-8",
    )
    model = load_model(root)
    [p] = [p for p in model.data.parity.problems if p.rule_name == "parity-config"]
    assert (p.path, p.is_error) == ("data/parity.yml", True)
    assert p.line == next(i for i, line in enumerate(config.read_text().splitlines(), 1) if "lock_file:" in line)
    assert "'../../outside.yml'" in p.message and "translations.lock.yml" in p.hint
    assert model.data.parity.lock_file == "translations.lock.yml"  # the tools never read or write outside
    out = run_kb(root, "translations", "mark-in-step", EN)
    assert not (tmp_path.parent / "outside.yml").exists() and "Traceback" not in out.stderr
