"""kb/publish/method_pages.py (+ hooks/library.py): a page per method gathering the case studies
that use it, and the methods index, in each language; unit-tested and in a real build."""

from __future__ import annotations

from pathlib import Path

import case_study_fixtures as F
import pytest
from sitebuilder import REPO, BuildResult, build, make_site

from kb.model import load_model
from kb.publish import method_pages
from kb.publish.uitext import load_ui_text
from kb.sources.content import load_site
from kb.sources.vocabularies import load_vocabularies

UI = "data/ui/library.yml"


def method_page(lang: str, method: str, title: str) -> str:
    summary = {
        "en": "A fixture method page used only by the tests, about working together.",
        "cy": "Tudalen ddull enghreifftiol i'r profion yn unig, am gydweithio â'r gymuned.",
    }[lang]
    return (
        f"---\nid: method-{method}\ntype: page\ntitle: {title}\nsummary: {summary}\nmethod: {method}\n---\n"
        f"# {title}\n\n{method_pages.MARKERS['items']}\n"
    )


def fixture_files() -> dict[str, str]:
    files = F.listing_pages()
    files.update(F.files("alpha-group", 1, methods=["time-credits"]))
    files.update(F.files("beta-group", 2, methods=["time-credits", "citizens-assembly"]))
    files.update(F.files("gamma-group", 3))
    files["docs/methods/time-credits.md"] = method_page("en", "time-credits", "Time credits")
    files["docs_cy/methods/time-credits.md"] = method_page("cy", "time-credits", "Credydau amser")
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("methods") / "repo", fixture_files())


@pytest.fixture(scope="module")
def built(repo: Path) -> BuildResult:
    result = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    return result


def test_every_shipped_method_has_a_page_in_both_languages() -> None:
    site = load_site(REPO)
    for term in load_vocabularies(REPO)["methods"].terms:
        for lang in ("en", "cy"):
            page = site.get(lang, method_pages.page_rel(term.id))
            assert page is not None and page.meta.get("method") == term.id, (lang, term.id)


def test_using_gathers_items_of_the_method_by_title_with_links_from_the_page(repo: Path) -> None:
    items = load_model(repo).items
    found = method_pages.using(items, "time-credits", "cy", "cy/methods/time-credits/")
    assert [e.id for e in found["case-study"]] == ["alpha-group", "beta-group"]
    assert found["case-study"][0].title == "Astudiaeth achos enghreifftiol 1"
    assert found["case-study"][0].href == "../../case-studies/alpha-group/"
    assert found["resource"] == []
    assert [e.id for e in method_pages.using(items, "citizens-assembly", "en", "methods/x/")["case-study"]] == [
        "beta-group"
    ]


def test_items_section_escapes_and_says_when_nothing_uses_the_method(repo: Path) -> None:
    items = load_model(repo).items
    ui = load_ui_text(repo, UI)
    text = method_pages.items_section(items, "time-credits", "cy", "cy/methods/time-credits/", ui)
    assert text.startswith("## Astudiaethau achos sy'n defnyddio'r dull hwn (2) {#case-study}")
    assert "\n\n\n" not in text and text.count("<li") == 2
    assert method_pages.items_section(items, "systems-thinking", "en", "methods/x/", ui) == (
        '<p class="kb-note">Nothing in the knowledge base uses this method yet.</p>'
    )
    items[0].pages["en"].meta["title"] = "<script>alert(1)</script>"
    text = method_pages.items_section(items, "time-credits", "en", "methods/time-credits/", ui)
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_index_lists_only_methods_with_a_page_with_counts(repo: Path) -> None:
    model = load_model(repo)
    vocab = model.data.vocabularies["methods"]
    html = method_pages.index_section(model.site, model.items, vocab, "cy", "cy/methods/", load_ui_text(repo, UI))
    assert html.count('class="kb-methods__item"') == 1
    assert '<a class="kb-methods__title" href="time-credits/">Credydau amser</a>' in html
    assert "2 astudiaeth achos" in html


def test_built_method_page_and_case_study_links_in_both_languages(built: BuildResult) -> None:
    page = (built.site / "cy" / "methods" / "time-credits" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../case-studies/alpha-group/"' in page and "Astudiaeth achos enghreifftiol 2" in page
    index = (built.site / "methods" / "index.html").read_text(encoding="utf-8")
    assert 'href="time-credits/"' in index and "2 case studies" in index
    # A case study's method label links to the method's page when there is one, else stays plain.
    beta = (built.site / "cy" / "case-studies" / "beta-group" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../methods/time-credits/">Credydau amser</a>' in beta
    assert "Cynulliad dinasyddion" in beta and "methods/citizens-assembly/" not in beta
