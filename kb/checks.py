"""Run every content check over the loaded sources; the one entry point hooks and the CLI use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.content import Site, load_site
from kb.problem import Problem, sort_problems

Check = Callable[[Site], list[Problem]]


def all_checks() -> list[Check]:
    # Imported here so each concern stays its own module and adding one is one line.
    from kb import case_studies, citations, frontmatter_checks, manifest, parity, safe_html

    return [frontmatter_checks.check, safe_html.check, case_studies.check, citations.check, manifest.check, parity.check]


def check_site(site: Site) -> list[Problem]:
    problems = list(site.problems)
    for check in all_checks():
        problems.extend(check(site))
    return sort_problems(problems)


def check_root(root: Path) -> tuple[Site, list[Problem]]:
    site = load_site(root)
    return site, check_site(site)
