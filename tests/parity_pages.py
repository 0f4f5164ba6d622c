"""A bilingual guide with figures, links, a table and headings, for the parity and freshness tests.

Welsh with ŵ, ŷ, â and mutated words (o drigolion, y Ddeddf, chymuned), as every fixture must have.
"""

from __future__ import annotations

from fixture_pages import minimal_site

BUDGET_EN = """---
id: budgets
type: guide
title: Deciding a budget together
summary: How residents and a council in Wales decided together how to spend part of a budget.
order: 2
themes: [co-production-basics]
updated: 2026-11-27
---
# Deciding a budget together

In 2019, 2,500 residents voted on how to spend £40,000; 65% had never taken part before [@wfg-act-2015].

## What happened

Read the [community guide](community.md) and the [Act](https://www.legislation.gov.uk/anaw/2015/2/contents).

| Year | Votes |
| --- | --- |
| 2019 | 2,500 |
| 2020 | 3,100 |

## What was learned

Trust grew over 3 years.
"""

BUDGET_CY = """---
id: budgets
type: guide
title: Penderfynu ar gyllideb gyda'n gilydd
summary: Sut y penderfynodd trigolion a chyngor yng Nghymru gyda'i gilydd sut i wario rhan o gyllideb.
order: 2
themes: [co-production-basics]
updated: 2026-11-27
---
# Penderfynu ar gyllideb gyda'n gilydd

Yn 2019, pleidleisiodd 2,500 o drigolion ar sut i wario £40,000; doedd 65% erioed wedi cymryd rhan o'r blaen [@wfg-act-2015].

## Beth ddigwyddodd

Darllenwch y [canllaw ar weithio gyda chymuned](community.md) a'r [Ddeddf](https://www.legislation.gov.uk/anaw/2015/2/contents/welsh).

| Blwyddyn | Pleidleisiau |
| --- | --- |
| 2019 | 2,500 |
| 2020 | 3,100 |

## Beth a ddysgwyd

Tyfodd ymddiriedaeth dros 3 blynedd, o'r tŷ i'r dŵr, gyda phŵer wedi'i rannu â'r gymuned.
"""


def parity_site() -> dict[str, str]:
    files = minimal_site()
    files["docs/guides/budgets.md"] = BUDGET_EN
    files["docs_cy/guides/budgets.md"] = BUDGET_CY
    return files
