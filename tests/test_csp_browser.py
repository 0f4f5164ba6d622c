"""The Content-Security-Policy in real Chromium: an injected inline script or handler does not run,
while the site's own scripts (Material, search, case-study filters) do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, serve
from case_study_fixtures import listing_pages
from fixture_pages import minimal_site
from sitebuilder import build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

INJECTED = (
    '<script>window.__kbInjected = 1</script>'
    '<img src="nowhere.png" alt="" onerror="window.__kbHandler = 1">'
)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("csp") / "repo", {**minimal_site(), **listing_pages()})
    result = build(root)
    assert result.returncode == 0, result.output
    # Markup that got past every check: injected into built pages, with and without the policy.
    for rel in ("guides/community/index.html", "cy/guides/community/index.html", "embed/gwyl-gymunedol/index.html"):
        page = result.site / rel
        text = page.read_text(encoding="utf-8")
        closing = "</article>" if "</article>" in text and "embed/" not in rel else "</body>"
        injected = text.replace(closing, INJECTED + closing, 1)
        page.write_text(injected, encoding="utf-8")
        without = page.parent / "no-policy.html"
        without.write_text(CSP_META.sub("", injected, count=1), encoding="utf-8")
    return result.site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def _visit(browser: Any, url: str) -> tuple[dict[str, Any], list[str]]:
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    state = page.evaluate(
        "() => ({injected: window.__kbInjected, handler: window.__kbHandler,"
        " materialRan: typeof window.__md_scope !== 'undefined', component: !!document.querySelector('[data-md-state]')"
        " || typeof window.document$ !== 'undefined'})"
    )
    page.close()
    return state, violations


@pytest.mark.parametrize("rel", ["guides/community/", "cy/guides/community/", "embed/gwyl-gymunedol/"])
def test_injected_inline_script_and_handler_are_blocked(browser: Any, base_url: str, rel: str) -> None:
    state, violations = _visit(browser, f"{base_url}/{rel}")
    assert state["injected"] is None
    assert state["handler"] is None
    assert any("inline" in v or "script-src" in v for v in violations), violations


@pytest.mark.parametrize("rel", ["guides/community/", "embed/gwyl-gymunedol/"])
def test_without_the_policy_the_same_injection_runs(browser: Any, base_url: str, rel: str) -> None:
    # The control: proves the test above would notice if the policy were gone.
    state, _ = _visit(browser, f"{base_url}/{rel}no-policy.html")
    assert state["injected"] == 1
    assert state["handler"] == 1


def test_the_sites_own_scripts_still_run(browser: Any, base_url: str) -> None:
    state, violations = _visit(browser, f"{base_url}/case-studies/")
    assert state["materialRan"] and state["component"]
    page = browser.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{base_url}/case-studies/?theme=community-action")
    page.wait_for_load_state("networkidle")
    # The case-study filters (assets/case-studies.js) ran: the count line is filled in.
    assert page.locator(".kb-cs-count").inner_text().strip()
    # The language switch goes to the same page in Welsh.
    page.goto(f"{base_url}/case-studies/gwyl-gymunedol/")
    with page.expect_navigation():
        page.locator("a.kb-lang-switch__link").click()
    assert "/cy/case-studies/gwyl-gymunedol/" in page.url
    # Search (Pagefind, WebAssembly) finds a Welsh page from a mutated word.
    page.goto(f"{base_url}/cy/")
    page.fill("#kb-search-input", "gymuned")
    page.wait_for_selector("[data-kb-search-results] li", timeout=30_000)
    page.close()
    # Only the injected script was ever refused; nothing of the site's own (sitemap look-ups to the
    # production host aside, which a local server is not).
    own = [v for v in blocked if "sitemap.xml" not in v]
    assert own == [], own
