"""kb.sources.bibliography: CSL-YAML entries, checked against data/schemas/_bibliography.yml, with lines."""

from pathlib import Path

import pytest

from kb.sources.bibliography import (
    BIBLIOGRAPHY_FILE,
    load_bibliography,
    load_schema,
    organisation_problems,
    parse_bibliography,
    required_by_type,
    unused_problems,
    welsh_name_problems,
)
from kb.sources.vocabularies import load_vocabularies

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


# --- Both languages from one entry: organisations by id, the Welsh version's own fields ---------

BILINGUAL = """\
- id: wfg-act-2015
  type: legislation
  author:
    - org: national-assembly-for-wales
  title: Well-being of Future Generations (Wales) Act 2015
  number: "2015 anaw 2"
  issued: {date-parts: [[2015]]}
  URL: https://www.legislation.gov.uk/anaw/2015/2/contents
  cy:
    title: Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015
    number: "2015 dccc 2"
    URL: https://www.legislation.gov.uk/anaw/2015/2/contents/welsh
- id: wg-psb
  type: webpage
  author:
    - org: welsh-governmnet
  title: Public Services Boards
  container-title: GOV.WALES
  publisher: {org: welsh-government}
  issued: {literal: "n.d."}
  cy:
    container-title: LLYW.CYMRU
    URL: http://llyw.cymru/x
    subtitle: Byrddau
"""


def _bilingual():
    bib = parse_bibliography(BILINGUAL, load_schema(REPO))
    bib.organisations = load_vocabularies(REPO)["organisations"]
    return bib


def test_an_entry_in_each_language_has_that_languages_names_title_and_address():
    bib = _bilingual()
    act = bib.get("wfg-act-2015")
    cy = bib.in_language(act, "cy")
    assert cy["author"] == [{"literal": "Cynulliad Cenedlaethol Cymru", "_name_lang": "cy"}]
    assert (cy["title"], cy["number"], cy["language"]) == (
        "Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015",
        "2015 dccc 2",
        "cy",
    )
    assert cy["URL"].endswith("/contents/welsh") and cy["_url_lang"] == "cy" and "cy" not in cy
    en = bib.in_language(act, "en")
    assert en["author"] == [{"literal": "National Assembly for Wales", "_name_lang": "en"}]
    assert (en["title"], en["number"], en["URL"]) == (
        "Well-being of Future Generations (Wales) Act 2015",
        "2015 anaw 2",
        "https://www.legislation.gov.uk/anaw/2015/2/contents",
    )
    page = bib.in_language(bib.get("wg-psb"), "cy")
    # Only what the Welsh version has of its own changes: the title stays English.
    assert (page["title"], page["container-title"], page["_container_lang"]) == ("Public Services Boards", "LLYW.CYMRU", "cy")
    assert page["publisher"] == "Llywodraeth Cymru"


def test_a_bilingual_entrys_mistakes_are_reported_at_their_lines():
    bib = _bilingual()
    # An unknown field in the Welsh version (at its 'cy:' line), and a Welsh address that is not https.
    fmt, url = sorted(bib.problems, key=lambda p: p.line)
    assert (fmt.rule_name, fmt.line, url.rule_name, url.line) == ("bibliography-format", 21, "bibliography-url", 23)
    assert "'cy'" in fmt.message and "Welsh version" in fmt.hint
    assert "cy.URL" in url.message and "http, not https" in url.message
    [unknown] = organisation_problems(bib)
    assert (unknown.rule_name, unknown.line) == ("vocabulary", 16)
    assert "'welsh-governmnet'" in unknown.message and "Did you mean 'welsh-government'?" in unknown.message


def test_a_cited_entry_naming_a_body_with_a_welsh_name_as_text_is_warned_once_per_place():
    text = """\
- id: wg-2019
  type: report
  author:
    - literal: Welsh Government
  title: Well-being of Wales 2018-19
  publisher: Welsh government
  issued: {date-parts: [[2019]]}
- id: unicef-2023
  type: webpage
  author:
    - literal: UNICEF UK
  title: Cardiff becomes first city
  issued: {date-parts: [[2023]]}
"""
    bib = parse_bibliography(text, load_schema(REPO))
    bib.organisations = load_vocabularies(REPO)["organisations"]
    problems = welsh_name_problems(bib, {"wg-2019", "unicef-2023"})
    assert [(p.rule_name, p.line, p.is_error) for p in problems] == [
        ("bibliography-welsh-name", 4, False),
        ("bibliography-welsh-name", 6, False),
    ]
    assert "Llywodraeth Cymru" in problems[0].message and "'- org: welsh-government'" in problems[0].hint
    assert "'publisher: {org: welsh-government}'" in problems[1].hint
    # Not cited: nothing to say. A body with no Welsh name (UNICEF UK): nothing to say.
    assert welsh_name_problems(bib, {"unicef-2023"}) == []


def test_the_shipped_bibliography_names_every_body_by_its_organisation_id():
    bib = load_bibliography(REPO, organisations=load_vocabularies(REPO)["organisations"])
    assert organisation_problems(bib) == []
    assert welsh_name_problems(bib, set(bib.ids())) == []
    act = bib.in_language(bib.get("wfg-act-2015"), "cy")
    assert act["URL"] == "https://www.legislation.gov.uk/anaw/2015/2/contents/welsh"
