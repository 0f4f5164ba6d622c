import pytest
import yaml

from kb.core.messages import MissingMessage, msg
from kb.core.problem import RULES_FILE, Problem, problem, rules, sort_problems


def test_format_is_path_line_severity_id_name_message_and_fix():
    p = problem("front-matter-schema", "docs_cy/canllawiau/pwb.md", 4, "date-guessable", field="date", value="'3/5/24'", date="2024-05-03")
    assert p.format() == (
        "docs_cy/canllawiau/pwb.md:4: error KB001 front-matter-schema: "
        "'date' must be a date written YYYY-MM-DD, got '3/5/24'. Write it as 2024-05-03."
    )


def test_the_same_problem_in_welsh_names_the_severity_in_welsh_too():
    p = problem("front-matter-schema", "docs_cy/canllawiau/pwb.md", 4, "date-guessable", field="date", value="'3/5/24'", date="2024-05-03")
    assert p.format("cy") == (
        "docs_cy/canllawiau/pwb.md:4: gwall KB001 front-matter-schema: "
        "rhaid i 'date' fod yn ddyddiad ar y ffurf BBBB-MM-DD, ond '3/5/24' sydd yma. Ysgrifennwch ef fel 2024-05-03."
    )
    assert p.message.startswith("'date' must be") and p.hint == "Write it as 2024-05-03."


def test_values_that_are_messages_follow_the_language():
    p = problem("case-study-image-alt", "case_studies/x/cy.md", 9, "no-alt", src="llun.jpg", in_language=msg("terms.in-cy"))
    assert "no alt text in Welsh" in p.format("en")
    assert "destun amgen yn Gymraeg" in p.format("cy")


def test_github_annotation_escapes_newlines_and_percent():
    p = problem("encoding", "a.md", 3, "unreadable", error="bad\nthing 100%")
    assert p.format_github() == (
        "::error file=a.md,line=3,title=KB006::encoding: the file cannot be read (bad%0Athing 100%25). "
        "Check it exists and is readable."
    )
    assert p.format_github("cy").startswith("::error file=a.md,line=3,title=KB006::encoding: ni ellir darllen y ffeil")


def test_sorting_by_path_then_line_and_deduplicated():
    a = problem("encoding", "b.md", 1, "nul")
    b = problem("encoding", "a.md", 9, "nul")
    c = problem("encoding", "a.md", 2, "nul")
    assert sort_problems([a, b, c, a]) == [c, b, a]


def test_a_message_the_catalogue_lacks_fails_where_it_is_made():
    with pytest.raises(MissingMessage, match="data/messages.yml has no message 'no-such-thing' under 'KB006'"):
        problem("encoding", "a.md", 1, "no-such-thing")


def test_rule_ids_are_unique_well_formed_and_bilingual():
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    ids = [r["id"] for r in raw]
    names = [r["name"] for r in raw]
    assert len(ids) == len(set(ids)) and len(names) == len(set(names))
    for r in raw:
        assert r["id"].startswith("KB") and len(r["id"]) == 5 and r["id"][2:].isdigit()
        assert r["severity"] in ("error", "warning")
        assert r["en"].strip() and r["cy"].strip()
    assert set(rules()) == set(names)


def test_line_is_never_below_one():
    assert problem("encoding", "a.md", 0, "nul").line == 1
    assert isinstance(problem("encoding", "a.md", 0, "nul"), Problem)


def test_github_annotations_cannot_be_forged_through_a_path_or_message():
    p = problem("encoding", "case_studies/x\n::warning file=README.md,line=1::Injected/en.md", 3, "unreadable",
                error="50% done\r\nnext: a, b")
    out = p.format_github()
    assert "\n" not in out and "\r" not in out
    assert out.startswith("::error file=case_studies/x%0A%3A%3Awarning file=README.md%2Cline=1%3A%3AInjected/en.md,line=3,")
    assert out.endswith("::encoding: the file cannot be read (50%25 done%0D%0Anext: a, b). Check it exists and is readable.")
    assert out.count("::") == 2
