"""A small bilingual site for the search tests: Welsh pages that each hold ONE form of 'cymuned'."""

from __future__ import annotations

from pathlib import Path

from sitebuilder import BuildResult, build, make_site


def _guide(lang: str, gid: str, title: str, summary: str, theme: str, body: str) -> str:
    return (
        f"---\nid: {gid}\ntype: guide\ntitle: {title}\nsummary: {summary}\n"
        f"themes: [{theme}]\nsectors: [local-government]\nupdated: 2024-05-01\n---\n# {title}\n\n{body}\n"
    )


# (id, theme, Welsh title, Welsh body, English title, English body). Only page 'a' says 'nghymuned',
# only 'b' says 'cymuned', only 'c' says 'chymuned'; 'd' has none of them.
GUIDES = [
    ("a", "involvement", "Gweithio yn y fro", "Rydym yn gweithio yng nghymuned Aberystwyth ers tro.",
     "Working locally", "We have worked in the community in Aberystwyth for a while."),
    ("b", "health-and-social-care", "Gofal yn lleol", "Mae cymuned gref yn rhannu gofal a chefnogaeth.",
     "Care locally", "The community shares care and support."),
    ("c", "involvement", "Gwirfoddoli", "Mae'r ganolfan a'i chymuned yn cwrdd bob wythnos.",
     "Volunteering", "The centre and its community meet every week."),
    ("d", "involvement", "Dŵr a thŷ", "Mae'r dŵr yn y tŷ. Siaradwch â'r swyddog ar ôl agor y drws.",
     "Water and house", "The water is in the house. Speak to the officer after opening the door."),
]

FILES: dict[str, str | bytes] = {
    "docs/index.md": "---\nid: home\ntype: page\ntitle: Home\n---\n# Home\n\nGuides about working together.\n",
    "docs_cy/index.md": "---\nid: home\ntype: page\ntitle: Hafan\n---\n# Hafan\n\nCanllawiau am gydweithio â'n gilydd.\n",
    "case_studies/.keep": "",
    # A listing page (type: page) that names the guides: its results come after every guide's.
    "docs/guides/index.md": "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n\n"
    "Community guides: the community at work, community care, community volunteering.\n",
    "docs_cy/guides/index.md": "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n\n"
    "Canllawiau cymuned: cymuned yn gweithio, gofal cymuned, cymuned yn gwirfoddoli.\n",
    # The maintainers' parity report (id: parity, data/search/ranking.yml): never in the search,
    # however often it says the words people search for.
    "docs/about/parity.md": "---\nid: parity\ntype: page\ntitle: Welsh and English in step\n---\n# In step\n\n"
    "Community community community: docs/guides/a.md docs_cy/guides/a.md in step. Aberystwyth.\n",
    "docs_cy/about/parity.md": "---\nid: parity\ntype: page\ntitle: Cymraeg a Saesneg\n---\n# Yn gyson\n\n"
    "Cymuned cymuned gymuned: docs/guides/a.md docs_cy/guides/a.md yn gyson. Aberystwyth.\n",
}
for gid, theme, cy_title, cy_body, en_title, en_body in GUIDES:
    FILES[f"docs_cy/guides/{gid}.md"] = _guide(
        "cy", gid, cy_title, f"Canllaw byr i brofi'r chwilio, rhif {gid}, yn Gymraeg.", theme, cy_body
    )
    FILES[f"docs/guides/{gid}.md"] = _guide(
        "en", gid, en_title, f"A short guide to test the search, number {gid}, in English.", theme, en_body
    )


def build_search_site(root: Path) -> BuildResult:
    result = build(make_site(root, FILES))
    assert result.returncode == 0, result.output
    return result
