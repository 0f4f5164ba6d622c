"""The one bibliography, ``data/bibliography.yml`` (a CSL-YAML list), read with the line of every field.

What each entry must hold is data, not code: ``data/schemas/_bibliography.yml`` is a JSON Schema
for one entry whose ``x-required-by-type`` lists the fields each CSL type needs. Every problem
points at ``data/bibliography.yml:<line>`` so a contributor can go straight to the entry.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jsonschema import Draft202012Validator

from kb.core import yamlload
from kb.core.problem import Problem, problem
from kb.sources.files import decode_source, read_source

RULES = (
    "bibliography-missing-field",
    "bibliography-duplicate-id",
    "bibliography-url",
    "bibliography-unused",
    "bibliography-format",
)

BIBLIOGRAPHY_FILE = "data/bibliography.yml"
SCHEMA_FILE = "data/schemas/_bibliography.yml"
# A bibliography of a few hundred sources is tens of kilobytes; allow plenty of growth.
MAX_BIBLIOGRAPHY_BYTES = 2_000_000

# Hints for the fields whose shape contributors most often get wrong, by top-level field.
_SHAPE_HINTS = {
    "author": "Write each name as '- family: Lent' with 'given: Adam', or '- literal: Welsh Government' for an organisation.",
    "editor": "Write each name as '- family: Lent' with 'given: Adam', or '- literal: Welsh Government' for an organisation.",
    "issued": "Write the date as 'issued: {date-parts: [[2020, 5, 3]]}' (year, month, day; month and day optional), "
    "or 'issued: {literal: \"n.d.\"}' when there is none.",
    "accessed": "Write the date as 'accessed: {date-parts: [[2024, 5, 3]]}' (year, month, day).",
    "id": "Use letters, digits and hyphens, e.g. 'lent-studdert-2019-community-paradigm'.",
}


class _StringDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so the schema (not YAML) judges them."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Entry:
    """One source. ``line`` is the line of its first field (the '- id:' line)."""

    id: str
    data: dict[str, Any]
    line: int
    # Dotted field path ("title", "author.0.family") -> 1-based line in the file.
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.line

    @property
    def type(self) -> str:
        value = self.data.get("type")
        return value if isinstance(value, str) else ""


@dataclass
class Bibliography:
    path: str = BIBLIOGRAPHY_FILE
    # By id, in file order; for a duplicated id, the first entry.
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    exists: bool = True
    # The file is a list of entries (whatever is wrong inside them), and every id written in it.
    readable: bool = False
    ids_written: set[str] = field(default_factory=set)

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def ids(self) -> list[str]:
        return list(self.entries)

    def suggest(self, key: str) -> str | None:
        """The id closest to a mistyped key, if any is close."""
        close = difflib.get_close_matches(key, self.ids(), n=1, cutoff=0.6)
        return close[0] if close else None


def _map_lines(node: yaml.Node, prefix: str, out: dict[str, int], dupes: list[tuple[str, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}.{key}" if prefix else key
            line = key_node.start_mark.line + 1
            if key in seen:
                dupes.append((dotted, line))
            seen.add(key)
            out[dotted] = line
            _map_lines(value_node, dotted, out, dupes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            dotted = f"{prefix}.{i}" if prefix else str(i)
            out[dotted] = item.start_mark.line + 1
            _map_lines(item, dotted, out, dupes)


def load_schema(root: Path) -> dict[str, Any]:
    """The entry schema; an empty schema (no requirements) if the file is absent."""
    path = root / SCHEMA_FILE
    if not path.is_file():
        return {}
    raw = yamlload.safe_load(path.read_text(encoding="utf-8"))
    return raw if isinstance(raw, dict) else {}


def required_by_type(schema: dict[str, Any]) -> dict[str, list[str | list[str]]]:
    raw = schema.get("x-required-by-type") or {}
    return {str(k): list(v or []) for k, v in raw.items()}


def _show_path(path: list[str | int]) -> str:
    return ".".join(str(p) for p in path)


def _check_url(entry: Entry, rel_path: str) -> list[Problem]:
    url = entry.data.get("URL")
    if not isinstance(url, str):
        return []
    parts = urlsplit(url.strip())
    wrong = ""
    if url != url.strip() or any(c.isspace() for c in url.strip()):
        wrong = "it contains spaces"
    elif parts.scheme == "http":
        wrong = "it uses http, not https"
    elif parts.scheme != "https":
        wrong = "it is not an absolute address starting with https://"
    elif not parts.hostname or "." not in parts.hostname:
        wrong = "it has no valid host name after https://"
    if not wrong:
        return []
    return [
        problem(
            "bibliography-url",
            rel_path,
            entry.line_of("URL"),
            f"the URL of '{entry.id}' is '{url}': {wrong}.",
            "Copy the full address from the browser's address bar (https://…); if the source has no "
            "reliable https address, delete the URL line rather than guess one.",
        )
    ]


def _check_entry(
    entry: Entry, validator: Draft202012Validator, by_type: dict[str, list[str | list[str]]], rel_path: str
) -> list[Problem]:
    problems: list[Problem] = []
    # An empty field ('title:' with nothing after it) is a missing field, said the same way.
    data = {k: v for k, v in entry.data.items() if v is not None and v != "" and v != []}
    missing: list[str] = []
    other_errors = []
    for err in validator.iter_errors(data):
        if err.validator == "required" and not err.absolute_path:
            missing.append(str(err.message).split("'")[1] if "'" in err.message else str(err.message))
        else:
            other_errors.append(err)
    type_name = data.get("type")
    if isinstance(type_name, str) and by_type:
        if type_name not in by_type:
            close = difflib.get_close_matches(type_name, list(by_type), n=1, cutoff=0.6)
            mean = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                problem(
                    "bibliography-format",
                    rel_path,
                    entry.line_of("type"),
                    f"the type of '{entry.id}' is '{type_name}', which is not a CSL type this site knows.{mean}",
                    f"Use one of: {', '.join(sorted(by_type))} (see {SCHEMA_FILE}).",
                )
            )
        else:
            for need in by_type[type_name]:
                options = [need] if isinstance(need, str) else list(need)
                if not any(opt in data for opt in options) and not any(opt in missing for opt in options):
                    missing.append("' or '".join(options))
    if missing:
        fields = "; ".join(f"'{m}'" for m in missing)
        kind = f" (type '{type_name}')" if isinstance(type_name, str) and type_name else ""
        problems.append(
            problem(
                "bibliography-missing-field",
                rel_path,
                entry.line,
                f"the entry '{entry.id}'{kind} has no {fields}.",
                f"Add {'it' if len(missing) == 1 else 'them'} to the entry, copied from the source itself "
                f"(the fields each type needs are listed in {SCHEMA_FILE}).",
            )
        )
    # One problem per field: jsonschema may report a field several ways (type, then oneOf).
    other_errors.sort(key=lambda e: (_show_path(list(e.absolute_path)), e.validator in ("anyOf", "oneOf")))
    said: set[str] = set()
    for err in other_errors:
        where = _show_path(list(err.absolute_path))
        top = str(err.absolute_path[0]) if err.absolute_path else ""
        if (top == "URL" and isinstance(data.get("URL"), str)) or where in said:
            continue  # _check_url says it better; one problem per field is enough
        said.add(where)
        # anyOf/oneOf messages quote the schema, not the contributor's mistake; the hint explains.
        detail = "" if err.validator in ("anyOf", "oneOf") else f" ({err.message})"
        problems.append(
            problem(
                "bibliography-format",
                rel_path,
                entry.line_of(where),
                f"in '{entry.id}', the field '{where or 'entry'}' is not in the expected form{detail}.",
                _SHAPE_HINTS.get(top, f"See {SCHEMA_FILE} for the form of each field."),
            )
        )
    problems.extend(_check_url(entry, rel_path))
    return problems


def parse_bibliography(text: str, schema: dict[str, Any], rel_path: str = BIBLIOGRAPHY_FILE) -> Bibliography:
    """Parse and check the bibliography's text. Never raises; problems say what is wrong."""
    bib = Bibliography(path=rel_path)
    try:
        # One parse (libyaml when available) gives both the lines and the data.
        node, data = yamlload.compose_and_load(text, _StringDatesLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        bib.problems.append(
            problem(
                "bibliography-format",
                rel_path,
                line,
                f"the bibliography is not valid YAML ({what}).",
                "Check the indentation (spaces, not tabs), the '- ' before each entry, and quote titles "
                "that contain ': ' or start with a special character.",
            )
        )
        return bib
    if data is None:
        return bib
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        bib.problems.append(
            problem(
                "bibliography-format",
                rel_path,
                1,
                f"the bibliography must be a list of entries, each starting with '- id:', not a {type(data).__name__}.",
                "Start each entry with '- id: some-key' at the left margin.",
            )
        )
        return bib
    bib.readable = True
    bib.ids_written = {str(e["id"]) for e in data if isinstance(e, dict) and "id" in e}
    validator = Draft202012Validator(schema)
    by_type = required_by_type(schema)
    first_line: dict[str, int] = {}
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            bib.problems.append(
                problem(
                    "bibliography-format",
                    rel_path,
                    line,
                    f"this entry is a {type(item).__name__}, not a set of 'field: value' lines.",
                    "Write each entry as '- id: key' followed by indented 'type:', 'title:', … lines.",
                )
            )
            continue
        lines: dict[str, int] = {}
        dupes: list[tuple[str, int]] = []
        _map_lines(item_node, "", lines, dupes)
        raw_id = item.get("id")
        entry_id = str(raw_id) if raw_id is not None else f"(entry at line {line})"
        entry = Entry(entry_id, {str(k): v for k, v in item.items()}, line, lines)
        for dotted, dupe_line in dupes:
            bib.problems.append(
                problem(
                    "bibliography-format",
                    rel_path,
                    dupe_line,
                    f"in '{entry_id}', the field '{dotted}' appears twice; only the last one would count.",
                    "Keep one of them and delete the other.",
                )
            )
        bib.problems.extend(_check_entry(entry, validator, by_type, rel_path))
        if not isinstance(raw_id, str) or not raw_id:
            continue
        if raw_id in first_line:
            bib.problems.append(
                problem(
                    "bibliography-duplicate-id",
                    rel_path,
                    entry.line_of("id"),
                    f"the id '{raw_id}' is already used by the entry at line {first_line[raw_id]}.",
                    "If both are the same source, delete one; otherwise give this one its own id "
                    "(e.g. add a year or a word from the title).",
                )
            )
            continue
        first_line[raw_id] = entry.line_of("id")
        bib.entries[raw_id] = entry
    return bib


def load_bibliography(root: Path, data: bytes | None = None, schema: dict[str, Any] | None = None) -> Bibliography:
    """Read and check ``data/bibliography.yml`` under ``root`` (an absent file is an empty bibliography).

    ``data`` and ``schema``: the file's bytes and its entry schema, when already read.
    """
    path = root / BIBLIOGRAPHY_FILE
    if data is None and not path.is_file():
        return Bibliography(exists=False)
    if data is None:
        source = read_source(path, BIBLIOGRAPHY_FILE, MAX_BIBLIOGRAPHY_BYTES)
    else:
        source = decode_source(data, BIBLIOGRAPHY_FILE, MAX_BIBLIOGRAPHY_BYTES)
    if source.text is None:
        return Bibliography(problems=source.problems)
    bib = parse_bibliography(source.text, schema if schema is not None else load_schema(root))
    bib.problems[:0] = source.problems
    return bib


def unused_problems(bib: Bibliography, used: set[str]) -> list[Problem]:
    """A warning for each entry no page cites."""
    return [
        problem(
            "bibliography-unused",
            bib.path,
            entry.line,
            f"no page cites '{entry.id}'.",
            f"Cite it where it is used ([@{entry.id}]), or delete the entry if no page relies on it.",
        )
        for entry in bib.entries.values()
        if entry.id not in used
    ]
