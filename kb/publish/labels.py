"""A page's vocabulary values as labels in the page's language (themes, legislation, …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.sources.data import DataFiles
from kb.sources.vocabularies import Vocabulary


@dataclass(frozen=True)
class LabelRow:
    field: str
    label: str  # the vocabulary's name in the page language ("Thema")
    values: tuple[str, ...]  # each term's label in the page language
    # Each value's link to the list filtered by it (kb.publish.label_links), None when unlinked.
    hrefs: tuple[str | None, ...] = ()

    def linked(self) -> list[tuple[str, str | None]]:
        """(label, href or None) for each value, for the template."""
        hrefs = self.hrefs or (None,) * len(self.values)
        return list(zip(self.values, hrefs, strict=True))


@dataclass(frozen=True)
class Labeller:
    """What labelling needs, read once per build (not once per page)."""

    vocab_of: dict[str, dict[str, str]]  # content type -> field -> vocabulary name
    vocabs: dict[str, Vocabulary]

    @classmethod
    def load(cls, root: Path) -> Labeller:
        """From the files under ``root`` (a build uses kb.model.BuildModel.labeller instead)."""
        data = DataFiles(root)
        return cls(data.facet_fields, data.vocabularies)

    def rows(
        self,
        meta: Mapping[str, Any],
        lang: str,
        fields: tuple[str, ...],
        link: Callable[[str, str], str | None] | None = None,
    ) -> list[LabelRow]:
        """Rows for the given front-matter fields, in that order, skipping empty or unknown ones.

        ``link(field, term_id)`` gives a value's link, if it has one.
        """
        vocab_of = self.vocab_of.get(str(meta.get("type", "")), {})
        rows: list[LabelRow] = []
        for field in fields:
            vocab = self.vocabs.get(vocab_of.get(field, ""))
            raw = meta.get(field)
            values = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) else []
            if vocab is None or not values:
                continue
            known = [str(v) for v in values if vocab.get(str(v))]
            labels = tuple(vocab.term_label(v, lang) for v in known)
            hrefs = tuple(link(field, v) for v in known) if link else ()
            if labels:
                rows.append(LabelRow(field, vocab.label(lang), labels, hrefs))
        return rows
