"""A page body rendered to HTML exactly as the build's Markdown converter renders it.

The safe-HTML check judges this output (not a guess at it from the Markdown source): the same
Python-Markdown with the same extensions and settings as ``markdown_extensions`` in mkdocs.yml,
read from there so the two never drift apart. Settings that are Python objects in mkdocs.yml
(the heading slug function) only change ids, so they are left out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: any tag (!ENV, !!python/...) gives None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class TooDeep(Exception):
    """The converter ran out of recursion depth on this body (nesting the complexity check missed)."""


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    return value


def extensions_from_config(text: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(extension names, their settings) from the text of mkdocs.yml."""
    raw = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    entries = raw.get("markdown_extensions") if isinstance(raw, dict) else None
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, settings in entry.items():
                names.append(str(name))
                if isinstance(settings, dict):
                    configs[str(name)] = _without_none(settings)
    return names, configs


@lru_cache(maxsize=4)
def _converter(config_text: str) -> markdown.Markdown:
    names, configs = extensions_from_config(config_text)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def converter_for_root(root: Path) -> markdown.Markdown:
    path = root / "mkdocs.yml"
    return _converter(path.read_text(encoding="utf-8") if path.is_file() else "")


def render(body: str, md: markdown.Markdown) -> str:
    """The HTML of ``body``; raises TooDeep instead of RecursionError."""
    try:
        return md.reset().convert(body)
    except RecursionError:
        raise TooDeep from None
