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
from kb.core.messages import Joined, msg
from kb.core.problem import Problem, problem
from kb.core.yamlload import yaml_error_message
from kb.sources.files import decode_source, read_source
from kb.sources.vocabularies import Vocabulary, vocabulary_problem

RULES = (
    "bibliography-missing-field",
    "bibliography-duplicate-id",
    "bibliography-url",
    "bibliography-unused",
    "bibliography-format",
    "bibliography-welsh-name",
)

BIBLIOGRAPHY_FILE = "data/bibliography.yml"
SCHEMA_FILE = "data/schemas/_bibliography.yml"
# A bibliography of a few hundred sources is tens of kilobytes; allow plenty of growth.
MAX_BIBLIOGRAPHY_BYTES = 2_000_000

# Hints for the fields whose shape contributors most often get wrong, by top-level field.
# Fields whose form contributors most often get wrong have their own message (data/messages.yml).
_SHAPED_FIELDS = ("author", "editor", "issued", "accessed", "id", "publisher", "cy", "en")
ORGANISATIONS = "organisations"
# Fields a version in another language may have of its own ('cy:' / 'en:' in an entry).
VERSION_LANGS = ("en", "cy")
# Fields naming people or bodies: a list of names ('- org: id' for a body in the vocabulary).
NAME_FIELDS = ("author", "editor")


class _StringDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so the schema (not YAML) judges them."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# The loader the bibliography is parsed with (kb.sources.data parses it once, with this).
BIBLIOGRAPHY_LOADER = _StringDatesLoader


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
    # data/vocabularies/organisations.yml: the names of '{org: id}' authors and publishers.
    organisations: Vocabulary | None = None

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def organisation_name(self, org_id: str, lang: str) -> str:
        term = self.organisations.get(org_id) if self.organisations else None
        return term.label(lang) if term else org_id

    def _organisation(self, org_id: str, lang: str) -> dict[str, str]:
        """A body as a CSL literal name in ``lang``; '_name_lang' says when the name is in that
        language (its own Welsh name), so the reference list may mutate it ('a Chyngor …')."""
        term = self.organisations.get(org_id) if self.organisations else None
        name = {"literal": term.label(lang) if term else org_id}
        if term is not None and (lang == "en" or term.has_own_welsh_label()):
            name["_name_lang"] = lang
        return name

    def in_language(self, entry: Entry, lang: str) -> dict[str, Any]:
        """The entry's fields as a reference list in ``lang`` shows them.

        The version in ``lang`` (its 'cy:' block) replaces the fields it has: a Welsh title is then
        in Welsh ('language' says so), a Welsh address is the Welsh text's. Organisations become
        their name in ``lang``. Blocks of other languages are dropped.
        """
        data = {k: v for k, v in entry.data.items() if k not in VERSION_LANGS}
        # The languages of the address's text and of the container's title (the source's own,
        # unless this version has its own).
        own = str(entry.data.get("language") or "en")
        data["_url_lang"] = data["_container_lang"] = own
        version = entry.data.get(lang)
        if isinstance(version, dict):
            data.update(version)
            if "title" in version:
                data["language"] = lang
            if "URL" in version:
                data["_url_lang"] = lang
            if "container-title" in version:
                data["_container_lang"] = lang
        for key in NAME_FIELDS:
            names = data.get(key)
            if isinstance(names, list):
                data[key] = [self._organisation(str(n["org"]), lang) if isinstance(n, dict) and "org" in n else n for n in names]
        publisher = data.get("publisher")
        if isinstance(publisher, dict) and "org" in publisher:
            data["publisher"] = self.organisation_name(str(publisher["org"]), lang)
        return data

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


def _check_url(entry: Entry, rel_path: str, key: str = "URL") -> list[Problem]:
    """The entry's address, or (key 'cy.URL') the address of its version in another language."""
    holder = entry.data.get(key.split(".")[0]) if "." in key else entry.data
    url = holder.get("URL") if isinstance(holder, dict) else None
    if not isinstance(url, str):
        return []
    parts = urlsplit(url.strip())
    wrong = ""
    if url != url.strip() or any(c.isspace() for c in url.strip()):
        wrong = "url-spaces"
    elif parts.scheme == "http":
        wrong = "url-http"
    elif parts.scheme != "https":
        wrong = "url-not-absolute"
    elif not parts.hostname or "." not in parts.hostname:
        wrong = "url-no-host"
    if not wrong:
        return []
    why = msg(f"terms.{wrong}")
    if key != "URL":
        return [problem("bibliography-url", rel_path, entry.line_of(key), "bad-version-url", id=entry.id, field=key, url=url, why=why)]
    return [problem("bibliography-url", rel_path, entry.line_of("URL"), "bad-url", id=entry.id, url=url, why=why)]


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
            problems.append(
                problem(
                    "bibliography-format", rel_path, entry.line_of("type"), "unknown-type",
                    id=entry.id, type=type_name, suggestion=msg("terms.did-you-mean", value=close[0]) if close else "",
                    choices=", ".join(sorted(by_type)), schema=SCHEMA_FILE,
                )
            )
        else:
            for need in by_type[type_name]:
                options = [need] if isinstance(need, str) else list(need)
                if not any(opt in data for opt in options) and not any(opt in missing for opt in options):
                    missing.append("' or '".join(options))
    if missing:
        fields = Joined(tuple(msg("terms.either", a=m.split("' or '")[0], b=m.split("' or '")[1]) if "' or '" in m else f"'{m}'" for m in missing), "; ")
        if isinstance(type_name, str) and type_name:
            problems.append(
                problem(
                    "bibliography-missing-field", rel_path, entry.line, "missing",
                    id=entry.id, type=type_name, fields=fields, schema=SCHEMA_FILE,
                )
            )
        else:
            problems.append(
                problem("bibliography-missing-field", rel_path, entry.line, "missing-untyped", id=entry.id, fields=fields, schema=SCHEMA_FILE)
            )
    # One problem per field: jsonschema may report a field several ways (type, then oneOf).
    other_errors.sort(key=lambda e: (_show_path(list(e.absolute_path)), e.validator in ("anyOf", "oneOf")))
    said: set[str] = set()
    for err in other_errors:
        where = _show_path(list(err.absolute_path))
        top = str(err.absolute_path[0]) if err.absolute_path else ""
        url_of_version = where.endswith(".URL") and top in VERSION_LANGS
        if (top == "URL" and isinstance(data.get("URL"), str)) or url_of_version or where in said:
            continue  # _check_url says it better; one problem per field is enough
        said.add(where)
        # jsonschema's own words quote the schema, not the contributor's mistake; the fix explains.
        line = entry.line_of(where)
        if top in _SHAPED_FIELDS:
            problems.append(problem("bibliography-format", rel_path, line, f"form-{top}", id=entry.id, field=where))
        else:
            problems.append(problem("bibliography-format", rel_path, line, "form", id=entry.id, field=where or "entry", schema=SCHEMA_FILE))
    problems.extend(_check_url(entry, rel_path))
    for lang in VERSION_LANGS:
        problems.extend(_check_url(entry, rel_path, f"{lang}.URL"))
    return problems


def parse_bibliography(
    text: str, schema: dict[str, Any], rel_path: str = BIBLIOGRAPHY_FILE, parsed: tuple[Any, Any] | None = None
) -> Bibliography:
    """Parse and check the bibliography's text. Never raises; problems say what is wrong.

    ``parsed``: the text's node tree and data, when already parsed (with BIBLIOGRAPHY_LOADER).
    """
    bib = Bibliography(path=rel_path)
    try:
        # One parse (libyaml when available) gives both the lines and the data.
        node, data = parsed if parsed is not None else yamlload.compose_and_load(text, _StringDatesLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        bib.problems.append(problem("bibliography-format", rel_path, line, "invalid-yaml", what=yaml_error_message(err)))
        return bib
    if data is None:
        return bib
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        bib.problems.append(problem("bibliography-format", rel_path, 1, "not-a-list"))
        return bib
    bib.readable = True
    bib.ids_written = {str(e["id"]) for e in data if isinstance(e, dict) and "id" in e}
    validator = Draft202012Validator(schema)
    by_type = required_by_type(schema)
    first_line: dict[str, int] = {}
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            bib.problems.append(problem("bibliography-format", rel_path, line, "entry-not-fields"))
            continue
        lines: dict[str, int] = {}
        dupes: list[tuple[str, int]] = []
        _map_lines(item_node, "", lines, dupes)
        raw_id = item.get("id")
        entry_id = str(raw_id) if raw_id is not None else f"#{line}"  # no id: named by its line, in any language
        entry = Entry(entry_id, {str(k): v for k, v in item.items()}, line, lines)
        for dotted, dupe_line in dupes:
            bib.problems.append(problem("bibliography-format", rel_path, dupe_line, "field-twice", id=entry_id, field=dotted))
        bib.problems.extend(_check_entry(entry, validator, by_type, rel_path))
        if not isinstance(raw_id, str) or not raw_id:
            continue
        if raw_id in first_line:
            bib.problems.append(
                problem("bibliography-duplicate-id", rel_path, entry.line_of("id"), "used-twice", id=raw_id, first=first_line[raw_id])
            )
            continue
        first_line[raw_id] = entry.line_of("id")
        bib.entries[raw_id] = entry
    return bib


def load_bibliography(
    root: Path, data: bytes | None = None, schema: dict[str, Any] | None = None, organisations: Vocabulary | None = None
) -> Bibliography:
    """Read and check ``data/bibliography.yml`` under ``root`` (an absent file is an empty bibliography).

    ``data`` and ``schema``: the file's bytes and its entry schema, when already read.
    ``organisations``: data/vocabularies/organisations.yml, for the names of '{org: id}' bodies.
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
    bib.organisations = organisations
    return bib


def unused_problems(bib: Bibliography, used: set[str]) -> list[Problem]:
    """A warning for each entry no page cites."""
    return [
        problem("bibliography-unused", bib.path, entry.line, "not-cited", id=entry.id)
        for entry in bib.entries.values()
        if entry.id not in used
    ]


def _name_parts(entry: Entry, part: str) -> list[tuple[str, str]]:
    """(dotted field, value) of each name in the entry's name fields written as '{part: value}'."""
    found: list[tuple[str, str]] = []
    for key in NAME_FIELDS:
        names = entry.data.get(key)
        for i, name in enumerate(names if isinstance(names, list) else []):
            if isinstance(name, dict) and isinstance(name.get(part), str):
                found.append((f"{key}.{i}.{part}", name[part]))
    return found


def _organisation_refs(entry: Entry) -> list[tuple[str, str]]:
    """(dotted field, org id) of every '{org: id}' in the entry."""
    refs = _name_parts(entry, "org")
    publisher = entry.data.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("org"), str):
        refs.append(("publisher.org", publisher["org"]))
    return refs


def organisation_problems(bib: Bibliography) -> list[Problem]:
    """An error (KB003) for each '{org: id}' that is not in data/vocabularies/organisations.yml."""
    problems: list[Problem] = []
    known = bib.organisations
    for entry in bib.entries.values():
        for where, org_id in _organisation_refs(entry):
            if known is not None and known.get(org_id) is not None:
                continue
            close = difflib.get_close_matches(org_id, known.ids() if known else [], n=1, cutoff=0.6)
            problems.append(
                vocabulary_problem(
                    bib.path, entry.line_of(where), "not-an-organisation",
                    id=entry.id, org=org_id, suggestion=msg("terms.did-you-mean", value=close[0]) if close else "",
                )
            )
    return problems


def _named_bodies(entry: Entry) -> list[tuple[str, str]]:
    """(dotted field, name) of every body named as plain text (literal names, a publisher string)."""
    out = _name_parts(entry, "literal")
    if isinstance(entry.data.get("publisher"), str):
        out.append(("publisher", entry.data["publisher"]))
    return out


def welsh_name_problems(bib: Bibliography, cited: set[str]) -> list[Problem]:
    """A warning (KB120) for each cited entry that names, as plain text, a body that has a Welsh name.

    Welsh reference lists would show that body under its English name; written as '{org: id}'
    it appears as Llywodraeth Cymru on Welsh pages and Welsh Government on English ones.
    """
    if bib.organisations is None:
        return []
    problems: list[Problem] = []
    for entry in bib.entries.values():
        if entry.id not in cited:
            continue
        for where, name in _named_bodies(entry):
            term = bib.organisations.named(name)
            if term is None or not term.has_own_welsh_label():
                continue
            key = "publisher-as-text" if where.startswith("publisher") else "name-as-text"
            problems.append(
                problem("bibliography-welsh-name", bib.path, entry.line_of(where), key,
                        id=entry.id, name=name, welsh=term.cy, org=term.id)
            )
    return problems
