"""Reading the data files' YAML quickly, with exactly PyYAML's results and error messages.

Every check run reads the bibliography, vocabularies, schemas and policies; PyYAML's pure-Python
parser takes a large part of a check run on a big site. libyaml's C parser (``yaml.CSafeLoader``)
gives the same nodes and data many times faster. When it finds an error, the same text is parsed
again with PyYAML's own parser, so the messages (and their lines) contributors see are unchanged.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from kb.core.messages import Message, msg

_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)

# Deeper than any data file or front matter needs, far below where composing recurses too deep.
MAX_DEPTH = 50


class UnsafeYaml(yaml.YAMLError):
    """The text uses an alias or nests too deeply: refused before anything is built from it."""

    def __init__(self, line: int, reason: Message) -> None:
        super().__init__(reason.render("en"))
        self.line = line  # 1-based, in the text given
        self.reason = reason  # in the catalogue, so it can be shown in Welsh too
        self.problem = reason.render("en")
        # Where callers look for the line of any YAML error (0-based, like PyYAML's marks).
        self.problem_mark = yaml.Mark("<unicode string>", 0, line - 1, 0, "", 0)
        self.context_mark = None

    def __str__(self) -> str:
        return f"{self.problem} (line {self.line})"


def _line(event: Any) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def refuse_unsafe(text: str) -> None:
    """Raise UnsafeYaml for an alias (``*name``), a tag (``!!binary``, ``!!python/...``) or nesting
    deeper than MAX_DEPTH; linear in the text.

    An alias repeats what its anchor holds: a few lines of them (a "billion laughs") stand for
    billions of values, which any walk over the data (line mapping, schema validation) expands,
    using gigabytes and minutes. A tag makes a value something other than text, numbers, lists and
    fields (bytes, sets, timestamps, or a constructor's name). Nothing in this project needs either.
    The event stream is read without building anything, so the refusal costs one pass. libyaml's
    scanner reads ahead and stops at 1,000 levels of brackets with a syntax error; the stream is then
    read again by PyYAML's own parser (no recursion either), so the deep nesting is what is reported
    rather than a RecursionError from composing it. Any other syntax error is left to the loader.
    """
    if _C_LOADER is not None:
        try:
            _scan(text, _C_LOADER)
            return
        except UnsafeYaml:
            raise
        except yaml.YAMLError:
            pass  # PyYAML's parser below finds what came before the error
    try:
        _scan(text, yaml.SafeLoader)
    except UnsafeYaml:
        raise
    except yaml.YAMLError:
        return  # a syntax error: the loader reports it with its own message


def _scan(text: str, loader_class: Any) -> None:
    depth = 0
    loader: Any = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise UnsafeYaml(_line(event), msg("terms.yaml-alias-refused", anchor=str(event.anchor)))
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, yaml.DocumentStartEvent):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise UnsafeYaml(_line(event), msg("terms.yaml-tag-refused", tag=shown))
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise UnsafeYaml(_line(event), msg("terms.yaml-too-deep", depth=MAX_DEPTH))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
    finally:
        loader.dispose()


@cache
def _c_twin(loader: type) -> Any:
    """A loader on libyaml's parser with ``loader``'s resolvers and constructors, or None."""
    if _C_LOADER is None or not issubclass(loader, yaml.SafeLoader):
        return None
    return type(
        f"C{loader.__name__}",
        (_C_LOADER,),
        {
            "yaml_implicit_resolvers": loader.yaml_implicit_resolvers,
            "yaml_path_resolvers": loader.yaml_path_resolvers,
            "yaml_constructors": loader.yaml_constructors,
            "yaml_multi_constructors": loader.yaml_multi_constructors,
        },
    )


def _run(text: str, loader: type, compose: bool, construct: bool) -> tuple[yaml.Node | None, Any]:
    refuse_unsafe(text)
    def parse(cls: Any) -> tuple[yaml.Node | None, Any]:
        instance = cls(text)
        try:
            if compose:
                node = instance.get_single_node()
                data = instance.construct_document(node) if construct and node is not None else None
                return node, data
            return None, instance.get_single_data()
        finally:
            instance.dispose()

    twin = _c_twin(loader)
    if twin is not None:
        try:
            return parse(twin)
        except yaml.YAMLError:
            pass  # PyYAML's own parser below words the error as it always has
    return parse(loader)


def safe_load(text: str, loader: type = yaml.SafeLoader) -> Any:
    """``yaml.load(text, Loader=loader)`` for a SafeLoader (sub)class."""
    return _run(text, loader, compose=False, construct=True)[1]


def compose(text: str, loader: type = yaml.SafeLoader) -> yaml.Node | None:
    """``yaml.compose(text, Loader=loader)``: the node tree, with the line of every node."""
    return _run(text, loader, compose=True, construct=False)[0]


def compose_and_load(text: str, loader: type = yaml.SafeLoader) -> tuple[yaml.Node | None, Any]:
    """The node tree and the data of one document from a single parse."""
    return _run(text, loader, compose=True, construct=True)


# PyYAML's words for the mistakes people make most, as catalogue messages (so a Welsh-speaking
# contributor reads them in Welsh); anything else is shown as PyYAML words it.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "terms.yaml-colon-in-value"),
    ("could not find expected ':'", "terms.yaml-missing-colon"),
    ("found character '\\t'", "terms.yaml-tab"),
    ("did not find expected key", "terms.yaml-indentation"),
    ("expected <block end>", "terms.yaml-indentation"),
    ("found unexpected end of stream", "terms.yaml-unclosed"),
    ("did not find expected ',' or ']'", "terms.yaml-flow-list"),
    ("expected ',' or ']'", "terms.yaml-flow-list"),
    ("expected ',' or '}'", "terms.yaml-flow-map"),
    ("found unknown escape character", "terms.yaml-escape"),
    ("found undefined alias", "terms.yaml-alias"),
    ("that cannot start any token", "terms.yaml-start-character"),
    ("did not find expected <document start>", "terms.yaml-indentation"),
    ("did not find expected '-' indicator", "terms.yaml-list-item"),
    ("found duplicate anchor", "terms.yaml-alias"),
)


def yaml_error_message(err: BaseException) -> Message:
    """What a YAML parse error means, as a catalogue message in the contributor's language."""
    if isinstance(err, UnsafeYaml):
        return err.reason
    what = str(getattr(err, "problem", None) or (str(err).splitlines()[0] if str(err) else type(err).__name__))
    for needle, key in _YAML_PROBLEMS:
        if needle in what:
            return msg(key)
    return msg("terms.yaml-other", text=what)
