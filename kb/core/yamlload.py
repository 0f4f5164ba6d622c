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

_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


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
