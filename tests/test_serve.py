"""`mkdocs serve` picks up edits in docs_cy/ and case_studies/, not only in docs/, and never freezes:
a one-sided edit or a content error is re-served at once, with the problems on the page."""

import os
import subprocess
import sys
import time

import pytest
from browser import chromium
from fixture_pages import minimal_site
from htmlpage import Html
from serving import free_port, get
from sitebuilder import english_env, make_site, run_kb

pytestmark = pytest.mark.build


def _wait_for(url: str, needle: str, seconds: float = 120) -> bool:
    return _page_with(url, needle, seconds) is not None


def _page_with(url: str, needle: str, seconds: float = 120) -> Html | None:
    """The served page once it holds ``needle`` (polled; returns as soon as it does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = get(url)
        if needle in body:
            return Html(body)
        time.sleep(0.25)
    return None


def test_serve_reloads_welsh_pages_and_case_studies(tmp_path):
    root = make_site(tmp_path, minimal_site())
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert _wait_for(f"{base}/cy/guides/community/", "Rhannu pŵer"), "serve never came up"
        time.sleep(3)  # the file watcher starts just after the first page is served
        guide = root / "docs_cy/guides/community.md"
        guide.write_text(
            guide.read_text(encoding="utf-8").replace("Mae'r gymuned", "Mae'r bobl leol"), encoding="utf-8"
        )
        # Only the new words: how the apostrophe is written in the HTML is the renderer's business.
        assert _wait_for(f"{base}/cy/guides/community/", "bobl leol")
        case = root / "case_studies/gwyl-gymunedol/cy.md"
        case.write_text(case.read_text(encoding="utf-8").replace("cynllunio'r ŵyl", "trefnu'r ŵyl"), encoding="utf-8")
        assert _wait_for(f"{base}/cy/case-studies/gwyl-gymunedol/", "trefnu")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_preview_never_freezes_and_shows_each_pages_problems(tmp_path):
    root = make_site(tmp_path / "repo", minimal_site())
    assert run_kb(root, "translations", "mark-in-step", "--all").returncode == 0
    port = free_port()
    log_path = tmp_path / "serve.log"
    # Plain `mkdocs serve`: mkdocs.yml says strict, and the preview is still never stopped.
    with log_path.open("w", encoding="utf-8") as log, chromium() as browser:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                env=english_env(), stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        en, cy = f"{base}/guides/community/", f"{base}/cy/guides/community/"
        try:
            first = _page_with(en, "Sharing power")
            assert first is not None, "the preview never came up"
            assert first.nodes(".kb-preview-problems") == []  # nothing wrong, no banner
            # A contributor's open tab: it must reload itself (the pages' CSP blocks MkDocs's inline reloader).
            tab = browser.new_page()
            tab.goto(en)
            time.sleep(3)  # the file watcher starts just after the first build

            # One-sided edit: the English first, the Welsh not yet (a KB048 warning).
            _edit(root / "docs/guides/community.md", "knows what matters", "knows best what matters")
            page = _page_with(en, "knows best what matters")
            assert page is not None, "the one-sided edit was never shown"
            tab.get_by_text("knows best what matters").wait_for(timeout=30_000)  # no reload asked for
            assert "translation-outdated" in tab.inner_text(".kb-preview-problems")
            assert "warning" in (page.first(".kb-preview-problems") or {}).get("class", "")
            assert "warning KB048 translation-outdated" in page.text(".kb-preview-problems li")
            welsh = _page_with(cy, "kb-preview-problems", 10)
            assert welsh is not None and "rhybudd KB048 translation-outdated" in welsh.text(".kb-preview-problems")
            assert welsh.lang_at(".kb-preview-problems li") == "cy"

            # An error (a source not in the bibliography): still re-served, the banner says so in Welsh.
            _edit(root / "docs_cy/guides/community.md", "[@wfg-act-2015]", "[@dim-ffynhonnell] Yr ŵyl newydd")
            page = _page_with(cy, "Yr ŵyl newydd")
            assert page is not None, "the page with an error was never shown"
            banner = page.text(".kb-preview-problems")
            assert "failure" in (page.first(".kb-preview-problems") or {}).get("class", "")
            assert "Problemau i'w cywiro ar y dudalen hon" in banner
            assert "docs_cy/guides/community.md:14" in banner and "gwall KB020 citation-unknown-key" in banner
            english = _page_with(en, "error KB020 citation-unknown-key", 10)  # the other language's page too
            assert english is not None and english.lang_at(".kb-preview-problems li") == "en"

            # Fixed: the next save clears the banner.
            _edit(root / "docs_cy/guides/community.md", "[@dim-ffynhonnell] Yr ŵyl newydd", "[@wfg-act-2015] Yr ŵyl hon")
            page = _page_with(cy, "Yr ŵyl hon")
            assert page is not None and "KB020" not in page.text()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    output = log_path.read_text(encoding="utf-8")
    # The terminal lists the problems; nothing aborted or left the server stuck.
    assert "docs_cy/guides/community.md:14: error KB020 citation-unknown-key" in output, output[-3000:]
    assert "Aborted" not in output and "stuck" not in output and "Traceback" not in output, output[-3000:]
