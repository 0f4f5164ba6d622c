"""The message catalogue (data/messages.yml): every rule speaks English and Welsh, with the same values.

When one of these fails after you added a rule or a message, its failure says exactly what to add.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from kb.core.messages import (
    CATALOGUE_FILE,
    LANGS,
    Joined,
    Message,
    Texts,
    catalogue,
    lang_from_env,
    msg,
)
from kb.core.problem import RULES_FILE

ROOT = Path(__file__).resolve().parents[1]
RAW = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
RULES = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
RULE_BY_ID = {r["id"]: r for r in RULES}
RULE_BY_NAME = {r["name"]: r for r in RULES}

EXAMPLE = """\
{rule_id}:
  {key}:
    en: "what is wrong, with the {{value}} that is wrong."
    cy: "beth sydd o'i le, gyda'r {{value}} sydd o'i le."
    fix:
      en: "How to fix it."
      cy: "Sut i'w gywiro."
"""


def test_every_rule_has_messages_in_the_catalogue():
    missing = [r for r in RULES if r["id"] not in RAW and not r.get("retired")]
    advice = "\n".join(
        f"data/messages.yml has no messages for {r['id']} ({r['name']}). Add, in id order:\n\n"
        + EXAMPLE.format(rule_id=r["id"], key="what-went-wrong")
        + f"\nand report it with problem(\"{r['name']}\", path, line, \"what-went-wrong\", value=...)."
        for r in missing
    )
    assert not missing, advice


def test_every_rule_group_in_the_catalogue_is_a_rule():
    strays = [key for key in RAW if re.fullmatch(r"KB\d{3}", key) and key not in RULE_BY_ID]
    assert not strays, f"data/messages.yml has messages for {strays}, which data/rules.yml does not list."


def test_rule_groups_are_in_id_order():
    ids = [key for key in RAW if re.fullmatch(r"KB\d{3}", key)]
    assert ids == sorted(ids), "Keep the rule groups of data/messages.yml in id order, like data/rules.yml."


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_each_message_is_in_both_languages_with_the_same_values(key):
    entry = catalogue()[key]
    for lang in LANGS:
        assert entry.text.get(lang, "").strip(), f"{key}: the '{lang}' text is missing or empty in data/messages.yml."
    if entry.fix or key.startswith("KB"):
        for lang in LANGS:
            assert entry.fix.get(lang, "").strip(), (
                f"{key}: a rule's message says how to fix the problem: add 'fix: {{en: …, cy: …}}' with both languages."
            )
    en, cy = entry.params("en"), entry.params("cy")
    assert en == cy, (
        f"{key}: the English and Welsh texts must use the same {{values}}: "
        f"English only {sorted(en - cy)}, Welsh only {sorted(cy - en)}."
    )
    if entry.text["en"] != entry.text["cy"] or (entry.fix and entry.fix["en"] != entry.fix["cy"]):
        return
    words = re.sub(r"\{[^}]*\}", "", entry.text["en"])
    assert not re.search(r"[A-Za-z]{3,}", words), f"{key}: the Welsh text is a copy of the English one."


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_each_message_renders_in_both_languages(key):
    entry = catalogue()[key]
    values = {name: f"<{name}>" for name in entry.params("en")}
    message = msg(key, **values)
    for lang in LANGS:
        shown = message.full(lang)
        for name in values:
            assert f"<{name}>" in shown or name not in entry.params(lang), f"{key} ({lang}): '{name}' is not shown."
        assert not re.search(r"\{[a-z_]+\}", shown), f"{key} ({lang}): an unfilled value in '{shown}'."


# --- the code and the catalogue agree -------------------------------------------------------

# Calls that report a rule's message: name -> (the rule, or None when it is the first argument;
# the position of the message key). Their keyword arguments are the message's values (apart from these).
_REPORTERS: dict[str, tuple[str | None, int]] = {
    "problem": (None, 3),
    "report": (None, 2),
    "_report": (None, 3),
    "rule_message": (None, 1),
    "vocabulary_problem": ("vocabulary", 2),
    "front_matter_problem": ("front-matter-yaml", 2),
    "settings_problem": ("parity-config", 2),
    "reserved_problem": ("reserved-address", 4),
}
# Reporters that work out the message's values themselves from their other arguments.
_OWN_VALUES = {"reserved_problem"}
_NOT_VALUES = {"severity", "from_template", "same_as"}


def _calls() -> list[tuple[str, ast.Call]]:
    found: list[tuple[str, ast.Call]] = []
    for folder in ("kb", "hooks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            rel = path.relative_to(ROOT).as_posix()
            found.extend((f"{rel}:{node.lineno}", node) for node in ast.walk(tree) if isinstance(node, ast.Call))
    return found


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keywords(call: ast.Call) -> set[str] | None:
    if any(k.arg is None or k.arg == "values" for k in call.keywords):
        return None  # **values: cannot be known statically
    return {k.arg for k in call.keywords if k.arg} - _NOT_VALUES


def test_every_reported_message_is_in_the_catalogue_with_its_values():
    wrong: list[str] = []
    seen = 0
    for where, call in _calls():
        name = _name(call)
        if name in _REPORTERS and len(call.args) > _REPORTERS[name][1]:
            owner, at = _REPORTERS[name]
            rule = owner or _literal(call.args[0])
            key = _literal(call.args[at])
            if rule not in RULE_BY_NAME or key is None:
                continue
            rule_id = RULE_BY_NAME[rule]["id"]
            full = f"{rule_id}.{key}"
            extra = {"where"} if name == "_report" else set()
        elif name in ("msg", "text") and call.args and (full_ := _literal(call.args[0])) and "." in full_:
            full, extra, rule_id, key = full_, set(), full_.split(".")[0], full_.split(".", 1)[1]
        else:
            continue
        seen += 1
        entry = catalogue().get(full)
        if entry is None:
            wrong.append(
                f"{where}: reports '{key}', which data/messages.yml does not have under {rule_id}. Add:\n\n"
                + EXAMPLE.format(rule_id=rule_id, key=key)
            )
            continue
        given = None if name in _OWN_VALUES else _keywords(call)
        wanted = entry.params("en") - extra
        if given is not None and given != wanted:
            wrong.append(
                f"{where}: '{full}' is given the values {sorted(given)}, but its texts in data/messages.yml "
                f"use {sorted(wanted)}."
            )
    assert seen > 100, "the scan for problem()/msg() calls found too few: has the reporting API changed?"
    assert not wrong, "\n\n".join(wrong)


def test_no_check_writes_an_english_sentence_in_code():
    """Contributor-facing words live in the catalogue, so a problem() call never gets an f-string."""
    wrong = []
    for where, call in _calls():
        name = _name(call)
        owner, at = _REPORTERS.get(name, (None, 99))
        if len(call.args) > at and (owner or _literal(call.args[0])) in RULE_BY_NAME:
            key = call.args[at]
            parts = key.values if isinstance(key, ast.JoinedStr) else [key]
            if any(isinstance(part, ast.Constant) and " " in str(part.value) for part in parts):
                wrong.append(f"{where}: the message is a sentence; put it in data/messages.yml and name it by key.")
    assert not wrong, "\n".join(wrong)


# --- values and language ---------------------------------------------------------------------


def test_nested_values_render_in_the_same_language():
    inner = Joined((msg("terms.bom"), msg("terms.crlf")))
    outer = msg("KB007.normalised", what=inner)
    assert outer.render("en") == "the file has a byte-order mark, Windows (CRLF) line endings; the build normalised them."
    assert outer.render("cy") == (
        "mae gan y ffeil nod trefn beitiau, diwedd llinellau Windows (CRLF); mae'r adeiladu wedi'u normaleiddio."
    )
    assert Texts("a date", "dyddiad").render("cy") == "dyddiad"
    assert isinstance(outer, Message) and outer == msg("KB007.normalised", what=inner)  # comparable, hashable


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"KB_LANG": "cy"}, "cy"),
        ({"KB_LANG": "en", "LANG": "cy_GB.UTF-8"}, "en"),
        ({"LANG": "cy_GB.UTF-8"}, "cy"),
        ({"LC_ALL": "cy_GB.UTF-8", "LANG": "en_GB.UTF-8"}, "cy"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_the_contributors_language_comes_from_kb_lang_or_the_locale(env, lang):
    assert lang_from_env(env) == lang
