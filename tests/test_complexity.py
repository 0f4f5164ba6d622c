"""Bounded work: pathological Markdown and YAML end in an error at their line, never a hang or a RecursionError.

The time bounds are measured by bench/hostile_bench.py; these tests assert the behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.core import yamlload
from kb.markdown.complexity import check, page_problems
from kb.sources.content import SourcePage, read_page
from kb.sources.frontmatter import parse_front_matter

LIMIT = 200_000  # kb.sources.files.MAX_PAGE_BYTES

PATHOLOGICAL = {
    "unclosed [": "[" * LIMIT,
    "unclosed <a": "<a " * (LIMIT // 3),
    "unclosed link targets": "[x](" * (LIMIT // 4),
    "unclosed footnotes": "[^" * (LIMIT // 2),
    "backtick runs": "`a" * (LIMIT // 2),
    "attr_list openers": "para {a=" * (LIMIT // 8),
    "30 [ then prose": "[" * 30 + "word " * (LIMIT // 5 - 10),
    "nested lists": "".join("  " * i + "- x\n" for i in range(400)),
    "list markers on one line": "- " * 3000 + "x",
    "quotes on one line": "> " * 3000 + "x",
    "emphasis run": "*" * 5000 + "x" + "*" * 5000,
    "nested divs": '<div markdown="1">\n\n' * 2000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_bodies_are_refused(name: str) -> None:
    found = check(PATHOLOGICAL[name])
    assert found, name


def test_the_refusal_names_the_line_and_stops_every_other_check(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\nid: x\ntype: page\ntitle: X\n---\n# X\n\nFine.\n\n" + "[" * 50_000 + "\n", encoding="utf-8")
    page = SourcePage("en", "x.md", "docs/x.md", path, "page")
    read_page(page)
    assert [(p.line, p.rule_name) for p in page.problems] == [(10, "too-complex")]
    assert page.text is None  # nothing else (nor the build) reads it


@pytest.mark.parametrize(
    "body",
    [
        "# Guide\n\nA [link](https://example.org/) and `code`, *emphasis* and <abbr title=\"x\">y</abbr>.\n" * 2000,
        "| a | b |\n|---|---|\n" + "| [x](y.md) | `z` |\n" * 4000,
        "```\n" + "[" * 100_000 + "\n```\n",
    ],
)
def test_large_ordinary_pages_pass(body: str) -> None:
    assert page_problems("docs/x.md", body, 1) == []


BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


def test_an_alias_bomb_in_front_matter_is_refused_at_its_line() -> None:
    _, problems = parse_front_matter("---\nid: x\n" + BOMB + "---\nbody\n", "docs/x.md")
    assert [(p.line, p.rule_name) for p in problems] == [(4, "front-matter-yaml")]
    assert "alias" in problems[0].message


@pytest.mark.parametrize("text", [BOMB, "- " * 20_000 + "x\n", "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200))])
def test_data_files_refuse_aliases_and_deep_nesting(text: str) -> None:
    with pytest.raises(yamlload.UnsafeYaml) as err:
        yamlload.safe_load(text)
    assert err.value.line >= 1
