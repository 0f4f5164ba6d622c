"""A tiny bilingual site with several mistakes: the check command's whole output, against a golden file.

Regenerate after an intended change to messages with: KB_UPDATE_GOLDEN=1 pytest tests/test_golden_check.py
"""

import os
from pathlib import Path

from fixture_pages import minimal_site
from sitebuilder import make_site, run_kb

GOLDEN = Path(__file__).parent / "golden" / "check_bad_site.txt"


def _bad_site() -> dict[str, str]:
    files = minimal_site()
    cy = "docs_cy/guides/community.md"
    files[cy] = (
        files[cy].replace("updated: 2026-11-27", "updated: 27/11/2026").replace("order: 1", "order: 1\nawdur: Siân")
    )
    en = "case_studies/gwyl-gymunedol/en.md"
    files[en] = files[en].replace("regions: [gwynedd]", "regions: [gwyneth]")
    files["case_studies/gwyl-gymunedol/cy.md"] = files["case_studies/gwyl-gymunedol/cy.md"].replace(
        "regions: [gwynedd]", "regions: [gwyneth]"
    )
    return files


def test_check_output_matches_golden(tmp_path):
    result = run_kb(make_site(tmp_path, _bad_site()), "check")
    assert result.returncode == 1
    output = result.stdout
    if os.environ.get("KB_UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")
