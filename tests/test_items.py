"""kb.publish.items: one description of each guide and case study, in both languages."""

import pytest
from links_fixture import links_site
from sitebuilder import make_site

from kb.model import load_model
from kb.sources.data import DataFiles


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    return {i.id: i for i in load_model(make_site(tmp_path_factory.mktemp("items"), links_site())).items}


def test_every_guide_and_case_study_once(items):
    assert sorted(items) == ["community", "gwyl-gymunedol", "listening-first"]
    assert items["gwyl-gymunedol"].type == "case-study" and items["listening-first"].type == "guide"
    assert items["listening-first"].path == "guides/listening-first/"


def test_texts_per_language(items):
    guide = items["listening-first"]
    assert guide.title("cy") == "Gwrando cyn penderfynu"
    assert guide.summary("en").startswith("Why a public body")
    assert guide.updated("cy") == "2026-10-01" and guide.created() == "2026-09-01"
    assert guide.type_label("cy") == "Canllaw"
    assert items["gwyl-gymunedol"].created() == "2026-11-27"  # a case study's 'submitted'


def test_facets_carry_ids_and_both_labels(items):
    regions = items["gwyl-gymunedol"].facets["regions"]
    assert regions.vocabulary == "regions" and (regions.en, regions.cy) == ("Area", "Ardal")
    assert [(t.id, t.en, t.cy) for t in regions.terms] == [("gwynedd", "Gwynedd", "Gwynedd")]
    assert items["gwyl-gymunedol"].tags("cy") == ["Astudiaeth achos", "Gweithredu cymunedol", "Llywodraeth leol", "Gwynedd"]


def test_facet_fields_come_from_the_schemas(tmp_path):
    fields = DataFiles(make_site(tmp_path, {})).facet_fields
    assert fields["guide"]["themes"] == "themes"
    assert fields["case-study"]["status"] == "statuses"


def test_missing_translation_is_absent_never_english(tmp_path):
    files = links_site()
    del files["docs_cy/guides/hear-first.md"]
    files["docs/guides/hear-first.md"] = files["docs/guides/hear-first.md"].replace(
        "updated: 2026-10-01", "updated: 2026-10-01\ntranslation: {pending: 2026-10-02}"
    )
    guide = next(i for i in load_model(make_site(tmp_path, files)).items if i.id == "listening-first")
    assert guide.langs() == ["en"]
    assert guide.title("cy") is None and guide.summary("cy") is None
    assert guide.translation_pending() == {"cy": "2026-10-02"}
