"""Fixture resources for the resource tests (invented test data, never published content).

The Welsh uses ŵ, ŷ, â and mutated words (Nghymru, gymuned, thŷ) so encoding problems show up.
The one source is the fixture bibliography's entry (tests/sitebuilder.py).
"""

from __future__ import annotations

from typing import Any

import yaml

SOURCE = "wfg-act-2015"
_TEXT = {
    "en": {
        "title": "Fixture resource {n}",
        "summary": "A fixture resource used only by the tests, about involving people in their community.",
        "body": "# {title}\n\n## What it is\n\nA report about a test community [@wfg-act-2015].\n",
    },
    "cy": {
        "title": "Adnodd enghreifftiol {n}",
        "summary": "Adnodd enghreifftiol i'r profion yn unig, am gynnwys pobl yn eu cymuned yng Nghymru a'u tŷ a'u dŵr.",
        "body": "# {title}\n\n## Beth yw e\n\nAdroddiad am gymuned brawf â'i thŷ [@wfg-act-2015].\n",
    },
}


def front(res_id: str, lang: str, n: int = 1, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": res_id,
        "type": "resource",
        "title": _TEXT[lang]["title"].format(n=n),
        "summary": _TEXT[lang]["summary"],
        "kind": "report",
        "publisher": ["welsh-government"],
        "year": 2020,
        "languages": ["cy", "en"],
        "themes": ["involvement"],
        "reviewed": "2026-11-01",
        "review_by": "2099-11-01",
        "updated": "2026-11-01",
    }
    data.update(overrides)
    return data


def page(res_id: str, lang: str, n: int = 1, title_lang: str = "", **overrides: Any) -> str:
    meta = front(res_id, lang, n, **overrides)
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    heading = str(meta["title"]) + (f' {{ lang="{title_lang}" }}' if title_lang else "")
    return f"---\n{text}---\n" + _TEXT[lang]["body"].format(title=heading)


def files(res_id: str, n: int = 1, **overrides: Any) -> dict[str, str]:
    """{path: text} for both languages of one fixture resource."""
    out = {
        f"docs/resources/{res_id}.md": page(res_id, "en", n, **overrides),
        f"docs_cy/resources/{res_id}.md": page(res_id, "cy", n, **overrides),
    }
    if overrides.get("languages") == ["en"]:  # an English-only resource keeps its English title in Welsh
        en_title = front(res_id, "en", n)["title"]
        out[f"docs_cy/resources/{res_id}.md"] = page(res_id, "cy", n, title_lang="en", **{**overrides, "title": en_title})
    return out


def listing_pages() -> dict[str, str]:
    """The project's own resource list page in both languages."""
    from sitebuilder import REPO

    return {f"{tree}/resources/index.md": (REPO / tree / "resources/index.md").read_text(encoding="utf-8") for tree in ("docs", "docs_cy")}
