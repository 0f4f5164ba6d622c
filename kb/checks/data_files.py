"""Every data file the build reads can be read, parses, and has the shape its readers expect (KB107).

The renderers read data/ files trusting their shape (``policy["tags"]``, ``sections: [...]``); a
file that is not UTF-8, not valid YAML or JSON, or of another shape would otherwise stop the build
half-way with a traceback. This check reads each one first, through the build's bounded YAML loader
(no aliases, tags or deep nesting), and checks it against its shape in data/schemas/_data-files.yml;
the content schemas themselves are checked against JSON Schema. Each problem names the file and the
line. :func:`kb.checks.check_site` runs it first: the other checks need these files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from kb.core.problem import Problem, problem
from kb.core.yamlload import yaml_error_message
from kb.model import BuildModel
from kb.sources.data import DataFiles
from kb.sources.urls import ID_SECTIONS

RULES = ("data-file",)

SHAPES = "data/schemas/_data-files.yml"
SCHEMA_DIR = "data/schemas"
# Schema files the checks cannot do without: shared definitions, bibliography, each content type.
REQUIRED_SCHEMAS = ("_common", "_bibliography", "page", *ID_SECTIONS)
# Plain text files read by checks of their own, which need them to be UTF-8 to say anything.
TEXT_FILES = ("data/published-urls.txt", "data/redirects.yml", "data/bibliography.yml")


def _at(path: str, line: int, message: str, **values: Any) -> Problem:
    return problem("data-file", path, line, message, **values)


def _undecodable(data: DataFiles, rel: str) -> Problem | None:
    raw = data.bytes(rel)
    if raw is None:
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return _at(rel, raw[: err.start].count(b"\n") + 1, "not-utf8")
    return None


def _load(data: DataFiles, rel: str) -> tuple[Any, yaml.Node | None, Problem | None]:
    """(data, node tree or None, problem or None) of one data file; data None when it is missing."""
    bad = _undecodable(data, rel)
    if bad is not None:
        return None, None, bad
    if rel.endswith(".json"):
        try:
            return data.json(rel), None, None
        except json.JSONDecodeError as err:
            return None, None, _at(rel, err.lineno, "invalid-json", what=err.msg)
    try:
        node, value = data.document(rel)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return None, None, _at(rel, mark.line + 1 if mark else 1, "invalid-yaml", what=yaml_error_message(err))
    return value, node, None


def _node_line(node: yaml.Node | None, path: Iterator[Any]) -> int:
    """The line of the value at ``path`` (keys and indexes) in a node tree, as deep as it goes."""
    line = node.start_mark.line + 1 if node is not None else 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _shape_problem(rel: str, node: yaml.Node | None, err: ValidationError) -> Problem:
    where = "/".join(str(p) for p in err.absolute_path) or "(the whole file)"
    expected = err.schema.get("type") if isinstance(err.schema, dict) else None
    return _at(
        rel,
        _node_line(node, iter(err.absolute_path)),
        "wrong-shape",
        where=where,
        value=_shown(err.instance),
        expected=str(err.validator_value if err.validator in ("required", "type") else expected or err.validator),
        rule=err.validator,
    )


def _matching(data: DataFiles, name: str) -> list[str]:
    """The files a shape is for: ``name`` itself, or every file its pattern matches."""
    if not any(c in name for c in "*?["):
        return [name]
    return sorted(p.relative_to(data.root).as_posix() for p in data.root.glob(name) if p.is_file())


def _usable_shapes(shapes: Any, node: yaml.Node | None) -> tuple[dict[str, Any], list[Problem]]:
    """The shapes file itself: a mapping of file names to JSON Schemas (else nothing is checked)."""
    files = shapes.get("files") if isinstance(shapes, dict) else None
    if not isinstance(files, dict) or not files:
        where = "files" if isinstance(shapes, dict) else "(the whole file)"
        found = files if isinstance(shapes, dict) else shapes
        return {}, [_at(SHAPES, _node_line(node, iter(["files"])), "wrong-shape", where=where, value=_shown(found),
                        expected="object", rule="type")]
    defs = shapes.get("$defs") or {}
    usable: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, shape in files.items():
        try:
            Draft202012Validator.check_schema({**shape, "$defs": defs} if isinstance(shape, dict) else shape)
        except SchemaError as err:
            where = "/".join(["files", str(name), *map(str, err.absolute_path)])
            problems.append(_at(SHAPES, _node_line(node, iter(["files", name, *err.absolute_path])), "invalid-schema",
                                where=where, what=err.message[:200]))
            continue
        usable[str(name)] = {**shape, "$defs": defs} if isinstance(shape, dict) else shape
    return usable, problems


def check_shapes(data: DataFiles, shapes: Any, shapes_node: yaml.Node | None = None) -> list[Problem]:
    usable, problems = _usable_shapes(shapes, shapes_node)
    for name, shape in usable.items():
        optional = isinstance(shape, dict) and shape.get("x-optional") is True
        for rel in _matching(data, name):
            problems += _check_file(data, rel, shape, optional)
    return problems


def _check_file(data: DataFiles, rel: str, shape: Any, optional: bool) -> list[Problem]:
    value, node, bad = _load(data, rel)
    if bad is not None:
        return [bad]
    if data.bytes(rel) is None:
        return [] if optional else [_at(rel, 1, "missing-file")]
    validator = Draft202012Validator(shape)
    if value is None:  # empty: fine when its readers have defaults for everything
        return [_at(rel, 1, "empty-file")] if next(validator.iter_errors({}), None) is not None else []
    error = next(iter(sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])), None)
    if error is not None:
        return [_shape_problem(rel, node, error)]
    if rel.startswith("data/ui/") and isinstance(value, dict) and isinstance(value.get("en"), dict):
        return _same_keys(rel, node, value)
    return []


def _same_keys(rel: str, node: yaml.Node | None, value: dict[str, Any]) -> list[Problem]:
    """Interface words per language: every key in both (a missing Welsh string is never English)."""
    en, cy = set(value.get("en") or {}), set(value.get("cy") or {})
    problems = [_at(rel, _node_line(node, iter(["en", k])), "missing-language", key=k, lang="cy") for k in sorted(en - cy)]
    problems += [_at(rel, _node_line(node, iter(["cy", k])), "missing-language", key=k, lang="en") for k in sorted(cy - en)]
    return problems


def check_schemas(data: DataFiles) -> list[Problem]:
    """Each content schema file reads as YAML and is a valid JSON Schema; the required ones exist."""
    folder = data.root / SCHEMA_DIR
    present = {p.stem for p in folder.glob("*.yml")} if folder.is_dir() else set()
    problems = [_at(f"{SCHEMA_DIR}/{name}.yml", 1, "missing-schema") for name in REQUIRED_SCHEMAS if name not in present]
    for name in sorted(present - {"_data-files"}):
        rel = f"{SCHEMA_DIR}/{name}.yml"
        value, node, bad = _load(data, rel)
        if bad is not None:
            problems.append(bad)
            continue
        if not isinstance(value, dict):
            problems.append(_at(rel, _node_line(node, iter([])), "schema-not-mapping"))
            continue
        try:
            Draft202012Validator.check_schema(value)
        except SchemaError as err:
            where = "/".join(str(p) for p in err.absolute_path) or "(the whole file)"
            problems.append(_at(rel, _node_line(node, iter(err.absolute_path)), "invalid-schema", where=where,
                                what=err.message[:200]))
    return problems


def check(model: BuildModel) -> list[Problem]:
    data = model.data
    problems = [bad for rel in TEXT_FILES if (bad := _undecodable(data, rel)) is not None]
    shapes, node, bad = _load(data, SHAPES)
    if bad is None and data.bytes(SHAPES) is None:
        bad = _at(SHAPES, 1, "missing-file")
    problems += [bad] if bad is not None else check_shapes(data, shapes, node)
    problems += check_schemas(data)
    if problems:  # the references below are only followed in files that read and have their shape
        # One problem per place (a schema file of the wrong shape fails both its shape and JSON Schema).
        return list({(p.path, p.line): p for p in reversed(problems)}.values())[::-1]
    return check_references(data)


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every mapping in a schema with its path (schemas are shallow: their depth is bounded on reading)."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def check_references(data: DataFiles) -> list[Problem]:
    """Every '$ref' in a schema names a definition that exists, and every 'x-vocabulary' a vocabulary.

    A content schema's references are filled in from _common.yml's $defs (kb.sources.schemas), the
    other '_' files' from their own; anything else (another file, an address) would be looked up
    while validating, which fails with a traceback, or fetched from the network.
    """
    problems: list[Problem] = []
    common = data.yaml(f"{SCHEMA_DIR}/_common.yml") or {}
    common_defs = common.get("$defs") or {}
    vocabularies = data.vocabularies
    folder = data.root / SCHEMA_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = path.relative_to(data.root).as_posix()
        if path.stem == "_data-files":
            continue
        value, node = data.yaml(rel), data.node(rel)
        own = path.stem.startswith("_") and path.stem != "_common"
        defs = (value.get("$defs") or {}) if own and isinstance(value, dict) else common_defs
        prefixes = ("#/$defs/",) if own else ("#/$defs/", "_common.yml#/$defs/")
        for where, mapping in _walk(value):
            ref = mapping.get("$ref")
            if ref is not None:
                name = next((str(ref)[len(p):] for p in prefixes if str(ref).startswith(p)), None)
                if name is None or name not in defs:
                    problems.append(_at(rel, _node_line(node, iter([*where, "$ref"])), "unknown-ref", ref=str(ref),
                                        known=", ".join(sorted(map(str, defs))) or "-"))
            vocabulary = mapping.get("x-vocabulary")
            if vocabulary is not None and vocabulary not in vocabularies:
                problems.append(_at(rel, _node_line(node, iter([*where, "x-vocabulary"])), "unknown-vocabulary",
                                    name=str(vocabulary), known=", ".join(sorted(vocabularies)) or "-"))
    return problems
