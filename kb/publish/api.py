"""The read-only JSON API: /api/v1/items.json and its JSON Schema, /api/v1/items.schema.json.

Partner sites build their own listings from it, so its shape is a promise too: the schema in
data/api/items.schema.json is the contract, the tests validate the output against it, and
docs-dev/api.md documents it. Add fields freely; never rename or remove one within v1.
"""

from __future__ import annotations

import json
from typing import Any

from kb.publish.embeds import embed_path, oembed_path
from kb.publish.items import Item, SiteInfo
from kb.sources.content import LANGS
from kb.sources.urls import absolute

API_DIR = "api/v1"
ITEMS_FILE = f"{API_DIR}/items.json"
SCHEMA_FILE = f"{API_DIR}/items.schema.json"
SCHEMA_SOURCE = "data/api/items.schema.json"


def _per_lang(item: Item, value: Any) -> dict[str, Any]:
    return {lang: (value(lang) if lang in item.pages else None) for lang in LANGS}


def item_record(item: Item, info: SiteInfo) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": item.id,
        "type": item.type,
        "type_label": {lang: item.type_label(lang) for lang in LANGS},
        "title": _per_lang(item, item.title),
        "summary": _per_lang(item, item.summary),
        "url": _per_lang(item, lambda lang: absolute(info.url, item.url_path(lang))),
        "embed_url": _per_lang(item, lambda lang: absolute(info.url, embed_path(lang, item.id))),
        "oembed_url": _per_lang(item, lambda lang: absolute(info.url, oembed_path(lang, item.id))),
        "facets": {
            name: {
                "vocabulary": facet.vocabulary,
                "label": {"en": facet.en, "cy": facet.cy},
                "terms": [{"id": t.id, "en": t.en, "cy": t.cy} for t in facet.terms],
            }
            for name, facet in item.facets.items()
        },
        "updated": _per_lang(item, item.updated),
        "created": item.created(),
    }
    first = next(iter(item.pages.values()))
    for key in ("reviewed", "review_by"):  # language-neutral: parity keeps them equal
        if isinstance(first.meta.get(key), str):
            record[key] = first.meta[key]
    if item.type == "resource":
        record["resource"] = resource_record(item)
    pending = item.translation_pending()
    if pending:
        record["translation_pending"] = pending
    return record


def resource_record(item: Item) -> dict[str, Any]:
    """What the API says about the resource itself (its publisher and kind are facets)."""
    meta = next(iter(item.pages.values())).meta
    languages = [str(x) for x in meta.get("languages") or [] if x in LANGS]
    url, year = meta.get("url"), meta.get("year")
    return {
        "address": url if isinstance(url, str) else None,
        "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
        "languages": languages,
        "only_in": languages[0] if len(languages) == 1 else None,
    }


def items_document(items: list[Item], info: SiteInfo) -> dict[str, Any]:
    return {
        "api_version": "1",
        "schema": absolute(info.url, SCHEMA_FILE),
        "site": {"url": info.url, "name": {lang: info.name(lang) for lang in LANGS}},
        "count": len(items),
        "items": [item_record(i, info) for i in items],
    }


def schema_document(committed: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The committed schema (data/api/items.schema.json), with its $id set to where it is published."""
    schema = dict(committed)
    schema["$id"] = absolute(site_url, SCHEMA_FILE)
    return schema


def api_files(schema: dict[str, Any], items: list[Item], info: SiteInfo) -> dict[str, str]:
    """Site-relative path -> JSON text of every API file (``schema``: the committed JSON Schema)."""
    return {
        ITEMS_FILE: json.dumps(items_document(items, info), ensure_ascii=False, indent=2) + "\n",
        SCHEMA_FILE: json.dumps(schema_document(schema, info.url), ensure_ascii=False, indent=2) + "\n",
    }
