"""Tiny bilingual fixture sites, built for real with ``mkdocs build`` (shared by the tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a fixture site shares with the real repository: configuration, hooks, theme overrides, data.
SHARED = ["mkdocs.yml", "hooks", "overrides", "data", "docs/assets"]
# The real site's publication history (data/published-urls.txt, data/redirects.yml) is not a
# fixture's: a fixture site is new, has published nothing and moved nothing.
SITE_HISTORY = ["published-urls.txt", "redirects.yml"]


# Fixture sites get this one-entry bibliography unless a test writes its own data/bibliography.yml:
# the real one would make every tiny site warn about entries it does not cite (fatal under --strict).
FIXTURE_BIBLIOGRAPHY = """\
- id: wfg-act-2015
  type: legislation
  title: Well-being of Future Generations (Wales) Act 2015
  author:
    - org: national-assembly-for-wales
  issued:
    date-parts: [[2015]]
  URL: https://www.legislation.gov.uk/anaw/2015/2/contents
"""


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path
    root: Path


def make_site(root: Path, files: dict[str, str | bytes], keep_data: bool = True) -> Path:
    """Write a fixture repository at ``root``: the project's config plus ``files`` (path -> content)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        src = REPO / name
        if not src.exists() or (name == "data" and not keep_data):
            continue
        dst = root / name
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", *SITE_HISTORY))
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    if keep_data and "data/bibliography.yml" not in files:
        (root / "data" / "bibliography.yml").write_text(FIXTURE_BIBLIOGRAPHY, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs_cy").mkdir(exist_ok=True)
    return root


def english_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a command under test: English unless the test asks otherwise, whatever
    the machine's locale (the contributor's language comes from KB_LANG or the locale)."""
    env = {k: v for k, v in os.environ.items() if k not in ("KB_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "C.UTF-8"
    return {**env, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def build(root: Path, *extra: str, renderer: str = "mkdocs", env: dict[str, str] | None = None) -> BuildResult:
    """Run the real ``mkdocs build --strict`` (or ``properdocs build --strict``) on a fixture repository."""
    site = root / "site"
    env = english_env(env)
    proc = subprocess.run(
        [sys.executable, "-m", renderer, "build", "--strict", "-d", str(site), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site, root)


def run_kb(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kb ...`` in a fixture repository (in English unless ``env`` says otherwise)."""
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], cwd=root, capture_output=True, text=True, timeout=300, env=english_env(env)
    )


def commit_all(root: Path, message: str = "content") -> None:
    """Commit everything in a fixture repository (made a git repository on first use), as a contributor would."""
    config = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", *config, "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *config, "commit", "-q", "--allow-empty", "-m", message], cwd=root, check=True)
