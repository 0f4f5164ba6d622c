import yaml

from kb.core.problem import RULES_FILE, Problem, problem, rules, sort_problems


def test_format_is_path_line_severity_id_name_message_hint():
    p = problem(
        "front-matter-schema",
        "docs_cy/canllawiau/pwb.md",
        4,
        "'date' must be YYYY-MM-DD, got '3/5/24'.",
        "Write it as 2024-05-03.",
    )
    assert p.format() == (
        "docs_cy/canllawiau/pwb.md:4: error KB001 front-matter-schema: "
        "'date' must be YYYY-MM-DD, got '3/5/24'. Write it as 2024-05-03."
    )


def test_github_annotation_escapes_newlines():
    p = problem("encoding", "a.md", 3, "bad\nthing")
    assert p.format_github() == "::error file=a.md,line=3,title=KB006::encoding: bad%0Athing"


def test_sorting_by_path_then_line_and_deduplicated():
    a = problem("encoding", "b.md", 1, "x")
    b = problem("encoding", "a.md", 9, "x")
    c = problem("encoding", "a.md", 2, "x")
    assert sort_problems([a, b, c, a]) == [c, b, a]


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
    assert problem("encoding", "a.md", 0, "x").line == 1
    assert isinstance(problem("encoding", "a.md", 0, "x"), Problem)


def test_github_annotations_cannot_be_forged_through_a_path_or_message():
    from kb.core.problem import Problem

    p = Problem("case_studies/x\n::warning file=README.md,line=1::Injected/en.md", 3, "KB060", "case-study-files",
                "error", "50% done\r\nnext: a, b", "")
    out = p.format_github()
    assert "\n" not in out and "\r" not in out
    assert out.startswith("::error file=case_studies/x%0A%3A%3Awarning file=README.md%2Cline=1%3A%3AInjected/en.md,line=3,")
    assert out.endswith("::case-study-files: 50%25 done%0D%0Anext: a, b")
    assert out.count("::") == 2
