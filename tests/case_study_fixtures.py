"""Fixture case studies for the case-study tests (invented test data, never published content).

The Welsh deliberately uses ŵ, ŷ, â and mutated words (Nghaerdydd, phobl, grŵp, tŷ) so encoding
and normalisation problems show up.
"""

from __future__ import annotations

from typing import Any

import yaml

# The one entry of the fixture bibliography (tests/sitebuilder.py), so the citation checks accept it.
SOURCE = "wfg-act-2015"

_TEXT = {
    "en": {
        "title": "Fixture case study {n}",
        "summary": "A fixture case study used only by the tests, about a group that meets weekly.",
        "organisations": ["Fixture Community Group"],
        "what_changed": "The group now plans its weekly sessions together with the people who attend.",
        "what_learned": "Sharing the planning takes longer at first and pays back later.",
        "body": (
            "# Fixture case study {n}\n\n"
            "## Background\n\n"
            "A test group met in a community house [@{source}].\n\n"
            "## What was done\n\n"
            "The group talked with young people and planned together.\n"
        ),
    },
    "cy": {
        "title": "Astudiaeth achos enghreifftiol {n}",
        "summary": "Astudiaeth achos enghreifftiol i'r profion yn unig, am grŵp sy'n cwrdd bob wythnos yng Nghaerdydd.",
        "organisations": ["Grŵp Cymunedol Enghreifftiol"],
        "what_changed": "Mae'r grŵp bellach yn cynllunio'i sesiynau gyda'r bobl sy'n dod iddynt.",
        "what_learned": "Mae rhannu'r cynllunio yn cymryd mwy o amser ar y dechrau ac yn talu'n ôl wedyn.",
        "body": (
            "# Astudiaeth achos enghreifftiol {n}\n\n"
            "## Cefndir\n\n"
            "Roedd grŵp prawf yn cwrdd mewn tŷ cymunedol [@{source}].\n\n"
            "## Beth a wnaed\n\n"
            "Buodd y grŵp yn siarad â phobl ifanc ac yn cynllunio gyda'i gilydd.\n"
        ),
    },
}


def front(case_id: str, lang: str, n: int = 1, **overrides: Any) -> dict[str, Any]:
    text = _TEXT[lang]
    data: dict[str, Any] = {
        "id": case_id,
        "type": "case-study",
        "title": text["title"].format(n=n),
        "summary": text["summary"],
        "organisations": list(text["organisations"]),
        "regions": ["cardiff"],
        "sectors": ["community"],
        "themes": ["community-action"],
        "values": ["what-matters"],
        "legislation": ["wfg-act-2015"],
        "involved": ["residents", "volunteers"],
        "start_year": 2019,
        "status": "ongoing",
        "what_changed": text["what_changed"],
        "what_learned": text["what_learned"],
        "sources": [SOURCE],
        "contact": "https://www.example.org/fixture-group",
        "licence": "CC-BY-4.0",
        "submitted": "2024-05-03",
        "updated": "2024-05-03",
    }
    data.update(overrides)
    return data


def page(case_id: str, lang: str, n: int = 1, body: str | None = None, **overrides: Any) -> str:
    """The whole en.md or cy.md of a fixture case study."""
    meta = yaml.safe_dump(front(case_id, lang, n, **overrides), allow_unicode=True, sort_keys=False, width=1000)
    text = body if body is not None else _TEXT[lang]["body"].format(n=n, source=SOURCE)
    return f"---\n{meta}---\n{text}"


def files(case_id: str, n: int = 1, **overrides: Any) -> dict[str, str]:
    """{path: text} for both languages of one fixture case study."""
    return {
        f"case_studies/{case_id}/{name}": page(case_id, lang, n, **overrides)
        for lang, name in (("en", "en.md"), ("cy", "cy.md"))
    }


def listing_pages() -> dict[str, str]:
    """The project's own case-study index pages (listing, by theme, by area, methods) in both languages."""
    from sitebuilder import REPO

    out: dict[str, str] = {}
    for tree in ("docs", "docs_cy"):
        for name in ("index.md", "themes.md", "regions.md"):
            rel = f"{tree}/case-studies/{name}"
            out[rel] = (REPO / rel).read_text(encoding="utf-8")
        out[f"{tree}/methods/index.md"] = (REPO / f"{tree}/methods/index.md").read_text(encoding="utf-8")
        out[f"{tree}/about/contributing.md"] = (REPO / f"{tree}/about/contributing.md").read_text(encoding="utf-8")
    home = {
        "docs/index.md": "---\nid: home\ntype: page\ntitle: Home\n---\n# Home\n\nSee the [case studies](case-studies/index.md).\n",
        "docs_cy/index.md": (
            "---\nid: home\ntype: page\ntitle: Hafan\n---\n# Hafan\n\n"
            "Gweler yr [astudiaethau achos](case-studies/index.md) â'u hŵyl a'u tŷ.\n"
        ),
    }
    out.update(home)
    return out
