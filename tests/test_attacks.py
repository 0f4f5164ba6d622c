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
