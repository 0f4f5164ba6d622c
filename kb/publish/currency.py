"""Currency: when a guide or resource was last reviewed, when its next review is due, and what is due.

A page says ``reviewed: DATE`` (someone checked its facts and links that day) and ``review_by:
DATE`` (when that should happen again). Pages show the first as a <time> in their language; the
maintainers' page lists what is overdue or due soon; the check warns once ``review_by`` has passed
(kb.checks.review). A page without ``reviewed`` shows when it was last updated instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from kb.publish.entries import Entry, entry
from kb.publish.items import Item
from kb.publish.templating import fragment
from kb.publish.uitext import UiText
from kb.sources.content import Lang

REVIEWED, REVIEW_BY, UPDATED = "reviewed", "review_by", "updated"
# Types whose schema has the review fields; the due page lists these.
REVIEWED_TYPES = ("guide", "resource")
DUE_MARKER = "<!-- kb:review:due -->"
# 'Due soon' on the maintainers' page: early enough to plan a review.
SOON = dt.timedelta(days=90)
_BABEL_LOCALES = {"en": "en_GB", "cy": "cy"}


def as_date(value: Any) -> dt.date | None:
    """A front-matter date (text 'YYYY-MM-DD'); None when absent or malformed (the schema reports it)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ShownDate:
    iso: str
    text: str  # '1 December 2026', '1 Rhagfyr 2026'


def shown(day: dt.date, lang: str) -> ShownDate:
    return ShownDate(day.isoformat(), format_date(day, format="long", locale=_BABEL_LOCALES.get(lang, lang)))


def review_line(meta: Mapping[str, Any], lang: Lang, ui: UiText) -> str:
    """'Last reviewed <time>' (or 'Last updated'), and when the next review is due; '' without dates."""
    reviewed, updated, due = as_date(meta.get(REVIEWED)), as_date(meta.get(UPDATED)), as_date(meta.get(REVIEW_BY))
    checked = reviewed or updated
    if checked is None:
        return ""
    return fragment(
        "review-line.html",
        label=ui("last_reviewed" if reviewed else "last_updated", lang),
        checked=shown(checked, lang),
        next_label=ui("review_by", lang),
        due=shown(due, lang) if due else None,
    )


def insert_after_title(markdown: str, html: str) -> str:
    """Put ``html`` right after the page's level-1 heading, or at the top when it has none."""
    lines = markdown.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    block = ["", html, ""]
    if first is not None and lines[first].startswith("# "):
        return "\n".join(lines[: first + 1] + block + lines[first + 1 :])
    return "\n".join(block + lines)


@dataclass(frozen=True)
class Due:
    entry: Entry
    reviewed: ShownDate | None
    review_by: ShownDate | None
    state: str  # 'overdue', 'soon' or 'undated'


def _state(review_by: dt.date | None, today: dt.date) -> str | None:
    if review_by is None:
        return "undated"
    if review_by < today:
        return "overdue"
    if review_by <= today + SOON:
        return "soon"
    return None


def due(items: list[Item], today: dt.date, lang: Lang, from_path: str) -> list[Due]:
    """Guides and resources (in ``lang``) overdue, due within 90 days, or without a review date."""
    out: list[tuple[tuple[int, str, str], Due]] = []
    order = {"overdue": 0, "soon": 1, "undated": 2}
    for item in items:
        page = item.pages.get(lang)
        found = entry(item, lang, from_path)
        if item.type not in REVIEWED_TYPES or page is None or found is None:
            continue
        review_by = as_date(page.meta.get(REVIEW_BY))
        state = _state(review_by, today)
        if state is None:
            continue
        reviewed = as_date(page.meta.get(REVIEWED))
        row = Due(found, shown(reviewed, lang) if reviewed else None, shown(review_by, lang) if review_by else None, state)
        out.append(((order[state], review_by.isoformat() if review_by else "", found.title.casefold()), row))
    return [row for _, row in sorted(out, key=lambda pair: pair[0])]


def due_section(items: list[Item], today: dt.date, lang: Lang, from_path: str, ui: UiText) -> str:
    rows = due(items, today, lang, from_path)
    if not rows:
        return fragment("note.html", text=ui("due_none", lang))
    return fragment("review-due.html", rows=rows, ui=ui.for_lang(lang), today=shown(today, lang))
