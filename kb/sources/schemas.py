"""Front-matter schemas (data/schemas/<type>.yml), with vocabulary fields filled in from data.

A schema marks a vocabulary field with ``x-vocabulary: NAME``; on loading, that field gets
``enum`` = the vocabulary's ids, so adding a term to a vocabulary file needs no schema change.
References to ``_common.yml#/$defs/NAME`` are inlined: contributors' schemas stay small.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.core import yamlload
from kb.sources.vocabularies import Vocabulary

COMMON = "_common.yml"


def schema_dir(root: Path) -> Path:
    return root / "data" / "schemas"


def _inline(node: Any, common: dict[str, Any], vocabs: dict[str, Vocabulary]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(f"{COMMON}#/$defs/"):
            name = ref.split("/")[-1]
            # An unknown name is reported by the data-file check (KB107 unknown-ref) before this is used.
            merged = {**copy.deepcopy(common.get(name) or {}), **{k: v for k, v in node.items() if k != "$ref"}}
            return _inline(merged, common, vocabs)
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref.split("/")[-1]
            return _inline(copy.deepcopy(common.get(name) or {}), common, vocabs)
        out = {k: _inline(v, common, vocabs) for k, v in node.items()}
        vocab_name = out.get("x-vocabulary")
        if isinstance(vocab_name, str) and vocab_name in vocabs:
            out["enum"] = vocabs[vocab_name].ids()
        return out
    if isinstance(node, list):
        return [_inline(v, common, vocabs) for v in node]
    return node


@dataclass(frozen=True)
class SchemaSources:
    """The schema files as written: the shared definitions and each content type's schema."""

    common: dict[str, Any]  # _common.yml's $defs
    types: dict[str, dict[str, Any]]  # content type name -> its schema file's data


def read_schema_sources(root: Path, read: Callable[[str], str | None] | None = None) -> SchemaSources:
    """The schema files under ``root``; ``read`` gives a file's text by its path from the root, if already read."""
    folder = schema_dir(root)

    def text(path: Path) -> str:
        found = read(path.relative_to(root).as_posix()) if read else None
        return found if found is not None else path.read_text(encoding="utf-8")

    common_raw = yamlload.safe_load(text(folder / COMMON)) or {}
    common_raw = common_raw if isinstance(common_raw, dict) else {}
    types: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yml")):
        if not path.name.startswith("_"):
            raw = yamlload.safe_load(text(path)) or {}
            types[path.stem] = raw if isinstance(raw, dict) else {}
    defs = common_raw.get("$defs")
    return SchemaSources(defs if isinstance(defs, dict) else {}, types)


def inline_schemas(sources: SchemaSources, vocabs: dict[str, Vocabulary]) -> dict[str, dict[str, Any]]:
    """Content type name (guide, case-study, page) -> self-contained JSON Schema."""
    return {name: _inline(raw, sources.common, vocabs) for name, raw in sources.types.items()}


def load_schemas(root: Path, vocabs: dict[str, Vocabulary]) -> dict[str, dict[str, Any]]:
    """Content type name (guide, case-study, page) -> self-contained JSON Schema."""
    return inline_schemas(read_schema_sources(root), vocabs)


def facet_fields(sources: SchemaSources, type_names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Content type -> {front-matter field: vocabulary name}, from the schemas' x-vocabulary marks."""
    out: dict[str, dict[str, str]] = {}
    for type_name in type_names:
        fields: dict[str, str] = {}
        for name, spec in sources.types.get(type_name, {}).get("properties", {}).items():
            if not isinstance(spec, dict):
                continue
            vocab = spec.get("x-vocabulary") or (spec.get("items") or {}).get("x-vocabulary")
            if isinstance(vocab, str):
                fields[name] = vocab
        out[type_name] = fields
    return out
