"""A small bilingual site for the stable-links tests (Welsh with ŵ, ŷ, â and mutations).

Builds on fixture_pages.minimal_site(): a home page, the guide 'community' and the case study
'gwyl-gymunedol', plus a second guide whose file name differs from its id.
"""

from __future__ import annotations

from fixture_pages import case_study, minimal_site

GUIDE2_EN = """---
id: listening-first
type: guide
title: Listening before deciding
summary: Why a public body in Wales should listen to the people who use a service before it decides anything, how to arrange conversations that people can actually take part in, in English or in Welsh, and what to do with what they say so that it changes the decision rather than decorating it afterwards.
themes: [involvement, democratic-participation, measuring-impact]
sectors: [health, social-care, local-government, third-sector]
updated: 2026-10-01
created: 2026-09-01
---
# Listening before deciding

## Start with a conversation

People who use a service know what matters to them [@wfg-act-2015].
"""

GUIDE2_CY = """---
id: listening-first
type: guide
title: Gwrando cyn penderfynu
summary: Pam y dylai corff cyhoeddus yng Nghymru wrando ar y bobl sy'n defnyddio gwasanaeth cyn iddo benderfynu dim, sut i drefnu sgyrsiau y gall pobl gymryd rhan ynddyn nhw go iawn, yn Gymraeg neu yn Saesneg, a beth i'w wneud â'r hyn a ddywedant fel ei fod yn newid y penderfyniad yn hytrach na'i addurno wedyn.
themes: [involvement, democratic-participation, measuring-impact]
sectors: [health, social-care, local-government, third-sector]
updated: 2026-10-01
created: 2026-09-01
---
# Gwrando cyn penderfynu

## Dechrau gyda sgwrs â'r bobl

Mae pobl yn y tŷ a'r gymuned yn gwybod beth sy'n bwysig iddyn nhw, fel dŵr glân a gŵyl leol [@wfg-act-2015].
"""


def links_site(
    case_id: str = "gwyl-gymunedol",
    redirects: str | None = None,
    manifest: str | None = None,
    guide_file: str = "hear-first",
) -> dict[str, str]:
    """The fixture files; ``case_id`` renames the case study (folder and id together).

    ``guide_file`` names the second guide's file (its id, and so its URL, stays 'listening-first').
    """
    files = minimal_site()
    files.pop("case_studies/gwyl-gymunedol/en.md")
    files.pop("case_studies/gwyl-gymunedol/cy.md")
    files[f"case_studies/{case_id}/en.md"] = case_study("en", case_id)
    files[f"case_studies/{case_id}/cy.md"] = case_study("cy", case_id)
    files[f"docs/guides/{guide_file}.md"] = GUIDE2_EN
    files[f"docs_cy/guides/{guide_file}.md"] = GUIDE2_CY
    files["data/redirects.yml"] = redirects or "# old/path/: new-id\n"
    if manifest is not None:
        files["data/published-urls.txt"] = manifest
    return files
