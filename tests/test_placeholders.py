"""Pending translations (kb.publish.placeholders): a bannered placeholder in the other language, never a silent fall-back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from htmlpage import Html
from parity_pages import BUDGET_CY, BUDGET_EN, parity_site
from sitebuilder import build, make_site

from kb.model import load_model
from kb.publish.placeholders import ORIGINAL_URL, placeholder_markdown
from kb.sources.content import load_site
from kb.sources.parity_config import ParityConfig, format_date, load_config

REPO = Path(__file__).resolve().parent.parent
PENDING = "order: 2\ntranslation: {pending: 2026-11-20}\n"


def _config() -> ParityConfig:
    return load_config(REPO)


def test_dates_in_each_language():
    assert format_date("2026-11-20", "cy", _config()) == "20 Tachwedd 2026"
    assert format_date("2026-03-01", "en", _config()) == "1 March 2026"
    assert format_date("soon", "cy", _config()) == "soon"


def test_placeholders_only_for_pending_pages_without_a_translation(tmp_path):
    files = parity_site()
    del files["docs_cy/guides/budgets.md"]
    files["docs/guides/budgets.md"] = BUDGET_EN.replace("order: 2\n", PENDING)
    files["docs_cy/guides/welsh-first.md"] = BUDGET_CY.replace("id: budgets", "id: welsh-first").replace("order: 2\n", PENDING)
    files["docs/guides/community.md"] = files["docs/guides/community.md"].replace("order: 1\n", PENDING)  # stale: no placeholder
    found = {(p.lang, p.rel) for p in load_model(make_site(tmp_path, files)).placeholders}
    assert found == {("cy", "guides/budgets.md"), ("en", "guides/welsh-first.md")}


def test_placeholder_markdown_has_a_banner_in_the_interface_language_and_marks_the_content(tmp_path):
    files = {"docs/guides/budgets.md": BUDGET_EN.replace("order: 2\n", PENDING)}
    site = load_site(make_site(tmp_path, files))
    original = site.get("en", "guides/budgets.md")
    assert original is not None
    text = placeholder_markdown(original, "cy", _config())
    assert "Heb ei chyfieithu i&#39;r Gymraeg eto" in text and "20 Tachwedd 2026" in text
    assert f'[Darllen y fersiwn Saesneg wreiddiol]({ORIGINAL_URL}){{ hreflang="en" lang="cy" }}' in text
    assert '<div lang="en" markdown="1">\n\n# Deciding a budget together' in text
    assert "translation:" not in text and "content_lang: en" in text


@dataclass
class _Page:
    """The lang of the page, of the banner, and of the element around the first h1."""

    html_lang: str
    banner_text: str
    h1_lang: str | None
    banner_link: dict[str, str]


def _page(path: Path) -> _Page:
    page = Html.file(path)
    link = page.first(".kb-untranslated a[hreflang]") or {}
    return _Page(page.lang, page.text(".kb-untranslated"), page.lang_at("h1"), link)


@pytest.mark.build
def test_a_pending_page_is_published_in_the_other_language_with_banner_and_lang(tmp_path):
    files = parity_site()
    del files["docs_cy/guides/budgets.md"]
    files["docs/guides/budgets.md"] = BUDGET_EN.replace("order: 2\n", PENDING)
    files["docs_cy/guides/welsh-first.md"] = BUDGET_CY.replace("id: budgets", "id: welsh-first").replace("order: 2\n", PENDING)
    result = build(make_site(tmp_path, files))
    assert result.returncode == 0, result.output

    cy_page = result.site / "cy" / "guides" / "budgets" / "index.html"
    page = _page(cy_page)
    assert page.html_lang == "cy"  # inside the Welsh interface
    assert "Nid yw'r dudalen hon wedi'i chyfieithu i'r Gymraeg eto" in page.banner_text
    assert "20 Tachwedd 2026" in page.banner_text
    assert page.h1_lang == "en"  # the English content is marked as English (WCAG 3.1.2)
    href = page.banner_link.get("href") or ""
    assert page.banner_link.get("hreflang") == "en"
    assert (cy_page.parent / href / "index.html").resolve() == (result.site / "guides" / "budgets" / "index.html").resolve()

    en_page = result.site / "guides" / "welsh-first" / "index.html"
    page = _page(en_page)
    assert page.html_lang == "en"
    assert re.search(r"This page has not been translated into English yet \(translation requested on 20 November 2026\)", page.banner_text)
    assert page.h1_lang == "cy"
