"""News feeds per language: RSS 2.0 (/feed.xml, /cy/feed.xml) and JSON Feed 1.1 (/feed.json).

Each feed lists the guides and case studies that exist in its language, most recently updated
first, with their summaries; a Welsh reader's feed is entirely Welsh.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any

from kb.publish.items import Item, SiteInfo
from kb.sources.content import Lang
from kb.sources.urls import absolute, with_lang

RSS_FILE = "feed.xml"
JSON_FEED_FILE = "feed.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# RSS <language> and JSON Feed 'language' use RFC 5646 tags.
LANGUAGE_TAGS: dict[str, str] = {"en": "en-GB", "cy": "cy"}
ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold at all (ElementTree would write them and make the feed unreadable).
# The checks refuse them in text fields (KB101); this keeps the feed well formed whatever happens.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def feed_paths(lang: str) -> dict[str, str]:
    """Site-relative paths of the two feeds in one language."""
    return {"rss": with_lang(lang, RSS_FILE), "json": with_lang(lang, JSON_FEED_FILE)}


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        return None  # a malformed date is the front-matter checks' business


def feed_items(items: list[Item], lang: Lang) -> list[Item]:
    """Items with a version in ``lang``, most recently updated first (undated last)."""
    present = [i for i in items if lang in i.pages]
    present.sort(key=lambda i: i.id)
    return sorted(present, key=lambda i: i.updated(lang) or "", reverse=True)


def rss(items: list[Item], lang: Lang, info: SiteInfo) -> str:
    ET.register_namespace("atom", ATOM_NS)
    rss_el = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss_el, "channel")
    ET.SubElement(channel, "title").text = _xml(info.name(lang))
    ET.SubElement(channel, "link").text = absolute(info.url, with_lang(lang, ""))
    ET.SubElement(channel, "description").text = _xml(info.description(lang))
    ET.SubElement(channel, "language").text = LANGUAGE_TAGS.get(lang, lang)
    ET.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        {"href": absolute(info.url, feed_paths(lang)["rss"]), "rel": "self", "type": "application/rss+xml"},
    )
    listed = feed_items(items, lang)
    dates = [d for d in (_day(i.updated(lang)) for i in listed) if d]
    if dates:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(max(dates))
    for item in listed:
        url = absolute(info.url, item.url_path(lang))
        el = ET.SubElement(channel, "item")
        ET.SubElement(el, "title").text = _xml(item.title(lang))
        ET.SubElement(el, "link").text = url
        ET.SubElement(el, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(el, "description").text = _xml(item.summary(lang))
        updated = _day(item.updated(lang))
        if updated:
            ET.SubElement(el, "pubDate").text = format_datetime(updated)
        for tag in item.tags(lang):
            ET.SubElement(el, "category").text = _xml(tag)
    ET.indent(rss_el)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss_el, encoding="unicode") + "\n"


def json_feed(items: list[Item], lang: Lang, info: SiteInfo) -> dict[str, Any]:
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.name(lang),
        "home_page_url": absolute(info.url, with_lang(lang, "")),
        "feed_url": absolute(info.url, feed_paths(lang)["json"]),
        "description": info.description(lang),
        "language": LANGUAGE_TAGS.get(lang, lang),
        "items": [],
    }
    for item in feed_items(items, lang):
        url = absolute(info.url, item.url_path(lang))
        entry: dict[str, Any] = {
            "id": url,
            "url": url,
            "title": item.title(lang),
            "summary": item.summary(lang) or "",
            "content_text": item.summary(lang) or "",
            "tags": item.tags(lang),
            "language": LANGUAGE_TAGS.get(lang, lang),
        }
        created, updated = _day(item.created()), _day(item.updated(lang))
        if created:
            entry["date_published"] = created.isoformat().replace("+00:00", "Z")
        if updated:
            entry["date_modified"] = updated.isoformat().replace("+00:00", "Z")
        feed["items"].append(entry)
    return feed


def json_feed_text(items: list[Item], lang: Lang, info: SiteInfo) -> str:
    return json.dumps(json_feed(items, lang, info), ensure_ascii=False, indent=2) + "\n"
