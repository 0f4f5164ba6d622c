"""Plain-text fields hold no markup and no control characters (KB100, KB101).

A title, a summary, an organisation's name, a source's title, a vocabulary label or an interface
string is shown as text: escaped on every page, feed, API file and embed card. Markup in one would
be shown literally (a title reading "<b>Tempo</b>"), and before escaping was everywhere it was a
stored cross-site-scripting hole, so it is refused where it is written, with the field's line.

Checked: every string in the front matter of every page (all content types), the body of every
page for control characters (markup there is Markdown's, judged by KB103), and every string
in the data files whose text reaches readers (bibliography, vocabularies, interface strings,
navigation titles, parity labels, redirects).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from kb.core import yamlload
from kb.core.messages import Param, msg
from kb.core.plaintext import CONTROL, Finding, findings, line_in
from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.sources.content import SourcePage
from kb.sources.data import DataFiles

RULES = ("markup-in-text", "control-character")

# Data files whose strings are shown to readers, relative to the repository root (globs allowed).
DATA_TEXT_FILES = (
    "data/bibliography.yml",
    "data/vocabularies/*.yml",
    "data/ui/*.yml",
    "data/navigation.yml",
    "data/parity.yml",
    "data/redirects.yml",
)


def _problem(path: str, line: int, field: str, finding: Finding) -> Problem:
    where: Param = f"'{field}'" if field else msg("terms.this-text")
    if finding.kind == "control":
        return problem("control-character", path, line, "in-text", where=where, shown=finding.shown)
    return problem("markup-in-text", path, line, "in-text", where=where, shown=finding.shown)


def _strings(value: Any) -> Iterator[tuple[str, str]]:
    """(dotted path, string) for every key and value in nested data, each shared object once.

    Iterative, and each list or mapping visited once: deep nesting or shared (aliased) objects
    cannot make it recurse too deep or repeat work.
    """
    seen: set[int] = set()
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, str):
            yield path, current
            continue
        if not isinstance(current, dict | list) or id(current) in seen:
            continue
        seen.add(id(current))
        pairs = list(current.items()) if isinstance(current, dict) else list(enumerate(current))
        for key, item in reversed(pairs):
            dotted = f"{path}.{key}" if path else str(key)
            stack.append((dotted, item))
            if isinstance(key, str):
                stack.append((dotted, key))


def check_page(page: SourcePage) -> list[Problem]:
    if page.text is None or not page.front.present:
        return []
    problems: list[Problem] = []
    for field, text in _strings(page.meta):
        for finding in findings(text):
            problems.append(_problem(page.path, page.front.line_of(field), field, finding))
    return problems + body_controls(page.path, page.front.body, page.front.body_line)


# At most this many lines of one body are reported: a file full of them needs one fix, not a flood.
MAX_BODY_FINDINGS = 20


def body_controls(path: str, body: str, body_line: int) -> list[Problem]:
    """Control characters in a Markdown body: invisible in the editor and the review, published
    into the pages, the search index and the feeds, and (the bidirectional overrides) able to make
    a line read differently from what it says. One problem per line that has one."""
    problems: list[Problem] = []
    text = body.replace("\r\n", "\n")
    for match in CONTROL.finditer(text):
        if match.group() == "\r":
            continue  # an old Mac line end: a line break, not hidden text
        line = body_line + line_in(text, match.start())
        if problems and problems[-1].line == line:
            continue
        problems.append(_problem(path, line, "", Finding("control", match.start(), f"\\u{ord(match.group()):04x}")))
        if len(problems) == MAX_BODY_FINDINGS:
            break
    return problems


def _scalars(node: yaml.Node) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """(the key it is under, node) for every scalar of a composed document, each node once.

    An alias is the same node object as its anchor, so visiting each node once keeps an alias
    bomb (billion laughs) linear.
    """
    seen: set[int] = set()
    stack: list[tuple[str, yaml.Node]] = [("", node)]
    while stack:
        key, current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            yield key, current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((key, item) for item in reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key_node, value in reversed(current.value):
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else key
                stack.extend(((name, value), (key, key_node)))


def check_data_text(text: str, rel_path: str) -> list[Problem]:
    """Every string in one YAML data file; a file that is not valid YAML is left to its own check."""
    try:
        node = yamlload.compose(text)
    except yaml.YAMLError:
        return []
    return check_data_node(node, rel_path)


def check_data_node(node: yaml.Node | None, rel_path: str) -> list[Problem]:
    """Every string in one YAML data file's node tree (None: missing or not valid YAML)."""
    if node is None:
        return []
    problems: list[Problem] = []
    for key, scalar in _scalars(node):
        if not isinstance(scalar.value, str) or scalar.tag != "tag:yaml.org,2002:str":
            continue
        block = scalar.style in ("|", ">")
        for finding in findings(scalar.value):
            # A block scalar ('|', '>') starts on the line after its key; count the finding's own line.
            line = scalar.start_mark.line + 1 + (1 + line_in(scalar.value, finding.offset) if block else 0)
            problems.append(_problem(rel_path, line, key, finding))
    return problems


def data_files(root: Path) -> list[Path]:
    out: list[Path] = []
    for pattern in DATA_TEXT_FILES:
        out.extend(sorted(p for p in root.glob(pattern) if p.is_file()))
    return out


def check_data(data: DataFiles) -> list[Problem]:
    problems: list[Problem] = []
    for path in data_files(data.root):
        rel = path.relative_to(data.root).as_posix()
        # The build's one parse of the file; one that cannot be read or parsed is its loader's to report.
        problems.extend(check_data_node(data.node(rel), rel))
    return problems


def check(model: BuildModel) -> list[Problem]:
    problems: list[Problem] = []
    for page in model.site.pages:
        problems.extend(check_page(page))
    problems.extend(check_data(model.data))
    return problems
