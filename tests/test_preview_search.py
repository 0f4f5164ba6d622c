"""The preview (`mkdocs serve`) shows an edited page without waiting for the search index, which
follows in a process of its own, is there after every rebuild, and is never left running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from serving import free_port, get
from sitebuilder import make_site

pytestmark = pytest.mark.build


def _wait_for(url: str, needle: str, seconds: float = 180) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in get(url):
            return True
        time.sleep(0.25)
    return False


def test_search_index_follows_each_preview_rebuild(tmp_path: Path) -> None:
    root = make_site(tmp_path / "repo", minimal_site())
    port = free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/cy/guides/community/", "Rhannu pŵer"), "the preview never came up"
        assert _wait_for(f"{base}/assets/kb-search/data.json", '"mutations"'), "no search data after the first build"
        assert _wait_for(f"{base}/pagefind/pagefind.js", "export")
        time.sleep(3)  # the file watcher starts just after the first build
        guide = root / "docs_cy/guides/community.md"
        guide.write_text(guide.read_text(encoding="utf-8") + "\nMae'r bobl leol yn yr ŵyl.\n", encoding="utf-8")
        assert _wait_for(f"{base}/cy/guides/community/", "bobl leol")
        assert _wait_for(f"{base}/assets/kb-search/data.json", '"mutations"'), "no search data after the rebuild"
        assert _wait_for(f"{base}/pagefind/pagefind.js", "export")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert output.count("Search index:") >= 2, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
