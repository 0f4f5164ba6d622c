"""Controlled vocabularies (data/vocabularies/*.yml): stable term ids with English and Welsh labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.messages import Param
from kb.core.problem import Problem, problem, rule_message
from kb.core.yamlload import yaml_error_message

RULES = ("vocabulary",)


def vocabulary_problem(path: str, line: int, key: str, /, **params: Param) -> Problem:
    """A vocabulary file, or a value outside a vocabulary (the front-matter checks find those)."""
    return problem("vocabulary", path, line, rule_message("vocabulary", key, **params))


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


def _vocabulary(raw: Any) -> Vocabulary | None:
    if not isinstance(raw, dict) or "name" not in raw:
        return None
    # A term without a label is reported by _term_problems; it still loads, so nothing crashes.
    terms = tuple(
        Term(
            str(t.get("id", "")),
            str(t.get("en", "")),
            str(t.get("cy", "")),
            tuple(str(a) for a in t.get("also") or ()) if isinstance(t.get("also"), list) else (),
        )
        for t in (raw["terms"] if isinstance(raw.get("terms"), list) else [])
        if isinstance(t, dict)
    )
    name = str(raw["name"])
    label = raw.get("label")
    label = label if isinstance(label, dict) else {}
    return Vocabulary(name, str(label.get("en", name)), str(label.get("cy", name)), terms)


# A term id goes into addresses, query strings, data attributes and file names: plain ASCII words
# joined by single '-' or '.' ('community-action', 'CC-BY-4.0').
TERM_ID = re.compile(r"^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$")


def _term_problems(node: yaml.Node | None, rel: str) -> list[Problem]:
    """Every term has a unique id, both an English and a Welsh label, and other names as a list."""
    problems: list[Problem] = []
    if not isinstance(node, yaml.MappingNode):
        return problems  # not a vocabulary at all: the data-file check (KB107) says so
    terms_node = next((v for k, v in node.value if getattr(k, "value", None) == "terms"), None)
    seen: set[str] = set()
    for item in terms_node.value if isinstance(terms_node, yaml.SequenceNode) else []:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        line = item.start_mark.line + 1
        term_id = getattr(fields.get("id"), "value", None)
        for lang in ("id", "en", "cy"):
            value = getattr(fields.get(lang), "value", "")
            if not isinstance(value, str) or not value.strip():
                problems.append(problem("vocabulary", rel, line, "term-incomplete", term=str(term_id), field=lang))
        also = fields.get("also")
        if also is not None and not (
            isinstance(also, yaml.SequenceNode)
            and all(isinstance(n, yaml.ScalarNode) and n.value.strip() for n in also.value)
        ):
            problems.append(problem("vocabulary", rel, also.start_mark.line + 1, "term-also", term=str(term_id)))
        if isinstance(term_id, str) and term_id.strip() and not TERM_ID.match(term_id):
            problems.append(problem("vocabulary", rel, fields["id"].start_mark.line + 1, "term-id-form", term=term_id))
        if term_id in seen:
            problems.append(problem("vocabulary", rel, line, "term-twice", term=str(term_id)))
        seen.add(str(term_id))
    return problems


def read_vocabularies(
    root: Path, document: Callable[[str], tuple[yaml.Node | None, Any]] | None = None
) -> tuple[dict[str, Vocabulary], list[Problem]]:
    """All vocabularies by name, and what is wrong in their files: one parse of each file.

    ``document`` gives a file's node tree and data by its path from the root, when the build parses
    its data files itself (kb.sources.data). A file that is not valid YAML is a problem, and its
    vocabulary is left out.
    """
    vocabs: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    folder = vocab_dir(root)
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            if document is not None:
                node, raw = document(rel)
            else:
                node, raw = yamlload.compose_and_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            problems.append(
                problem("vocabulary", rel, (mark.line + 1) if mark else 1, "file-invalid-yaml", what=yaml_error_message(err))
            )
            continue
        except UnicodeDecodeError:
            continue  # the data-file check (KB107) reports it at its line
        problems.extend(_term_problems(node, rel))
        vocab = _vocabulary(raw)
        if vocab is not None:
            vocabs[vocab.name] = vocab
    return vocabs, problems


def load_vocabularies(root: Path) -> dict[str, Vocabulary]:
    """All vocabularies by name (a build reads them once, through kb.sources.data.DataFiles)."""
    return read_vocabularies(root)[0]


def check_vocabulary_files(root: Path) -> list[Problem]:
    """Every term has a unique id and both an English and a Welsh label."""
    return read_vocabularies(root)[1]
