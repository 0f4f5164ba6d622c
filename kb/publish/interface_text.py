"""Interface words that neither Material's translations nor our own partials' data give
(data/ui/interface.yml): each key in every language, never English on a Welsh page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb.core import yamlload

INTERFACE_FILE = "data/ui/interface.yml"


def interface_text(raw: Any) -> dict[str, dict[str, str]]:
    """Key -> language -> text, from data/ui/interface.yml's parsed YAML."""
    raw = raw if isinstance(raw, dict) else {}
    return {str(k): {str(lang): str(text) for lang, text in v.items()} for k, v in raw.items() if isinstance(v, dict)}


def load_interface_text(root: Path) -> dict[str, dict[str, str]]:
    """Key -> language -> text, read now (a build uses its model's data files)."""
    path = root / INTERFACE_FILE
    return interface_text(yamlload.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None)


def text(strings: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """The key's text in ``lang``; a KeyError (a failed build) rather than another language's."""
    return strings[key][lang]
