"""data/rules.yml: kept in id order, every rule owned by exactly one module, and every rule tested.

A module that reports problems declares the rules it owns (``RULES = ("rule-name", ...)``), and it
is the only module whose code names them: anything else reports an owner's rule through a function
of the owner. So a rule id leads to its rules.yml entry, its name to the one module that says when
it is broken. Rules are named by name (not id) in code and tests.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections import defaultdict
from pathlib import Path

import yaml

from kb.core.problem import RULES_FILE

REPO = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
NAMES = {r["name"]: r["id"] for r in RAW}


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of kb/."""
    out: dict[str, Path] = {}
    for path in sorted((REPO / "kb").rglob("*.py")):
        if path.name == "__main__.py":
            continue  # running it would run the command line
        parts = path.relative_to(REPO).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _named_rules(path: Path) -> set[str]:
    """Rule names the code passes as the first argument of a call (problem("rule-name", ...), _report(...))."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value in NAMES:
                found.add(first.value)
    return found


def _owners() -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for module in _modules():
        for name in getattr(importlib.import_module(module), "RULES", ()):
            owners[name].append(module)
    return owners


def test_rules_are_in_id_order():
    ids = [r["id"] for r in RAW]
    assert ids == sorted(ids), "keep data/rules.yml in id order (each issue adds rules in its own range)"


def test_every_rule_has_exactly_one_owner():
    owners = _owners()
    assert {name: mods for name, mods in owners.items() if name not in NAMES} == {}, "RULES names a rule not in rules.yml"
    unowned = sorted(NAMES[n] + " " + n for n in NAMES if n not in owners)
    shared = {f"{NAMES[n]} {n}": mods for n, mods in owners.items() if len(mods) > 1}
    assert unowned == [], "declare each rule in the RULES of the module that reports it"
    assert shared == {}, "a rule has one owner; others report it through the owner's functions"


def test_only_the_owner_names_its_rules():
    owners = _owners()
    strays = {}
    for module, path in _modules().items():
        foreign = {n for n in _named_rules(path) if module not in owners.get(n, [])}
        if foreign:
            strays[module] = sorted(foreign)
    for path in sorted((REPO / "hooks").glob("*.py")):
        if _named_rules(path):
            strays[path.name] = sorted(_named_rules(path))
    assert strays == {}, "only a rule's owner names it; hooks name none"


def test_every_rule_is_tested():
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*") if p.is_file() and p.suffix in (".py", ".txt")
             and p.name != Path(__file__).name]
    corpus = "\n".join(texts)
    untested = [f"{rule_id} {name}" for name, rule_id in NAMES.items()
                if not re.search(rf"""["']{re.escape(name)}["']|{rule_id} {re.escape(name)}""", corpus)]
    assert untested == [], "every rule needs a test that names it (as 'rule-name', or in output as 'KBxxx rule-name')"
