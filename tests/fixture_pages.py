"""Valid minimal bilingual pages for fixture sites (Welsh with ŵ, ŷ, â and mutations)."""

from __future__ import annotations

HOME_EN = """---
id: home
type: page
title: Home
---
# Co-production Knowledge Base

Read the [guide](guides/community.md).
"""

HOME_CY = """---
id: home
type: page
title: Hafan
---
# Sylfaen Wybodaeth Cydgynhyrchu

Darllenwch y [canllaw](guides/community.md).
"""

GUIDE_EN = """---
id: community
type: guide
title: Working with a community
summary: How a community and public bodies in Wales can share power when they design services.
order: 1
themes: [co-production-basics]
updated: 2026-11-27
---
# Working with a community

## Sharing power

A community knows what matters to it [@wfg-act-2015].
"""

GUIDE_CY = """---
id: community
type: guide
title: Gweithio gyda chymuned
summary: Sut y gall cymuned a chyrff cyhoeddus yng Nghymru rannu pŵer wrth gynllunio gwasanaethau.
order: 1
themes: [co-production-basics]
updated: 2026-11-27
---
# Gweithio gyda chymuned

## Rhannu pŵer â'r gymuned

Mae'r gymuned yn gwybod beth sy'n bwysig iddi, o'r tŷ i'r dŵr [@wfg-act-2015].
"""


def case_study(lang: str, cs_id: str = "gwyl-gymunedol", region: str = "gwynedd") -> str:
    welsh = lang == "cy"
    title = "Gŵyl gymunedol yng Ngwynedd" if welsh else "A community festival in Gwynedd"
    summary = (
        "Sut y bu trigolion a'r cyngor yn cynllunio gŵyl gyda'i gilydd, o'r dechrau i'r diwedd."
        if welsh
        else "How residents and the council planned a festival together, from start to finish."
    )
    return f"""---
id: {cs_id}
type: case-study
title: {title}
summary: {summary}
organisations: [{"Cyngor Gwynedd" if welsh else "Gwynedd Council"}]
regions: [{region}]
sectors: [local-government]
themes: [community-action]
values: [trust-and-shared-power]
involved: [residents]
start_year: 2019
status: completed
what_changed: {"Rhannodd y cyngor bŵer â'r trigolion." if welsh else "The council shared power with residents."}
what_learned: {"Mae amser yn bwysig." if welsh else "Time matters."}
sources: [wfg-act-2015]
contact: https://www.gwynedd.llyw.cymru
licence: CC-BY-4.0
submitted: 2026-11-27
updated: 2026-11-27
---
# {title}

{"Bu'r gymuned yn cynllunio'r ŵyl [@wfg-act-2015]." if welsh else "The community planned the festival [@wfg-act-2015]."}
"""


LISTING_EN = """---
id: case-studies
type: page
title: Case studies
---
# Case studies

<!-- kb:case-studies:list -->
"""

LISTING_CY = """---
id: case-studies
type: page
title: Astudiaethau achos
---
# Astudiaethau achos

<!-- kb:case-studies:list -->
"""


def minimal_site() -> dict[str, str]:
    return {
        "docs/case-studies/index.md": LISTING_EN,
        "docs_cy/case-studies/index.md": LISTING_CY,
        "docs/index.md": HOME_EN,
        "docs_cy/index.md": HOME_CY,
        "docs/guides/community.md": GUIDE_EN,
        "docs_cy/guides/community.md": GUIDE_CY,
        "case_studies/gwyl-gymunedol/en.md": case_study("en"),
        "case_studies/gwyl-gymunedol/cy.md": case_study("cy"),
    }
