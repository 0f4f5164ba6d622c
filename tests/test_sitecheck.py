"""kb.built.sitecheck over hand-made site folders: links, anchors, alt text, URLs, languages, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_pages import minimal_site
from sitebuilder import make_site, run_kb

from kb.built.sitecheck import check_site_dir, external_url_problem, output_of, parse_built_page, site_url_from_config
from kb.core.problem import Problem
from kb.sources.content import load_site

SITE_URL = "https://kb.example.org/"


def page(lang: str, body: str, extra_head: str = "") -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head>{extra_head}</head>\n<body>\n{body}\n</body>\n</html>\n'


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


GOOD = {
    "index.html": page("en", '<h1 id="home">Home</h1><a href="guides/community/#sharing-power">guide</a>'
                       '<a href="cy/" hreflang="cy" lang="cy">Cymraeg</a>'),
    "guides/community/index.html": page("en", '<h2 id="sharing-power">Sharing power</h2><a href="../../">home</a>'
                                        '<img src="../../assets/llun.png" alt="People talking">'),
    "assets/llun.png": "png",
    "cy/index.html": page("cy", '<a href="guides/community/#rhannu-pwer">canllaw</a>'
                          '<a href="../" hreflang="en" lang="en">English</a>'),
    "cy/guides/community/index.html": page("cy", '<h2 id="rhannu-pwer">Rhannu pŵer â\'r gymuned</h2>'
                                           '<a href="https://www.llyw.cymru/">Llywodraeth Cymru</a>'),
}


def rules(problems: list[Problem]) -> list[str]:
    return sorted(p.rule_name for p in problems)


def test_a_good_site_has_no_problems(tmp_path: Path) -> None:
    assert check_site_dir(write(tmp_path / "site", GOOD)) == []


@pytest.mark.parametrize(
    "rel, body, rule",
    [
        ("cy/index.html", '<a href="guides/dim-yn-bod/">ŵ</a>', "broken-link"),
        ("cy/index.html", '<a href="guides/community/#dim-angor">ŷ</a>', "broken-anchor"),
        ("index.html", '<a href="#nowhere">top</a>', "broken-anchor"),
        ("index.html", '<img src="assets/llun.png">', "image-alt"),
        ("index.html", '<img src="assets/llun.png" alt="  ">', "image-alt"),
        ("index.html", '<img src="assets/nope.png" alt="x">', "broken-link"),
        ("index.html", '<a href="https://exa mple.org/">x</a>', "malformed-url"),
        ("index.html", '<a href="https:///path">x</a>', "malformed-url"),
        ("index.html", '<a href="http://localhost:8000/">x</a>', "malformed-url"),
        ("index.html", '<a href="https://bad_host.example/">x</a>', "malformed-url"),
        ("index.html", '<a href="javascript:alert(1)">x</a>', "unsafe-url"),
        ("index.html", '<a href="../../outside/">x</a>', "broken-link"),
        ("index.html", '<a href="cy/" hreflang="cy">Cymraeg</a>', "page-language"),
        # Nothing a page loads by itself may come from another host (KB170), hints included.
        ("index.html", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "third-party-resource"),
        ("index.html", '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>', "third-party-resource"),
        ("index.html", '<link rel="icon" href="https://cdn.example.org/favicon.png">', "third-party-resource"),
        ("cy/index.html", '<script src="//cdn.example.org/ŵ.js"></script>', "third-party-resource"),
        ("cy/index.html", '<img src="https://lluniau.example.org/gŵyl.png" alt="Gŵyl yn y dref">', "third-party-resource"),
        ("index.html", '<iframe src="https://video.example.org/embed/1" title="Video"></iframe>', "third-party-resource"),
        ("index.html", '<video><source src="http://video.example.org/a.mp4"></video>', "third-party-resource"),
    ],
)
def test_each_kind_of_problem_is_found(tmp_path: Path, rel: str, body: str, rule: str) -> None:
    files = dict(GOOD)
    files[rel] = files[rel].replace("</body>", body + "\n</body>")
    problems = check_site_dir(write(tmp_path / "site", files))
    assert rules(problems) == [rule], [p.format() for p in problems]
    assert problems[0].is_error


def test_page_declaring_the_wrong_language(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["cy/404.html"] = page("en", "<h1>Page not found</h1>")  # what i18n's last pass used to do
    problems = check_site_dir(write(tmp_path / "site", files))
    assert rules(problems) == ["page-language"]
    assert "site/cy/404.html" in problems[0].format()


def test_accepted_link_forms(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["index.html"] = files["index.html"].replace(
        "</body>",
        '<a href="guides/community">no slash</a><a href="#">top</a><a href="mailto:post@example.org">e-bost</a>'
        '<a href="/guides/community/index.html#sharing-power">absolute</a>'
        '<a href="https://kb.example.org/cy/guides/community/#rhannu-pwer">full</a>'
        '<link rel="canonical" href="https://kb.example.org/">'
        '<link rel="alternate" type="application/rss+xml" href="https://other.example.org/feed.xml">'
        '<img src="https://kb.example.org/assets/llun.png" alt="our own, by its full address">'
        '<img src="assets/llun.png" alt="" aria-hidden="true">'
        '<a href="https://www.llyw.cymru/cy/rhaglen?iaith=cy#adran">query</a>'
        "</body>",
    )
    assert check_site_dir(write(tmp_path / "site", files), site_url=SITE_URL) == []


def test_site_url_with_a_path(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["index.html"] = files["index.html"].replace(
        "</body>", '<a href="/kb/guides/community/">ok</a><a href="/guides/community/">outside</a></body>'
    )
    problems = check_site_dir(write(tmp_path / "site", files), site_url="https://example.org/kb/")
    assert rules(problems) == ["broken-link"]
    assert "'/guides/community/'" in problems[0].message


def test_external_url_problem() -> None:
    assert external_url_problem("https://www.llyw.cymru/") is None
    assert external_url_problem("https://bwrdd-iechyd.cymru:443/ŵ?x=1") is None
    assert external_url_problem("https://www.gŵyl.cymru/") is None  # IDN host names are fine
    assert external_url_problem("https://example") is not None
    assert external_url_problem("https://example.org:99999/") is not None


def test_output_of() -> None:
    assert output_of("index.md", "en") == "index.html"
    assert output_of("index.md", "cy") == "cy/index.html"
    assert output_of("guides/x.md", "cy") == "cy/guides/x/index.html"
    assert output_of("case-studies/gwyl/index.md", "en") == "case-studies/gwyl/index.html"


def test_problems_name_the_source_line_and_the_built_file(tmp_path: Path) -> None:
    files = minimal_site()
    cy_guide = files["docs_cy/guides/community.md"] + "\nGweler [yr adran](#dim-yn-bod).\n"
    files["docs_cy/guides/community.md"] = cy_guide
    root = make_site(tmp_path / "repo", files)
    built = {
        "cy/guides/community/index.html": page("cy", '<p>Gweler <a href="#dim-yn-bod">yr adran</a>.</p>'),
    }
    write(root / "site", built)
    problems = [p for p in check_site_dir(root / "site", load_site(root)) if p.rule_name == "broken-anchor"]
    line = cy_guide.split("\n").index("Gweler [yr adran](#dim-yn-bod).") + 1
    assert [(p.path, p.line) for p in problems] == [("docs_cy/guides/community.md", line)]
    assert "site/cy/guides/community/index.html" in problems[0].message


def test_a_third_party_image_in_markdown_is_reported_at_its_line(tmp_path: Path) -> None:
    files = minimal_site()
    cy_guide = files["docs_cy/guides/community.md"] + "\n![Pobl yn y tŷ cymuned](https://lluniau.example.org/ty.jpg)\n"
    files["docs_cy/guides/community.md"] = cy_guide
    root = make_site(tmp_path / "repo", files)
    write(root / "site", {"cy/guides/community/index.html": page(
        "cy", '<p><img alt="Pobl yn y tŷ cymuned" src="https://lluniau.example.org/ty.jpg"></p>')})
    problems = [p for p in check_site_dir(root / "site", load_site(root)) if p.rule_name == "third-party-resource"]
    line = cy_guide.split("\n").index("![Pobl yn y tŷ cymuned](https://lluniau.example.org/ty.jpg)") + 1
    assert [(p.path, p.line, p.rule_name) for p in problems] == [
        ("docs_cy/guides/community.md", line, "third-party-resource")]
    assert "lluniau.example.org" in problems[0].message and problems[0].is_error


def test_every_source_page_must_be_written_in_both_languages(tmp_path: Path) -> None:
    root = make_site(tmp_path / "repo", minimal_site())
    site = load_site(root)
    all_outputs = {output_of(p.rel, lang): page(lang, "") for p in site.pages for lang in ("en", "cy")}
    write(root / "site", all_outputs)
    assert [p for p in check_site_dir(root / "site", site) if p.rule_name == "missing-output"] == []
    (root / "site" / "cy" / "guides" / "community" / "index.html").unlink()
    missing = [p for p in check_site_dir(root / "site", site) if p.rule_name == "missing-output"]
    assert [(p.path, p.rule_name) for p in missing] == [("docs_cy/guides/community.md", "missing-output")]
    assert "cy/guides/community/index.html" in missing[0].message


def test_cli_sitecheck(tmp_path: Path) -> None:
    root = make_site(tmp_path / "repo", minimal_site())
    site = load_site(root)
    outputs = {output_of(p.rel, lang): page(lang, "<p>ŵ</p>") for p in site.pages for lang in ("en", "cy")}
    write(root / "site", outputs)
    ok = run_kb(root, "sitecheck", "site")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (root / "site" / "index.html").write_text(page("en", '<a href="nowhere/">x</a>'), encoding="utf-8")
    bad = run_kb(root, "sitecheck", "site")
    assert bad.returncode == 1
    assert "KB092 broken-link" in bad.stdout and "site/index.html" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    missing = run_kb(root, "sitecheck", "no-such-site")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_site_url_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "repo", {})
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    assert site_url_from_config(root).startswith("https://")
    monkeypatch.setenv("KB_SITE_URL", "https://example.org/kb/")
    assert site_url_from_config(root) == "https://example.org/kb/"


def test_built_links_and_images_carry_their_line_in_the_built_file() -> None:
    # Lines are counted as the search moves through the page: a repeated address is found again
    # further on, two links on one line share it, an escaped '&' is found as written, and a line
    # that starts with the address itself (a newline just before it) is counted right.
    text = (
        '<!doctype html>\n<html lang="cy">\n<body>\n'  # lines 1-3
        '<a href="/tŷ/">Tŷ</a>\n'  # 4
        '\n<p>Gŵyl <a href="/tŷ/">eto</a> <a href="?a=1&amp;b=2">ymholiad</a></p>\n'  # 5 blank, 6
        '<img\nsrc="/llun.png">\n'  # 7-8
        '<a href="/â/">â</a></body></html>\n'  # 9
    )
    page = parse_built_page("cy/index.html", text)
    assert [(link.url, link.line) for link in page.links] == [
        ("/tŷ/", 4), ("/tŷ/", 6), ("?a=1&b=2", 6), ("/llun.png", 8), ("/â/", 9)]
    assert page.images_without_alt == [(8, "/llun.png")]
