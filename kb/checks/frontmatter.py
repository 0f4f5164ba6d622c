"""Front-matter checks: each page against its content type's schema, vocabularies, and ids.

jsonschema finds what is wrong; this module says it in contributor language, at the line of the
field in the real file.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.sources.content import Site, SourcePage
from kb.sources.frontmatter import front_matter_problem
from kb.sources.vocabularies import Vocabulary, vocabulary_problem

RULES = ("front-matter-schema", "duplicate-id", "id-mismatch")

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 80 else text[:77] + "...'"


def _did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _date_hint(value: Any) -> str:
    m = _DMY.match(str(value))
    if m:
        day, month, year = m.groups()
        year = year if len(year) == 4 else f"20{year}"
        return f"Write it as {year}-{int(month):02d}-{int(day):02d}."
    return "Write it as YYYY-MM-DD, for example 2024-05-03."


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a group of fields",
    "number": "a number",
    "boolean": "true or false",
}


def _field(path: list[Any]) -> str:
    return ".".join(str(p) for p in path)


def _explain(err: ValidationError, page: SourcePage, vocabs: dict[str, Vocabulary], type_name: str) -> Problem:
    """Rewrite one jsonschema error as a contributor-facing problem."""
    path = list(err.absolute_path)
    field = _field(path)
    line = page.front.line_of(field) if field else page.front.line_of("type") if "type" in page.front.lines else 1
    schema: dict[str, Any] = err.schema if isinstance(err.schema, dict) else {}
    # jsonschema types these as "maybe unset"; on a reported error they are always set.
    instance: Any = err.instance
    wanted: Any = err.validator_value
    top = path[0] if path else ""
    rule = "front-matter-schema"
    if err.validator == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        line = page.front.body_line - 1 if page.front.present else 1
        return problem(
            rule,
            page.path,
            line,
            f"the required field '{missing}' is missing from this {type_name}.",
            f"Add a line '{missing}: …' to the front matter (see data/schemas/{type_name}.yml).",
        )
    if err.validator == "additionalProperties":
        allowed = list((schema.get("properties") or {}).keys())
        extras = [k for k in (instance or {}) if k not in allowed]
        name = extras[0] if extras else "?"
        line = page.front.line_of(f"{field}.{name}" if field else name)
        return problem(
            rule,
            page.path,
            line,
            f"unknown field '{name}' in a {type_name}.{_did_you_mean(name, allowed)}",
            f"Remove it or use one of: {', '.join(allowed)}.",
        )
    if err.validator == "enum" and schema.get("x-vocabulary"):
        vocab = vocabs[schema["x-vocabulary"]]
        value = instance
        return vocabulary_problem(
            page.path,
            line,
            f"'{top}' has {_show(value)}, which is not in the '{vocab.name}' vocabulary.{_did_you_mean(str(value), vocab.ids())}",
            f"Use one of: {', '.join(vocab.ids())}.",
        )
    if err.validator == "const":
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' must be '{wanted}', got {_show(instance)}.",
            f"Write '{field}: {wanted}'.",
        )
    if err.validator == "type":
        expected = wanted if isinstance(wanted, str) else wanted[0]
        got = _TYPE_NAMES.get(type(instance).__name__, type(instance).__name__)
        got = {
            "str": "text",
            "int": "a whole number",
            "list": "a list",
            "dict": "a group of fields",
            "bool": "true or false",
            "NoneType": "nothing",
            "float": "a number",
        }.get(type(instance).__name__, got)
        hint = (
            f"Write it as a list, for example '{top}: [first, second]'."
            if expected == "array"
            else f"It must be {_TYPE_NAMES.get(expected, expected)}."
        )
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' must be {_TYPE_NAMES.get(expected, expected)}, got {got} ({_show(instance)}).",
            hint,
        )
    if err.validator in ("pattern", "format") and (
        schema.get("format") == "date" or "date" in str(schema.get("description", ""))
    ):
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' must be a date written YYYY-MM-DD, got {_show(instance)}.",
            _date_hint(instance),
        )
    if err.validator == "pattern":
        described = schema.get("description") or f"the pattern {schema.get('pattern')}"
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' has {_show(instance)}, which is not {described}.",
            "Correct the value's format.",
        )
    if err.validator == "minItems":
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' needs at least {wanted} value(s), got {len(instance)}.",
            f"Add at least {wanted} value(s) to '{field}'.",
        )
    if err.validator == "uniqueItems":
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' lists the same value twice: {_show(instance)}.",
            "Remove the repeated value.",
        )
    if err.validator == "minLength":
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' is too short ({len(str(instance))} characters, at least {wanted}).",
            "Write a little more.",
        )
    if err.validator == "maxLength":
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' is too long ({len(str(instance))} characters, at most {wanted}).",
            "Shorten it.",
        )
    if err.validator in ("minimum", "maximum"):
        return problem(
            rule,
            page.path,
            line,
            f"'{field}' is {_show(instance)}, outside the allowed range ({err.validator} {wanted}).",
            "Check the value.",
        )
    return problem(
        rule, page.path, line, f"'{field or 'front matter'}': {err.message}.", f"See data/schemas/{type_name}.yml."
    )


def _type_of(page: SourcePage) -> str | None:
    if page.kind == "case-study":
        return "case-study"
    value = page.meta.get("type")
    return value if isinstance(value, str) else None


def check_page(
    page: SourcePage,
    schemas: dict[str, dict[str, Any]],
    vocabs: dict[str, Vocabulary],
    validators: dict[str, Draft202012Validator] | None = None,
) -> list[Problem]:
    if page.text is None:
        return []  # unreadable: the reading problem is already reported
    if not page.front.present:
        return [
            front_matter_problem(
                page.path,
                1,
                "the page has no front matter.",
                "Start the file with a '---' line, the fields (id, type, title, …), and another '---' line.",
            )
        ]
    if not page.meta and any(p.rule_name == "front-matter-yaml" for p in page.problems):
        return []  # the YAML error is already reported; nothing more can be checked
    type_name = _type_of(page)
    allowed_types = vocabs["content-types"].ids() if "content-types" in vocabs else sorted(schemas)
    if type_name not in schemas or type_name not in allowed_types:
        return [
            vocabulary_problem(
                page.path,
                page.front.line_of("type"),
                f"'type' is {_show(type_name) if type_name else 'missing'}, which is not a content type.{_did_you_mean(str(type_name), allowed_types)}",
                f"Use one of: {', '.join(t for t in allowed_types if t != 'case-study')} (case studies live in case_studies/).",
            )
        ]
    validator = (validators or {}).get(type_name) or Draft202012Validator(
        schemas[type_name], format_checker=FormatChecker()
    )
    errors = list(validator.iter_errors(page.meta))
    # Several missing fields are one mistake for a contributor: say it once, listing them all.
    missing = [
        e.message.split("'")[1]
        for e in errors
        if e.validator == "required" and not e.absolute_path and "'" in e.message
    ]
    # One message per field: a bad date fails both 'pattern' and 'format', say it once.
    problems: list[Problem] = []
    seen_fields: set[str] = set()
    for e in errors:
        field = _field(list(e.absolute_path))
        if (e.validator == "required" and not e.absolute_path) or field in seen_fields:
            continue
        seen_fields.add(field)
        problems.append(_explain(e, page, vocabs, type_name))
    if missing:
        names = ", ".join(missing)
        problems.append(
            problem(
                "front-matter-schema",
                page.path,
                page.front.body_line - 1,
                f"this {type_name} is missing required field(s): {names}.",
                f"Add a line 'name: value' for each (see data/schemas/{type_name}.yml).",
            )
        )
    return problems


def check_ids(site: Site) -> list[Problem]:
    """Ids are unique across the knowledge base; both language versions carry the same id."""
    problems: list[Problem] = []
    by_id: dict[str, list[SourcePage]] = defaultdict(list)
    for page in site.pages:
        if page.page_id:
            by_id[page.page_id].append(page)
    for page_id, pages in by_id.items():
        rels = sorted({p.rel for p in pages})
        if len(rels) > 1:
            for page in pages:
                others = ", ".join(p.path for p in pages if p.rel != page.rel)
                problems.append(
                    problem(
                        "duplicate-id",
                        page.path,
                        page.front.line_of("id"),
                        f"the id '{page_id}' is also used by {others}.",
                        "Give each page its own id (the English and Welsh versions of one page share theirs).",
                    )
                )
    for page in site.in_lang("en"):
        other = site.counterpart(page)
        if other and page.page_id and other.page_id and page.page_id != other.page_id:
            problems.append(
                problem(
                    "id-mismatch",
                    other.path,
                    other.front.line_of("id"),
                    f"the id '{other.page_id}' differs from '{page.page_id}' in {page.path}:{page.front.line_of('id')}.",
                    f"Use the same id in both languages: 'id: {page.page_id}'.",
                )
            )
    return problems


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _compile_fast(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema compiles a schema to Python: ~30x faster than jsonschema on valid pages."""
    return fastjsonschema.compile(schema, formats={"date": _is_date})


def _passes_fast(fast: dict[str, Callable[[Any], Any]], page: SourcePage) -> bool:
    validate = fast.get(_type_of(page) or "")
    if validate is None:
        return False
    try:
        validate(page.meta)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check(model: BuildModel) -> list[Problem]:
    site = model.site
    vocabs = model.data.vocabularies
    schemas = model.data.schemas
    problems = list(model.data.vocabulary_problems)
    # One validator per content type for the whole site: building one per page was most of the cost.
    validators = {
        name: Draft202012Validator(schema, format_checker=FormatChecker()) for name, schema in schemas.items()
    }
    fast = {name: _compile_fast(schema) for name, schema in schemas.items()}
    for page in site.pages:
        if page.text is not None and page.front.present and _passes_fast(fast, page):
            continue  # valid: jsonschema's slower, explaining validation is only needed on failure
        problems.extend(check_page(page, schemas, vocabs, validators))
    problems.extend(check_ids(site))
    return problems
