"""Downloads: the case studies and the resources as CSV files per language, for spreadsheets.

  /case-studies/case-studies.csv   /cy/case-studies/case-studies.csv
  /resources/resources.csv         /cy/resources/resources.csv

Column headings and values are in the file's language (vocabulary labels, never ids alone, plus
an id column for joining); several values in one cell are separated by '; '. The files are UTF-8
with a byte-order mark so that spreadsheet programs read ŵ and ŷ correctly, with CRLF line ends
(RFC 4180). A cell that starts like a formula (=, +, -, @) gets a leading apostrophe, so opening
the file can never run anything.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from kb.publish.items import Item, SiteInfo
from kb.publish.uitext import UiText
from kb.sources.content import LANGS, Lang
from kb.sources.urls import absolute, with_lang

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Download:
    type: str  # item type listed
    folder: str  # where it is published, beside the list page
    name: str
    columns: tuple[str, ...]  # each: a front-matter field, or one of the computed ones below

    def path(self, lang: str) -> str:
        return with_lang(lang, f"{self.folder}/{self.name}")


DOWNLOADS = (
    Download(
        "case-study",
        "case-studies",
        "case-studies.csv",
        ("id", "title", "summary", "page", "regions", "sectors", "themes", "methods", "values", "legislation",
         "involved", "start_year", "status", "organisations", "what_changed", "what_learned", "contact",
         "licence", "submitted", "updated"),
    ),
    Download(
        "resource",
        "resources",
        "resources.csv",
        ("id", "title", "kind", "publisher", "year", "languages", "url", "licence", "themes", "sectors",
         "legislation", "regions", "methods", "summary", "page", "reviewed", "review_by"),
    ),
)


def safe_cell(value: str) -> str:
    """The text as a spreadsheet should show it: never read as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(item: Item, lang: Lang, column: str, info: SiteInfo) -> str:
    page = item.pages[lang]
    if column == "id":
        return item.id
    if column == "title":
        return item.title(lang) or item.id
    if column == "summary":
        return item.summary(lang) or ""
    if column == "page":
        return absolute(info.url, item.url_path(lang))
    facet = item.facets.get(column)
    if facet is not None:
        return "; ".join(t.label(lang) for t in facet.terms)
    value: Any = page.meta.get(column)
    if isinstance(value, list):
        return "; ".join(" ".join(str(v).split()) for v in value)
    return " ".join(str(value).split()) if value is not None else ""


def csv_text(download: Download, items: list[Item], lang: Lang, ui: UiText, info: SiteInfo) -> str:
    """One CSV file: a heading row in ``lang``, then one row per item in ``lang``, by title."""
    rows = sorted(
        (i for i in items if i.type == download.type and lang in i.pages),
        key=lambda i: ((i.title(lang) or i.id).casefold(), i.id),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([ui(f"col_{c}", lang) for c in download.columns])
    for item in rows:
        writer.writerow([safe_cell(_cell(item, lang, c, info)) for c in download.columns])
    return BOM + buffer.getvalue()


def download_files(items: list[Item], ui: UiText, info: SiteInfo) -> dict[str, str]:
    """Site-relative path -> text of every CSV file, in each language."""
    return {d.path(lang): csv_text(d, items, lang, ui, info) for d in DOWNLOADS for lang in LANGS}


def download_paths() -> list[tuple[str, Lang]]:
    """(path, language) of every CSV file, for the output plan."""
    return [(d.path(lang), lang) for d in DOWNLOADS for lang in LANGS]


def download_for(type_name: str) -> Download | None:
    """The download of a content type's list (its link is the file name: it sits beside the list)."""
    return next((d for d in DOWNLOADS if d.type == type_name), None)
