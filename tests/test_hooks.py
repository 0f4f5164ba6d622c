"""hooks/ are thin adapters: at most 80 lines, no module state, no `global` (hooks/_i18n_bridge.py aside).

Everything a build shares lives in its build session (the bridge) and its build model (kb.model), so a
move to another renderer rewrites the bridge and these adapters, and nothing in kb/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HOOKS = sorted(p for p in (Path(__file__).resolve().parent.parent / "hooks").glob("*.py") if p.name != "_i18n_bridge.py")


@pytest.mark.parametrize("path", HOOKS, ids=lambda p: p.name)
def test_a_hook_is_a_thin_adapter(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 80, f"{path.name}: move the work into kb/ (at most 80 lines)"
    tree = ast.parse(source)
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree)), f"{path.name}: no `global`"
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else ""
            # Constants, the logger and on_* events (CombinedEvent) only: a build's state is its session's.
            assert name.isupper() or name == "log" or name.startswith("on_"), f"{path.name}: module state '{name}'"
