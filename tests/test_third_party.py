"""No page asks another host for anything: every template, both languages, in headless Chromium.

A request to another host (web fonts, a CDN, the GitHub API for the repository's star count) tells
that host who reads which page and makes the page wait on it, or break where it is unreachable.
The built-site gate (KB170, kb.built.sitecheck) refuses such resources in the HTML; this test also
catches what scripts fetch after the page has loaded. The pages are those of
tests/accessibility_pages.yml (one of every template), built from tests/gate_fixtures.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import chromium, serve
from gate_fixtures import gate_site
from sitebuilder import build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

PAGES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "accessibility_pages.yml").read_text("utf-8"))
CASES = [(entry, lang) for entry in PAGES if entry.get("status") == "active" for lang in ("en", "cy")]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_site(tmp_path_factory.mktemp("third-party") / "repo", gate_site())
    (root / "site").mkdir()
    # Built for the address it is served at, as a published site is: its own absolute addresses
    # (canonical, feeds, oEmbed) are then this host, and anything else is another host.
    with serve(root / "site") as url, pytest.MonkeyPatch.context() as env:
        env.setenv("KB_SITE_URL", url + "/")
        result = build(root)
        assert result.returncode == 0, result.output
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)  # every URL the page (frames, workers too) asked for
    not_found: list[str] = field(default_factory=list)  # responses with an error status
    console_errors: list[str] = field(default_factory=list)

    def foreign(self, base_url: str) -> list[str]:
        local = (base_url + "/", "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(local) and u != base_url]


def visit(browser: Any, base_url: str, entry: dict[str, Any], lang: str) -> Visit:
    context = browser.new_context()
    seen = Visit()
    context.on("request", lambda request: seen.requests.append(request.url))
    context.on("response", lambda response: seen.not_found.append(response.url) if response.status >= 400 else None)
    # Nothing leaves the machine: a foreign request is recorded, then refused.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    page = context.new_page()
    page.on("console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None)
    try:
        response = page.goto(base_url + entry[lang], wait_until="load")
        assert response is not None and response.ok, f"{entry[lang]}: HTTP {response.status if response else 'none'}"
        if entry.get("action") == "search":
            page.fill("#kb-search-input", entry["query"][lang])
            with contextlib.suppress(Exception):  # the request list is what is judged
                page.locator(entry["ready"]).first.wait_for(state="attached", timeout=30_000)
        with contextlib.suppress(Exception):  # scripts that fetch after load (Material's repository facts)
            page.wait_for_load_state("networkidle", timeout=5_000)
    finally:
        context.close()
    return seen


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_no_request_leaves_the_site(browser: Any, base_url: str, entry: dict[str, Any], lang: str) -> None:
    seen = visit(browser, base_url, entry, lang)
    assert seen.requests, f"{entry[lang]}: no request was seen at all"
    foreign = seen.foreign(base_url)
    assert foreign == [], f"{entry[lang]} ({entry['template']}, {lang}) asks other hosts for: {foreign}"


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_no_request_for_what_the_page_does_not_use(browser: Any, base_url: str, entry: dict[str, Any], lang: str) -> None:
    """No 404s, no console errors, and no sitemap.xml (Material fetches one beside every
    <link rel=alternate>; docs/assets/kb-no-sitemap.js stops it)."""
    seen = visit(browser, base_url, entry, lang)
    sitemaps = [u for u in seen.requests if u.endswith("/sitemap.xml")]
    assert sitemaps == [], f"{entry[lang]}: fetched {sitemaps}"
    assert seen.not_found == [], f"{entry[lang]}: requests that failed: {seen.not_found}"
    assert seen.console_errors == [], f"{entry[lang]}: console errors: {seen.console_errors}"
