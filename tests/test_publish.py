"""hooks/publish.py in real builds: stable URLs, redirects, the manifest gate, feeds, API, previews."""

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from htmlpage import Html
from jsonschema import Draft202012Validator
from links_fixture import links_site
from sitebuilder import build, make_site, run_kb

pytestmark = pytest.mark.build

SITE_URL = "https://kb.copronet.example/"
RENAME = "case-studies/gwyl-gymunedol/: gwyl-newydd\n"


@dataclass
class _Head:
    meta: dict[str, list[str]]
    links: list[dict[str, str]]
    anchors: list[dict[str, str]]
    lang: str
    refresh: str
    text: list[str]


def parse(path: Path) -> _Head:
    page = Html.file(path)
    meta: dict[str, list[str]] = {}
    for m in page.attrs("meta[property], meta[name]"):
        meta.setdefault(m.get("property") or m["name"], []).append(m.get("content", ""))
    refresh = page.first("meta[http-equiv=refresh]") or {}
    texts = [page.text("head title"), page.text()]
    return _Head(meta, page.attrs("link"), page.attrs("a"), page.lang, refresh.get("content", ""), texts)


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A first publication: the manifest is written with 'python -m kb urls update', then built."""
    root = make_site(tmp_path_factory.mktemp("first"), links_site(guide_file="listening-first"))
    update = run_kb(root, "urls", "update")
    assert update.returncode == 0, update.stdout + update.stderr
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    return result


def _next_version(tmp_path: Path, published, **kwargs) -> Path:
    """The same site later, carrying the first publication's manifest."""
    kwargs.setdefault("guide_file", "listening-first")
    root = make_site(tmp_path, links_site(**kwargs))
    shutil.copy2(published.root / "data/published-urls.txt", root / "data/published-urls.txt")
    return root


def test_every_manifest_url_is_built(published):
    urls = [u for u in (published.root / "data/published-urls.txt").read_text("utf-8").splitlines()
            if u.startswith("/")]
    assert "/cy/case-studies/gwyl-gymunedol/" in urls and "/cy/embed/listening-first/" in urls
    for url in urls:
        path = published.site / url.lstrip("/")
        assert (path / "index.html").is_file() if url.endswith("/") else path.is_file(), url


def test_link_previews_and_discovery_on_every_page(published):
    site = published.site
    pages = [p for p in site.glob("**/index.html") if not p.relative_to(site).as_posix().startswith(("embed/", "cy/embed/"))]
    assert len(pages) >= 10
    for page in pages:
        rel = page.parent.relative_to(site).as_posix()
        welsh = rel == "cy" or rel.startswith("cy/")
        head = parse(page)
        for key in ("og:title", "og:description", "og:url", "og:locale", "og:locale:alternate", "twitter:card"):
            assert head.meta.get(key) and head.meta[key][0].strip(), (rel, key)
        assert head.meta["og:locale"] == ["cy_GB" if welsh else "en_GB"], rel
        assert head.meta["og:locale:alternate"] == ["en_GB" if welsh else "cy_GB"], rel
        canonical = next(link["href"] for link in head.links if link.get("rel") == "canonical")
        assert head.meta["og:url"] == [canonical], rel
        feeds = {link["type"]: link["href"] for link in head.links if link.get("rel") == "alternate" and "type" in link}
        prefix = SITE_URL + ("cy/" if welsh else "")
        assert feeds["application/rss+xml"] == prefix + "feed.xml"
        assert feeds["application/feed+json"] == prefix + "feed.json"


def test_guides_and_case_studies_offer_oembed_and_an_embed_control(published):
    page = published.site / "cy/guides/listening-first/index.html"
    head = parse(page)
    oembed = next(link["href"] for link in head.links if link.get("type") == "application/json+oembed")
    assert oembed == SITE_URL + "cy/oembed/listening-first.json"
    data = json.loads((published.site / "cy/oembed/listening-first.json").read_text("utf-8"))
    assert data["title"] == "Gwrando cyn penderfynu"
    html = page.read_text("utf-8")
    assert "<summary>Mewnblannu</summary>" in html and "<textarea" in html and " readonly" in html
    assert "&lt;iframe src=&#34;https://kb.copronet.example/cy/embed/listening-first/&#34;" in html
    assert "<summary>Embed</summary>" in (published.site / "case-studies/gwyl-gymunedol/index.html").read_text("utf-8")
    assert "kb-embed" not in (published.site / "index.html").read_text("utf-8")


def test_language_switcher_and_internal_links_use_the_stable_urls(published):
    page = published.site / "guides/community/index.html"
    head = parse(page)
    hreflang = {link["hreflang"]: link["href"] for link in head.links if link.get("hreflang")}
    assert hreflang["cy"] == SITE_URL + "cy/guides/community/"
    assert (published.site / "cy/guides/community/index.html").is_file()
    switch = next(a for a in head.anchors if "data-kb-lang-switch" in a)
    assert resolve(page, switch["href"]) == (published.site / "cy/guides/community/index.html").resolve()
    home = published.site / "cy/index.html"
    hrefs = [a["href"] for a in parse(home).anchors if "guides/community" in a.get("href", "")]
    assert hrefs and all(resolve(home, h).is_file() for h in hrefs)


def test_feeds_and_api_are_published_in_both_languages(published):
    for prefix in ("", "cy/"):
        rss = ET.parse(published.site / f"{prefix}feed.xml").getroot()
        assert len(rss.findall("channel/item")) == 3
        assert len(json.loads((published.site / f"{prefix}feed.json").read_text("utf-8"))["items"]) == 3
    schema = json.loads((published.site / "api/v1/items.schema.json").read_text("utf-8"))
    items = json.loads((published.site / "api/v1/items.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(items)
    assert {i["id"] for i in items["items"]} == {"community", "listening-first", "gwyl-gymunedol"}


SITE_NAMES = {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"}
SITE_DESCRIPTIONS = {
    "en": "Guides and case studies on co-producing public services in Wales.",
    "cy": "Canllawiau ac astudiaethau achos ar gydgynhyrchu gwasanaethau cyhoeddus yng Nghymru.",
}


def _site_names_in(lang: str, site: Path) -> dict[str, str]:
    """Where each output names the site, in one language: output -> the name it gives."""
    prefix = "" if lang == "en" else "cy/"
    channel = ET.parse(site / f"{prefix}feed.xml").getroot().find("channel")
    assert channel is not None
    feed = json.loads((site / f"{prefix}feed.json").read_text("utf-8"))
    oembed = json.loads((site / f"{prefix}oembed/community.json").read_text("utf-8"))
    card = parse(site / f"{prefix}embed/community/index.html")
    page = parse(site / f"{prefix}guides/community/index.html")
    api = json.loads((site / "api/v1/items.json").read_text("utf-8"))
    return {
        "rss title": channel.findtext("title") or "",
        "rss description": channel.findtext("description") or "",
        "json feed title": feed["title"],
        "json feed description": feed.get("description", ""),
        "oembed provider_name": oembed["provider_name"],
        "oembed html": oembed["html"],
        "embed card": "".join(card.text),
        "page og:site_name": page.meta["og:site_name"][0],
        "api site.name": api["site"]["name"][lang],
    }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_each_output_names_the_site_in_its_own_language(published, lang):
    other = "cy" if lang == "en" else "en"
    for output, text in _site_names_in(lang, published.site).items():
        assert SITE_NAMES[other] not in text and SITE_DESCRIPTIONS[other] not in text, f"{lang} {output}: {text!r}"
        if "description" in output:
            assert text == SITE_DESCRIPTIONS[lang], output
        else:
            assert SITE_NAMES[lang] in text, f"{lang} {output}: {text!r}"


def test_embed_cards_carry_absolute_hreflang_for_each_language(published):
    for prefix in ("", "cy/"):
        links = {a["hreflang"]: a["href"] for a in parse(published.site / f"{prefix}embed/community/index.html").links
                 if a.get("hreflang")}
        assert links == {"en": SITE_URL + "embed/community/", "cy": SITE_URL + "cy/embed/community/",
                         "x-default": SITE_URL + "embed/community/"}


def test_renamed_case_study_with_redirect_keeps_old_urls_in_both_languages(tmp_path, published):
    root = _next_version(tmp_path, published, case_id="gwyl-newydd", redirects=RENAME)
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    for prefix, lang, words in (("", "en", "This page has moved to"), ("cy/", "cy", "Mae'r dudalen hon wedi symud i")):
        for old, new in (("case-studies/gwyl-gymunedol", "case-studies/gwyl-newydd"),
                         ("embed/gwyl-gymunedol", "embed/gwyl-newydd")):
            page = result.site / prefix / old / "index.html"
            head = parse(page)
            assert head.lang == lang and words in "".join(head.text)
            target = head.refresh.split("url=", 1)[1]
            assert resolve(page, target) == (result.site / prefix / new / "index.html").resolve()
            assert head.anchors[0]["href"] == target
            canonical = next(link["href"] for link in head.links if link.get("rel") == "canonical")
            assert canonical == f"{SITE_URL}{prefix}{new}/"


def test_renamed_case_study_without_redirect_fails_naming_the_urls(tmp_path, published):
    result = build(_next_version(tmp_path, published, case_id="gwyl-newydd"))
    assert result.returncode != 0
    for url in ("/case-studies/gwyl-gymunedol/", "/cy/case-studies/gwyl-gymunedol/"):
        assert f"error KB080 published-url-missing: {url} was published" in result.output
    assert "data/published-urls.txt:" in result.output
    assert "Traceback" not in result.output


def test_moving_a_guide_file_keeps_its_url(tmp_path, published):
    root = _next_version(tmp_path, published, guide_file="deeper/renamed-file")
    # kb/built/sitecheck.py (site gates, KB096) still derives each page's output from its file path;
    # until it asks kb.sources.urls, this one build runs without that gate.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - hooks/site_gates.py\n", ""), "utf-8")
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    assert (result.site / "guides/listening-first/index.html").is_file()
    assert (result.site / "cy/guides/listening-first/index.html").is_file()
    assert not (result.site / "guides/deeper").exists()
    assert "Gwrando cyn penderfynu" in (result.site / "cy/guides/listening-first/index.html").read_text("utf-8")
