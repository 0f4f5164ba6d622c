"""Translation freshness: whether each Welsh/English pair still says what it said when last marked in step.

The lock file (translations.lock.yml, see data/parity.yml) keeps, per pair keyed by its site path,
a short hash of each side's words (its body and its language-specific front-matter fields: a change
to a date or a vocabulary id, which parity compares anyway, does not outdate the other side), the
date and the git commit it was marked at: about 150 bytes a pair, no copies of the text. When a
side's hash no longer matches, the pair is outdated; git history supplies the text as it was, to
say what changed (``python -m kb parity --diff``). Neither language is "the source": Welsh-first
pages work exactly like English-first ones.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.messages import Joined, Param, msg
from kb.core.problem import Problem
from kb.core.yamlload import yaml_error_message
from kb.sources import history
from kb.sources.content import LANGS, Lang, SourcePage
from kb.sources.frontmatter import parse_front_matter
from kb.sources.parity_config import ParityConfig, settings_problem

LOCK_VERSION = 2
HASH_LENGTH = 16
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")  # a site path YAML reads as written  # hex digits of sha256: 64 bits, ample to notice that a page changed


def normalise(text: str) -> str:
    """Text as compared for freshness: trailing spaces and trailing blank lines do not count.

    Lines are kept one for one, so line N of the normalised text is line N of the file.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def words_of(meta: dict[str, Any], body: str, language_fields: Iterable[str]) -> str:
    """What a translation must follow: the body and the language-specific front-matter fields."""
    fields = {k: meta[k] for k in sorted(language_fields) if k in meta}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str) + "\n" + normalise(body)


def fingerprint(page: SourcePage, config: ParityConfig) -> str:
    return digest(words_of(page.meta, page.body, config.language_specific_fields))


def fingerprint_of_text(text: str, path: str, config: ParityConfig) -> str:
    """The fingerprint of a page's whole text as it was (from git history, or an old lock's snapshot)."""
    front, _ = parse_front_matter(text.replace("\r\n", "\n"), path)
    return digest(words_of(front.data, front.body, config.language_specific_fields))


@dataclass
class LockEntry:
    rel: str
    marked: str
    commit: str | None
    hashes: dict[Lang, str]


@dataclass
class Lock:
    path: str
    exists: bool = False
    entries: dict[str, LockEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _entry(rel: str, raw: dict[str, Any], config: ParityConfig) -> LockEntry:
    hashes: dict[Lang, str] = {}
    for lang in LANGS:
        side = raw[lang]
        if isinstance(side, dict):  # version 1: path, hash and a snapshot of the whole text
            hashes[lang] = fingerprint_of_text(str(side["text"]), str(side["path"]), config)
        else:
            hashes[lang] = str(side)
    commit = raw.get("commit")
    return LockEntry(rel, str(raw.get("marked", "")), str(commit) if commit else None, hashes)


def read_lock(root: Path, config: ParityConfig, text: str | None = None) -> Lock:
    """The lock file ``config`` names, under ``root`` (or its ``text``, already read)."""
    lock = Lock(config.lock_file)
    file = root / config.lock_file
    if text is None and not file.is_file():
        return lock
    lock.exists = True
    try:
        raw = yamlload.safe_load(text if text is not None else file.read_text(encoding="utf-8")) or {}
        for rel, entry in (raw.get("pairs") or {}).items():
            lock.entries[str(rel)] = _entry(str(rel), entry, config)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        what: Param = yaml_error_message(err) if isinstance(err, yaml.YAMLError) else type(err).__name__
        lock.problems.append(
            settings_problem(config.lock_file, (mark.line + 1) if mark is not None else 1, "lock-unreadable", what=what)
        )
        lock.entries = {}
    return lock


_LOCK_HEADER = """\
# Translation freshness: each Welsh/English pair as it was when last marked in step: a short hash of
# each side's words (body and language-specific fields), the date and the commit. Written by
# 'python -m kb translations mark-in-step PATH...' (and, for new pairs, by the publish workflow on
# main); do not edit by hand. 'python -m kb parity --diff' shows what changed, from git history.
"""


def lock_text(lock: Lock) -> str:
    lines = [_LOCK_HEADER.rstrip("\n"), f"version: {LOCK_VERSION}", "pairs:"]
    for rel in sorted(lock.entries):
        entry = lock.entries[rel]
        fields = [f"{lang}: {entry.hashes[lang]}" for lang in LANGS]
        if entry.commit:
            fields.append(f"commit: {entry.commit}")
        fields.append(f"marked: {entry.marked}")
        # One flow mapping a line: a pair is one line of the file and of a pull request's diff.
        key = rel if _PLAIN_KEY.fullmatch(rel) else json.dumps(rel, ensure_ascii=False)
        lines.append(f"  {key}: {{{', '.join(fields)}}}")
    if not lock.entries:
        lines[-1] = "pairs: {}"
    return "\n".join(lines) + "\n"


def write_lock(root: Path, lock: Lock) -> None:
    (root / lock.path).write_text(lock_text(lock), encoding="utf-8")


def git_head(root: Path) -> str | None:
    return history.head(root)


def record(pair: dict[Lang, SourcePage], config: ParityConfig, commit: str | None, today: str | None = None) -> LockEntry:
    """A lock entry saying both sides, as they are now, are in step."""
    rel = next(iter(pair.values())).rel
    hashes = {lang: fingerprint(page, config) for lang, page in pair.items()}
    return LockEntry(rel, today or dt.date.today().isoformat(), commit, hashes)


# ---- what changed -----------------------------------------------------------------------


@dataclass
class Change:
    """One side of a pair whose words differ from when the pair was marked in step."""

    lang: Lang
    path: str
    new: str
    # The text as marked in step, from git history; None when history does not have it.
    old: str | None = None
    shallow: bool = False  # history is missing because the clone is shallow
    first_line: int = 1  # first changed line in the current file (1 when the old text is unknown)

    def diff(self, context: int = 2) -> list[str]:
        if self.old is None:
            return []
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
        if self.old is None:
            return Joined(())
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


def _old_text(root: Path, path: str, want: str, commit: str | None, config: ParityConfig) -> str | None:
    """The committed version of ``path`` whose words have the fingerprint ``want``, newest first."""
    for _, text in history.versions(root, path, commit):
        if fingerprint_of_text(text, path, config) == want:
            return normalise(text)
    return None


def changes(entry: LockEntry, pair: dict[Lang, SourcePage], config: ParityConfig, root: Path) -> list[Change]:
    """The sides of a recorded pair whose words are not what they were when marked in step."""
    found: list[Change] = []
    for lang, page in pair.items():
        want = entry.hashes.get(lang)
        if want is None or fingerprint(page, config) == want:
            continue
        now = normalise(page.text or "")
        change = Change(lang, page.path, now, _old_text(root, page.path, want, entry.commit, config))
        if change.old is None:
            change.shallow = history.is_shallow(root)
        else:
            matcher = difflib.SequenceMatcher(None, change.old.split("\n"), now.split("\n"), autojunk=False)
            change.first_line = next((j1 + 1 for tag, _i1, _i2, j1, _j2 in matcher.get_opcodes() if tag != "equal"), 1)
        found.append(change)
    return found
