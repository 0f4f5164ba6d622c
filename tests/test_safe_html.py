"""Safe HTML in contributed Markdown: allowlist only, errors at the real line, code ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_pages import case_study, minimal_site
from sitebuilder import REPO, build, make_site, run_kb

from kb.checks.safe_html import load_policy, url_scheme
from kb.core.problem import Problem
from kb.markdown.complexity import code_ranges
from kb.sources.content import SourcePage
from kb.sources.frontmatter import parse_front_matter

POLICY = load_policy(REPO / "data" / "safe-html.yml")

HEAD = "---\nid: tudalen\ntype: page\ntitle: Tudalen\n---\n"  # body starts on line 6


def scan(body: str, path: str = "docs_cy/tudalen.md") -> list[Problem]:
    from kb.checks.safe_html import check_page

    text = HEAD + body
    page = SourcePage("cy", "tudalen.md", path, Path(path), "page", text)
    page.front, _ = parse_front_matter(text, path)
    return check_page(page, POLICY)


def lines_and_rules(problems: list[Problem]) -> list[tuple[int, str]]:
    return sorted((p.line, p.rule_name) for p in problems)


def test_script_is_an_error_at_its_real_line() -> None:
    problems = scan("# Teitl\n\nMae'r dŵr yn lân.\n\n<script>alert('ŵ')</script>\n")
    assert lines_and_rules(problems) == [(10, "unsafe-html")]
    assert "<script>" in problems[0].message
    assert problems[0].format().startswith("docs_cy/tudalen.md:10: error KB090 unsafe-html:")


@pytest.mark.parametrize(
    "body, rule",
    [
        ('<iframe src="https://example.org/"></iframe>', "unsafe-html"),
        ("<style>body{display:none}</style>", "unsafe-html"),
        ('<p onclick="steal()">Cliciwch</p>', "unsafe-html"),
        ('<img src="x.png" alt="llun" onerror="x()">', "unsafe-html"),
        ('<span style="position:fixed">ŷ</span>', "unsafe-html"),
        ('<a href="javascript:alert(1)">dolen</a>', "unsafe-url"),
        ('<a href="JaVa&#x09;Script:alert(1)">dolen</a>', "unsafe-url"),
        ('<img src="data:image/png;base64,AAAA" alt="llun">', "unsafe-url"),
        ("[dolen](javascript:alert(1))", "unsafe-url"),
        ("[dolen]( javascript:alert(1) )", "unsafe-url"),
        ("![llun](data:image/svg+xml;base64,PHN2Zz4=)", "unsafe-url"),
        ("[dolen][cyf]\n[cyf]: javascript:alert(1)", "unsafe-url"),
        ('Pennawd\n{: onclick="x()" }', "unsafe-html"),
        ('# Pennawd {: onclick="x()" }', "unsafe-html"),
        ('[dolen](tudalen.md){ href="javascript:x()" }', "unsafe-url"),
    ],
)
def test_dangerous_html_and_urls_are_errors(body: str, rule: str) -> None:
    problems = scan(f"Paragraff â ŵ.\n\n{body}\n")
    assert problems, body
    assert {p.rule_name for p in problems} == {rule}
    # Each bad thing is written on the case's last line (the case starts on line 8).
    last = 8 + body.count("\n")
    assert all(p.line == last for p in problems)
    assert all(p.is_error for p in problems)


@pytest.mark.parametrize(
    "body",
    [
        '<abbr title="Llywodraeth Cymru">LlC</abbr> a <span lang="en">co-production</span>',
        '<details markdown="1">\n<summary>Rhagor</summary>\n\nTestun â ŵ.\n</details>',
        '<table><thead><tr><th scope="col">Pwy</th></tr></thead><tbody><tr><td colspan="2">Ŷ</td></tr></tbody></table>',
        '<a href="../canllawiau/#rhannu-pwer">dolen</a> <a href="https://www.llyw.cymru/">LlC</a>',
        '<img src="llun.jpg" alt="Pobl yn trafod">',
        "[dolen](https://www.llyw.cymru/) [e-bost](mailto:post@example.org) ![llun](llun.jpg)",
        "<https://www.llyw.cymru/> <post@example.org>",
        "Mae 3 < 5 a 5 > 3.",
        "<!-- nodyn i'r golygydd -->",
        "Pennawd { #rhannu .pwysig lang=en }",
    ],
)
def test_allowed_markup_passes(body: str) -> None:
    assert scan(f"{body}\n") == []


def test_code_spans_and_fenced_blocks_are_ignored() -> None:
    body = (
        "Peidiwch â defnyddio `<script>` na ``[x](javascript:y)`` yma.\n\n"
        "```html\n<script>alert(1)</script>\n<a href=\"javascript:x\">y</a>\n```\n\n"
        "~~~\n<iframe></iframe>\n~~~\n"
    )
    assert scan(body) == []


def test_unclosed_fence_is_still_inspected() -> None:
    # An unclosed fence would let a script hide behind three backticks; better a false alarm.
    problems = scan("```\n<script>alert(1)</script>\n")
    assert lines_and_rules(problems) == [(7, "unsafe-html")]


def test_every_problem_is_reported_not_just_the_first() -> None:
    problems = scan('<script>x</script>\n\n<a href="javascript:y" onmouseover="z">ŵ</a>\n\n[a](data:text/html,hi)\n')
    assert lines_and_rules(problems) == [(6, "unsafe-html"), (8, "unsafe-html"), (8, "unsafe-url"), (10, "unsafe-url")]


def test_code_ranges_cover_fences_and_code_spans() -> None:
    body = "a `<b>` c\n```\n<x>\n```\nd ``e ` f`` g"
    covered = "".join(body[a:b] for a, b in code_ranges(body))
    assert "<b>" in covered and "<x>" in covered and "e ` f" in covered
    assert "d " not in covered


# What the attack on the build found passing the old source scanner (issue 18), and more of the
# same kind: each produces running script in a browser, so each must be refused.
BYPASSES = [
    "Pennawd\n{: title='}' onclick='alert(1)' }",
    "## Pennawd { title=\"}\" onclick=\"alert(1)\" }",
    "<javascript:alert(1)>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- x --!><script>alert(1)</script>",
    "<![CDATA[ > <details open ontoggle=alert(1)> ]]>",
    '<div title="`"><img src=x onerror=alert(1)></div>',
    "- eitem\n\n    [x]: data:text/html,<script>alert(1)</script>\n\n    [dolen][x]",
    "<p>a</p><body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "[dolen](java&#x73;cript:alert(1))",
    "[dolen](<javascript:alert(1)>)",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "![x](y){: onerror=alert(1) }",
    "<img src=x alt=y {: onerror=alert(1) }>",
    "<details open ontoggle=alert(1) markdown=\"1\">x</details>",
    "<a href=\"https://example.org/\"\nonmouseover=alert(1)>x</a>",
    "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
]


@pytest.mark.parametrize("body", BYPASSES)
def test_parser_and_markdown_tricks_are_refused(body: str) -> None:
    problems = scan(f"Paragraff â ŵ.\n\n{body}\n")
    assert problems, body
    assert all(p.is_error and p.rule_name in ("unsafe-html", "unsafe-url") for p in problems)
    assert all(p.line >= 8 for p in problems)


def test_url_scheme_sees_what_a_browser_sees() -> None:
    assert url_scheme("java\tscript:alert(1)") == "javascript"
    assert url_scheme("&#106;avascript:alert(1)") == "javascript"
    assert url_scheme("../tudalen/#pwer") is None
    assert url_scheme("HTTPS://example.org") == "https"


def test_plain_relative_addresses_skip_nh3_only_because_nh3_keeps_them() -> None:
    # url_allowed answers True for these without asking nh3; that is only right while nh3 agrees.
    import random

    import nh3

    from kb.checks.safe_html import _PLAIN_RELATIVE

    rng = random.Random(7)
    samples = ["x.md", "../a/b.cy.md#top", "/cy/guides/", "//example.org/x", "#", "~a", "-"]
    samples += ["".join(rng.choice("aZ09._~/#-") for _ in range(rng.randint(1, 10))) for _ in range(500)]
    for url in samples:
        assert _PLAIN_RELATIVE.match(url)
        for schemes in (set(), {"https"}):
            cleaned = nh3.clean(f'<a href="{url}">x</a>', tags={"a"}, attributes={"a": {"href"}}, url_schemes=schemes, link_rel=None)
            assert "href=" in cleaned, url
    assert not _PLAIN_RELATIVE.match("javascript:alert(1)") and not _PLAIN_RELATIVE.match("java&#x09;script:x")


def test_cli_check_reports_unsafe_html(tmp_path: Path) -> None:
    files = minimal_site()
    files["docs_cy/guides/community.md"] += '\n<p onclick="x()">Cliciwch yma â ŵ</p>\n'
    root = make_site(tmp_path / "repo", files)
    result = run_kb(root, "check")
    assert result.returncode == 1
    line = files["docs_cy/guides/community.md"].split("\n").index('<p onclick="x()">Cliciwch yma â ŵ</p>') + 1
    assert f"docs_cy/guides/community.md:{line}: error KB090 unsafe-html" in result.stdout


@pytest.mark.build
@pytest.mark.parametrize(
    "bad, rule",
    [("<script>alert('ŵ')</script>", "KB090 unsafe-html"), ("[Cliciwch](javascript:alert(1))", "KB091 unsafe-url")],
)
def test_case_study_with_script_or_javascript_link_fails_the_build(tmp_path: Path, bad: str, rule: str) -> None:
    files = minimal_site()
    text = case_study("cy") + f"\nMae'r gymuned yn cwrdd bob mis.\n\n{bad}\n"
    files["case_studies/gwyl-gymunedol/cy.md"] = text
    line = text.split("\n").index(bad) + 1
    root = make_site(tmp_path / "repo", files)
    result = build(root)
    assert result.returncode != 0, result.output
    assert f"case_studies/gwyl-gymunedol/cy.md:{line}: error {rule}" in result.output
    assert not (result.site / "cy" / "case-studies" / "gwyl-gymunedol" / "index.html").exists()
