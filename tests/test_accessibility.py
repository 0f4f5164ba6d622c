"""Accessibility of every template in both languages: axe-core (WCAG 2.2 AA tags) in Chromium,
visible keyboard focus, and lang on passages in the other language.

The pages come from tests/accessibility_pages.yml and a real build of tests/gate_fixtures.py.
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
from sitebuilder import REPO, build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
PAGES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "accessibility_pages.yml").read_text("utf-8"))
CASES = [(entry, lang) for entry in PAGES for lang in ("en", "cy")]
@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run 'npm ci' in the repository root (package.json lists axe-core).")
    root = make_site(tmp_path_factory.mktemp("a11y") / "repo", gate_site())
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    # bypass_csp: the embed card forbids scripts, and axe must still be injected into it.
    context = browser.new_context(bypass_csp=True)
    # No network beyond the local server (web fonts, analytics): the test must not depend on it.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    tab = context.new_page()
    yield tab
    context.close()


def open_template(page: Any, base_url: str, entry: dict[str, Any], lang: str) -> None:
    response = page.goto(base_url + entry[lang], wait_until="load")
    ready = page.locator(entry["ready"])
    if entry.get("action") == "search":
        page.fill("#kb-search-input", entry["query"][lang])
        with contextlib.suppress(Exception):  # reported below as "not ready"
            ready.first.wait_for(state="attached", timeout=30_000)
    found = response is not None and response.ok and ready.count() > 0
    if entry.get("status") == "pending":
        if found:
            pytest.fail(f"The '{entry['template']}' template now exists at {entry[lang]}: set its status to "
                        "active in tests/accessibility_pages.yml so it is tested.")
        pytest.skip(f"'{entry['template']}' is not built yet (pending in tests/accessibility_pages.yml)")
    assert found, (f"The '{entry['template']}' page {entry[lang]} is missing or does not show "
                   f"'{entry['ready']}' (HTTP {response.status if response else 'none'}).")


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']}) at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_no_serious_axe_violations(page: Any, base_url: str, entry: dict[str, Any], lang: str) -> None:
    open_template(page, base_url, entry, lang)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert blocking == [], f"{entry[lang]}:\n{describe(blocking)}"


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e['template']}-{lang}" for e, lang in CASES])
def test_language_of_page_and_of_passages_in_the_other_language(
    page: Any, base_url: str, entry: dict[str, Any], lang: str
) -> None:
    open_template(page, base_url, entry, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    # Every link that leads to the other language names it in that language ("Cymraeg",
    # "English"), so it must be marked for screen readers to pronounce it right.
    unmarked = page.evaluate(
        """(lang) => [...document.querySelectorAll('a[hreflang]')]
            .filter(a => a.hreflang !== lang && a.textContent.trim())
            .filter(a => (a.closest('[lang]') || document.documentElement).lang !== a.hreflang)
            .map(a => a.outerHTML.slice(0, 120))""",
        lang,
    )
    assert unmarked == [], f"{entry[lang]}: other-language links without lang: {unmarked}"


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          visible: r.width > 0 && r.height > 0, indicator: outline || shadow,
          outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow};
}"""


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("path", ["/", "/guides/community/", "/case-studies/"])
def test_keyboard_focus_is_visible(page: Any, base_url: str, lang: str, path: str) -> None:
    url = base_url + (path if lang == "en" else "/cy" + path)
    page.goto(url, wait_until="load")
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state is None:
            continue
        seen.append(state)
        assert state["visible"] and state["indicator"], f"{url}: focus on {state} is not visible"
    assert len(seen) >= 5, f"{url}: Tab reached only {len(seen)} element(s)"
