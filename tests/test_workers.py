"""kb.built.workers: a command beside the build with its log coming back, a function in a fresh process."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import pytest

from kb.built.workers import Background, BackgroundError, ChildCommand, read_record, record_line, usable_cores


def test_a_log_record_survives_the_trip() -> None:
    line = record_line(logging.WARNING, "mkdocs.plugins.kb", "docs_cy/gŵyl.md:3: error KB092 broken-link:\nail linell")
    assert line.endswith("\n") and line.count("\n") == 1  # one line whatever the message
    assert read_record(line) == (logging.WARNING, "mkdocs.plugins.kb", "docs_cy/gŵyl.md:3: error KB092 broken-link:\nail linell")
    assert read_record("WARNING -  plain text\n") is None
    assert read_record(line[:-5]) is None  # a cut-off line is text, not a record


def test_a_child_commands_log_comes_back_as_records_and_text(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from kb.built.workers import record_line
        sys.stderr.write(record_line(30, "mkdocs.kb", "Rhybudd: ŵ"))
        print("a traceback line")
        sys.stderr.write(record_line(20, "mkdocs.kb", "wedi gorffen"))
        sys.exit(3)
    """), encoding="utf-8")
    records: list[tuple[int, str, str]] = []
    text: list[str] = []
    child = ChildCommand([sys.executable, str(script)], {}, str(tmp_path), lambda *r: records.append(r), text.append)
    assert child.start().wait() == 3
    assert records == [(30, "mkdocs.kb", "Rhybudd: ŵ"), (20, "mkdocs.kb", "wedi gorffen")]
    assert text == ["a traceback line\n"]


def test_a_child_command_can_be_stopped(tmp_path: Path) -> None:
    child = ChildCommand([sys.executable, "-c", "import time; time.sleep(60)"], {}, str(tmp_path),
                         lambda *r: None, lambda t: None).start()
    child.stop()
    assert child.wait() != 0


def _square(n: int) -> int:
    return n * n


def _fails(word: str) -> int:
    raise ValueError(f"dim {word}")


def test_background_gives_the_result_or_the_error() -> None:
    assert Background(_square, 12).result() == 144
    with pytest.raises(BackgroundError, match="ValueError: dim ŵy"):
        Background(_fails, "ŵy").result()
    assert Background.inline(_square, 3).result() == 9
    with pytest.raises(BackgroundError, match="dim tŷ"):
        Background.inline(_fails, "tŷ").result()


def test_usable_cores() -> None:
    assert usable_cores() >= 1
