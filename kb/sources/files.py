"""Reading contributors' files: UTF-8 only, normalised to LF line endings and NFC letters.

Welsh letters such as ŵ and ŷ can arrive decomposed (w + combining circumflex) from some
editors; anchors, search and comparisons would then silently differ, so everything is NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kb.core.messages import Joined, Message, msg
from kb.core.problem import Problem, problem

RULES = ("encoding", "file-hygiene", "file-too-large")

# A guide or case study is a few thousand words; anything far larger is a mistake (a pasted
# report, an embedded image) that would bloat every page and the search index.
MAX_PAGE_BYTES = 200_000


@dataclass
class SourceText:
    """Decoded text, or None when the file cannot be used (the problems say why)."""

    text: str | None
    problems: list[Problem] = field(default_factory=list)


def decode_source(data: bytes, rel_path: str, max_bytes: int = MAX_PAGE_BYTES) -> SourceText:
    """Decode bytes read from ``rel_path``, reporting (never raising) anything wrong."""
    problems: list[Problem] = []
    if len(data) > max_bytes:
        problems.append(problem("file-too-large", rel_path, 1, "too-large", size=f"{len(data):,}", limit=f"{max_bytes:,}"))
        return SourceText(None, problems)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(
            problem("encoding", rel_path, line, "not-utf8", byte=f"0x{data[err.start]:02x}", position=err.start)
        )
        return SourceText(None, problems)
    fixes: list[Message] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        fixes.append(msg("terms.bom"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        fixes.append(msg("terms.crlf"))
    # is_normalized is a fast scan; most files are already NFC and need no copy.
    if not unicodedata.is_normalized("NFC", text):
        fixes.append(msg("terms.nfd"))
        text = unicodedata.normalize("NFC", text)
    if "\x00" in text:
        problems.append(problem("encoding", rel_path, text[: text.index("\x00")].count("\n") + 1, "nul"))
        return SourceText(None, problems)
    if fixes:
        problems.append(problem("file-hygiene", rel_path, 1, "normalised", what=Joined(tuple(fixes))))
    return SourceText(text, problems)


def read_source(path: Path, rel_path: str, max_bytes: int = MAX_PAGE_BYTES) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as err:
        return SourceText(
            None,
            [problem("encoding", rel_path, 1, "unreadable", error=str(err.strerror))],
        )
    return decode_source(data, rel_path, max_bytes)
