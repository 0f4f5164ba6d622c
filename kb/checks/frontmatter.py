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

from kb.core.messages import Message, Texts, msg
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


def did_you_mean(value: str, options: list[str]) -> Message | str:
    """" Did you mean 'x'?" for the closest of ``options``, or nothing."""
    close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    return msg("terms.did-you-mean", value=close[0]) if close else ""


def _date_problem(page: SourcePage, line: int, field: str, value: Any) -> Problem:
    m = _DMY.match(str(value))
    if m:
        day, month, year = m.groups()
        year = year if len(year) == 4 else f"20{year}"
        fixed = f"{year}-{int(month):02d}-{int(day):02d}"
        return problem("front-matter-schema", page.path, line, "date-guessable", field=field, value=_show(value), date=fixed)
    return problem("front-matter-schema", page.path, line, "date", field=field, value=_show(value))


# JSON Schema and Python type names, as contributors say them ("a list"), in the catalogue's terms.
_SCHEMA_TYPES = {"string": "string", "integer": "integer", "array": "array", "object": "object", "number": "number", "boolean": "boolean"}
_PYTHON_TYPES = {"str": "string", "int": "integer", "list": "array", "dict": "object", "bool": "boolean", "NoneType": "null", "float": "number"}


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
    at = (rule, page.path, line)
    if err.validator == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        line = page.front.body_line - 1 if page.front.present else 1
        return problem(rule, page.path, line, "required-missing", field=missing, type=type_name)
    if err.validator == "additionalProperties":
        allowed = list((schema.get("properties") or {}).keys())
        extras = [k for k in (instance or {}) if k not in allowed]
        name = extras[0] if extras else "?"
        line = page.front.line_of(f"{field}.{name}" if field else name)
        return problem(
            rule, page.path, line, "unknown-field",
            field=name, type=type_name, suggestion=did_you_mean(name, allowed), allowed=", ".join(allowed),
        )
    if err.validator == "enum" and schema.get("x-vocabulary"):
        vocab = vocabs[schema["x-vocabulary"]]
        return vocabulary_problem(
            page.path, line, "not-in-vocabulary",
            field=str(top), value=_show(instance), vocabulary=vocab.name,
            suggestion=did_you_mean(str(instance), vocab.ids()), choices=", ".join(vocab.ids()),
        )
    if err.validator == "enum":
        return problem(*at, "not-one-of", field=field, value=_show(instance), choices=", ".join(map(str, wanted)))
    if err.validator == "const":
        return problem(*at, "const", field=field, wanted=str(wanted), value=_show(instance))
    if err.validator == "type":
        expected = _SCHEMA_TYPES.get(wanted if isinstance(wanted, str) else wanted[0], "string")
        got = _PYTHON_TYPES.get(type(instance).__name__, "string")
        if expected == "array":
            return problem(*at, "not-a-list", field=field, got=msg(f"terms.got-{got}"), value=_show(instance), top=str(top))
        return problem(*at, "wrong-type", field=field, expected=msg(f"terms.be-{expected}"), got=msg(f"terms.got-{got}"), value=_show(instance))
    if err.validator in ("pattern", "format") and (
        schema.get("format") == "date" or "date" in str(schema.get("description", ""))
    ):
        return _date_problem(page, line, field, instance)
    if err.validator == "pattern":
        if schema.get("description"):
            described = Texts(str(schema["description"]), str(schema.get("x-description-cy") or schema["description"]))
            return problem(*at, "pattern", field=field, value=_show(instance), described=described)
        return problem(*at, "pattern-undescribed", field=field, value=_show(instance), type=type_name)
    if err.validator == "minItems":
        return problem(*at, "too-few", field=field, wanted=int(wanted), count=len(instance))
    if err.validator == "uniqueItems":
        return problem(*at, "repeated", field=field, value=_show(instance))
    if err.validator == "minLength":
        return problem(*at, "too-short", field=field, length=len(str(instance)), wanted=int(wanted))
    if err.validator == "maxLength":
        return problem(*at, "too-long", field=field, length=len(str(instance)), wanted=int(wanted))
    if err.validator == "minimum":
        return problem(*at, "too-small", field=field, value=_show(instance), wanted=str(wanted))
    if err.validator == "maximum":
        return problem(*at, "too-large", field=field, value=_show(instance), wanted=str(wanted))
    return problem(*at, "other", field=field or "front matter", type=type_name)


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
        return [front_matter_problem(page.path, 1, "no-front-matter")]
    if not page.meta and any(p.rule_name == "front-matter-yaml" for p in page.problems):
        return []  # the YAML error is already reported; nothing more can be checked
    type_name = _type_of(page)
    allowed_types = vocabs["content-types"].ids() if "content-types" in vocabs else sorted(schemas)
    if type_name not in schemas or type_name not in allowed_types:
        choices = ", ".join(t for t in allowed_types if t != "case-study")
        line = page.front.line_of("type")
        if not type_name:
            return [vocabulary_problem(page.path, line, "no-content-type", choices=choices)]
        return [
            vocabulary_problem(
                page.path, line, "not-a-content-type",
                value=_show(type_name), suggestion=did_you_mean(type_name, allowed_types), choices=choices,
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
        problems.append(
            problem(
                "front-matter-schema", page.path, page.front.body_line - 1, "required-missing-many",
                fields=", ".join(missing), type=type_name,
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
                problems.append(problem("duplicate-id", page.path, page.front.line_of("id"), "used-twice", id=page_id, others=others))
    for page in site.in_lang("en"):
        other = site.counterpart(page)
        if other and page.page_id and other.page_id and page.page_id != other.page_id:
            problems.append(
                problem(
                    "id-mismatch", other.path, other.front.line_of("id"), "differs",
                    id=other.page_id, other_id=page.page_id, other=f"{page.path}:{page.front.line_of('id')}",
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
