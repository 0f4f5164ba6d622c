"""Interface words from a data/ui/*.yml file: every key in English and in Welsh.

A missing Welsh (or English) string is an error naming the file and key, never a silent fall-back
to the other language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.core import yamlload
from kb.sources.content import LANGS


class Words:
    """One language's strings for a template, read as ``ui.key`` or ``ui[key]``.

    Not a dict: Jinja looks up attributes first, so ``ui.clear`` on a dict would print the dict's
    own ``clear`` method instead of the string.
    """

    def __init__(self, strings: dict[str, str]) -> None:
        self._strings = strings

    def __getitem__(self, key: str) -> str:
        return self._strings[key]


@dataclass(frozen=True)
class UiText:
    file: str
    strings: dict[str, dict[str, str]]  # language -> key -> text

    def __call__(self, key: str, lang: str, **values: object) -> str:
        try:
            text = self.strings[lang][key]
        except KeyError:
            raise KeyError(f"{self.file} has no '{key}' for language '{lang}'") from None
        return text.format(**values) if values else text

    def counted(self, key: str, n: int, lang: str) -> str:
        """'{key}_one' for 1, else '{key}' with {n} filled in (Welsh uses the singular after a digit)."""
        return self(f"{key}_one", lang) if n == 1 else self(key, lang, n=n)

    def for_lang(self, lang: str) -> Words:
        return Words(self.strings[lang])


def ui_text(rel: str, raw: Any) -> UiText:
    """The strings of file ``rel`` from its parsed YAML (a build: kb.model.BuildModel.ui)."""
    raw = raw if isinstance(raw, dict) else {}
    return UiText(rel, {lang: {str(k): str(v) for k, v in (raw.get(lang) or {}).items()} for lang in LANGS})


def load_ui_text(root: Path, rel: str) -> UiText:
    """The strings of ``root/rel`` (e.g. 'data/ui/library.yml'), read now."""
    return ui_text(rel, yamlload.safe_load((root / rel).read_text(encoding="utf-8")))
