"""kb.publish.feeds: RSS 2.0 and JSON Feed 1.1 per language, parsed and validated."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from links_fixture import links_site
from sitebuilder import make_site

from kb.model import load_model
from kb.publish.feeds import json_feed, json_feed_text, rss
from kb.publish.items import SiteInfo

JSON_FEED_SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "jsonfeed-1.1.schema.json").read_text("utf-8"))
INFO = SiteInfo(
    "https://kb.example.org/",
    {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"},
    {"en": "Guides and case studies.", "cy": "Canllawiau ac astudiaethau achos â'u ffynonellau."},
)


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    return load_model(make_site(tmp_path_factory.mktemp("feeds"), links_site())).items


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_rss_parses_and_lists_every_item(items, lang):
    root = ET.fromstring(rss(items, lang, INFO).encode("utf-8"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == INFO.name(lang)
    assert channel.findtext("language") == {"en": "en-GB", "cy": "cy"}[lang]
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == INFO.url + ("cy/" if lang == "cy" else "") + "feed.xml"
    entries = channel.findall("item")
    links = [e.findtext("link") for e in entries]
    prefix = INFO.url + ("cy/" if lang == "cy" else "")
    assert sorted(links) == sorted(prefix + p for p in
                                   ["guides/community/", "guides/listening-first/", "case-studies/gwyl-gymunedol/"])
    for e in entries:
        assert e.findtext("guid") == e.findtext("link")
        assert len(e.findtext("description")) >= 20
        parsedate_to_datetime(e.findtext("pubDate"))
    # Newest first: the October guide comes last.
    assert links[-1].endswith("guides/listening-first/")


def test_welsh_feed_is_welsh(items):
    text = rss(items, "cy", INFO)
    assert "Gwrando cyn penderfynu" in text and "Gŵyl gymunedol yng Ngwynedd" in text
    assert "rannu pŵer" in text and "<category>Canllaw</category>" in text
    assert "Listening before deciding" not in text


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_json_feed_validates(items, lang):
    feed = json.loads(json_feed_text(items, lang, INFO))
    Draft202012Validator(JSON_FEED_SCHEMA).validate(feed)
    assert feed["feed_url"].endswith(("cy/" if lang == "cy" else "") + "feed.json")
    assert len(feed["items"]) == 3
    for item in feed["items"]:
        # The schema's uri and date-time formats need extra packages; check them directly.
        assert item["url"].startswith(INFO.url) and item["id"] == item["url"]
        datetime.fromisoformat(item["date_modified"])


def test_a_missing_welsh_version_is_left_out_of_the_welsh_feed(tmp_path):
    files = links_site()
    del files["docs_cy/guides/hear-first.md"]
    items = load_model(make_site(tmp_path, files)).items
    assert len(json_feed(items, "cy", INFO)["items"]) == 2
    assert len(json_feed(items, "en", INFO)["items"]) == 3


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_control_characters_never_make_the_feed_ill_formed(tmp_path, lang):
    """KB101 refuses them in text fields; the feed stays well-formed XML even if one gets through."""
    items = load_model(make_site(tmp_path, links_site())).items
    for item in items:
        for page in item.pages.values():
            page.meta["title"] = "Gŵyl\x0b y\x00 dref\x1b\ufffe"
            page.meta["summary"] = "Crynodeb\x0c â\x08 tŷ " * 3
    root = ET.fromstring(rss(items, lang, INFO).encode("utf-8"))
    titles = [e.findtext("title") for e in root.iter("item")]
    assert titles and all(t == "Gŵyl y dref" for t in titles)
    json.loads(json_feed_text(items, lang, INFO))
