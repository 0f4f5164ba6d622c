"""The search box's query logic (overrides/assets/kb-search/kb-search.js) under node: tests/js/search.test.js."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_query_logic_passes_its_node_tests() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to test overrides/assets/kb-search/kb-search.js")
    proc = subprocess.run(
        [node, "--test", "tests/js/search.test.js"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "# fail 0" in proc.stdout
