"""Build into a staging folder next to the site folder; publish it only when the whole build succeeded.

A failed build (a content error, a broken link, a strict-mode warning, a crash in any language pass)
must leave the site/ that is already there exactly as it was, so the build writes to
``.<name>.staging`` beside it and the folders are swapped at the very end. ``mkdocs serve`` (its own
temporary folder) and ``--dirty`` builds (which update the existing folder in place on purpose) are
not staged.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


def staging_dir_for(final: Path) -> Path:
    return final.parent / f".{final.name}.staging"


def stages(command: str, dirty: bool) -> bool:
    """Whether a run of this command stages its output (only a full ``build``)."""
    return command == "build" and not dirty


@dataclass
class Staging:
    """One staged build: where it is written, and where it is published if it succeeds."""

    final: Path
    staging: Path
    done: bool = False

    @classmethod
    def begin(cls, site_dir: str | os.PathLike[str]) -> Staging:
        final = Path(site_dir)
        staged = cls(final, staging_dir_for(final))
        shutil.rmtree(staged.staging, ignore_errors=True)  # a crashed earlier build
        return staged

    def display_name(self, site_dir: str | os.PathLike[str]) -> str:
        """What to call the site folder in messages: 'site', never '.site.staging'."""
        path = Path(site_dir)
        return self.final.name if path == self.staging else path.name

    def publish(self) -> str | None:
        """Swap the staged build into place; returns the published folder (None if already settled)."""
        if self.done:
            return None
        self.done = True
        old = self.final.parent / f".{self.final.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            os.replace(self.final, old)
        os.replace(self.staging, self.final)
        shutil.rmtree(old, ignore_errors=True)
        return os.fspath(self.final)

    def abandon(self) -> str | None:
        """Throw the staged build away; returns the untouched final folder (None if already settled)."""
        if self.done:
            return None
        self.done = True
        shutil.rmtree(self.staging, ignore_errors=True)
        return os.fspath(self.final)
