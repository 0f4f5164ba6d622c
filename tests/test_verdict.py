"""One definition of failure: ``kb check``, the strict build and the pull-request workflow report the
same problems with the same severity, and agree on pass or fail (an error fails, a warning never does).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from fixture_pages import minimal_site
from sitebuilder import REPO, build, make_site, run_kb

pytestmark = pytest.mark.build

EN, CY = "docs/guides/community.md", "docs_cy/guides/community.md"
_PROBLEM = re.compile(r"(\S+:\d+: (?:error|warning) KB\d{3} [a-z-]+):")


def problems_in(output: str) -> set[str]:
    return set(_PROBLEM.findall(output))


def verdicts(root: Path) -> tuple[tuple[bool, set[str]], tuple[bool, set[str]]]:
    checked = run_kb(root, "check")
    built = build(root)
    return (checked.returncode == 0, problems_in(checked.stdout)), (built.returncode == 0, problems_in(built.output))


def _marked(tmp_path: Path) -> Path:
    root = make_site(tmp_path, minimal_site())
    assert run_kb(root, "translations", "mark-in-step", "--all").returncode == 0
    return root


def test_a_one_sided_edit_is_a_warning_everywhere_and_fails_nothing(tmp_path):
    root = _marked(tmp_path)
    page = root / EN
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence in English first.\n", encoding="utf-8")
    (check_ok, check_problems), (build_ok, build_problems) = verdicts(root)
    assert check_ok and build_ok
    assert check_problems == build_problems and any("warning KB048" in p for p in check_problems)


def test_an_error_fails_both_with_the_same_problems(tmp_path):
    site = minimal_site()
    site[CY] = site[CY].replace("[co-production-basics]", "[cydgynhyrchu]")
    root = make_site(tmp_path, site)
    (check_ok, check_problems), (build_ok, build_problems) = verdicts(root)
    assert not check_ok and not build_ok
    assert check_problems == build_problems != set()


def test_the_pull_request_workflow_runs_the_same_check_and_build():
    workflow = yaml.safe_load((REPO / ".github/workflows/pr-checks.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["checks"]["steps"])
    assert "python -m kb check --format github" in steps and "mkdocs build --strict" in steps
