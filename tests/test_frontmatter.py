from hypothesis import given, settings
from hypothesis import strategies as st

from kb.sources.frontmatter import parse_front_matter


def test_keys_map_to_their_lines_and_dates_stay_text():
    text = "---\nid: gŵyl\nupdated: 2024-05-03\nregions:\n  - gwynedd\n  - powys\n---\n# Gŵyl\n"
    fm, problems = parse_front_matter(text, "docs_cy/a.md")
    assert problems == []
    assert fm.data["updated"] == "2024-05-03"
    assert fm.lines == {"id": 2, "updated": 3, "regions": 4, "regions.0": 5, "regions.1": 6}
    assert fm.body == "# Gŵyl\n" and fm.body_line == 8
    assert fm.line_of("regions.1") == 6 and fm.line_of("translation.pending") == 1


def test_yaml_error_is_reported_at_its_line_in_the_file():
    text = "---\nid: a\ntitle: Beth: yw hyn\n---\n"
    _, problems = parse_front_matter(text, "a.md")
    [p] = problems
    assert p.rule_name == "front-matter-yaml" and p.line == 3


def test_unclosed_front_matter_and_duplicate_keys():
    _, unclosed = parse_front_matter("---\nid: a\n# no end\n", "a.md")
    assert unclosed[0].rule_name == "front-matter-yaml"
    _, dup = parse_front_matter("---\nid: a\nid: b\n---\n", "a.md")
    assert dup[0].line == 3 and "twice" in dup[0].message


def test_non_mapping_front_matter():
    _, problems = parse_front_matter("---\n- a\n- b\n---\n", "a.md")
    assert "field: value" in problems[0].message


def test_no_front_matter_is_not_a_parse_problem():
    fm, problems = parse_front_matter("# Teitl\n", "a.md")
    assert problems == [] and not fm.present


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_yaml_text_never_raises(yaml_text):
    parse_front_matter(f"---\n{yaml_text}\n---\nbody\n", "a.md")
