"""Front matter parsed by the project itself, keeping the line of every key.

MkDocs's own parser swallows YAML errors and keeps no line numbers; contributors need both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.messages import Param
from kb.core.problem import Problem, problem, rule_message
from kb.core.yamlload import yaml_error_message

RULES = ("front-matter-yaml",)


def front_matter_problem(path: str, line: int, key: str, /, **params: Param) -> Problem:
    """Front matter that cannot be read, or none at all (the front-matter checks find that)."""
    return problem("front-matter-yaml", path, line, rule_message("front-matter-yaml", key, **params))


# libyaml's C parser when available: front matter is parsed for every page on every build.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDatesLoader(_BaseLoader):
    """SafeLoader that leaves dates as text, so the schema (not YAML) judges their format."""



_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
# PyYAML's own constructors for the scalars that need converting, so the values are exactly its values.
_SCALARS = yaml.constructor.SafeConstructor()


class _Unusual(Exception):
    """The node tree uses something beyond plain maps, lists and scalars (a merge key, an alias, a tag)."""


def _plain_data(node: yaml.Node, seen: set[int]) -> Any:
    """What SafeConstructor builds from a tree of plain maps, lists and scalars, built directly.

    PyYAML's constructor is general (aliases, merge keys, deferred construction) and takes more
    time than libyaml's parse of a page's front matter; anything unusual raises _Unusual so that
    the caller lets PyYAML's constructor do it.
    """
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        if tag == _INT:
            return _SCALARS.construct_yaml_int(node)
        if tag == _BOOL:
            return _SCALARS.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        if tag == _FLOAT:
            return _SCALARS.construct_yaml_float(node)
        raise _Unusual
    if id(node) in seen:
        raise _Unusual  # an alias: PyYAML shares the object
    seen.add(id(node))
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_plain_data(item, seen) for item in node.value]
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unusual
            out[_plain_data(key_node, seen)] = _plain_data(value_node, seen)
        return out
    raise _Unusual


def _construct(loader: Any, node: yaml.Node) -> Any:
    try:
        return _plain_data(node, set())
    except _Unusual:
        return loader.construct_document(node)


@dataclass
class FrontMatter:
    data: dict[str, Any]
    # Dotted key path ("translation.pending", "regions.1") -> 1-based line in the file.
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    # 1-based line in the file where the body starts.
    body_line: int = 1
    present: bool = False

    def line_of(self, key: str) -> int:
        """Line of a key, or of its nearest parent, or the first line of the front matter."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _split(text: str) -> tuple[str, str, int] | None:
    """(yaml text, body, body start line) if the text opens with a '---' block, else None."""
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() != "---":
        return None
    closing = _CLOSING.search(text, first_end + 1)
    if closing is None:
        return None
    yaml_text = text[first_end + 1 : max(first_end + 1, closing.start() - 1)]
    after = text.find("\n", closing.end())
    body = "" if after == -1 else text[after + 1 :]
    return yaml_text, body, text.count("\n", 0, closing.start()) + 2


def _map_lines(
    node: yaml.Node, prefix: str, offset: int, out: dict[str, int], problems: list[Problem], rel_path: str
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}.{key}" if prefix else key
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(problem("front-matter-yaml", rel_path, line, "key-twice", key=key))
            seen.add(key)
            out[dotted] = line
            _map_lines(value_node, dotted, offset, out, problems, rel_path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            dotted = f"{prefix}.{i}"
            out[dotted] = item.start_mark.line + 1 + offset
            _map_lines(item, dotted, offset, out, problems, rel_path)


def parse_front_matter(text: str, rel_path: str) -> tuple[FrontMatter, list[Problem]]:
    """Parse the front matter of a Markdown page. Never raises; problems say what is wrong."""
    split = _split(text)
    if split is None:
        fm = FrontMatter({}, body=text, body_line=1, present=False)
        if text.startswith("---"):
            return fm, [problem("front-matter-yaml", rel_path, 1, "not-closed")]
        return fm, []
    yaml_text, body, body_line = split
    fm = FrontMatter({}, body=body, body_line=body_line, present=True)
    problems: list[Problem] = []
    try:
        # One parse: the node tree gives the lines, and the same tree is turned into data.
        yamlload.refuse_unsafe(yaml_text)  # an alias bomb or deep nesting, before anything is built
        loader = _StringDatesLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = _construct(loader, node) if node is not None else None
        finally:
            loader.dispose()
    except yamlload.UnsafeYaml as err:
        return fm, [problem("front-matter-yaml", rel_path, err.line + 1, "unsafe", what=err.reason)]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        bad = yaml_text.split("\n")[line - 2].strip() if 0 <= line - 2 < len(yaml_text.split("\n")) else ""
        return fm, [problem("front-matter-yaml", rel_path, line, "invalid-yaml", what=yaml_error_message(err), near=bad)]
    except Exception as err:  # noqa: BLE001 - contributors must never see a traceback
        return fm, [problem("front-matter-yaml", rel_path, 2, "unreadable", error=type(err).__name__)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return fm, [problem("front-matter-yaml", rel_path, 2, "not-fields")]
    fm.data = {str(k): v for k, v in data.items()}
    if node is not None:
        _map_lines(node, "", 1, fm.lines, problems, rel_path)
    return fm, problems
