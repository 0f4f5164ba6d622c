"""Plain-text fields: markup and control characters refused at path:line, and titles escaped by construction."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from case_study_fixtures import listing_pages
from fixture_pages import case_study, minimal_site
from sitebuilder import build, make_site, run_kb

from kb.checks.plain_text import check_data_text, check_page
from kb.core.plaintext import findings, html_text, markdown_text
from kb.sources.content import SourcePage
from kb.sources.frontmatter import parse_front_matter

HOSTILE_TITLE = "Tempo <details open ontoggle=alert(1)></details>"


@pytest.mark.parametrize(
    "text",
    [
        "Tempo <details open ontoggle=alert(1)></details>",
        "<svg onload=alert(1)>",
        "x</title><script>alert(1)</script>",
        "<!-- comment -->",
        "<!doctype html>",
        "<?php ?>",
        "R&amp;D",
        "&#60;script&#62;",
        "&#x3c;b&#x3e;",
    ],
)
def test_markup_is_found(text):
    assert [f.kind for f in findings(text)] == ["markup"]


@pytest.mark.parametrize(
    "text",
    ["Costs < benefits", "Q&A with R&D", "5 > 3", "Gŵyl a thŷ â phobl", "Line one\nline two", "tab\there", "a <3 b"],
)
def test_ordinary_text_is_fine(text):
    assert findings(text) == []


@pytest.mark.parametrize(
    "char", ["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\ufffe", "\u061c", "\u200e", "\u200f"]
)
def test_control_characters_are_found(char):
    found = findings(f"Tempo{char}")
    assert [f.kind for f in found] == ["control"]
    assert found[0].offset == 5


@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x85", "\u202e", "\u2067", "\u200f"])
def test_control_characters_in_a_body_are_refused_at_their_line(char):
    text = case_study("en").rstrip("\n") + f"\n\nThe budget{char} was shared.\nTab\tand CRLF\r\nare fine.\n"
    page = _page(text)
    found = [(p.rule_name, p.line) for p in check_page(page)]
    assert found == [("control-character", text.count("\n", 0, text.index("The budget")) + 1)]
    assert f"\\u{ord(char):04x}" in check_page(page)[0].message


def test_a_body_full_of_control_characters_is_one_problem_a_line_at_most_twenty():
    text = case_study("en") + "\x0b\x0b\n" * 100
    page = _page(text)
    assert len(check_page(page)) == 20


def test_html_text_escapes_once():
    escaped = html_text('<b>"x" & y</b>')
    assert escaped == "&lt;b&gt;&#34;x&#34; &amp; y&lt;/b&gt;"
    assert html_text(escaped) == escaped


_MD = markdown.Markdown(extensions=["toc", "admonition", "attr_list", "md_in_html", "tables", "footnotes"])


@pytest.mark.parametrize(
    "label",
    ["x {onclick=alert(1)} y", "a <b>c</b> & d &amp;", "*e* _f_ `g` [h](javascript:alert(1)) #j |k| \\ !!!", "Tŷ â ŵ"],
)
def test_markdown_text_renders_as_exactly_the_text(label):
    rendered = _MD.reset().convert(f"## {markdown_text(label)} {{#the-id}}")
    match = re.fullmatch(r'<h2 id="the-id">(.*)</h2>', rendered)
    assert match, rendered
    assert "<" not in match.group(1)
    import html

    assert html.unescape(match.group(1)) == " ".join(label.split())


def _page(text: str, path: str = "case_studies/x/en.md") -> SourcePage:
    page = SourcePage("en", "case-studies/x/index.md", path, Path(path), "case-study", text=text)
    page.front, _ = parse_front_matter(text, path)
    return page


def test_markup_in_any_front_matter_field_is_refused_at_its_line():
    text = (
        "---\nid: x\ntype: case-study\ntitle: 'Tempo <svg onload=alert(1)>'\n"
        "organisations:\n  - Good\n  - 'Bad <b>x</b>'\nsummary: \"Tab\\x0bhere\"\n---\nBody\n"
    )
    problems = check_page(_page(text))
    found = {(p.line, p.rule_name) for p in problems}
    assert found == {(4, "markup-in-text"), (7, "markup-in-text"), (8, "control-character")}
    title = next(p for p in problems if p.line == 4)
    assert title.path == "case_studies/x/en.md"
    assert "'title'" in title.message and "<svg onload=alert(1)>" in title.message


def test_markup_in_a_vocabulary_label_is_refused_at_its_line():
    text = "name: themes\nterms:\n  - id: a\n    en: Fine\n    cy: Iawn\n  - id: b\n    en: '<h2>Bad</h2>'\n    cy: Drwg\n"
    problems = check_data_text(text, "data/vocabularies/themes.yml")
    assert [(p.path, p.line, p.rule_name) for p in problems] == [("data/vocabularies/themes.yml", 7, "markup-in-text")]
    assert "'en'" in problems[0].message


def test_block_scalar_findings_name_their_own_line():
    text = "en:\n  help: |\n    first line\n    second <b>bold</b>\n"
    problems = check_data_text(text, "data/ui/search.yml")
    assert [p.line for p in problems] == [4]


def test_an_alias_bomb_in_a_data_file_is_not_expanded():
    # Aliases are refused by the loaders (kb.core.yamlload); this check must not expand them meanwhile.
    lines = ["a: &a [x, y, '<b>']"] + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]" for i in range(20)]
    assert check_data_text("\n".join(lines) + "\n", "data/ui/x.yml") == []


@pytest.mark.build
def test_hostile_title_and_label_fail_the_check_and_the_build(tmp_path):
    files = minimal_site()
    files["case_studies/gwyl-gymunedol/en.md"] = case_study("en").replace(
        "title: A community festival in Gwynedd", f"title: '{HOSTILE_TITLE}'", 1
    )
    root = make_site(tmp_path / "repo", files)
    vocab = root / "data" / "vocabularies" / "themes.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("en: Community action", "en: '<h2>Community</h2>'", 1))
    checked = run_kb(root, "check")
    assert checked.returncode == 1
    assert "case_studies/gwyl-gymunedol/en.md:4: error KB100 markup-in-text" in checked.stdout
    assert re.search(r"data/vocabularies/themes\.yml:\d+: error KB100 markup-in-text", checked.stdout)
    result = build(root)
    assert result.returncode != 0
    assert not (result.site / "index.html").exists()


def _build_without_plain_text_check(root: Path) -> subprocess.CompletedProcess[str]:
    """The real build with the plain-text check switched off: what reaches the pages if it misses something."""
    script = (
        "import sys, kb.checks.plain_text as m; m.check = lambda site: []; "
        "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict', '-d', 'site']; cli()"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.build
def test_titles_and_labels_are_escaped_even_when_the_check_misses_them(tmp_path):
    files = {**minimal_site(), **listing_pages()}  # with the theme and area index pages
    files["case_studies/gwyl-gymunedol/en.md"] = case_study("en").replace(
        "title: A community festival in Gwynedd", f"title: '{HOSTILE_TITLE}'", 1
    )
    root = make_site(tmp_path / "repo", files)
    for path in (root / "data" / "vocabularies").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for term in data["terms"]:
            term["en"] = "<img src=x onerror=alert(2)>" + term["en"]
            term["cy"] = '"><img src=x onerror=alert(3)>' + term["cy"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = _build_without_plain_text_check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    pages = [p for p in site.rglob("*.html")]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<details open ontoggle" not in text, page
        assert "<img src=x onerror" not in text, page
        assert "<h2" not in text or "onerror=alert(2)><" not in text, page
        assert 'content="<' not in text, page
    story = (site / "case-studies" / "gwyl-gymunedol" / "index.html").read_text(encoding="utf-8")
    # Shown as the text it is: in <title>, the header, the navigation and the heading.
    assert story.count("Tempo &lt;details open ontoggle=alert(1)&gt;&lt;/details&gt;") >= 3
    themes = (site / "case-studies" / "themes" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(2)&gt;Community action" in themes
