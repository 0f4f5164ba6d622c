"""Run every content check over the loaded sources; the one entry point hooks and the CLI use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.core.problem import Problem, sort_problems
from kb.sources.content import Site, load_site

Check = Callable[[Site], list[Problem]]


def all_checks() -> list[Check]:
    # Imported here so each concern stays its own module and adding one is one line.
    from kb.checks import case_studies, citations, manifest, parity, plain_text, review, safe_html
    from kb.checks import frontmatter as frontmatter_checks

    return [frontmatter_checks.check, plain_text.check, safe_html.check, case_studies.check, citations.check, manifest.check, parity.check, review.check]


def check_site(site: Site) -> list[Problem]:
    problems = list(site.problems)
    for check in all_checks():
        problems.extend(check(site))
    return sort_problems(problems)


def check_root(root: Path) -> tuple[Site, list[Problem]]:
    site = load_site(root)
    return site, check_site(site)
