"""Work in other processes, so a build keeps both cores busy: one log, one result, nothing left running.

- :class:`ChildCommand` runs a command (a language pass of the renderer) beside this process. The
  child writes its log records to its stderr as structured lines (:func:`record_line`); they are
  logged again here, under the same logger names and levels, so there is one log and the parent's
  strict mode counts the child's warnings. Anything else the child prints is passed through as text.
- :class:`Background` runs a plain function in a fresh interpreter (``spawn``: nothing is inherited
  but the arguments, so it is safe beside threads such as a preview server's) and hands back its
  result, or its exception's message. :meth:`Background.inline` runs the function here instead, for
  builds too small to be worth a process.

Plain Python: no MkDocs here (hooks/_i18n_bridge.py decides what runs where).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")

# Marks a structured log line on a child's stderr: an ASCII record separator no log text starts with.
LOG_MARK = "\x1ekb-log "


def record_line(level: int, name: str, message: str) -> str:
    """One log record as the line a child writes for its parent."""
    return LOG_MARK + json.dumps({"level": level, "name": name, "message": message}, ensure_ascii=False) + "\n"


def read_record(line: str) -> tuple[int, str, str] | None:
    """(level, logger name, message) from a :func:`record_line` line; None for any other text."""
    if not line.startswith(LOG_MARK):
        return None
    try:
        data = json.loads(line[len(LOG_MARK):])
        return int(data["level"]), str(data["name"]), str(data["message"])
    except (ValueError, KeyError, TypeError):
        return None


def usable_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count, where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class ChildCommand:
    """A command run beside this process; its log comes back through ``on_record`` / ``on_text``."""

    argv: Sequence[str]
    env: dict[str, str]
    cwd: str
    on_record: Callable[[int, str, str], None]
    on_text: Callable[[str], None]
    _process: subprocess.Popen[str] | None = field(default=None, repr=False)
    _reader: threading.Thread | None = field(default=None, repr=False)

    def start(self) -> ChildCommand:
        self._process = subprocess.Popen(
            list(self.argv), cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace", bufsize=1,
        )
        self._reader = threading.Thread(target=self._forward, name="kb-child-log", daemon=True)
        self._reader.start()
        return self

    def _forward(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            record = read_record(line)
            if record is not None:
                self.on_record(*record)
            elif line.strip():
                self.on_text(line)

    def wait(self) -> int:
        """Wait for the command to end (and its last log line to be passed on); its exit status."""
        if self._process is None:
            raise RuntimeError("the command was not started")
        code = self._process.wait()
        if self._reader is not None:
            self._reader.join()
        return code

    def stop(self) -> None:
        """End the command if it is still running (a build that failed elsewhere)."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)


class BackgroundError(RuntimeError):
    """The function failed in the other process; the message names the exception."""


def _run(connection: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        connection.send(("ok", function(*args)))
    except BaseException as err:  # noqa: BLE001 - every failure goes back to the parent as a message
        connection.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        connection.close()


class Background(Generic[T]):
    """``function(*args)`` in a fresh interpreter; :meth:`result` waits for it."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._receive, send = context.Pipe(duplex=False)
        self._process: Any = context.Process(target=_run, args=(send, function, args), daemon=True)
        self._process.start()
        send.close()
        self._done: tuple[str, Any] | None = None
        self.cancelled = False

    @classmethod
    def inline(cls, function: Callable[..., T], *args: Any) -> Background[T]:
        """The same interface, the work done here and now (nothing to gain from a process)."""
        job = cls.__new__(cls)
        job._process = None
        job.cancelled = False
        try:
            job._done = ("ok", function(*args))
        except Exception as err:
            job._done = ("error", f"{type(err).__name__}: {err}")
        return job

    def result(self) -> T:
        if self._done is None:
            try:
                self._done = self._receive.recv()
            except EOFError:
                self._process.join()
                self._done = ("error", f"the process ended without a result (exit status {self._process.exitcode})")
            self._process.join()
        status, value = self._done
        if status != "ok":
            raise BackgroundError(str(value))
        return cast(T, value)

    def cancel(self) -> None:
        self.cancelled = True
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=10)
