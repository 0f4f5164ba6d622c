from pathlib import Path

from kb.sources.schemas import load_schemas
from kb.sources.vocabularies import load_vocabularies

REPO = Path(__file__).resolve().parent.parent


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_every_content_type_has_a_self_contained_schema():
    vocabs = load_vocabularies(REPO)
    schemas = load_schemas(REPO, vocabs)
    for name in vocabs["content-types"].ids():
        assert name in schemas
        assert not any("$ref" in node for node in _walk(schemas[name])), name


def test_vocabulary_fields_get_the_vocabulary_ids_as_enum():
    vocabs = load_vocabularies(REPO)
    schema = load_schemas(REPO, vocabs)["case-study"]
    assert schema["properties"]["regions"]["items"]["enum"] == vocabs["regions"].ids()
    assert schema["properties"]["status"]["enum"] == ["ongoing", "completed"]
