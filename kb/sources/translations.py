"""Translation freshness: which version of each language a pair was last known to be in step at.

The lock file (translations.lock.yml, see data/parity.yml) records, per pair keyed by its site
path, each side's file, a hash of its normalised text and a snapshot of that text, the date and
the git commit it was marked at. When either side's text no longer matches its hash, the pair is
outdated, and the snapshot shows what changed, with or without git. Neither language is "the
source": Welsh-first pages work exactly like English-first ones.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.core.messages import Joined, Param, msg
from kb.core.problem import Problem
from kb.core.yamlload import yaml_error_message
from kb.sources.content import LANGS, Lang, SourcePage
from kb.sources.parity_config import ParityConfig, settings_problem

# libyaml's loader when present: the lock file holds a snapshot of every page.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LOCK_VERSION = 1


def normalise(text: str) -> str:
    """Text as compared for freshness: trailing spaces and trailing blank lines do not count.

    Lines are kept one for one, so line N of the normalised text is line N of the file.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass
class SideRecord:
    path: str
    hash: str
    text: str


@dataclass
class LockEntry:
    rel: str
    marked: str
    commit: str | None
    sides: dict[Lang, SideRecord]


@dataclass
class Lock:
    path: str
    exists: bool = False
    entries: dict[str, LockEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_lock(root: Path, config: ParityConfig, text: str | None = None) -> Lock:
    """The lock file ``config`` names, under ``root`` (or its ``text``, already read)."""
    lock = Lock(config.lock_file)
    file = root / config.lock_file
    if text is None and not file.is_file():
        return lock
    lock.exists = True
    try:
        raw = yaml.load(text if text is not None else file.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        for rel, entry in (raw.get("pairs") or {}).items():
            sides: dict[Lang, SideRecord] = {}
            for lang in LANGS:
                side = entry.get(lang) or {}
                sides[lang] = SideRecord(str(side["path"]), str(side["hash"]), str(side.get("text", "")))
            lock.entries[str(rel)] = LockEntry(str(rel), str(entry.get("marked", "")), entry.get("commit"), sides)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        what: Param = yaml_error_message(err) if isinstance(err, yaml.YAMLError) else type(err).__name__
        lock.problems.append(
            settings_problem(config.lock_file, (mark.line + 1) if mark is not None else 1, "lock-unreadable", what=what)
        )
        lock.entries = {}
    return lock


class _LockDumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Snapshots as '|' blocks: the lock file stays readable and its git diffs show the text.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_LockDumper.add_representer(str, _str_presenter)

_LOCK_HEADER = """\
# Translation freshness: the state of each Welsh/English pair when it was last marked in step.
# Written by 'python -m kb translations mark-in-step PATH...'; do not edit by hand.
# Each side keeps a hash and a snapshot of its normalised text, so a later change to either side
# is reported as 'outdated' with what changed (python -m kb parity --diff).
"""


def write_lock(root: Path, lock: Lock) -> None:
    pairs: dict[str, Any] = {}
    for rel in sorted(lock.entries):
        entry = lock.entries[rel]
        item: dict[str, Any] = {"marked": entry.marked}
        if entry.commit:
            item["commit"] = entry.commit
        for lang in LANGS:
            side = entry.sides[lang]
            item[lang] = {"path": side.path, "hash": side.hash, "text": side.text}
        pairs[rel] = item
    body = yaml.dump(
        {"version": LOCK_VERSION, "pairs": pairs},
        Dumper=_LockDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )
    (root / lock.path).write_text(_LOCK_HEADER + body, encoding="utf-8")


def git_head(root: Path) -> str | None:
    """The commit the working tree is based on, if this is a git checkout (informational)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    head = out.stdout.strip()
    return head if out.returncode == 0 and len(head) == 40 else None


def record(pair: dict[Lang, SourcePage], commit: str | None, today: str | None = None) -> LockEntry:
    """A lock entry saying both sides, as they are now, are in step."""
    sides: dict[Lang, SideRecord] = {}
    rel = ""
    for lang, page in pair.items():
        rel = page.rel
        text = normalise(page.text or "")
        sides[lang] = SideRecord(page.path, digest(text), text)
    return LockEntry(rel, today or dt.date.today().isoformat(), commit, sides)


# ---- what changed -----------------------------------------------------------------------


@dataclass
class Change:
    """One side of a pair whose text differs from its recorded snapshot."""

    lang: Lang
    path: str
    first_line: int  # first changed line in the current file
    old: str
    new: str

    def diff(self, context: int = 2) -> list[str]:
        return list(
            difflib.unified_diff(
                self.old.split("\n"),
                self.new.split("\n"),
                fromfile=f"{self.path} (in step)",
                tofile=f"{self.path} (now)",
                n=context,
                lineterm="",
            )
        )

    def summary(self, max_lines: int) -> Joined:
        """The first few changes, each trimmed to the words that differ: "line 14: '2,500' → '3,000'"."""
        matcher = difflib.SequenceMatcher(None, self.old.split("\n"), self.new.split("\n"), autojunk=False)
        old_lines, new_lines = self.old.split("\n"), self.new.split("\n")
        parts: list[Param] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                old = old_lines[i1 + k] if i1 + k < i2 else ""
                new = new_lines[j1 + k] if j1 + k < j2 else ""
                if old == new:
                    continue
                was, now = _trim_common(old, new)
                if j1 + k < j2:
                    parts.append(msg("terms.change-at", line=j1 + k + 1, was=was, now=now))
                else:
                    parts.append(msg("terms.change-after", line=j2, was=was, now=now))
                if len(parts) >= max_lines:
                    break
            if len(parts) >= max_lines:
                break
        total = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
        if total > len(parts):
            parts[-1] = Joined((parts[-1], msg("terms.more-changes", count=total - len(parts))), "")
        return Joined(tuple(parts), "; ")


def _trim_common(old: str, new: str, context: int = 3, limit: int = 60) -> tuple[str, str]:
    """The differing words of two lines with a little context, shortened for a one-line message."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    lo = max(0, start - context)

    def cut(words: list[str]) -> str:
        hi = len(words) - max(0, end - context)
        text = " ".join(words[lo:hi])
        text = ("…" if lo > 0 else "") + text + ("…" if hi < len(words) else "")
        return text if len(text) <= limit else text[: limit - 1] + "…"

    return cut(a), cut(b)


def changes(entry: LockEntry, pair: dict[Lang, SourcePage]) -> list[Change]:
    """The sides of a recorded pair whose text is not what it was when marked in step."""
    found: list[Change] = []
    for lang, page in pair.items():
        side = entry.sides.get(lang)
        now = normalise(page.text or "")
        if side is None or digest(now) == side.hash:
            continue
        old = side.text
        first = 1
        matcher = difflib.SequenceMatcher(None, old.split("\n"), now.split("\n"), autojunk=False)
        for tag, _i1, _i2, j1, _j2 in matcher.get_opcodes():
            if tag != "equal":
                first = j1 + 1
                break
        found.append(Change(lang, page.path, first, old, now))
    return found
