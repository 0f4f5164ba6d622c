"""The knowledge base's own content, built for real in a temporary folder (shared by tests that
judge what readers actually get: every page, feed, embed and API field of the shipped site)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuilder import REPO, BuildResult, build

# Everything `mkdocs build` reads from the repository (kb/ is importable from the virtual environment).
CONTENT = ["mkdocs.yml", "hooks", "overrides", "data", "docs", "docs_cy", "case_studies", "translations.lock.yml"]


def copy_content(root: Path) -> Path:
    """The repository's content and configuration, copied to ``root`` (what a workflow's checkout holds)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in CONTENT:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, root / name)
    return root


def build_shipped(root: Path) -> BuildResult:
    """Copy the repository's content and configuration to ``root`` and build it (--strict)."""
    return build(copy_content(root))
