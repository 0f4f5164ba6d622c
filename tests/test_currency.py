"""kb/publish/currency.py (+ hooks/library.py): review dates on guides as <time> in the page's
language and the maintainers' list of what is due; unit-tested and in a real build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_pages import GUIDE_CY, GUIDE_EN, minimal_site
from sitebuilder import REPO, build, make_site

from kb.model import load_model
from kb.publish import currency
from kb.publish.uitext import load_ui_text
from kb.sources.content import load_site

UI = load_ui_text(REPO, "data/ui/library.yml")
TODAY = dt.date(2026, 12, 1)


def dated(text: str, **fields: str) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return text.replace("updated: 2026-11-27\n", f"updated: 2026-11-27\n{lines}", 1)


def test_review_line_shows_reviewed_as_time_in_the_page_language() -> None:
    meta = {"reviewed": "2026-12-01", "review_by": "2027-06-01", "updated": "2026-11-27"}
    assert currency.review_line(meta, "cy", UI) == (
        '<p class="kb-review">Adolygwyd ddiwethaf <time datetime="2026-12-01">1 Rhagfyr 2026</time>'
        ' <span class="kb-review__next"> · Adolygiad nesaf erbyn <time datetime="2027-06-01">1 Mehefin 2027</time></span></p>'
    )
    english = currency.review_line({"updated": "2026-11-27"}, "en", UI)
    assert "Last updated <time datetime=\"2026-11-27\">27 November 2026</time>" in english
    assert "kb-review__next" not in english
    assert currency.review_line({}, "en", UI) == ""
    assert currency.review_line({"reviewed": "27/11/2026"}, "en", UI) == ""  # malformed: the schema reports it


def test_insert_after_title_keeps_the_heading_first() -> None:
    assert currency.insert_after_title("# Teitl\n\nTestun", "<p>x</p>") == "# Teitl\n\n<p>x</p>\n\n\nTestun"
    assert currency.insert_after_title("Testun", "<p>x</p>").startswith("\n<p>x</p>\n")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    files = minimal_site()
    for name, review_by in (("overdue", "2026-11-30"), ("soon", "2027-01-15"), ("later", "2027-11-27"), ("undated", "")):
        fields = {"reviewed": "2026-01-10", "review_by": review_by} if review_by else {}
        for tree, text in (("docs", GUIDE_EN), ("docs_cy", GUIDE_CY)):
            page = dated(text.replace("id: community", f"id: g-{name}"), **fields)
            files[f"{tree}/guides/{name}.md"] = page.replace("Working with a community", f"Guide {name}")
    return make_site(tmp_path / "repo", files)


def test_due_lists_overdue_then_soon_then_undated_guides_only(repo: Path) -> None:
    rows = currency.due(load_model(repo).items, TODAY, "en", "about/review/")
    assert [(r.entry.id, r.state) for r in rows] == [
        ("g-overdue", "overdue"),
        ("g-soon", "soon"),
        ("g-undated", "undated"),  # by title: "Guide undated" before "Working with a community"
        ("community", "undated"),
    ]
    assert rows[0].entry.href == "../../guides/g-overdue/"
    assert rows[0].review_by is not None and rows[0].review_by.iso == "2026-11-30"


def test_due_section_in_welsh_and_when_nothing_is_due(repo: Path) -> None:
    items = load_model(repo).items
    html = currency.due_section(items, TODAY, "cy", "cy/about/review/", UI)
    assert "<caption>Canllawiau ac adnoddau" in html and "Yn hwyr" in html and "Dim dyddiad adolygu" in html
    assert '<time datetime="2026-11-30">30 Tachwedd 2026</time>' in html
    assert currency.due_section([], TODAY, "en", "about/review/", UI) == (
        '<p class="kb-note">Every guide and resource has a review date more than 90 days away.</p>'
    )


def test_built_guides_show_their_review_date_and_the_due_page_lists_them(tmp_path: Path) -> None:
    today = dt.date.today()
    soon = (today + dt.timedelta(days=30)).isoformat()
    files = minimal_site()
    files["docs/guides/community.md"] = dated(GUIDE_EN, reviewed=today.isoformat(), review_by=soon)
    files["docs_cy/guides/community.md"] = dated(GUIDE_CY, reviewed=today.isoformat(), review_by=soon)
    for tree in ("docs", "docs_cy"):
        files[f"{tree}/about/review.md"] = (REPO / tree / "about" / "review.md").read_text(encoding="utf-8")
        files[f"{tree}/about/contributing.md"] = (REPO / tree / "about" / "contributing.md").read_text(encoding="utf-8")
    result = build(make_site(tmp_path / "repo", files))
    assert result.returncode == 0, result.output[-3000:]
    welsh = (result.site / "cy" / "guides" / "community" / "index.html").read_text(encoding="utf-8")
    assert f'Adolygwyd ddiwethaf <time datetime="{today.isoformat()}">' in welsh
    due = (result.site / "cy" / "about" / "review" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../guides/community/">Gweithio gyda chymuned</a>' in due and "o fewn 90 diwrnod" in due


def test_every_shipped_guide_has_a_review_date_in_the_future() -> None:
    site = load_site(REPO)
    guides = [p for p in site.pages if p.meta.get("type") == "guide"]
    assert len(guides) >= 16
    for page in guides:
        reviewed, review_by = currency.as_date(page.meta.get("reviewed")), currency.as_date(page.meta.get("review_by"))
        assert reviewed and review_by and review_by > reviewed, page.path
