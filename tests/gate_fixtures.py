"""A complete small bilingual site for the built-site gate tests: the shared minimal pages plus
the case-study listing (case-study pages link to it from their filter chips)."""

from __future__ import annotations

from fixture_pages import minimal_site

LISTING_EN = """---
id: case-studies
type: page
title: Case studies
summary: Examples of co-production in public services across Wales, to filter by theme and area.
---
# Case studies

<!-- kb:case-studies:list -->
"""

LISTING_CY = """---
id: case-studies
type: page
title: Astudiaethau achos
summary: Enghreifftiau o gydgynhyrchu mewn gwasanaethau cyhoeddus ledled Cymru, i'w hidlo yn ôl thema ac ardal.
---
# Astudiaethau achos

<!-- kb:case-studies:list -->
"""


def gate_site() -> dict[str, str]:
    files = minimal_site()
    files["docs/case-studies/index.md"] = LISTING_EN
    files["docs_cy/case-studies/index.md"] = LISTING_CY
    return files
