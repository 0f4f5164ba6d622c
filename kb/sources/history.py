"""What git remembers of a file: its earlier versions, newest first (for what changed since a pair
was marked in step). Never raises: no git, no repository or no history is an empty answer.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

# How far back to look for the version a pair was marked in step at (each is one `git show`).
MAX_VERSIONS = 60


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def head(root: Path) -> str | None:
    """The commit the working tree is based on, if this is a git checkout."""
    out = _git(root, "rev-parse", "HEAD")
    commit = out.stdout.strip() if out is not None and out.returncode == 0 else ""
    return commit if len(commit) == 40 else None


def is_shallow(root: Path) -> bool:
    """A clone made with --depth (as CI services make by default) holds only recent history."""
    out = _git(root, "rev-parse", "--is-shallow-repository")
    return out is not None and out.returncode == 0 and out.stdout.strip() == "true"


def versions(root: Path, path: str, first: str | None = None, limit: int = MAX_VERSIONS) -> Iterator[tuple[str, str]]:
    """(commit, text) of ``path`` as committed: ``first`` (a commit to try before the others),
    then every commit that changed it, newest first."""
    tried: set[str] = set()
    log = _git(root, "log", f"-n{limit}", "--format=%H", "--", path)
    commits = log.stdout.split() if log is not None and log.returncode == 0 else []
    for commit in ([first] if first else []) + commits:
        if commit in tried:
            continue
        tried.add(commit)
        shown = _git(root, "show", f"{commit}:./{path}")  # relative to the root, wherever the repository starts
        if shown is not None and shown.returncode == 0:
            yield commit, shown.stdout
