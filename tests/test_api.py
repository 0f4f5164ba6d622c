"""kb.publish.api: /api/v1/items.json validates against its published schema and lists every item."""

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from links_fixture import links_site
from sitebuilder import REPO, make_site

from kb.model import load_model
from kb.publish.api import SCHEMA_FILE, api_files, items_document, schema_document
from kb.publish.items import SiteInfo
from kb.sources.data import API_SCHEMA, DataFiles

COMMITTED_SCHEMA = DataFiles(REPO).json(API_SCHEMA)

INFO = SiteInfo(
    "https://kb.example.org/",
    {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"},
    {"en": "Guides.", "cy": "Canllawiau."},
)


def validator() -> Draft202012Validator:
    schema = schema_document(COMMITTED_SCHEMA, INFO.url)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("api"), links_site())
    model = load_model(root)
    return json.loads(api_files(model.data.json(API_SCHEMA), model.items, INFO)["api/v1/items.json"])


def test_validates_and_lists_every_item(document):
    validator().validate(document)
    assert document["count"] == 3
    assert [i["id"] for i in document["items"]] == ["community", "listening-first", "gwyl-gymunedol"]
    assert document["schema"] == INFO.url + SCHEMA_FILE


def test_item_has_both_languages_urls_and_facets(document):
    case = next(i for i in document["items"] if i["id"] == "gwyl-gymunedol")
    assert case["type"] == "case-study" and case["type_label"] == {"en": "Case study", "cy": "Astudiaeth achos"}
    assert case["title"]["cy"] == "Gŵyl gymunedol yng Ngwynedd"
    assert case["url"] == {
        "en": "https://kb.example.org/case-studies/gwyl-gymunedol/",
        "cy": "https://kb.example.org/cy/case-studies/gwyl-gymunedol/",
    }
    assert case["embed_url"]["cy"] == "https://kb.example.org/cy/embed/gwyl-gymunedol/"
    assert case["facets"]["themes"] == {
        "vocabulary": "themes",
        "label": {"en": "Theme", "cy": "Thema"},
        "terms": [{"id": "community-action", "en": "Community action", "cy": "Gweithredu cymunedol"}],
    }
    assert case["updated"] == {"en": "2026-11-27", "cy": "2026-11-27"} and case["created"] == "2026-11-27"


def test_schema_rejects_a_broken_document(document):
    broken = json.loads(json.dumps(document))
    del broken["items"][0]["title"]
    broken["items"][1]["facets"]["themes"]["terms"][0].pop("cy")
    assert len(list(validator().iter_errors(broken))) == 2


def test_pending_translation_is_null_not_english(tmp_path):
    files = links_site()
    del files["docs_cy/guides/hear-first.md"]
    files["docs/guides/hear-first.md"] = files["docs/guides/hear-first.md"].replace(
        "updated: 2026-10-01", "updated: 2026-10-01\ntranslation: {pending: 2026-10-02}"
    )
    doc = items_document(load_model(make_site(tmp_path, files)).items, INFO)
    validator().validate(doc)
    guide = next(i for i in doc["items"] if i["id"] == "listening-first")
    assert guide["title"]["cy"] is None and guide["url"]["cy"] is None
    assert guide["translation_pending"] == {"cy": "2026-10-02"}


def test_schema_is_published_with_its_address():
    assert schema_document(COMMITTED_SCHEMA, INFO.url)["$id"] == "https://kb.example.org/api/v1/items.schema.json"
