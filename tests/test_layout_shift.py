"""Nothing moves as a page loads: cumulative layout shift of every template, both languages, in Chromium.

The case-study list used to appear and then jump (its filters and count were added by the script
after the page was shown: CLS 0.24 in Lighthouse). Measured with the browser's own layout-shift
entries (the figure Lighthouse and Core Web Vitals report), at desktop and phone width, with the CPU
slowed down as Lighthouse does for phones; the pages are those of tests/accessibility_pages.yml.
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

CLS_LIMIT = 0.1  # Core Web Vitals' "good"; issue 16's target
PAGES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "accessibility_pages.yml").read_text("utf-8"))
# Loading only: a typed search moves things because the reader asked for it.
CASES = [(e, lang) for e in PAGES if e.get("status") == "active" and not e.get("action") for lang in ("en", "cy")]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

RECORD_SHIFTS = """
window.__kbShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((s) => s.node ? (s.node.className || s.node.nodeName) : "?").join(", ");
    window.__kbShifts.push({value: entry.value, moved});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_site(tmp_path_factory.mktemp("cls") / "repo", gate_site())
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def layout_shifts(browser: Any, url: str, viewport: dict[str, int]) -> list[dict[str, Any]]:
    context = browser.new_context(viewport=viewport)
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})  # a mid-range phone, as Lighthouse assumes
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'none'}"
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=5_000)
        page.wait_for_timeout(500)
        shifts: list[dict[str, Any]] = page.evaluate("window.__kbShifts")
    finally:
        context.close()
    return shifts


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_page_does_not_move_as_it_loads(browser: Any, base_url: str, entry: dict[str, Any], lang: str,
                                        viewport: str) -> None:
    shifts = layout_shifts(browser, base_url + entry[lang], VIEWPORTS[viewport])
    total = sum(s["value"] for s in shifts)
    assert total < CLS_LIMIT, f"{entry[lang]} at {viewport} width: layout shift {total:.3f} ({shifts})"


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("cy", "/cy")])
def test_case_study_list_has_its_filters_and_count_before_any_script(
    browser: Any, base_url: str, lang: str, prefix: str
) -> None:
    """Markup and counts in the HTML as built: a visitor without JavaScript sees them too."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{prefix}/case-studies/")
        assert page.locator("form.kb-cs-filters select").first.is_visible()
        cards = page.locator(".kb-cs-card").count()
        count = page.locator(".kb-cs-count").text_content() or ""
        assert cards > 0 and f" {cards} " in count, count
    finally:
        context.close()
