"""kb/checks/review.py: KB130 review-overdue (a warning) and KB131 review-dates, once per pair."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fixture_pages import GUIDE_CY, GUIDE_EN, minimal_site
from sitebuilder import make_site, run_kb

from kb.checks.review import check_reviews
from kb.sources.content import load_site

TODAY = dt.date(2026, 12, 1)


def site_with(tmp_path: Path, **fields: str) -> Path:
    lines = "".join(f"{k}: {v}\n" for k, v in fields.items())
    files = minimal_site()
    files["docs/guides/community.md"] = GUIDE_EN.replace("updated: 2026-11-27\n", f"updated: 2026-11-27\n{lines}")
    files["docs_cy/guides/community.md"] = GUIDE_CY.replace("updated: 2026-11-27\n", f"updated: 2026-11-27\n{lines}")
    return make_site(tmp_path / "repo", files)


def test_a_passed_review_date_is_one_warning_on_the_english_file(tmp_path: Path) -> None:
    problems = check_reviews(load_site(site_with(tmp_path, reviewed="2025-11-01", review_by="2026-11-01")), TODAY)
    assert [(p.path, p.line, p.rule_name, p.severity) for p in problems] == [
        ("docs/guides/community.md", 10, "review-overdue", "warning")
    ]
    assert "due for review by 2026-11-01, 30 day(s) ago" in problems[0].message


def test_impossible_dates_are_errors(tmp_path: Path) -> None:
    future = check_reviews(load_site(site_with(tmp_path, reviewed="2026-12-25", review_by="2027-12-25")), TODAY)
    assert [(p.rule_name, p.line) for p in future] == [("review-dates", 9)]
    assert "has not come yet" in future[0].message


def test_review_by_must_come_after_reviewed(tmp_path: Path) -> None:
    problems = check_reviews(load_site(site_with(tmp_path, reviewed="2026-06-01", review_by="2026-05-01")), TODAY)
    assert [(p.rule_name, p.severity) for p in problems] == [("review-dates", "error")]


def test_current_dates_and_no_dates_pass(tmp_path: Path) -> None:
    assert check_reviews(load_site(site_with(tmp_path, reviewed="2026-11-01", review_by="2027-11-01")), TODAY) == []
    assert check_reviews(load_site(site_with(tmp_path / "b")), TODAY) == []


def test_kb_check_reports_an_overdue_review_as_a_warning(tmp_path: Path) -> None:
    root = site_with(tmp_path, reviewed="2020-01-01", review_by="2021-01-01")
    result = run_kb(root, "check")
    assert "docs/guides/community.md:10: warning KB130 review-overdue" in result.stdout
    assert "docs_cy/guides/community.md" not in result.stdout
