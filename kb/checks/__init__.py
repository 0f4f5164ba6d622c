"""Run every content check over the build model; the one entry point hooks and the CLI use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.core.messages import catalogue
from kb.core.problem import Problem, rules, sort_problems
from kb.model import BuildModel, load_model

Check = Callable[[BuildModel], list[Problem]]


def all_checks() -> list[Check]:
    # Imported here so each concern stays its own module and adding one is one line.
    from kb.checks import (
        case_studies,
        citations,
        content_files,
        language_marks,
        links,
        manifest,
        parity,
        plain_text,
        resources,
        review,
        safe_html,
    )
    from kb.checks import frontmatter as frontmatter_checks

    return [frontmatter_checks.check, plain_text.check, safe_html.check, case_studies.check, content_files.check, citations.check, links.check, manifest.check, parity.check, review.check, resources.check,
            language_marks.check]


def check_site(model: BuildModel) -> list[Problem]:
    from kb.checks import data_files
    from kb.checks.consequences import without_consequences

    rules(), catalogue()  # the rules and messages themselves first: BrokenCatalogue if they cannot be read
    problems = list(model.site.problems)
    unusable = data_files.check(model)
    if unusable:  # every other check reads the data files: fix them first, then the rest is checked
        return sort_problems(problems + unusable)
    for check in all_checks():
        problems.extend(check(model))
    return sort_problems(without_consequences(problems))


def check_root(root: Path) -> tuple[BuildModel, list[Problem]]:
    model = load_model(root)
    return model, check_site(model)
