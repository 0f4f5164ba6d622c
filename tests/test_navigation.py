from pathlib import Path

from fixture_pages import minimal_site
from sitebuilder import make_site

from kb.model import load_model
from kb.publish.navigation import NavItem, build_nav
from kb.sources.data import NAVIGATION


def _nav(root: Path) -> list[NavItem]:
    model = load_model(root)
    return build_nav(model.site, model.data.yaml(NAVIGATION))


def test_nav_has_home_then_sections_in_configured_order(tmp_path):
    files = minimal_site()
    files["docs/about/index.md"] = files["docs/index.md"].replace("id: home", "id: about")
    files["docs/guides/index.md"] = files["docs/index.md"].replace("id: home", "id: guides")
    files["docs/guides/aaa.md"] = files["docs/guides/community.md"].replace("order: 1", "order: 2")
    nav = _nav(make_site(tmp_path, files))
    assert nav == [
        "index.md",
        {"Guides": ["guides/index.md", "guides/community.md", "guides/aaa.md"]},
        {"Case studies": ["case-studies/index.md", "case-studies/gwyl-gymunedol/index.md"]},
        {"About": ["about/index.md"]},
    ]


def test_a_page_only_in_welsh_is_still_listed(tmp_path):
    files = minimal_site()
    files["docs_cy/tudalen.md"] = files["docs_cy/index.md"]
    nav = _nav(make_site(tmp_path, files))
    assert nav[-1] == "tudalen.md"


def test_a_section_too_large_to_list_shows_only_its_index(tmp_path):
    files = minimal_site()
    files["docs/guides/index.md"] = files["docs/index.md"].replace("id: home", "id: guides")
    for i in range(3):
        files[f"docs/guides/g{i}.md"] = files["docs/guides/community.md"].replace("id: community", f"id: g{i}")
    files["data/navigation.yml"] = "max_listed: 3\nsections:\n  - {dir: guides, title: Guides}\n"
    nav = _nav(make_site(tmp_path, files))
    assert {"Guides": ["guides/index.md"]} in nav
    assert not any(item == "guides/g1.md" for item in nav)


def test_an_index_only_section_lists_only_its_index(tmp_path):
    files = minimal_site()
    files["docs/methods/index.md"] = files["docs/index.md"].replace("id: home", "id: methods")
    files["docs/methods/time-credits.md"] = files["docs/index.md"].replace("id: home", "id: method-time-credits")
    files["data/navigation.yml"] = "sections:\n  - {dir: methods, title: Methods, index_only: true}\n"
    nav = _nav(make_site(tmp_path, files))
    assert {"Methods": ["methods/index.md"]} in nav
    assert "methods/time-credits.md" not in nav
