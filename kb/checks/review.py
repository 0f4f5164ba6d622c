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
                "review-dates", page.path, page.front.line_of(REVIEWED), "reviewed-future",
                reviewed=reviewed.isoformat(), today=today.isoformat(),
            )
        )
    if reviewed and review_by and review_by <= reviewed:
        problems.append(
            problem(
                "review-dates", page.path, page.front.line_of(REVIEW_BY), "not-after",
                review_by=review_by.isoformat(), reviewed=reviewed.isoformat(),
            )
        )
    elif review_by and review_by < today:
        days = (today - review_by).days
        problems.append(
            problem("review-overdue", page.path, page.front.line_of(REVIEW_BY), "overdue", review_by=review_by.isoformat(), days=days)
        )
    return problems


def check_reviews(site: Site, today: dt.date) -> list[Problem]:
    return [p for page in _one_version_each(site) for p in check_page(page, today)]


def check(model: BuildModel) -> list[Problem]:
    return check_reviews(model.site, dt.date.today())
