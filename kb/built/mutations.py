"""Welsh initial mutations, undone and applied by rule.

The rules are data (data/search/mutations.json), read here and by the browser's
overrides/assets/kb-search/mutations.js; both are run against tests/vectors/mutations.json,
so the search box and the indexer can never disagree about which words are forms of each other.

``radicals("gymuned")`` -> ``["gymuned", "cymuned"]``: every word the given one may be a form of,
itself first when its first letter can begin an unmutated word. ``forms("cymuned")`` ->
``["cymuned", "gymuned", "nghymuned", "chymuned"]``: the word and all its mutated forms.

The rules alone over-generate: 'Deddf' may be soft-mutated 'Teddf', 'GitHub' a mutated 'CitHub'. So
both directions take ``known``, the knowledge base's own Welsh vocabulary (:func:`lexicon`, built from
the Welsh pages): a rule's candidate is proposed only when it is a word the knowledge base uses.
A form that can only be mutated (dd-, mh-, nh-, ngh-, ng-) with a single possible radical keeps that
radical whatever the vocabulary says: the grammar leaves no doubt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_RULES = Path(__file__).resolve().parents[2] / "data" / "search" / "mutations.json"
VOWEL = "<vowel>"


@dataclass(frozen=True)
class Rule:
    kind: str
    radical: str  # initial unit of the radical ("" for h-prothesis)
    mutated: str  # what replaces it ("" when g- is lost)
    before: tuple[str, ...] = ()  # what must follow, for rules that add or drop a letter


@dataclass(frozen=True)
class Mutations:
    units: tuple[str, ...]
    vowels: frozenset[str]
    never_radical: frozenset[str]
    rules: tuple[Rule, ...]
    fixed_words: frozenset[str]
    min_length: int = 1
    # radicals() remembered per distinct word: the indexer asks for every word of every Welsh page,
    # and a site repeats the same few thousand words. Bounded, for a long `mkdocs serve`.
    _radicals: Callable[[str], tuple[str, ...]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_radicals", lru_cache(maxsize=100_000)(self._compute_radicals))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Mutations:
        units = sorted(data["initial_units"]["units"], key=len, reverse=True)
        rules = tuple(
            Rule(r["kind"], r["radical"], r["mutated"], tuple(r.get("before", ()))) for r in data["mutations"]
        )
        return cls(
            tuple(units),
            frozenset(data["vowels"]),
            frozenset(data["never_radical"]["units"]),
            rules,
            frozenset(data["fixed_words"]["words"]),
            int(data.get("min_length", {}).get("letters", 1)),
        )

    # -- reading a word ------------------------------------------------------------------
    def initial(self, word: str) -> str:
        """The first letter of a lower-case word, reading digraphs (and mh/nh/ngh) as one."""
        for unit in self.units:
            if word.startswith(unit):
                return unit
        return word[:1]

    def _fits(self, before: tuple[str, ...], rest: str) -> bool:
        """Does ``rest`` begin with something a g-loss or h-prothesis rule allows?"""
        if not before:
            return True
        unit = self.initial(rest)
        return any((b == VOWEL and unit in self.vowels) or unit == b for b in before)

    # -- the two directions --------------------------------------------------------------
    def radicals(self, word: str, known: Callable[[str], bool] | None = None) -> list[str]:
        """``word`` (when it may be unmutated) and the radicals it may be a form of.

        With ``known`` (is this lower-case word in the vocabulary?) a radical other than ``word`` is
        kept only when known, unless it is the single radical of a form that can only be mutated.
        """
        found = self._radicals(word)
        if known is None:
            return list(found)
        low = word.lower()
        itself = [c for c in found if c.lower() == low]
        others = [c for c in found if c.lower() != low]
        if not itself and len(others) == 1:
            return others  # 'nghymuned', 'ddeddf': certainly mutated, one possible radical
        return itself + [c for c in others if known(c.lower())] or [word]

    def _compute_radicals(self, word: str) -> tuple[str, ...]:
        low = word.lower()
        if not low or not low[0].isalpha() or low in self.fixed_words:
            return (word,)
        unit = self.initial(low)
        out: list[str] = []
        if unit not in self.never_radical:
            out.append(low)
        for rule in self.rules:
            if rule.mutated == "":
                # g- lost: the word as written is what followed the g.
                if self._fits(rule.before, low):
                    out.append(rule.radical + low)
            elif unit == rule.mutated:
                rest = low[len(unit) :]
                if self._fits(rule.before, rest):
                    out.append(rule.radical + rest)
        out = [c for c in _unique(out) if c == low or len(c) >= self.min_length]
        return tuple(_recase(word, c) for c in out) or (word,)

    def forms(self, radical: str, known: Callable[[str], bool] | None = None) -> list[str]:
        """``radical`` and its mutated forms; with ``known``, only the forms in the vocabulary."""
        every = self._forms(radical)
        if known is None:
            return every
        return [every[0]] + [f for f in every[1:] if known(f.lower())]

    def _forms(self, radical: str) -> list[str]:
        low = radical.lower()
        if not low or not low[0].isalpha() or low in self.fixed_words:
            return [radical]
        unit = self.initial(low)
        out = [low]
        for rule in self.rules:
            if rule.radical == "":
                if self._fits(rule.before, low):
                    out.append(rule.mutated + low)
            elif unit == rule.radical:
                rest = low[len(unit) :]
                if self._fits(rule.before, rest):
                    out.append(rule.mutated + rest)
        return [_recase(radical, f) for f in _unique(out)]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _recase(original: str, candidate: str) -> str:
    """Give lower-case ``candidate`` the capitals of ``original``: 'Nghymru' -> 'Cymru', 'ARDD' -> 'GARDD'."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return candidate.upper()
    # The ending both share keeps the original's capitals (e.g. inside a name); the start changed.
    common = 0
    while common < min(len(original), len(candidate)) and original[-1 - common].lower() == candidate[-1 - common]:
        common += 1
    head = candidate[: len(candidate) - common]
    tail = original[len(original) - common :] if common else ""
    if original[:1].isupper():
        # The capital belongs at the start of the new word, not inside it ('Ardd' -> 'Gardd').
        tail = tail[:1].lower() + tail[1:] if common == len(original) else tail
        result = head + tail
        return result[:1].upper() + result[1:]
    return head + tail


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Mutations:
    file = Path(path) if path else DEFAULT_RULES
    return Mutations.from_data(json.loads(file.read_text(encoding="utf-8")))


def radicals(word: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """Every radical ``word`` may be a mutated form of (itself first when it may be unmutated)."""
    return load().radicals(word, known)


def forms(radical: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """``radical`` and every mutated form of it."""
    return load().forms(radical, known)


def lexicon(words: Iterable[str], rules: Mutations | None = None) -> frozenset[str]:
    """The Welsh vocabulary the expansion may propose: ``words`` (lower case) and the radical of
    every word in them that can only be a mutated form of one word ('nghymuned' adds 'cymuned',
    even where the text never writes 'cymuned' itself)."""
    rules = rules or load()
    known = {w.lower() for w in words}
    certain: set[str] = set()
    for word in known:
        # With an empty vocabulary only a certain radical survives (see Mutations.radicals).
        certain.update(r.lower() for r in rules.radicals(word, _nothing) if r.lower() != word)
    return frozenset(known | certain)


def _nothing(_word: str) -> bool:
    return False
