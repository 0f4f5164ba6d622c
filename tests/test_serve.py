"""`mkdocs serve` picks up edits in docs_cy/ and case_studies/, not only in docs/."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from fixture_pages import minimal_site
from sitebuilder import make_site

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, needle: str, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in _get(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_welsh_pages_and_case_studies(tmp_path):
    root = make_site(tmp_path, minimal_site())
    port = _free_port()
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
