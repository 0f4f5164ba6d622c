"""kb.sources.bibliography: CSL-YAML entries, checked against data/schemas/_bibliography.yml, with lines."""

from pathlib import Path

import pytest

from kb.sources.bibliography import (
    BIBLIOGRAPHY_FILE,
    load_bibliography,
    load_schema,
    parse_bibliography,
    required_by_type,
    unused_problems,
)

REPO = Path(__file__).resolve().parent.parent

VALID = """\
# a comment line
- id: lent-studdert-2019
  type: report
  author:
    - family: Lent
      given: Adam
    - family: Studdert
      given: Jessica
  title: "The Community Paradigm"
  publisher: New Local Government Network
  issued: {date-parts: [[2019]]}
- id: wfg-act-2015
  type: legislation
  title: Well-being of Future Generations (Wales) Act 2015
  issued: {date-parts: [[2015]]}
  URL: https://www.legislation.gov.uk/anaw/2015/2/contents
"""


@pytest.fixture(scope="module")
def schema():
    return load_schema(REPO)


def rules(bib):
    return [(p.rule_name, p.line) for p in bib.problems]


def test_valid_entries_load_with_the_line_of_every_field(schema):
    bib = parse_bibliography(VALID, schema)
    assert bib.problems == []
    assert bib.ids() == ["lent-studdert-2019", "wfg-act-2015"]
    entry = bib.get("lent-studdert-2019")
    assert entry is not None
    assert entry.line == 2
    assert entry.line_of("title") == 9
    assert entry.line_of("author.1.family") == 7
    assert entry.line_of("author.1.nonexistent") == 7  # nearest parent


def test_required_fields_per_type_are_data_not_code(schema):
    by_type = required_by_type(schema)
    assert by_type["report"] == [["author", "editor", "publisher"]]
    assert "legislation" in by_type and "book" in by_type


def test_duplicate_id_points_at_the_second_entry_and_names_the_first(schema):
    text = VALID + VALID.split("\n", 1)[1].split("- id: wfg")[0]  # lent-studdert-2019 again, at line 17
    bib = parse_bibliography(text, schema)
    assert rules(bib) == [("bibliography-duplicate-id", 17)]
    assert "line 2" in bib.problems[0].message
    assert bib.problems[0].path == BIBLIOGRAPHY_FILE


def test_entry_without_title_is_a_missing_field_at_the_entry_line(schema):
    text = VALID.replace('  title: "The Community Paradigm"\n', "")
    bib = parse_bibliography(text, schema)
    assert rules(bib) == [("bibliography-missing-field", 2)]
    assert "'title'" in bib.problems[0].message


def test_empty_title_counts_as_missing(schema):
    bib = parse_bibliography(VALID.replace('"The Community Paradigm"', ""), schema)
    assert rules(bib) == [("bibliography-missing-field", 2)]


def test_type_specific_requirement_with_alternatives(schema):
    text = VALID.replace("  type: report", "  type: book").replace("  publisher: New Local Government Network\n", "")
    bib = parse_bibliography(text, schema)
    assert rules(bib) == [("bibliography-missing-field", 2)]
    assert "'publisher'" in bib.problems[0].message
    # A report is satisfied by an author alone (author OR editor OR publisher).
    text = VALID.replace("  publisher: New Local Government Network\n", "")
    assert parse_bibliography(text, schema).problems == []


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://www.legislation.gov.uk/anaw/2015/2", "http, not https"),
        ("www.legislation.gov.uk/anaw/2015/2", "not an absolute address"),
        ("/anaw/2015/2", "not an absolute address"),
        ("https://www.legislation .gov.uk/x", "spaces"),
        ("https://", "no valid host"),
    ],
)
def test_malformed_url(schema, url, why):
    text = VALID.replace("https://www.legislation.gov.uk/anaw/2015/2/contents", f'"{url}"')
    bib = parse_bibliography(text, schema)
    assert rules(bib) == [("bibliography-url", 16)]
    assert why in bib.problems[0].message


def test_url_must_be_text(schema):
    bib = parse_bibliography(
        VALID.replace("URL: https://www.legislation.gov.uk/anaw/2015/2/contents", "URL: 42"), schema
    )
    assert [p.rule_name for p in bib.problems] == ["bibliography-format"]


def test_unknown_type_suggests_the_closest(schema):
    bib = parse_bibliography(VALID.replace("type: report", "type: reprot"), schema)
    assert rules(bib) == [("bibliography-format", 3)]
    assert "Did you mean 'report'?" in bib.problems[0].message


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("issued: {date-parts: [[2019]]}", "issued: 2019-05-03", 11),
        ("issued: {date-parts: [[2019]]}", "issued: {date-parts: [[19]]}", 11),
        ("    - family: Studdert\n      given: Jessica", "    - given: Jessica", 7),
    ],
)
def test_field_shapes(schema, old, new, line):
    bib = parse_bibliography(VALID.replace(old, new), schema)
    assert rules(bib) == [("bibliography-format", line)]


def test_yaml_error_names_its_line(schema):
    bib = parse_bibliography(VALID.replace('  title: "The Community Paradigm"', '  title: "The Community'), schema)
    assert [p.rule_name for p in bib.problems] == ["bibliography-format"]
    assert bib.problems[0].line >= 9


def test_not_a_list(schema):
    bib = parse_bibliography("id: x\ntitle: y\n", schema)
    assert rules(bib) == [("bibliography-format", 1)]


def test_duplicate_field_in_one_entry(schema):
    bib = parse_bibliography(
        VALID.replace("  issued: {date-parts: [[2015]]}", "  issued: {date-parts: [[2015]]}\n  title: X"), schema
    )
    assert rules(bib) == [("bibliography-format", 16)]


def test_unused_entry_is_a_warning_at_its_line(schema):
    bib = parse_bibliography(VALID, schema)
    problems = unused_problems(bib, {"lent-studdert-2019"})
    assert [(p.rule_name, p.line, p.severity) for p in problems] == [("bibliography-unused", 12, "warning")]
    assert problems[0].format().startswith("data/bibliography.yml:12: warning KB025 bibliography-unused:")


def test_missing_file_is_an_empty_bibliography(tmp_path):
    bib = load_bibliography(tmp_path)
    assert not bib.exists and bib.entries == {} and bib.problems == []


def test_welsh_titles_are_read_as_nfc(tmp_path):
    (tmp_path / "data" / "schemas").mkdir(parents=True)
    (tmp_path / "data" / "schemas" / "_bibliography.yml").write_bytes(
        (REPO / "data/schemas/_bibliography.yml").read_bytes()
    )
    decomposed = "Llesiant y dw\u0302r a'r ty\u0302"
    text = VALID.replace("The Community Paradigm", decomposed)
    (tmp_path / "data" / "bibliography.yml").write_text(text, encoding="utf-8")
    bib = load_bibliography(tmp_path)
    entry = bib.get("lent-studdert-2019")
    assert entry is not None and entry.data["title"] == "Llesiant y dŵr a'r tŷ"


def test_the_shipped_bibliography_has_no_errors():
    bib = load_bibliography(REPO)
    assert [p.format() for p in bib.problems if p.is_error] == []
    assert len(bib.entries) >= 15
