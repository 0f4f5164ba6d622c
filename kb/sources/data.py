"""The data files of a knowledge base (``data/``), each read at most once per build.

One ``DataFiles`` belongs to one build model (kb.model.BuildModel): every check, renderer and hook
of the build asks it, so a file is parsed once, on first use, however many pages need it, and a
new build (``mkdocs serve`` after an edit) starts from a new object: no cache to invalidate.
Loaders stay plain functions of the repository root (unit tests call them directly); this class
only decides that each runs once.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.problem import Problem
from kb.markdown.citations import CitationStyle, default_style, style_from_data
from kb.sources.bibliography import (
    BIBLIOGRAPHY_LOADER,
    MAX_BIBLIOGRAPHY_BYTES,
    ORGANISATIONS,
    Bibliography,
    parse_bibliography,
)
from kb.sources.files import decode_source
from kb.sources.parity_config import ParityConfig, load_config
from kb.sources.schemas import SchemaSources, facet_fields, inline_schemas, read_schema_sources
from kb.sources.translations import Lock, read_lock
from kb.sources.urls import ITEM_TYPES
from kb.sources.vocabularies import Vocabulary, read_vocabularies

# Data files read as plain YAML or JSON, by what they hold (paths relative to the repository root).
BIBLIOGRAPHY = "data/bibliography.yml"
BIBLIOGRAPHY_SCHEMA = "data/schemas/_bibliography.yml"
PARITY = "data/parity.yml"
CASE_STUDY_UI = "data/ui/case-studies.yml"
CITATION_UI = "data/ui/citations.yml"
SEARCH_UI = "data/ui/search.yml"
TILE_MAP = "data/wales-tile-map.yml"
NAVIGATION = "data/navigation.yml"
SAFE_HTML = "data/safe-html.yml"
REDIRECTS = "data/redirects.yml"
PUBLISHED_URLS = "data/published-urls.txt"
SEARCH_MUTATIONS = "data/search/mutations.json"
SEARCH_RANKING = "data/search/ranking.yml"
SEARCH_STOPWORDS = "data/search/stopwords.yml"
API_SCHEMA = "data/api/items.schema.json"

# How each YAML file is parsed, when not as plain YAML: the bibliography leaves dates as text.
_LOADERS: dict[str, type] = {BIBLIOGRAPHY: BIBLIOGRAPHY_LOADER}


class DataFiles:
    """Every data file the build uses, loaded on first use and kept for the build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._bytes: dict[str, bytes | None] = {}
        self._parsed: dict[str, Any] = {}
        self._documents: dict[str, tuple[yaml.Node | None, Any]] = {}

    # --- files read as they are: each file is read from disk here, once -----------------------

    def bytes(self, rel: str) -> bytes | None:
        """The bytes of file ``rel`` (relative to the root; None when it does not exist)."""
        if rel not in self._bytes:
            path = self.root / rel
            self._bytes[rel] = path.read_bytes() if path.is_file() else None
        return self._bytes[rel]

    def text(self, rel: str) -> str | None:
        """The UTF-8 text of file ``rel`` (None when it does not exist; UnicodeDecodeError if not UTF-8)."""
        data = self.bytes(rel)
        return data.decode("utf-8") if data is not None else None

    def decoded(self, rel: str) -> str | None:
        """The text, or None when the file is missing or not UTF-8 (KB107 reports that, at its line)."""
        try:
            return self.text(rel)
        except UnicodeDecodeError:
            return None

    def document(self, rel: str) -> tuple[yaml.Node | None, Any]:
        """YAML file ``rel`` parsed once: its node tree (the line of every value) and its data.

        (None, None) when it does not exist; yaml.YAMLError when it is not valid YAML.
        """
        if rel not in self._documents:
            text = self.text(rel)
            loader = _LOADERS.get(rel, yaml.SafeLoader)
            self._documents[rel] = yamlload.compose_and_load(text, loader) if text is not None else (None, None)
        return self._documents[rel]

    def node(self, rel: str) -> yaml.Node | None:
        """The node tree of YAML file ``rel``, or None when it is missing, not UTF-8 or not valid YAML."""
        try:
            return self.document(rel)[0]
        except (yaml.YAMLError, UnicodeDecodeError):
            return None

    def yaml(self, rel: str) -> Any:
        """The parsed YAML of file ``rel`` (None when it does not exist or is empty)."""
        return self.document(rel)[1]

    def json(self, rel: str) -> Any:
        if rel not in self._parsed:
            text = self.text(rel)
            self._parsed[rel] = json.loads(text) if text is not None else None
        return self._parsed[rel]

    # --- files with their own loaders ---------------------------------------------------------

    @cached_property
    def _vocabularies(self) -> tuple[dict[str, Vocabulary], list[Problem]]:
        return read_vocabularies(self.root, self.document)

    @property
    def vocabularies(self) -> dict[str, Vocabulary]:
        return self._vocabularies[0]

    @property
    def vocabulary_problems(self) -> list[Problem]:
        return self._vocabularies[1]

    @cached_property
    def schema_sources(self) -> SchemaSources:
        return read_schema_sources(self.root, self.text)

    @cached_property
    def schemas(self) -> dict[str, dict[str, Any]]:
        """Content type -> self-contained JSON Schema (vocabulary fields filled in)."""
        return inline_schemas(self.schema_sources, self.vocabularies)

    @cached_property
    def facet_fields(self) -> dict[str, dict[str, str]]:
        """Content type -> {front-matter field: vocabulary name}."""
        return facet_fields(self.schema_sources, ITEM_TYPES)

    @cached_property
    def bibliography(self) -> Bibliography:
        raw = self.bytes(BIBLIOGRAPHY)
        if raw is None:
            return Bibliography(exists=False)
        source = decode_source(raw, BIBLIOGRAPHY, MAX_BIBLIOGRAPHY_BYTES)
        if source.text is None:
            return Bibliography(problems=source.problems)
        schema = self.yaml(BIBLIOGRAPHY_SCHEMA)
        # The node tree the other checks read too, when the file needed no normalising (BOM, CRLF, NFC).
        parsed = None
        if source.text == self.decoded(BIBLIOGRAPHY) and self.node(BIBLIOGRAPHY) is not None:
            parsed = self.document(BIBLIOGRAPHY)
        bib = parse_bibliography(source.text, schema if isinstance(schema, dict) else {}, parsed=parsed)
        bib.problems[:0] = source.problems
        bib.organisations = self.vocabularies.get(ORGANISATIONS)
        return bib

    @cached_property
    def citation_style(self) -> CitationStyle:
        """The words of citations and reference lists (data/ui/citations.yml, else the project's own)."""
        raw = self.yaml(CITATION_UI)
        return style_from_data(raw) if raw is not None else default_style()

    @cached_property
    def parity(self) -> ParityConfig:
        if self.node(PARITY) is not None:
            return load_config(self.root, self.decoded(PARITY), raw=self.yaml(PARITY))  # the text: for lines
        return load_config(self.root, self.decoded(PARITY))  # missing or broken: the loader says why

    @cached_property
    def lock(self) -> Lock:
        return read_lock(self.root, self.parity, self.decoded(self.parity.lock_file))
