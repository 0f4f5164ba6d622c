"""kb/publish/label_links.py and the guide labels (hooks/page_labels.py): each label links to the
first list that has items with it, in the page's language, and stays plain otherwise."""

from __future__ import annotations

from pathlib import Path

import case_study_fixtures as CS
import resource_fixtures as R
from fixture_pages import GUIDE_CY, GUIDE_EN
from sitebuilder import build, make_site

from kb.model import load_model
from kb.publish.label_links import list_linker


def repo(tmp_path: Path) -> Path:
    files = {**CS.listing_pages(), **R.listing_pages()}
    files["docs/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Guides\n---\n# Guides\n"
    files["docs_cy/guides/index.md"] = "---\nid: guides\ntype: page\ntitle: Canllawiau\n---\n# Canllawiau\n"
    extra = "themes: [co-production-basics, involvement, climate-and-environment]\nsectors: [health]\nlegislation: [wfg-act-2015]"
    files["docs/guides/community.md"] = GUIDE_EN.replace("themes: [co-production-basics]", extra)
    files["docs_cy/guides/community.md"] = GUIDE_CY.replace("themes: [co-production-basics]", extra)
    files.update(R.files("a-report", 1, themes=["involvement"], legislation=["wfg-act-2015"]))
    files.update(CS.files("a-group", 2, themes=["co-production-basics"], sectors=["health"]))
    return make_site(tmp_path / "repo", files)


def test_a_term_links_to_the_first_list_that_has_it(tmp_path: Path) -> None:
    model = load_model(repo(tmp_path))
    link = list_linker(model.items, "cy", "cy/guides/community/", {"resources", "case-studies"})
    assert link("themes", "involvement") == "../../resources/?theme=involvement"
    assert link("themes", "co-production-basics") == "../../case-studies/?theme=co-production-basics"
    assert link("themes", "climate-and-environment") is None  # nothing has it: no empty list
    assert link("legislation", "wfg-act-2015") == "../../resources/?legislation=wfg-act-2015"
    assert link("sectors", "health") == "../../case-studies/?sector=health"
    assert link("values", "what-matters") is None
    without_list = list_linker(model.items, "cy", "cy/guides/community/", {"case-studies"})
    assert without_list("themes", "involvement") is None  # no resource list page: no link to one


def test_built_guide_labels_are_links_in_both_languages(tmp_path: Path) -> None:
    result = build(repo(tmp_path))
    assert result.returncode == 0, result.output[-3000:]
    welsh = (result.site / "cy" / "guides" / "community" / "index.html").read_text(encoding="utf-8")
    assert '<a class="kb-label" href="../../resources/?theme=involvement">Cynnwys ac ymgysylltu</a>' in welsh
    assert '<span class="kb-label">Hinsawdd a&#39;r amgylchedd</span>' in welsh
    english = (result.site / "guides" / "community" / "index.html").read_text(encoding="utf-8")
    assert '<a class="kb-label" href="../../case-studies/?sector=health">Health</a>' in english
