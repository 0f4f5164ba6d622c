"""The route without git: `python -m kb new case-study --from-issue FILE` (kb/sources/issue_form.py,
kb/sources/issue_case_study.py, kb/cli/scaffold.py) and the workflow that runs it.

The sample issue bodies (tests/fixtures/issues/) are what GitHub makes from the two issue forms:
'### Label' headings, '_No response_', dropdown choices joined by ', ', '- [X]' boxes. Invented
test data, never published; the Welsh uses ŵ, ŷ, â and mutated words (Nghaerdydd, Nhŷ'r, phethau).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import case_study_fixtures as F
import pytest
import yaml
from shipped_site import copy_content
from sitebuilder import REPO, build, english_env, make_site, run_kb

from kb.cli import main as kb_main
from kb.core.messages import catalogue
from kb.sources.bibliography import Bibliography, Entry
from kb.sources.frontmatter import parse_front_matter
from kb.sources.issue_case_study import draft_case_study, resolve_choices, slug, story_headings_below_title
from kb.sources.issue_form import FORM_FIELDS, MAX_ISSUE_CHARS, parse_issue_body
from kb.sources.vocabularies import load_vocabularies

ISSUES = Path(__file__).parent / "fixtures" / "issues"
WORKFLOW = REPO / ".github" / "workflows" / "case-study-from-issue.yml"
EN_ID = "test-repair-cafe-in-swansea"
CY_ID = "caffi-trwsio-prawf-yn-nhy-r-wyn"


def sample(lang: str) -> str:
    return (ISSUES / f"complete-{lang}.md").read_text(encoding="utf-8")


def with_answer(body: str, label: str, answer: str) -> str:
    """The body with the answer under '### label' replaced (what a contributor's edit does)."""
    pattern = re.compile(rf"(^### {re.escape(label)}\n\n)(.*?)(?=\n\n### |\Z)", re.M | re.S)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m.group(1) + answer, body, count=1)


def line_of(body: str, text: str) -> int:
    return body[: body.index(text)].count("\n") + 1


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_site(tmp_path / "repo", F.listing_pages())


def from_issue(repo: Path, body: str, *args: str, lang_env: str | None = None):
    issue = repo.parent / "issue.md"
    issue.write_text(body, encoding="utf-8")
    env = {"KB_LANG": lang_env} if lang_env else None
    return run_kb(repo, "new", "case-study", "--from-issue", str(issue), *args, env=env)


def problems_of(stdout: str) -> list[tuple[int, str]]:
    """(issue line, rule id) of each problem printed."""
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"issue\.md:(\d+): \S+ (KB\d{3}) ", stdout)]


# --- Reading the form ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_complete_form_is_read_question_by_question(lang: str) -> None:
    form = parse_issue_body(sample(lang), "issue.md")
    assert form.problems == []
    assert form.lang == lang
    assert {f.id for f in FORM_FIELDS if f.required} <= set(form.answers)
    title = form.answers["title"]
    assert sample(lang).split("\n")[title.first_line - 1] == title.text
    # '### How it started' in the English story is the contributor's own heading, not a question.
    if lang == "en":
        assert "### How it started" in form.answers["story"].text


def test_github_line_endings_and_a_byte_order_mark_are_read_the_same() -> None:
    body = "\ufeff" + sample("cy").replace("\n", "\r\n")
    form = parse_issue_body(body, "issue.md")
    assert form.problems == [] and form.answers["title"].text == "Caffi trwsio prawf yn Nhŷ'r Ŵyn"


def test_decomposed_letters_are_read_as_the_labels_they_spell() -> None:
    import unicodedata

    body = unicodedata.normalize("NFD", sample("cy"))
    assert "\u0302" in body  # 'ŵ' as 'w' and a combining circumflex, as some browsers send it
    form = parse_issue_body(body, "issue.md")
    assert form.problems == [] and "Themâu" not in body and "themes" in form.answers
    assert form.answers["title"].text == unicodedata.normalize("NFC", "Caffi trwsio prawf yn Nhŷ'r Ŵyn")


def test_the_storys_headings_go_under_the_title() -> None:
    story = [(1, "### How it started"), (2, "Text"), (3, "```md"), (4, "# not a heading"), (5, "```"), (6, "#### Later"), (7, "#hashtag")]
    assert [t for _, t in story_headings_below_title(story)] == [
        "## How it started", "Text", "```md", "# not a heading", "```", "### Later", "#hashtag"
    ]
    assert [t for _, t in story_headings_below_title([(1, "# Second title"), (2, "## Part")])] == ["## Second title", "### Part"]
    assert story_headings_below_title([(1, "## Already"), (2, "### Fine")]) == [(1, "## Already"), (2, "### Fine")]


def test_choices_by_form_option_id_or_label_in_either_language() -> None:
    vocabs = load_vocabularies(REPO)
    regions = vocabs["regions"]
    assert resolve_choices("Swansea (swansea), Caerdydd, wrexham, Bro Morgannwg, Ynys Môn", regions) == [
        "swansea", "cardiff", "wrexham", "vale-of-glamorgan", "isle-of-anglesey"
    ]
    # The same area twice (its English and Welsh names) is one choice.
    assert resolve_choices("Cardiff (cardiff), Caerdydd", regions) == ["cardiff"]
    # Something that is no area is kept as written, for the vocabulary check to name.
    assert resolve_choices("Atlantis, Cardiff (cardiff)", regions) == ["Atlantis", "cardiff"]
    # Two options never merge into one through their parentheses.
    sectors = vocabs["sectors"]
    assert resolve_choices("Grwpiau cymunedol (community), Trydydd sector (third-sector)", sectors) == [
        "community", "third-sector"
    ]


def test_an_id_is_made_from_the_title_without_accents_or_punctuation() -> None:
    assert slug("Caffi trwsio prawf yn Nhŷ'r Ŵyn") == CY_ID
    assert slug("Gŵyl â'r Ffŵl: ../../etc/passwd") == "gwyl-a-r-ffwl-etc-passwd"
    long = slug("Gwasanaeth " * 20)
    assert len(long) <= 60 and not long.endswith("-") and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", long)
    assert slug("!!! ??? ***") == ""


def test_the_draft_keeps_every_answer_and_pends_the_other_language() -> None:
    form = parse_issue_body(sample("cy"), "issue.md")
    bib = Bibliography(entries={"wfg-act-2015": Entry("wfg-act-2015", {"URL": "https://www.legislation.gov.uk/anaw/2015/2/contents"}, 1)})
    draft = draft_case_study(form, load_vocabularies(REPO), bib, dt.date(2026, 12, 1))
    assert draft.problems == [] and draft.case_id == CY_ID and draft.lang == "cy"
    meta = draft.meta
    assert meta["regions"] == ["cardiff", "vale-of-glamorgan"]
    assert meta["status"] == "completed" and meta["licence"] == "CC-BY-SA-4.0" and meta["legislation"] == []
    assert meta["start_year"] == 2022 and meta["sources"] == ["wfg-act-2015"]
    assert meta["translation"] == {"pending": "2026-12-01"} and meta["submitted"] == "2026-12-01"


# --- Problems in the form itself (KB145-KB147), nothing written ---------------------------------


def test_a_blank_issue_is_not_a_form(repo: Path) -> None:
    result = from_issue(repo, "Please add our project, it is great!\n\n@everyone see https://example.org")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert problems_of(result.stdout) == [(1, "KB145")]
    assert "error KB145 issue-form: this is not a filled case-study form" in result.stdout
    # Which language the contributor reads is unknown: the comment says it in Welsh, then English.
    comment = repo.parent / "comment.md"
    from_issue(repo, "Helo, dyma'n prosiect ni.", "--comment", str(comment))
    said = comment.read_text(encoding="utf-8")
    assert said.index("Diolch am gynnig") < said.index("Thank you for proposing") and "gwall KB145" in said
    assert not (repo / "case_studies").exists() or not any((repo / "case_studies").glob("*/en.md"))


def test_every_missing_or_unticked_answer_is_named_at_its_line_in_welsh(repo: Path) -> None:
    body = sample("cy")
    body = with_answer(body, "Crynodeb", "_No response_")
    body = body.replace("### Beth a ddysgwyd\n\n", "### Beth a ddysgwyd\n\n\n")
    body = with_answer(body, "Beth a ddysgwyd", "")
    body = body.replace("- [X] Rwyf wedi enwi rolau", "- [ ] Rwyf wedi enwi rolau")
    body = re.sub(r"### Statws\n\n.*?\n\n", "", body, flags=re.S)  # a question deleted
    result = from_issue(repo, body)
    found = problems_of(result.stdout)
    assert (line_of(body, "### Crynodeb"), "KB145") in found
    assert (line_of(body, "### Beth a ddysgwyd"), "KB145") in found
    assert (line_of(body, "### Cyn i chi gyflwyno"), "KB145") in found
    assert (1, "KB145") in found  # Statws is missing
    assert len(found) == 4
    out = result.stdout
    # In the contributor's language (the form's), with the question's own Welsh name.
    assert "does dim ateb i'r cwestiwn 'Crynodeb'" in out and "mae cwestiwn y ffurflen 'Statws' ar goll" in out
    assert "nid yw'r blwch 'Rwyf wedi enwi rolau" in out and "gwall KB145" in out
    assert "error" not in out and " is " not in out
    assert not (repo / "case_studies" / CY_ID).exists()


def test_every_problem_at_once_and_each_mistake_once(repo: Path) -> None:
    body = with_answer(sample("en"), "Summary", "_No response_")  # the form's problem (KB145) ...
    body = with_answer(body, "Title", "Café <em>trwsio</em>")  # ... and a value's (KB100), in one run
    body = with_answer(body, "Sources", "https://www.example.org/not-yet-listed")  # KB146, not also KB001
    body = re.sub(r"### Status\n\n.*?\n\n", "", body, flags=re.S)  # missing: KB145, not also KB001/KB003
    result = from_issue(repo, body)
    assert sorted(problems_of(result.stdout)) == sorted([
        (1, "KB145"),
        (line_of(body, "Café <em>"), "KB100"),
        (line_of(body, "### Summary"), "KB145"),
        (line_of(body, "https://www.example.org/not-yet"), "KB146"),
    ]), result.stdout
    assert not any((repo / "case_studies").glob("cafe-*"))
    # An empty title is one problem, not also 'no id can be made from it'.
    untitled = from_issue(repo, with_answer(sample("en"), "Title", "_No response_"))
    assert problems_of(untitled.stdout) == [(line_of(sample("en"), "### Title"), "KB145")]


def test_a_question_asked_twice_is_refused_not_guessed(repo: Path) -> None:
    body = sample("en")
    story = "Our story.\n\n### Sources\n\nhttps://www.example.org/not-a-source"
    body = with_answer(body, "The story", story)
    result = from_issue(repo, body)
    first = line_of(body, "### Sources\n\nhttps://www.example.org")
    second = body.count("\n", 0, body.rindex("### Sources")) + 1
    assert problems_of(result.stdout) == [(second, "KB145")]
    assert f"appears twice (first at line {first})" in result.stdout


def test_a_heading_of_the_other_form_is_named(repo: Path) -> None:
    body = sample("en").replace("### Summary", "### Crynodeb")
    result = from_issue(repo, body)
    found = problems_of(result.stdout)
    assert (line_of(body, "### Crynodeb"), "KB145") in found
    assert "is a question of the form in Welsh, but the rest of the issue answers the form in English" in result.stdout


def test_an_issue_longer_than_github_allows_is_refused_before_it_is_read(repo: Path) -> None:
    body = sample("en") + "\n" + "ŵ" * MAX_ISSUE_CHARS
    result = from_issue(repo, body)
    assert problems_of(result.stdout) == [(1, "KB145")] and "at most 65536" in result.stdout
    issue = repo.parent / "issue.md"
    issue.write_bytes(b"### Title\n\n\xff\xfe bad bytes")
    bad = run_kb(repo, "new", "case-study", "--from-issue", str(issue))
    assert bad.returncode == 1 and "not UTF-8" in bad.stdout and "Traceback" not in bad.stderr


def test_a_source_the_bibliography_lacks_is_named_at_its_line(repo: Path) -> None:
    body = with_answer(
        sample("cy"),
        "Ffynonellau",
        "- [@wfg-act-2015]\n- Adroddiad Blynyddol y Grŵp, 2023, https://www.example.org/adroddiad\n- https://www.legislation.gov.uk/anaw/2015/2/contents/",
    )
    result = from_issue(repo, body)
    assert problems_of(result.stdout) == [(line_of(body, "- Adroddiad Blynyddol"), "KB146")]
    assert "nid yw'r ffynhonnell 'Adroddiad Blynyddol y Grŵp, 2023, https://www.example.org/adroddiad'" in result.stdout
    assert "gwall KB146 issue-form-source: nid yw'r ffynhonnell" in result.stdout and "cynhaliwr" in result.stdout


def test_ids_the_title_cannot_make_or_that_are_taken(repo: Path) -> None:
    no_words = from_issue(repo, with_answer(sample("en"), "Title", "!!! ???"))
    assert [r for _, r in problems_of(no_words.stdout)] == ["KB147"]
    assert "error KB147 issue-form-id: no case-study id can be made from the title '!!! ???'" in no_words.stdout
    reserved = from_issue(repo, with_answer(sample("en"), "Title", "Themes"))
    assert [r for _, r in problems_of(reserved.stdout)] == ["KB147"] and "reserved" in reserved.stdout
    tricks = from_issue(repo, sample("en"), "--id", "../../docs/index")
    assert [r for _, r in problems_of(tricks.stdout)] == ["KB147"]
    assert not (repo / "docs" / "index").exists() and not (repo.parent / "docs").exists()
    assert from_issue(repo, sample("en")).returncode == 0
    taken = from_issue(repo, sample("en"))
    assert [r for _, r in problems_of(taken.stdout)] == ["KB147"] and f"case_studies/{EN_ID}/" in taken.stdout


# --- Hostile values go through the checks a hand-written case study meets -------------------------


def test_hostile_answers_are_refused_at_their_lines_and_nothing_is_written(repo: Path) -> None:
    body = sample("en")
    body = with_answer(body, "Title", "Repair café <script>alert(1)</script>")
    body = with_answer(body, "Summary", "A summary that hides its direction \u202e with an override character.")
    body = with_answer(body, "Areas", "Atlantis (atlantis)")
    body = with_answer(body, "Year started", "twenty twenty-one")
    body = with_answer(body, "Contact web page", "mailto:someone@example.org")
    body = with_answer(body, "The story", 'Our story.\n\n<iframe src="https://evil.example"></iframe>\n\n![x](../../../etc/passwd)')
    result = from_issue(repo, body)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    found = set(problems_of(result.stdout))
    assert (line_of(body, "Repair café <script>"), "KB100") in found
    assert (line_of(body, "A summary that hides"), "KB101") in found
    assert (line_of(body, "Atlantis (atlantis)"), "KB003") in found
    assert (line_of(body, "twenty twenty-one"), "KB001") in found
    assert (line_of(body, "mailto:someone"), "KB001") in found or (line_of(body, "mailto:someone"), "KB065") in found
    assert (line_of(body, "<iframe"), "KB090") in found
    assert (line_of(body, "![x]"), "KB062") in found
    # Every problem points into the issue, never at a file the contributor never saw.
    assert all(re.match(r"\S*issue\.md:\d+: error KB\d{3} ", line) for line in result.stdout.splitlines())
    assert not any((repo / "case_studies").glob("test-*"))


def test_yaml_and_markdown_in_answers_stay_text(repo: Path) -> None:
    body = with_answer(sample("en"), "Organisations", "- Group: with colon\n- '&anchor *alias'\n- [not, a, list]")
    body = with_answer(body, "What changed", "---\ntype: guide\nResidents now decide together.")
    result = from_issue(repo, body)
    assert result.returncode == 0, result.stdout
    fm, problems = parse_front_matter((repo / "case_studies" / EN_ID / "en.md").read_text(encoding="utf-8"), "en.md")
    assert problems == []
    assert fm.data["organisations"] == ["Group: with colon", "'&anchor *alias'", "[not, a, list]"]
    assert fm.data["type"] == "case-study" and fm.data["what_changed"].startswith("--- type: guide")


# --- The comment posted back on the issue ---------------------------------------------------------


def test_the_comment_is_in_the_contributors_language_and_quotes_safely(repo: Path) -> None:
    body = with_answer(sample("cy"), "Ffynonellau", "@maintainer ```` [click](https://evil.example)")
    body = with_answer(body, "Crynodeb", "_No response_")
    comment = repo.parent / "comment.md"
    result = from_issue(repo, body, "--comment", str(comment), lang_env="en")
    assert result.returncode == 1
    text = comment.read_text(encoding="utf-8")
    assert text.startswith("Diolch am gynnig astudiaeth achos.") and "mae angen cywiro 2 problem" in text
    fence = re.search(r"^(`{3,})text$", text, re.M)
    assert fence and len(fence.group(1)) >= 5  # longer than any run of backticks quoted
    inside, after = text.split(fence.group(0), 1)[1].split("\n" + fence.group(1) + "\n", 1)
    assert "@maintainer" in inside and "@maintainer" not in after and "@maintainer" not in text.split(fence.group(0))[0]
    assert "[Crynodeb] gwall KB145" in inside and "[Ffynonellau] gwall KB146" in inside
    assert "Golygwch y mater" in after


def test_the_new_id_is_handed_to_the_workflow(repo: Path, tmp_path: Path) -> None:
    outputs = tmp_path / "github-output"
    outputs.write_text("earlier=1\n", encoding="utf-8")
    result = from_issue(repo, sample("cy"), "--github-output", str(outputs))
    assert result.returncode == 0, result.stdout
    assert outputs.read_text(encoding="utf-8") == f"earlier=1\nid={CY_ID}\nfolder=case_studies/{CY_ID}\nlang=cy\n"


def test_new_without_an_id_or_an_issue_says_what_to_give(repo: Path) -> None:
    result = run_kb(repo, "new", "case-study")
    assert result.returncode == 2 and "--from-issue FILE" in result.stderr and "Traceback" not in result.stderr


# --- Complete forms, both languages, on a scratch copy of the repository ---------------------------


def scratch_copy(root: Path) -> Path:
    """The repository's content and configuration, copied (what a workflow's checkout holds)."""
    assert not root.exists()
    return copy_content(root)


def test_complete_forms_in_both_languages_pass_the_check_and_a_strict_build(tmp_path: Path) -> None:
    root = scratch_copy(tmp_path / "kb")
    for lang in ("en", "cy"):
        issue = tmp_path / f"issue-{lang}.md"
        issue.write_text(sample(lang), encoding="utf-8")
        made = run_kb(root, "new", "case-study", "--from-issue", str(issue))
        assert made.returncode == 0, made.stdout + made.stderr
    assert (root / "case_studies" / EN_ID / "en.md").is_file() and not (root / "case_studies" / EN_ID / "cy.md").exists()
    assert (root / "case_studies" / CY_ID / "cy.md").is_file() and not (root / "case_studies" / CY_ID / "en.md").exists()
    checked = run_kb(root, "check")
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    assert "0 error(s), 0 warning(s)" in checked.stderr
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    site = result.site
    english = (site / "case-studies" / EN_ID / "index.html").read_text(encoding="utf-8")
    assert "Test repair café in Swansea" in english and "Tŷ Ŵyn Community Trust" in english
    assert '<h2 id="how-it-started">' in english  # the story's '###' under the title, no level skipped
    welsh = (site / "cy" / "case-studies" / CY_ID / "index.html").read_text(encoding="utf-8")
    assert "Caffi trwsio prawf yn Nhŷ&#39;r Ŵyn" in welsh and "Grŵp Trwsio Prawf" in welsh and "Caerdydd" in welsh
    # Each is published in the other language too, with the banner that a translation is pending,
    # then the original's title, then the facts (in this language; the contributor's words marked
    # as the original's language), as on a translated page.
    for page, words in ((site / "cy" / "case-studies" / EN_ID, '<span lang="en">Tŷ Ŵyn Community Trust</span>'),
                        (site / "case-studies" / CY_ID, '<span lang="cy">Grŵp Trwsio Prawf</span>')):
        html = (page / "index.html").read_text(encoding="utf-8")
        assert html.index("kb-untranslated") < html.index("<h1") < html.index('class="kb-cs-facts"'), page
        assert words in html


def test_the_file_keeps_the_templates_explanations(repo: Path) -> None:
    assert from_issue(repo, sample("cy")).returncode == 0
    text = (repo / "case_studies" / CY_ID / "cy.md").read_text(encoding="utf-8")
    template = (REPO / "case_studies" / "_template" / "cy.md").read_text(encoding="utf-8")
    front = template.split("\n---\n", 1)[0]
    comments = [line for line in front.split("\n") if line.startswith("#")]
    assert comments and all(c in text.split("\n") for c in comments)
    assert not re.search(r"\[\[[^\[\]\n]*\]\]", "\n".join(x for x in text.split("\n") if not x.startswith("#")))
    fm, _ = parse_front_matter(text, "cy.md")
    assert fm.body.startswith("# Caffi trwsio prawf yn Nhŷ'r Ŵyn\n")


# --- The workflow -----------------------------------------------------------------------------------


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[dict]:
    return [step for job in _workflow()["jobs"].values() for step in job.get("steps", [])]


def test_the_workflow_runs_the_command_as_documented(capsys: pytest.CaptureFixture[str]) -> None:
    runs = "\n".join(step.get("run", "") for step in _steps())
    command = re.search(r"python -m kb new case-study --from-issue (\S+)(.*)", runs)
    assert command, runs
    with pytest.raises(SystemExit) as help_exit:
        kb_main(["new", "case-study", "--help"])
    assert help_exit.value.code == 0
    options = set(re.findall(r"(--[a-z-]+)", capsys.readouterr().out))
    given = re.findall(r"(--[a-z-]+)", command.group(2))
    assert given and set(given) <= options  # every option the workflow gives is one the command has
    assert "--github-output \"$GITHUB_OUTPUT\"" in command.group(2)
    # After it, the whole repository is checked and built strictly, before any pull request.
    assert runs.index("--from-issue") < runs.index("python -m kb check") < runs.index("mkdocs build --strict")
    # Both guides name the workflow, its label and the option; the README gives the command.
    for guide in ("CONTRIBUTING.md", "CYFRANNU.md"):
        text = (REPO / guide).read_text(encoding="utf-8")
        assert "case-study-from-issue.yml" in text and "`case-study-pr`" in text and "`--from-issue" in text
    assert "`python -m kb new case-study --from-issue FILE [--id ID]`" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_workflow_never_runs_the_issue_text_and_pins_its_actions() -> None:
    workflow = _workflow()
    trigger = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads a bare 'on' as true
    assert set(trigger["issues"]["types"]) >= {"labeled"}
    for step in _steps():
        # The issue's text reaches the shell only through environment variables, never pasted into a script.
        assert "github.event.issue" not in step.get("run", ""), step
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    jobs = workflow["jobs"]
    # The job that reads the issue can write nothing; only the later jobs may open a pull request or comment.
    reading = next(j for j in jobs.values() if "--from-issue" in str(j))
    assert reading["permissions"] == {"contents": "read"}


def test_messages_of_the_new_rules_exist_in_both_languages() -> None:
    for key, entry in catalogue().items():
        if key.startswith(("KB145.", "KB146.", "KB147.", "new.issue")):
            assert entry.text.get("en") and entry.text.get("cy"), key
            assert entry.params("en") == entry.params("cy"), key


def run_scaffold_job(root: Path, body: str, tmp: Path) -> tuple[list[tuple[str, int]], Path, Path]:
    """The workflow's reading job, step by step, as the runner runs it: each 'run' script in
    'bash -eo pipefail', with the step's environment (the issue's body where the workflow puts it),
    RUNNER_TEMP and GITHUB_OUTPUT. Installing is skipped (this environment has it); conditional
    steps run only on failure on GitHub, and are left out. Stops at the first failing step."""
    job = _workflow()["jobs"]["scaffold"]
    temp = tmp / "runner-temp"
    temp.mkdir()
    outputs = tmp / "github-output"
    outputs.write_text("", encoding="utf-8")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = english_env({"RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(outputs), "PATH": path, **job.get("env", {})})
    ran: list[tuple[str, int]] = []
    for step in job["steps"]:
        script = step.get("run")
        if script is None or "pip install" in script or "if" in step:
            continue
        assert "${{" not in script, step  # expressions reach scripts only through the environment
        declared = step.get("env") or {}
        assert all("${{" not in v or v == "${{ github.event.issue.body }}" for v in declared.values()), declared
        step_env = {k: body if v == "${{ github.event.issue.body }}" else v for k, v in declared.items()}
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=root, env={**env, **step_env}, capture_output=True, text=True, timeout=600,
        )
        ran.append((step["name"], proc.returncode))
        if proc.returncode != 0:
            break
    return ran, temp, outputs


def test_the_workflows_own_steps_turn_a_welsh_form_into_a_checked_case_study(tmp_path: Path) -> None:
    root = scratch_copy(tmp_path / "checkout")
    ran, temp, outputs = run_scaffold_job(root, sample("cy"), tmp_path)
    assert [rc for _, rc in ran] == [0, 0, 0, 0] and len(ran) == 4, ran
    assert outputs.read_text(encoding="utf-8") == f"id={CY_ID}\nfolder=case_studies/{CY_ID}\nlang=cy\n"
    # What the next job uploads as the pull request: the one new file, in the form's language.
    assert sorted(p.name for p in (root / "case_studies" / CY_ID).iterdir()) == ["cy.md"]
    assert (root / "site" / "cy" / "case-studies" / CY_ID / "index.html").is_file()
    assert not (temp / "comment.md").exists()


def test_the_workflows_own_steps_never_run_the_issue_text(repo: Path, tmp_path: Path) -> None:
    hostile = with_answer(sample("en"), "Title", 'Café $(touch pwned-1) `touch pwned-2` "; touch pwned-3; "')
    hostile = with_answer(hostile, "Summary", "x' ; touch pwned-4 ; echo '\n::set-output name=id::../../etc\n${{ github.token }}")
    hostile = with_answer(hostile, "Areas", "Atlantis")
    ran, temp, outputs = run_scaffold_job(repo, hostile, tmp_path)
    assert ran[-1] == ("Write the case study from the issue", 1), ran
    assert not list(repo.rglob("pwned-*")) and not list(tmp_path.rglob("pwned-*"))
    assert outputs.read_text(encoding="utf-8") == ""  # no id, no folder: nothing for a pull request
    saved = (temp / "issue.md").read_text(encoding="utf-8")
    assert saved == hostile  # the body reached the command exactly as written
    comment = (temp / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("Thank you for proposing a case study.") and "[Areas] error KB003" in comment
