"""kb.publish.embeds: self-contained cards in both languages that work inside an iframe."""

import json
import re

import pytest
from browser import chromium, serve
from links_fixture import links_site
from sitebuilder import build, make_site

from kb.model import load_model
from kb.publish.embeds import HEIGHT, card_html, embed_files, iframe_html, oembed
from kb.publish.items import SiteInfo

INFO = SiteInfo(
    "https://kb.example.org/",
    {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"},
    {"en": "Guides.", "cy": "Canllawiau."},
)


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    return {i.id: i for i in load_model(make_site(tmp_path_factory.mktemp("embeds"), links_site())).items}


def test_card_is_self_contained_and_in_its_language(items):
    card = card_html(items["listening-first"], "cy", INFO)
    assert '<html lang="cy">' in card
    assert "<script" not in card and "<link rel=\"stylesheet\"" not in card and "<style>" in card
    assert "Gwrando cyn penderfynu" in card and "Darllen y canllaw llawn" in card
    # Nothing is fetched from anywhere: the only absolute addresses are the canonical link and the
    # card's hreflang alternates (which browsers never fetch).
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', card)
    assert alternates == [
        ("en", "https://kb.example.org/embed/listening-first/"),
        ("cy", "https://kb.example.org/cy/embed/listening-first/"),
        ("x-default", "https://kb.example.org/embed/listening-first/"),
    ]
    fetched = re.sub(r'<link rel="alternate" [^>]*>', "", card)
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', fetched) == ["https://kb.example.org/cy/guides/listening-first/"]
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>', card)
    assert links and all('target="_top"' in a for a in re.findall(r"<a [^>]*>", card))
    assert links[0] == "../../guides/listening-first/"


def test_case_study_card_uses_mutated_welsh(items):
    card = card_html(items["gwyl-gymunedol"], "cy", INFO)
    assert "Darllen yr astudiaeth achos lawn" in card and "Astudiaeth achos" in card


def test_oembed_and_iframe(items):
    data = oembed(items["community"], "cy", INFO)
    assert data["version"] == "1.0" and data["type"] == "rich" and data["height"] == HEIGHT
    assert data["provider_name"] == "Sylfaen Wybodaeth Cydgynhyrchu"
    assert 'src="https://kb.example.org/cy/embed/community/"' in data["html"] == iframe_html(items["community"], "cy", INFO)
    assert 'title="Gweithio gyda chymuned – Sylfaen Wybodaeth Cydgynhyrchu"' in data["html"]


def test_files_for_every_item_and_language(items):
    files = embed_files(list(items.values()), INFO)
    for item_id in items:
        for prefix in ("", "cy/"):
            assert f"{prefix}embed/{item_id}/index.html" in files
            json.loads(files[f"{prefix}oembed/{item_id}.json"])


# --- In a real browser, inside an iframe on another page ------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("embed-site"), links_site(guide_file="listening-first"))
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    with serve(result.site) as url:
        yield result.site, url


@pytest.mark.browser
@pytest.mark.build
def test_every_embed_renders_inside_an_iframe(served):
    site, base = served
    cards = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("**/embed/*/index.html"))
    assert len(cards) == 6  # three items, two languages
    # A partner's page: another document that frames every card.
    frames = "".join(f'<iframe src="/{c}/" title="{c}" width="560" height="{HEIGHT}"></iframe>' for c in cards)
    (site / "partner.html").write_text(f"<!doctype html><html lang='en'><body>{frames}</body></html>", "utf-8")
    with chromium() as browser:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}/partner.html", wait_until="load")
        for card in cards:
            frame = page.frame(url=f"{base}/{card}/")
            assert frame is not None, card
            lang = frame.evaluate("document.documentElement.lang")
            assert lang == ("cy" if card.startswith("cy/") else "en")
            title = frame.locator("h1 a")
            assert title.is_visible() and title.inner_text().strip()
            assert frame.evaluate("document.scripts.length") == 0
            # The card fits the frame size partners paste, and a narrow (phone) one.
            assert frame.evaluate("document.documentElement.scrollHeight") <= HEIGHT, card
        page.evaluate("document.querySelectorAll('iframe').forEach(f => f.width = 320)")
        page.wait_for_timeout(100)
        for card in cards:
            frame = page.frame(url=f"{base}/{card}/")
            assert frame.evaluate("document.documentElement.scrollHeight") <= HEIGHT, (card, 320)
        # Nothing came from outside the site.
        assert requests and all(u.startswith(base) for u in requests), requests
        # A card's link opens the full page in the partner's window, not in the frame.
        frame = page.frame(url=f"{base}/cy/embed/community/")
        with page.expect_navigation():
            frame.locator("h1 a").click()
        assert page.url == f"{base}/cy/guides/community/"
        assert page.evaluate("document.documentElement.lang") == "cy"
