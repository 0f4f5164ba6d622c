"""The built-site gate (kb.built.gate): no event handlers, foreign or inline scripts, javascript:/data:
addresses or stray meta refresh in any built page, whatever produced it."""

from __future__ import annotations

import pytest
from gate_fixtures import gate_site
from sitebuilder import build, make_site, run_kb

from kb.built.gate import active_content

PAGE = "guides/x/index.html"


def wrap(body: str, head: str = "") -> str:
    return f"<!doctype html>\n<html lang=\"en\">\n<head>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"


@pytest.mark.parametrize(
    "body",
    [
        '<p onclick="alert(1)">x</p>',
        "<img src=x alt=y onerror=alert(1)>",
        "<details open ontoggle=alert(1)></details>",
        "<svg onload=alert(1)></svg>",
        "<body onload=alert(1)>",
        "<script>alert(1)</script>",
        '<script type="module">import("x")</script>',
        '<script src="../../case-studies/x/evil.js"></script>',
        '<script src="../../assets/../case-studies/evil.js"></script>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<embed src="JaVa&#x09;ScRiPt:alert(1)">',
        '<a href=" data:text/html,<script>alert(1)</script>">x</a>',
        '<iframe src="data:text/html,x"></iframe>',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<button formaction="javascript:alert(1)">x</button>',
        '<object data="javascript:alert(1)"></object>',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        '<meta http-equiv="refresh" content="0; url=https://example.org/">',
        '<!--><img src=x onerror=alert(1)>-->',
    ],
)
def test_active_content_is_found(body: str) -> None:
    found = active_content(PAGE, wrap(body))
    assert found, body
    assert all(f.line >= 1 for f in found)


@pytest.mark.parametrize(
    "body",
    [
        '<script src="../../assets/javascripts/bundle.min.js"></script>',
        '<script type="module" src="/assets/kb-search/kb-search.js"></script>',
        '<script id="__config" type="application/json">{"a": 1}</script>',
        '<a href="https://example.org/">x</a> <a href="mailto:a@example.org">y</a> <img src="p.png" alt="z">',
        "<p>onclick=alert(1) is only text here, and so is javascript:alert(1)</p>",
        "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    ],
)
def test_the_sites_own_scripts_and_ordinary_html_pass(body: str) -> None:
    assert active_content(PAGE, wrap(body)) == []


def test_meta_refresh_is_fine_on_a_redirect_page() -> None:
    head = '<meta http-equiv="refresh" content="0; url=../new/">'
    assert active_content("old/index.html", wrap("", head), redirect_page=True) == []
    assert active_content("old/index.html", wrap("", head), redirect_page=False)


def test_a_site_url_script_counts_as_own_only_under_assets() -> None:
    own = '<script src="https://kb.example/assets/x.js"></script>'
    foreign = '<script src="https://kb.example/case-studies/x/y.js"></script>'
    assert active_content(PAGE, wrap(own), site_url="https://kb.example/") == []
    assert active_content(PAGE, wrap(foreign), site_url="https://kb.example/")


@pytest.mark.build
def test_the_shipped_theme_passes_and_an_injected_handler_fails_sitecheck(tmp_path) -> None:
    root = make_site(tmp_path / "repo", gate_site())
    result = build(root)
    assert result.returncode == 0, result.output
    clean = run_kb(root, "sitecheck", "site")
    assert "KB103" not in clean.stdout, clean.stdout
    page = result.site / "guides" / "community" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", '<img src="x.png" alt="x" onerror="alert(1)"></article>', 1), "utf-8")
    dirty = run_kb(root, "sitecheck", "site")
    assert dirty.returncode == 1
    assert "error KB103 active-content" in dirty.stdout
    assert "onerror" in dirty.stdout
