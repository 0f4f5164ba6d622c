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


def foreign_requests(browser: Any, base_url: str, entry: dict[str, Any], lang: str) -> tuple[list[str], int]:
    """Every request the page (its frames and workers too) makes to another origin, and how many it made."""
    context = browser.new_context()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    # Nothing leaves the machine: a foreign request is recorded, then refused.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    page = context.new_page()
    try:
        response = page.goto(base_url + entry[lang], wait_until="load")
        assert response is not None and response.ok, f"{entry[lang]}: HTTP {response.status if response else 'none'}"
        if entry.get("action") == "search":
            page.fill("#kb-search-input", entry["query"][lang])
            with contextlib.suppress(Exception):  # the request list is what is judged
                page.locator(entry["ready"]).first.wait_for(state="attached", timeout=10_000)
        with contextlib.suppress(Exception):  # scripts that fetch after load (Material's repository facts)
            page.wait_for_load_state("networkidle", timeout=5_000)
    finally:
        context.close()
    local = ("data:", "blob:", "about:")
    return [u for u in seen if not u.startswith((base_url + "/", *local)) and u != base_url], len(seen)


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_no_request_leaves_the_site(browser: Any, base_url: str, entry: dict[str, Any], lang: str) -> None:
    foreign, total = foreign_requests(browser, base_url, entry, lang)
    assert total >= 1, f"{entry[lang]}: no request was seen at all"
    assert foreign == [], f"{entry[lang]} ({entry['template']}, {lang}) asks other hosts for: {foreign}"
