"""The second attack on the build (issue 18, "attack it yourself again"): inputs beyond the issue's list.

Each one is refused by ``kb check`` at its file and line, with no traceback. The ones that got through
before are marked; the rest record what holds, so it keeps holding. Each case is checked without a
build (the checks run before anything is written, in the build too).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from selectolax.lexbor import LexborHTMLParser
from sitebuilder import REPO, build, make_site

from kb.checks import check_root

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>'
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
GUIDE_LINE = 16  # the first line after the fixture guide's body, where each body attack is added

# Markdown in a guide's body, in both languages: (name, text, rule, line offset from GUIDE_LINE).
BODY = [
    ("attr_list on a heading", '## Heading {: onclick="alert(1)" }', "unsafe-html", 0),
    ("attr_list id break-out", '## Heading {: #x" onclick="alert(1) }', "unsafe-html", 0),
    ("attr_list style", '## Heading {: style="background:url(javascript:alert(1))" }', "unsafe-html", 0),
    ("attr_list on an image", '![x](https://example.org/a.png){: onerror="alert(1)" }', "unsafe-html", 0),
    ("target=_blank (tab-nabbing)", '<a href="https://example.org" target="_blank">x</a>', "unsafe-html", 0),
    ("&colon; entity scheme", '<a href="javascript&colon;alert(1)">x</a>', "unsafe-url", 0),
    ("numeric entity in a Markdown link", "[x](javascript&#58;alert(1))", "unsafe-url", 0),
    ("tab inside the scheme", "[x](java\tscript:alert(1))", "unsafe-url", 0),
    ("leading space", '<a href=" javascript:alert(1)">x</a>', "unsafe-url", 0),
    ("vbscript:", "[x](vbscript:msgbox(1))", "unsafe-url", 0),
    ("file:", "[x](file:///etc/passwd)", "unsafe-url", 0),
    ("reference definition", "[x][r]\n\n[r]: javascript:alert(1)", "unsafe-url", 2),
    ("srcset", '<img alt="x" src="https://example.org/a.png" srcset="javascript:alert(1) 1x">', "unsafe-html", 0),
    ("ping", '<a href="https://example.org" ping="https://evil.example/">x</a>', "unsafe-html", 0),
    ("form action", '<form action="javascript:alert(1)"><button>x</button></form>', "unsafe-html", 0),
    ("autofocus onfocus", '<input autofocus onfocus="alert(1)">', "unsafe-html", 0),
    ("style attribute", '<span style="background:url(javascript:alert(1))">x</span>', "unsafe-html", 0),
    ("image map area", '<map name="m"><area href="javascript:alert(1)"></map>', "unsafe-html", 0),
    ("md_in_html with a handler", '<div markdown="1" onclick="alert(1)">x</div>', "unsafe-html", 0),
    ("autolink scheme", "<javascript:alert(1)>", "unsafe-html", 0),
    ("footnote with HTML", "Text[^1]\n\n[^1]: <img src=x onerror=alert(1)>", "unsafe-html", 2),
    ("admonition title", '!!! note "<img src=x onerror=alert(1)>"\n    Body', "unsafe-html", 0),
    ("abbreviation", "*[HTML]: <img src=x onerror=alert(1)>\n\nHTML", "unsafe-html", 0),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "unsafe-html", 0),
    ("base href", '<base href="https://evil.example/">', "unsafe-html", 0),
    ("inline SVG link", '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "unsafe-html", 0),
    ("citation locator with HTML", "Text [@wfg-act-2015, p. <img src=x onerror=alert(1)>].", "citation-syntax", 0),
    ("citation locator with quotes", 'Text [@wfg-act-2015, p. " onmouseover="alert(1)].', "citation-syntax", 0),
    # Got through the check before (the strict build refused it): one verdict now.
    ("relative link above the site", "[x](../../../../etc/passwd)", "link-target-missing", 0),
]


def _problems(root: Path) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.rule_name) for p in check_root(root)[1] if p.is_error]


@pytest.mark.parametrize(("name", "text", "rule", "offset"), BODY, ids=[b[0] for b in BODY])
def test_markdown_attacks_are_refused_at_their_line(tmp_path, name, text, rule, offset):
    files = minimal_site()
    for tree in ("docs", "docs_cy"):
        files[f"{tree}/guides/community.md"] += "\n" + text + "\n"
    found = _problems(make_site(tmp_path, files))
    for tree in ("docs", "docs_cy"):
        assert (f"{tree}/guides/community.md", GUIDE_LINE + offset, rule) in found, found


# Files beside the pages: got through before (published as they are, run on our origin if opened).
@pytest.mark.parametrize(
    ("rel", "data"),
    [
        ("docs/guides/diagram.svg", SVG),
        ("docs/guides/extra.html", b"<script>alert(1)</script>"),
        ("docs/guides/feed.xml", b"<x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>"),
        ("docs/guides/tool.js", b"alert(1)"),
        ("docs/guides/disguised.png", SVG),
        ("docs/guides/report.pdf", b"<html><script>alert(1)</script>"),
    ],
)
def test_only_pages_images_and_pdfs_are_published_from_docs(tmp_path, rel, data):
    files: dict[str, str | bytes] = {**minimal_site(), rel: data}
    assert (rel, 1, "page-file-type") in _problems(make_site(tmp_path, files))


def test_real_images_and_pdfs_beside_the_pages_pass(tmp_path):
    files: dict[str, str | bytes] = {**minimal_site(), "docs/guides/llun-ŵyl.png": PNG,
                                     "docs/guides/adroddiad.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"}
    assert [p for p in _problems(make_site(tmp_path, files)) if p[2] == "page-file-type"] == []


def test_a_link_to_the_checkouts_git_config_is_refused(tmp_path):
    """actions/checkout keeps the token in .git/config: a link to it inside the repository is not content."""
    root = make_site(tmp_path, minimal_site())
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n", encoding="utf-8")
    os.symlink("../../.git/config", root / "docs" / "assets" / "leak.txt")
    os.symlink("../../mkdocs.yml", root / "case_studies" / "gwyl-gymunedol" / "config.png")
    os.symlink("guides", root / "docs_cy" / "guides-again")  # content standing for content is fine
    found = _problems(root)
    assert ("docs/assets/leak.txt", 1, "link-outside-repository") in found
    assert ("case_studies/gwyl-gymunedol/config.png", 1, "link-outside-repository") in found
    assert not any(path.startswith("docs_cy/guides-again") and rule == "link-outside-repository" for path, _, rule in found)


def test_a_vocabulary_id_that_is_not_a_plain_id_is_refused(tmp_path):
    text = (REPO / "data/vocabularies/themes.yml").read_text(encoding="utf-8")
    files = minimal_site()
    files["data/vocabularies/themes.yml"] = text.replace("id: community-action,", "id: 'community-action\" x=\"1',")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "id: community-action," in t)
    assert ("data/vocabularies/themes.yml", line, "vocabulary") in _problems(make_site(tmp_path, files))


def test_a_link_title_cannot_break_out_of_its_attribute(tmp_path):
    files = minimal_site()
    files["docs/guides/community.md"] += '\n[x](https://example.org "t\\" onmouseover=\\"alert(1)")\n'
    files["docs_cy/guides/community.md"] += '\n[x](https://example.org "t\\" onmouseover=\\"alert(1)")\n'
    result = build(make_site(tmp_path, files))
    assert result.returncode == 0, result.output
    page = LexborHTMLParser((result.site / "guides" / "community" / "index.html").read_text(encoding="utf-8"))
    link = next(a for a in page.css("a") if a.attributes.get("href") == "https://example.org")
    assert set(link.attributes) == {"href", "title"} and link.attributes["title"] == 't\\" onmouseover=\\"alert(1)'
    assert not any("onmouseover" in name for node in page.css("*") for name in node.attributes)


# --- The third attack (names, addresses and keys the theme reads) ----------------------------------

GUIDE_EN, GUIDE_CY = "docs/guides/community.md", "docs_cy/guides/community.md"


def _pair(files: dict[str, str | bytes], rel_en: str, page_id: str) -> None:
    """A copy of the fixture guide, in both languages, at ``rel_en`` with its own id."""
    for tree, source in (("docs/", GUIDE_EN), ("docs_cy/", GUIDE_CY)):
        text = str(files[source]).replace("id: community", f"id: {page_id}")
        files[tree + rel_en.removeprefix("docs/")] = text


# Got through before: the check passed and the strict build failed half-way with a misleading
# "missing-output ... add the translation", or (capitals) would overwrite another page's folder on a
# case-insensitive disk or server.
PAGE_NAMES = [
    ("capitals", "docs/guides/Community-Two.md", "Community-Two"),
    ("capital folder", "docs/Guides/x.md", "Guides"),
    ("space", "docs/guides/a b.md", "a b"),
    ("line break", "docs/guides/a\nb.md", "a\nb"),
    ("combining accent (NFD)", "docs/guides/gw\u0302yl.md", "gw\u0302yl"),
    ("Welsh letter", "docs/guides/gŵyl.md", "gŵyl"),
    ("Cyrillic look-alike", "docs/guides/\u0441ymuned.md", "\u0441ymuned"),
    ("hash", "docs/guides/a#b.md", "a#b"),
    ("percent-encoded slash", "docs/guides/a%2fb.md", "a%2fb"),
    ("question mark", "docs/guides/a?b.md", "a?b"),
    ("angle brackets", "docs/guides/a<b>.md", "a<b>"),
    ("quotes", "docs/guides/a\"b'.md", "a\"b'"),
]


@pytest.mark.parametrize(("name", "rel", "bad"), PAGE_NAMES, ids=[p[0] for p in PAGE_NAMES])
def test_a_page_name_that_is_not_a_plain_address_is_refused(tmp_path, name, rel, bad):
    files: dict[str, str | bytes] = dict(minimal_site())
    _pair(files, rel, "another-guide")
    problems = check_root(make_site(tmp_path, files))[1]
    found = {(p.path, p.line) for p in problems if p.rule_name == "page-name"}
    cy = "docs_cy/" + rel.removeprefix("docs/")
    assert found == {(rel, 1), (cy, 1)}, [p.format() for p in problems]
    assert f"'{bad}'" in next(p for p in problems if p.rule_name == "page-name").message


# Redirect sources written to escape, or to land on a page's folder on a case-insensitive server.
REDIRECTS = [
    ("percent-encoded dots", "'%2e%2e/%2e%2e/%2e%2e/tmp/kb-escape/': community", "redirects-file"),
    ("percent-encoded slash", "'..%2f..%2ftmp/kb-escape/': community", "redirects-file"),
    ("backslashes", "'..\\\\..\\\\tmp\\\\kb-escape/': community", "redirects-file"),
    ("Unicode dots", "'\u2025/\uff0e\uff0e/tmp/': community", "redirects-file"),
    ("query string", "'old/?x=1': community", "redirects-file"),
    ("fragment", "'old#x/': community", "redirects-file"),
    ("javascript: target", "'old/': 'javascript:alert(1)'", "redirect-target-missing"),
    ("protocol-relative target", "'old/': '//evil.example/'", "redirect-target-missing"),
    # Got through before: written as site/Guides/Community/index.html beside the page's folder.
    ("a page's address in capitals", "'Guides/Community/': community", "redirect-over-page"),
    ("the same source twice in two cases", "'old/': community\n'OLD/': community", "redirects-file"),
]


@pytest.mark.parametrize(("name", "line", "rule"), REDIRECTS, ids=[r[0] for r in REDIRECTS])
def test_redirect_tricks_are_refused_at_their_line(tmp_path, name, line, rule):
    files: dict[str, str | bytes] = dict(minimal_site())
    files["data/redirects.yml"] = line + "\n"
    found = _problems(make_site(tmp_path, files))
    assert ("data/redirects.yml", line.count("\n") + 1, rule) in found, found


# Front-matter keys Material for MkDocs or MkDocs itself would act on: a page's template, hiding the
# navigation, leaving a page out of search, a redirect, an edit link. The schemas allow none of them.
THEME_KEYS = [
    "template: main.html",
    "hide: [navigation, toc, footer]",
    "extra: {analytics: x}",
    "search: {exclude: true}",
    "status: deprecated",
    "icon: material/alert",
    "description: x",
    "robots: noindex",
    "tags: [a]",
    "redirect: https://evil.example/",
    "canonical_url: https://evil.example/",
    "edit_url: javascript:alert(1)",
]


@pytest.mark.parametrize("key", THEME_KEYS, ids=[k.split(":")[0] for k in THEME_KEYS])
@pytest.mark.parametrize("rel", [GUIDE_EN, "case_studies/gwyl-gymunedol/en.md"], ids=["guide", "case-study"])
def test_front_matter_that_the_theme_would_act_on_is_refused(tmp_path, key, rel):
    files: dict[str, str | bytes] = dict(minimal_site())
    files[rel] = str(files[rel]).replace("\ntype:", f"\n{key}\ntype:", 1)
    found = _problems(make_site(tmp_path, files))
    # An unknown field at its line; a case study's own 'status' field written twice at the second one.
    assert (rel, 3, "front-matter-schema") in found or (key.startswith("status") and (rel, 14, "front-matter-yaml") in found), found


def test_a_path_with_a_line_break_cannot_forge_a_problem_line(tmp_path):
    """A folder name holding a line break and 'path:1: error': the text format shows it escaped."""
    from kb.core.problem import problem

    forged = "case_studies/x\ndocs/index.md:1: error KB001 forged/en.md"
    shown = problem("encoding", forged, 3, "unreadable", error="x").format()
    assert "\n" not in shown and shown.startswith("case_studies/x\\u000adocs/index.md:1")


@pytest.mark.parametrize("fmt", ["github", "text"])
def test_a_folder_named_to_forge_annotations_forges_none(tmp_path, capsys, fmt):
    """A case-study folder and a page named with a line break and a workflow command, end to end."""
    from fixture_pages import case_study

    from kb.cli import main

    files: dict[str, str | bytes] = dict(minimal_site())
    files["case_studies/x\n::warning file=README.md,line=1::Injected/en.md"] = case_study("en")
    files["docs/guides/a\n::error file=b,line=2::Forged.md"] = "x"
    root = make_site(tmp_path, files)
    assert main(["check", "--root", str(root), "--format", fmt]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any("Injected" in line for line in lines) and any("Forged" in line for line in lines)
    if fmt == "github":
        assert all(line.startswith(("::error file=", "::warning file=")) for line in lines[:-1])
    assert not [line for line in lines if line.startswith(("::warning file=README", "::error file=b,", "docs/index.md"))]
