"""Each front-matter rule, valid and invalid, on tiny bilingual sites."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuilder import make_site

from kb.checks import check_site
from kb.checks.frontmatter import check
from kb.model import load_model

GUIDE_EN = """---
id: cymuned-guide
type: guide
title: Community and co-production
summary: How a community and public bodies can share power when they design services.
themes: [co-production-basics]
regions_note_is_not_a_field: false
updated: 2026-11-27
---
# Community and co-production
"""

GUIDE_CY = """---
id: cymuned-guide
type: guide
title: Y gymuned a chydgynhyrchu
summary: Sut y gall cymuned a chyrff cyhoeddus rannu pŵer wrth gynllunio gwasanaethau yng Nghymru.
themes: [co-production-basics]
updated: 2026-11-27
---
# Y gymuned a chydgynhyrchu

Mae'r dŵr yn y tŷ; siaradwch â'r gymuned.
"""


def _problems(tmp_path: Path, files: dict[str, str]):
    root = make_site(tmp_path, files)
    return check(load_model(root))


def _valid_en() -> str:
    return GUIDE_EN.replace("regions_note_is_not_a_field: false\n", "")


def test_valid_bilingual_guide_passes(tmp_path):
    assert _problems(tmp_path, {"docs/guides/g.md": _valid_en(), "docs_cy/guides/g.md": GUIDE_CY}) == []


def test_unknown_field_with_did_you_mean(tmp_path):
    text = _valid_en().replace("summary:", "sumary:")
    problems = _problems(tmp_path, {"docs/guides/g.md": text, "docs_cy/guides/g.md": GUIDE_CY})
    unknown = [p for p in problems if "unknown field" in p.message]
    assert unknown and unknown[0].line == 5 and "Did you mean 'summary'" in unknown[0].message
    missing = [p for p in problems if "missing required" in p.message]
    assert missing and "summary" in missing[0].message


def test_wrong_date_format_suggests_the_right_one(tmp_path):
    text = _valid_en().replace("updated: 2026-11-27", "updated: 3/5/24")
    [p] = _problems(tmp_path, {"docs/guides/g.md": text, "docs_cy/guides/g.md": GUIDE_CY})
    assert p.format() == (
        "docs/guides/g.md:7: error KB001 front-matter-schema: 'updated' must be a date written "
        "YYYY-MM-DD, got '3/5/24'. Write it as 2024-05-03."
    )


def test_impossible_date_is_rejected(tmp_path):
    text = _valid_en().replace("2026-11-27", "2026-02-31")
    problems = _problems(tmp_path, {"docs/guides/g.md": text, "docs_cy/guides/g.md": GUIDE_CY})
    assert [p.line for p in problems] == [7]


def test_wrong_type_is_explained(tmp_path):
    text = _valid_en().replace("themes: [co-production-basics]", "themes: co-production-basics")
    [p] = _problems(tmp_path, {"docs/guides/g.md": text, "docs_cy/guides/g.md": GUIDE_CY})
    assert p.rule_name == "front-matter-schema" and "must be a list" in p.message and p.line == 6


def test_value_outside_vocabulary_lists_allowed_values(tmp_path):
    text = GUIDE_CY.replace("[co-production-basics]", "[co-producton-basics]")
    [p] = _problems(tmp_path, {"docs/guides/g.md": _valid_en(), "docs_cy/guides/g.md": text})
    assert p.rule_name == "vocabulary" and p.path == "docs_cy/guides/g.md" and p.line == 6
    assert "Did you mean 'co-production-basics'" in p.message and "involvement" in p.hint


def test_unknown_content_type(tmp_path):
    text = _valid_en().replace("type: guide", "type: giude")
    [p] = _problems(tmp_path, {"docs/guides/g.md": text, "docs_cy/guides/g.md": GUIDE_CY})
    assert p.rule_name == "vocabulary" and "Did you mean 'guide'" in p.message


def test_missing_front_matter(tmp_path):
    [p] = _problems(tmp_path, {"docs/x.md": "# Dim blaenfater\n", "docs_cy/x.md": "# Dim\n"})[:1]
    assert p.rule_name == "front-matter-yaml" and "no front matter" in p.message


def test_duplicate_id_across_two_pages_names_both(tmp_path):
    other = _valid_en().replace("title: Community and co-production", "title: Another")
    problems = _problems(
        tmp_path,
        {"docs/guides/g.md": _valid_en(), "docs_cy/guides/g.md": GUIDE_CY, "docs/guides/h.md": other},
    )
    dup = [p for p in problems if p.rule_name == "duplicate-id"]
    assert {p.path for p in dup} == {"docs/guides/g.md", "docs_cy/guides/g.md", "docs/guides/h.md"}
    assert all(p.line == 2 for p in dup)
    assert any("docs/guides/h.md" in p.message for p in dup)


def test_english_and_welsh_ids_must_match(tmp_path):
    text = GUIDE_CY.replace("id: cymuned-guide", "id: canllaw-cymuned")
    problems = _problems(tmp_path, {"docs/guides/g.md": _valid_en(), "docs_cy/guides/g.md": text})
    [p] = [p for p in problems if p.rule_name == "id-mismatch"]
    assert p.path == "docs_cy/guides/g.md" and "cymuned-guide" in p.message


def test_case_study_schema_applies_to_case_study_folders(tmp_path):
    problems = _problems(tmp_path, {"case_studies/x/en.md": "---\nid: x\ntype: case-study\n---\n# X\n"})
    assert any("missing required field(s)" in p.message and "regions" in p.message for p in problems)


@pytest.fixture(scope="module")
def byte_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("bytes"), {})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_make_the_checker_raise(byte_site, data):
    (byte_site / "docs_cy" / "x.md").write_bytes(data)
    (byte_site / "docs" / "x.md").write_bytes(b"---\n" + data + b"\n---\n")
    check_site(load_model(byte_site))
