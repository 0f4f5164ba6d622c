"""kb.publish.page_meta: link previews and discovery links for every page, in its language."""

import pytest
from links_fixture import links_site
from sitebuilder import make_site

from kb.model import load_model
from kb.publish.items import SiteInfo
from kb.publish.page_meta import page_meta

INFO = SiteInfo(
    "https://kb.example.org/",
    {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"},
    {"en": "Guides and case studies.", "cy": "Canllawiau ac astudiaethau achos."},
)


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    return {i.id: i for i in load_model(make_site(tmp_path_factory.mktemp("meta"), links_site())).items}


def test_welsh_guide(items):
    meta = page_meta("cy", "cy/guides/listening-first/", "Gwrando cyn penderfynu", "Pam y dylai…", INFO,
                     items["listening-first"], ["en"])
    assert (meta.og_locale, meta.og_locale_alternates) == ("cy_GB", ["en_GB"])
    assert meta.canonical == "https://kb.example.org/cy/guides/listening-first/"
    assert meta.og_type == "article" and meta.site_name == "Sylfaen Wybodaeth Cydgynhyrchu"
    assert [f["href"] for f in meta.feeds] == ["https://kb.example.org/cy/feed.xml", "https://kb.example.org/cy/feed.json"]
    assert meta.oembed == {"href": "https://kb.example.org/cy/oembed/listening-first.json", "title": "Gwrando cyn penderfynu"}
    assert meta.embed is not None and meta.embed.label == "Mewnblannu"
    assert "https://kb.example.org/cy/embed/listening-first/" in meta.embed.code
    assert meta.embed.preview_href == "../../embed/listening-first/"


def test_plain_page_falls_back_to_the_sites_description_in_its_language():
    meta = page_meta("cy", "cy/", "Hafan", None, INFO, None, [])
    assert meta.description == "Canllawiau ac astudiaethau achos."
    assert meta.og_type == "website" and meta.oembed is None and meta.embed is None
    assert meta.og_locale_alternates == []
    assert page_meta("en", "", "Home", None, INFO).og_locale_alternates == ["cy_GB"]
