"""Controlled vocabularies (data/vocabularies/*.yml): stable term ids with English and Welsh labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kb.core import yamlload
from kb.core.problem import Problem, problem


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    cy: str
    # Other names in use for the same thing (organisations: older forms, a name with a
    # descriptor), so checks can recognise them; never shown.
    also: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.cy if lang == "cy" else self.en

    def has_own_welsh_label(self) -> bool:
        """False when the Welsh label is the English one (an organisation with no Welsh name)."""
        return self.cy != self.en

    def is_named(self, name: str) -> bool:
        folded = " ".join(name.split()).casefold()
        return any(folded == " ".join(n.split()).casefold() for n in (self.en, self.cy, *self.also))


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label_en: str
    label_cy: str
    terms: tuple[Term, ...]

    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def get(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def label(self, lang: str) -> str:
        return self.label_cy if lang == "cy" else self.label_en

    def term_label(self, term_id: str, lang: str) -> str:
        term = self.get(term_id)
        return term.label(lang) if term else term_id

    def named(self, name: str) -> Term | None:
        """The term whose English or Welsh label (or other known name) is `name`, ignoring case."""
        return next((t for t in self.terms if t.is_named(name)), None)


def vocab_dir(root: Path) -> Path:
    return root / "data" / "vocabularies"


@lru_cache(maxsize=8)
def _load_cached(folder: str, stamp: tuple[tuple[str, float], ...]) -> dict[str, Vocabulary]:
    vocabs: dict[str, Vocabulary] = {}
    for name, _ in stamp:
        raw = yamlload.safe_load((Path(folder) / name).read_text(encoding="utf-8")) or {}
        terms = tuple(
            Term(str(t["id"]), str(t["en"]), str(t["cy"]), tuple(str(a) for a in t.get("also") or ()))
            for t in raw.get("terms", [])
        )
        label = raw.get("label", {})
        vocabs[raw["name"]] = Vocabulary(raw["name"], label.get("en", raw["name"]), label.get("cy", raw["name"]), terms)
    return vocabs


def load_vocabularies(root: Path) -> dict[str, Vocabulary]:
    """All vocabularies by name; re-read when a file changes (mkdocs serve keeps the process)."""
    folder = vocab_dir(root)
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    stamp = tuple((f.name, f.stat().st_mtime) for f in files)
    return _load_cached(str(folder), stamp)


def check_vocabulary_files(root: Path) -> list[Problem]:
    """Every term has a unique id and both an English and a Welsh label."""
    problems: list[Problem] = []
    folder = vocab_dir(root)
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            node = yamlload.compose(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            problems.append(
                problem(
                    "vocabulary",
                    rel,
                    (mark.line + 1) if mark else 1,
                    f"the vocabulary file is not valid YAML: {err}",
                    "Fix the YAML syntax.",
                )
            )
            continue
        terms_node = next((v for k, v in getattr(node, "value", []) if getattr(k, "value", None) == "terms"), None)
        seen: set[str] = set()
        for item in getattr(terms_node, "value", []):
            fields = {k.value: v for k, v in getattr(item, "value", []) if isinstance(k, yaml.ScalarNode)}
            line = item.start_mark.line + 1
            term_id = getattr(fields.get("id"), "value", None)
            for lang in ("id", "en", "cy"):
                value = getattr(fields.get(lang), "value", "")
                if not isinstance(value, str) or not value.strip():
                    problems.append(
                        problem(
                            "vocabulary",
                            rel,
                            line,
                            f"term '{term_id}' has no '{lang}'.",
                            "Give every term an id and both labels (en and cy).",
                        )
                    )
            also = fields.get("also")
            if also is not None and not (
                isinstance(also, yaml.SequenceNode)
                and all(isinstance(n, yaml.ScalarNode) and n.value.strip() for n in also.value)
            ):
                problems.append(
                    problem(
                        "vocabulary",
                        rel,
                        also.start_mark.line + 1,
                        f"term '{term_id}' has an 'also' that is not a list of names.",
                        "Write other names in use as a list, e.g. also: [Name one, Name two].",
                    )
                )
            if term_id in seen:
                problems.append(
                    problem(
                        "vocabulary",
                        rel,
                        line,
                        f"term id '{term_id}' appears twice.",
                        "Term ids must be unique within a vocabulary.",
                    )
                )
            seen.add(str(term_id))
    return problems
