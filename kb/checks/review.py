"""Review dates: a guide or resource whose ``review_by`` has passed (KB130, a warning) and dates that
cannot be right (KB131: reviewed in the future, or a next review not after the last one).

Both language versions carry the same dates (parity KB042 compares them), so each problem is
reported once, on the English version when there is one.
"""

from __future__ import annotations

import datetime as dt

from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.publish.currency import REVIEW_BY, REVIEWED, as_date
from kb.sources.content import Site, SourcePage

RULES = ("review-overdue", "review-dates")


def _one_version_each(site: Site) -> list[SourcePage]:
    chosen: dict[str, SourcePage] = {}
    for page in site.pages:
        if page.text is None:
            continue
        if page.rel not in chosen or page.lang == "en":
            chosen[page.rel] = page
    return list(chosen.values())


def check_page(page: SourcePage, today: dt.date) -> list[Problem]:
    reviewed, review_by = as_date(page.meta.get(REVIEWED)), as_date(page.meta.get(REVIEW_BY))
    problems: list[Problem] = []
    if reviewed and reviewed > today:
        problems.append(
            problem(
                "review-dates",
                page.path,
                page.front.line_of(REVIEWED),
                f"'reviewed' is {reviewed.isoformat()}, a date that has not come yet (today is {today.isoformat()}).",
                "Give the date the page was actually reviewed, written YYYY-MM-DD.",
            )
        )
    if reviewed and review_by and review_by <= reviewed:
        problems.append(
            problem(
                "review-dates",
                page.path,
                page.front.line_of(REVIEW_BY),
                f"'review_by' ({review_by.isoformat()}) is not after 'reviewed' ({reviewed.isoformat()}).",
                "Set 'review_by' to when the page should next be checked, usually a year after 'reviewed'.",
            )
        )
    elif review_by and review_by < today:
        days = (today - review_by).days
        problems.append(
            problem(
                "review-overdue",
                page.path,
                page.front.line_of(REVIEW_BY),
                f"this page was due for review by {review_by.isoformat()}, {days} day(s) ago.",
                "Check that its facts, figures and links still hold (update them if not), then set 'reviewed' "
                "to today's date and 'review_by' to the next review date, in both language versions.",
            )
        )
    return problems


def check_reviews(site: Site, today: dt.date) -> list[Problem]:
    return [p for page in _one_version_each(site) for p in check_page(page, today)]


def check(model: BuildModel) -> list[Problem]:
    return check_reviews(model.site, dt.date.today())
