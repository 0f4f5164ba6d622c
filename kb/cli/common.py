"""What every command shares: finding the repository root."""

from __future__ import annotations

from pathlib import Path


def repo_root(start: Path) -> Path:
    """The folder holding mkdocs.yml, searching upwards from ``start``."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start
