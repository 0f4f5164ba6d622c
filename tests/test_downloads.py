"""kb/publish/downloads.py (+ hooks/publish.py): case studies and resources as CSV per language,
UTF-8 with a byte-order mark, headings and values in the file's language, never a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import case_study_fixtures as CS
import pytest
import resource_fixtures as R
from sitebuilder import REPO, build, make_site

from kb.model import load_model
from kb.publish.downloads import BOM, DOWNLOADS, csv_text, download_files, safe_cell
from kb.publish.items import SiteInfo
from kb.publish.uitext import load_ui_text

UI = load_ui_text(REPO, "data/ui/library.yml")
INFO = SiteInfo("https://kb.example.wales/", {"en": "KB", "cy": "SW"}, {"en": "d", "cy": "d"})


def rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {**CS.listing_pages(), **R.listing_pages()}
    files["docs/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n"
    files["docs_cy/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n"
    files.update(CS.files("gwyl-y-dwr", 1, regions=["cardiff", "gwynedd"]))
    files.update(CS.files("tŷ-agored".replace("ŷ", "y"), 2))
    files.update(R.files("alpha-report", 1, url="https://www.llyw.cymru/alpha"))
    return make_site(tmp_path_factory.mktemp("downloads") / "repo", files)


def test_welsh_case_studies_file_has_welsh_headings_and_labels(repo: Path) -> None:
    case_studies = next(d for d in DOWNLOADS if d.type == "case-study")
    table = rows(csv_text(case_studies, load_model(repo).items, "cy", UI, INFO))
    assert table[0][:4] == ["Dynodwr", "Teitl", "Crynodeb", "Tudalen ar y wefan hon"]
    assert len(table) == 3 and {r[0] for r in table[1:]} == {"gwyl-y-dwr", "ty-agored"}
    first = dict(zip(table[0], table[1], strict=True))
    assert first["Teitl"] == "Astudiaeth achos enghreifftiol 1"
    assert first["Ardaloedd"] == "Caerdydd; Gwynedd"
    assert first["Tudalen ar y wefan hon"] == "https://kb.example.wales/cy/case-studies/gwyl-y-dwr/"
    assert "Grŵp Cymunedol Enghreifftiol" in first["Sefydliadau"]


def test_resources_file_in_english_has_one_row_per_resource(repo: Path) -> None:
    resources = next(d for d in DOWNLOADS if d.type == "resource")
    table = rows(csv_text(resources, load_model(repo).items, "en", UI, INFO))
    assert table[0][:3] == ["ID", "Title", "Kind"] and len(table) == 2
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Kind"] == "Report" and row["Publisher"] == "Welsh Government" and row["Available in"] == "Welsh; English"
    assert row["Address of the resource"] == "https://www.llyw.cymru/alpha"


def test_crlf_rows_and_no_formula_can_run() -> None:
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("-1") == "'-1" and safe_cell("@SUM") == "'@SUM" and safe_cell("Tŷ") == "Tŷ"
    files = download_files([], UI, INFO)
    assert set(files) == {"case-studies/case-studies.csv", "cy/case-studies/case-studies.csv", "resources/resources.csv", "cy/resources/resources.csv"}
    assert files["cy/resources/resources.csv"].endswith("\r\n")


def test_built_lists_link_to_their_files_which_open_in_a_spreadsheet(repo: Path) -> None:
    result = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    raw = (result.site / "cy" / "case-studies" / "case-studies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Grŵp".encode() in raw
    listing = (result.site / "cy" / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert '<a href="case-studies.csv" download type="text/csv">Lawrlwytho&#39;r astudiaethau achos fel taenlen (CSV)</a>' in listing
    resources = (result.site / "resources" / "index.html").read_text(encoding="utf-8")
    assert 'href="resources.csv"' in resources and (result.site / "resources" / "resources.csv").is_file()
