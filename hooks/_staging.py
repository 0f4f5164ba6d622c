"""Build into a staging folder next to site_dir; publish it only when the whole build succeeded.

Not a hook itself. A failed build (a content error, a broken link, a strict-mode warning, a crash
in any language pass) must leave the site/ that is already there exactly as it was, so the
outer pass points config.site_dir at ``.<name>.staging`` beside it and swaps the folders at the
very end. ``mkdocs serve`` (its own temporary folder) and ``--dirty`` builds (which update the
existing folder in place on purpose) are not staged.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_enabled = False
_final: Path | None = None
_staging: Path | None = None


def enable(command: str, dirty: bool) -> None:
    global _enabled
    _enabled = command == "build" and not dirty


def staging_dir_for(final: Path) -> Path:
    return final.parent / f".{final.name}.staging"


def display_name(site_dir: str | os.PathLike[str]) -> str:
    """What to call the site folder in messages: 'site', never '.site.staging'."""
    path = Path(site_dir)
    if _final is not None and path == _staging:
        return _final.name
    return path.name


def begin(site_dir: str) -> str:
    """Start staging; returns the folder the build should write to."""
    global _final, _staging
    if not _enabled:
        return site_dir
    _final = Path(site_dir)
    _staging = staging_dir_for(_final)
    shutil.rmtree(_staging, ignore_errors=True)  # a crashed earlier build
    return os.fspath(_staging)


def publish() -> str | None:
    """Swap the staged build into place; returns the published folder (None when not staging)."""
    global _final, _staging
    if _final is None or _staging is None:
        return None
    final, staging = _final, _staging
    old = final.parent / f".{final.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
    _final = _staging = None
    return os.fspath(final)


def abandon() -> str | None:
    """Throw the staged build away; returns the untouched final folder (None when not staging)."""
    global _final, _staging
    if _final is None or _staging is None:
        return None
    final = _final
    shutil.rmtree(_staging, ignore_errors=True)
    _final = _staging = None
    return os.fspath(final)
