"""kb/publish/related.py (+ hooks/library.py, partials/kb-related.html): related items under every
guide, case study and resource, in the page's language; unit-tested and in a real build."""

from __future__ import annotations

from pathlib import Path

import case_study_fixtures as CS
import pytest
import resource_fixtures as R
from fixture_pages import GUIDE_CY, GUIDE_EN
from sitebuilder import REPO, BuildResult, build, make_site

from kb.model import load_model
from kb.publish import related
from kb.publish.uitext import load_ui_text

UI = load_ui_text(REPO, "data/ui/library.yml")
GUIDES_INDEX = {
    "docs/guides/index.md": "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n",
    "docs_cy/guides/index.md": "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n",
}


def fixture_files() -> dict[str, str]:
    files = {**CS.listing_pages(), **R.listing_pages(), **GUIDES_INDEX}
    # The guide (theme co-production-basics, cites wfg-act-2015) and what shares something with it.
    files["docs/guides/community.md"] = GUIDE_EN.replace("themes: [co-production-basics]", "themes: [co-production-basics]\nlegislation: [sswb-act-2014]")
    files["docs_cy/guides/community.md"] = GUIDE_CY.replace("themes: [co-production-basics]", "themes: [co-production-basics]\nlegislation: [sswb-act-2014]")
    files.update(R.files("cited-act", 1, source="wfg-act-2015", themes=["law-and-policy"]))
    files.update(R.files("same-law", 2, themes=["law-and-policy"], legislation=["sswb-act-2014"]))
    files.update(R.files("nothing-shared", 3, themes=["climate-and-environment"]))
    files.update(CS.files("basics-group", 4, themes=["co-production-basics"], methods=["time-credits"]))
    files.update(CS.files("credits-group", 5, themes=["community-action"], methods=["time-credits"]))
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("related") / "repo", fixture_files())


def test_guide_sees_cited_resource_first_then_shared_law_then_shared_theme(repo: Path) -> None:
    model = load_model(repo)
    guide = next(i for i in model.items if i.id == "community")
    entries = related.related(guide, model.related_profiles, "cy", "cy/guides/community/")
    assert [e.id for e in entries] == ["cited-act", "same-law", "basics-group"]
    assert entries[0].href == "../../resources/cited-act/" and entries[0].title == "Adnodd enghreifftiol 1"


def test_a_shared_method_and_law_outweigh_a_citation_which_outweighs_a_theme(repo: Path) -> None:
    model = load_model(repo)
    basics = next(i for i in model.items if i.id == "basics-group")  # cites wfg-act-2015, as its sources
    found = [e.id for e in related.related(basics, model.related_profiles, "en", "case-studies/basics-group/")]
    assert found[:3] == ["credits-group", "cited-act", "community"]  # 3 + 2, then 4, then 1


def test_at_most_four_of_a_kind_and_a_guide_always_gets_practice(repo: Path) -> None:
    model = load_model(repo)
    guide = next(i for i in model.items if i.id == "community")
    profiles = model.related_profiles
    # Only guides related: the best case study or resource takes the last place.
    fakes = [related.Profile(guide, {"themes": {"co-production-basics"}, "methods": set(), "legislation": set()}, frozenset(), None)]
    assert related.related(guide, profiles + fakes, "en", "guides/community/", most=1)[0].type in related.PRACTICE
    assert related.PER_TYPE == 4


def test_related_section_escapes_and_is_empty_without_entries(repo: Path) -> None:
    model = load_model(repo)
    guide = next(i for i in model.items if i.id == "community")
    entries = related.related(guide, model.related_profiles, "cy", "cy/guides/community/")
    html = related.related_section(entries, "cy", UI)
    assert html.startswith('<nav class="kb-related" aria-labelledby="kb-related-heading" data-pagefind-ignore>')
    assert "<h2 id=\"kb-related-heading\">Cysylltiedig</h2>" in html
    assert related.related_section([], "cy", UI) == ""


def test_built_pages_show_related_items_in_their_language(repo: Path) -> None:
    result: BuildResult = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    welsh = (result.site / "cy" / "guides" / "community" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../resources/cited-act/">Adnodd enghreifftiol 1</a>' in welsh
    english = (result.site / "resources" / "same-law" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../guides/community/">Working with a community</a>' in english
    assert "nothing-shared" not in welsh
    # The reference to the cited Act links to the resource page that describes it.
    assert '<a class="kb-ref-resource" href="../../resources/cited-act/">Am yr adnodd hwn</a>' in welsh
    cited = (result.site / "resources" / "cited-act" / "index.html").read_text(encoding="utf-8")
    assert "kb-ref-resource" not in cited  # a resource page does not send readers to itself


def test_the_index_scores_as_pair_by_pair_scoring_does(repo: Path) -> None:
    """RelatedIndex finds candidates through what they share; the points are score()'s, pair by pair."""
    profiles = load_model(repo).related_profiles
    index = related.RelatedIndex(profiles)
    for mine in profiles:
        expected = {j: related.score(mine, other) for j, other in enumerate(profiles)
                    if other.item is not mine.item and related.score(mine, other) > 0}
        assert {j: n for n, j in index.scored(mine.item)} == expected
        assert index.scored(mine.item) is index.scored(mine.item)  # once per item per build
