"""One build at a time; build into a staging folder; publish it only when the whole build succeeded.

A failed build (a content error, a broken link, a strict-mode warning, a crash in any language pass)
must leave the site/ that is already there exactly as it was, so the build writes to
``.<name>.staging`` beside it and the folders are swapped at the very end. ``mkdocs serve`` (its own
temporary folder) and ``--dirty`` builds (which update the existing folder in place on purpose) are
not staged.

Two builds into one folder at once would delete each other's staging folder or swap a half-built
site into place, so a build holds an exclusive lock (:class:`BuildLock`, ``.<name>.lock`` beside the
folder) from before it touches anything until its site is published or thrown away; a second build
waits for it (saying so), or gives up after a while with a clear message. The lock is the kernel's
(``flock``): a build that is killed releases it, so it is never left stale. The swap itself is one
atomic exchange of the two folders where the system has one (Linux ``renameat2``), so ``site/`` is
never missing, not even for a moment; elsewhere it is two renames, and a build that finds ``site/``
missing and the previous site set aside (a crash between them) puts it back first.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not locked
    fcntl = None  # type: ignore[assignment]


# Deletes the folders named on its command line; run detached, so the build does not wait for it.
_DELETE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)"


def discard(folder: Path, final: Path) -> None:
    """Delete a folder beside the site ``final`` in a separate process that outlives this one.

    Deleting a published site (thousands of files) takes seconds on a disk that discards freed blocks
    at once; it is no part of the build's result, which is in place by then, so nobody waits for it.
    The folder is renamed first (``.<name>.trash-…``), so the next build has every other name free;
    trash an earlier deletion left (a killed one) goes too.
    """
    if not folder.exists():
        return
    trash = final.parent / f".{final.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.replace(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    every = [os.fspath(p) for p in final.parent.glob(f".{final.name}.trash-*")]
    subprocess.Popen([sys.executable, "-c", _DELETE, *every], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def staging_dir_for(final: Path) -> Path:
    return final.parent / f".{final.name}.staging"


def old_dir_for(final: Path) -> Path:
    return final.parent / f".{final.name}.old"


def lock_file_for(final: Path) -> Path:
    return final.parent / f".{final.name}.lock"


class BuildBusy(Exception):
    """Another build holds the output folder's lock and did not finish in the time we waited."""

    def __init__(self, holder: Holder, waited: float) -> None:
        super().__init__(f"process {holder.pid}, since {holder.since}")
        self.holder = holder
        self.waited = waited


@dataclass(frozen=True)
class Holder:
    """Which build holds a lock: its process id and the time it took the lock, as the lock file says."""

    pid: str
    since: str


@dataclass
class BuildLock:
    """An exclusive lock on one output folder, held by one build from start to publish."""

    path: Path
    fd: int | None

    @classmethod
    def acquire(
        cls, final: str | os.PathLike[str], wait: float, on_wait: Callable[[Holder], None], poll: float = 0.25
    ) -> BuildLock:
        """Take the lock of output folder ``final``; if another build holds it, call ``on_wait`` with
        who holds it (once) and wait up to ``wait`` seconds for it, else raise :class:`BuildBusy`."""
        path = lock_file_for(Path(final).absolute())
        if fcntl is None:
            return cls(path, None)
        path.parent.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        told = False
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by child processes (PEP 446)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                if time.monotonic() - start >= wait:
                    raise BuildBusy(holder, time.monotonic() - start) from None
                if not told:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
                continue
            if _same_file(fd, path):
                break
            os.close(fd)  # the build before us removed this lock file as it finished: take the new one
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {datetime.now():%H:%M:%S}\n".encode(), 0)
        return cls(path, fd)

    def release(self) -> None:
        """Remove the lock file (nothing left beside the site), then let go of it."""
        if self.fd is not None:
            fd, self.fd = self.fd, None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)  # still ours: a waiting build sees the file went and takes a new one
            os.close(fd)  # closing the descriptor releases the flock


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _read_holder(fd: int) -> Holder:
    try:
        words = os.pread(fd, 100, 0).decode("ascii", "replace").split()
    except OSError:
        words = []
    return Holder(*words[:2]) if len(words) >= 2 else Holder("?", "?")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux renameat2); False where it is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False  # the kernel or the file system cannot; two renames then
    raise OSError(code, os.strerror(code), os.fspath(a))


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
        old = old_dir_for(final)
        if not final.exists() and old.is_dir():
            os.replace(old, final)  # an earlier build died between its two renames: the site comes back
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
        if self.final.is_dir() and not self.final.is_symlink() and exchange(self.staging, self.final):
            discard(self.staging, self.final)  # the previous site, now at the staging path
            return os.fspath(self.final)
        old = old_dir_for(self.final)
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            os.replace(self.final, old)
        os.replace(self.staging, self.final)
        discard(old, self.final)
        return os.fspath(self.final)

    def abandon(self) -> str | None:
        """Throw the staged build away; returns the untouched final folder (None if already settled)."""
        if self.done:
            return None
        self.done = True
        shutil.rmtree(self.staging, ignore_errors=True)
        return os.fspath(self.final)
