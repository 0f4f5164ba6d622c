"""One mistake, one problem: a problem that only repeats the consequence of another is not reported.

Each check reports what it sees, so one typo can be seen several times: a vocabulary value that is
not a term (KB003) also makes the two languages' front matter differ (KB042); a template
placeholder left in a date field is both unreplaced (KB066) and not a date (KB001); a link to a
missing page in one language (KB140) is also a link the other language lacks (KB045). The
contributor needs the cause, once, at its line; the consequences disappear with it.
"""

from __future__ import annotations

from kb.core.messages import Param
from kb.core.problem import Problem

PLACEHOLDER = "case-study-placeholder"
# Problems about one front-matter field's value (the field is their 'field' value).
FIELD_RULES = ("front-matter-schema", "vocabulary", PLACEHOLDER)


def _values(p: Problem) -> dict[str, Param]:
    return dict(p.text.params)


def _at(where: Param) -> tuple[str, int] | None:
    """'docs/x.md:12' -> ('docs/x.md', 12)."""
    path, _, line = str(where).rpartition(":")
    return (path, int(line)) if path and line.isdigit() else None


def without_consequences(problems: list[Problem]) -> list[Problem]:
    placeholder_lines = {(p.path, p.line) for p in problems if p.rule_name == PLACEHOLDER}
    field_problems: dict[str, set[str]] = {}  # path -> fields with a problem of their own
    lines_with_cause = set(placeholder_lines)
    for p in problems:
        if p.rule_name in FIELD_RULES and p.is_error:
            field = str(_values(p).get("field", ""))
            if field:
                field_problems.setdefault(p.path, set()).add(field.split(".")[0])
            lines_with_cause.add((p.path, p.line))
    broken_links = {(p.path, p.line, str(_values(p).get("link", ""))) for p in problems if p.rule_name == "link-target-missing"}
    misnamed = {p.path for p in problems if p.rule_name == "case-study-files"}

    def consequence(p: Problem) -> bool:
        values = _values(p)
        if p.rule_name != PLACEHOLDER and (p.path, p.line) in placeholder_lines:
            return True  # the placeholder is the mistake: replacing it fixes this too
        if p.rule_name == "parity-front-matter":
            key = str(values.get("key", ""))
            other = _at(values.get("other", ""))
            paths = {p.path, other[0] if other else ""}
            if any(key in field_problems.get(path, set()) for path in paths):
                return True
            return (p.path, p.line) in lines_with_cause or (other is not None and other in lines_with_cause)
        if p.rule_name == "parity-links":
            where = _at(values.get("where", ""))
            return where is not None and (*where, str(values.get("value", "")).split("#", 1)[0]) in broken_links
        return p.rule_name == "translation-missing" and p.path in misnamed
    return [p for p in problems if not consequence(p)]
