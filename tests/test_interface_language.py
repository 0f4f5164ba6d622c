"""kb.built.interface_language, and the shipped site judged by it: no English interface on Welsh pages,
feeds, embeds, oEmbed files or API fields, no Welsh on English ones, each site name in its own language.
"""

from __future__ import annotations

import html as html_module
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import material
import pytest
import yaml
from shipped_site import build_shipped
from sitebuilder import REPO, BuildResult

from kb.built.interface_language import (
    containing,
    material_pairs,
    pairs_from_data,
    scan_page,
    wrong_language_strings,
)
from kb.publish.embeds import TEXT as EMBED_TEXT

SITE_NAMES = {"en": "Co-production Knowledge Base", "cy": "Sylfaen Wybodaeth Cydgynhyrchu"}
OTHER = {"en": "cy", "cy": "en"}


# --------------------------------------------------------------------------- unit


def test_pairs_come_from_every_shape_of_data_file():
    data = {
        "label": {"en": "Search", "cy": "Chwilio"},
        "en": {"heading": "References", "months": ["January", "February"]},
        "cy": {"heading": "Cyfeiriadau", "months": ["Ionawr", "Chwefror"]},
        "terms": [{"id": "health", "en": "Health", "cy": "Iechyd"}],
    }
    assert sorted(pairs_from_data(data)) == sorted(
        [("Search", "Chwilio"), ("References", "Cyfeiriadau"), ("January", "Ionawr"), ("February", "Chwefror"),
         ("Health", "Iechyd")]
    )


def test_material_pairs_and_what_a_page_must_not_show():
    en = '{% macro t(key) %}{{ {\n  "language": "en",\n  "toc": "Table of contents",\n  "top": "Back to top",\n' \
         '  "search.result.other": "# matching documents"\n}[key] }}{% endmacro %}'
    cy = '{% macro t(key) %}{{ {\n  "language": "cy",\n  "toc": "Cynnwys tudalen",\n  "top": "Nôl i\'r brig",\n' \
         '  "search.result.other": "# dogfennau sy\'n cyfateb"\n}[key] }}{% endmacro %}'
    pairs = list(material_pairs(en, cy))
    assert ("Table of contents", "Cynnwys tudalen") in pairs and all(a != "en" for a, _ in pairs)
    pairs += [("Sector", "Sector"), ("{count} results", "{count} canlyniad")]
    # Identical sides and placeholders say nothing about a page's language.
    assert wrong_language_strings(pairs, "cy") == {"Table of contents", "Back to top"}
    assert wrong_language_strings(pairs, "en") == {"Cynnwys tudalen", "Nôl i'r brig"}


def test_a_scan_finds_text_and_read_attributes_but_not_marked_quotations():
    html = (
        '<html lang="cy"><head><meta name="description" content="Back to top"><title>x</title></head><body>'
        '<a class="headerlink" href="#a" title="Permanent link">¶</a>'
        "<p>Nôl i'r brig</p><p>Back to top</p>"
        '<p lang="en"><em>Back to top</em> of a report</p>'
        '<script>var s = "Back to top";</script>'
        "<li>Welsh Government (2019) <em>Llesiant Cymru</em></li>"
        "<li><span lang=en>Welsh Government</span></li>"
        "</body></html>"
    )
    found = scan_page(html, {"Back to top", "Permanent link"}, "en", ["Welsh Government"])
    assert [(f.where, f.text) for f in found] == [
        ("meta description", "Back to top"),
        ("@title", "Permanent link"),
        ("text", "Back to top"),
        ("text", "Welsh Government"),
    ]
    assert containing("<title>Sylfaen Wybodaeth Cydgynhyrchu</title>", SITE_NAMES.values()) == [SITE_NAMES["cy"]]


# --------------------------------------------------------------------------- the shipped site


class _Permissive(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python tags as plain values (only the words matter here)."""


_Permissive.add_multi_constructor("", lambda loader, suffix, node: None)


def interface_pairs() -> list[tuple[str, str]]:
    """Every (English, Welsh) pair of interface words the site is built from."""
    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pairs = list(material_pairs((languages / "en.html").read_text("utf-8"), (languages / "cy.html").read_text("utf-8")))
    for folder in ("data/ui", "data/vocabularies"):
        for path in sorted((REPO / folder).glob("*.yml")):
            if path.name != "organisations.yml":  # names, not interface words: checked one way below
                pairs += pairs_from_data(yaml.safe_load(path.read_text("utf-8")))
    pairs += pairs_from_data(EMBED_TEXT)
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Permissive)  # noqa: S506 - SafeLoader subclass
    welsh = next(lang for lang in config["plugins"][0]["i18n"]["languages"] if lang["locale"] == "cy")
    pairs += [(config[key], welsh[key]) for key in ("site_name", "site_description", "copyright")]
    pairs += [(config["extra"]["kb_ui"][k], v) for k, v in welsh["extra"]["kb_ui"].items()]
    pairs += list(welsh["nav_translations"].items())
    return pairs


def organisation_names(lang: str) -> list[str]:
    """Bodies' names in ``lang`` that differ in the other language: never to be seen there unmarked."""
    terms = yaml.safe_load((REPO / "data/vocabularies/organisations.yml").read_text("utf-8"))["terms"]
    return [t[lang] for t in terms if t["en"] != t["cy"]]


def one_language_titles(site: Path) -> list[str]:
    """Titles that are the same in both languages: sources published in one language only, rightly
    shown under their own title on the other language's pages."""
    api = json.loads((site / "api/v1/items.json").read_text("utf-8"))
    return sorted({i["title"]["en"] for i in api["items"] if i["title"]["en"] and i["title"]["en"] == i["title"]["cy"]})


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_shipped(tmp_path_factory.mktemp("shipped"))
    assert result.returncode == 0, result.output[-4000:]
    return result


def _pages(site: Path, lang: str) -> Iterator[Path]:
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("cy/") == (lang == "cy") and not rel.startswith(("pagefind", "cy/pagefind")):
            yield path


@pytest.mark.build
@pytest.mark.parametrize("lang", ["cy", "en"])
def test_no_page_shows_the_other_languages_interface_or_site_name(shipped: BuildResult, lang: str) -> None:
    wrong = wrong_language_strings(interface_pairs(), lang)
    other = OTHER[lang]
    # A Welsh page names no body by its English name; an English page may cite a Welsh name
    # ("the Senedd"), so that check is one-way.
    names = [SITE_NAMES[other]] + (organisation_names("en") if lang == "cy" else [])
    problems = []
    pages = list(_pages(shipped.site, lang))
    # 404.html (root) carries both languages, each part marked with its lang.
    allowed = one_language_titles(shipped.site)
    for page in pages:
        for found in scan_page(page.read_text("utf-8"), wrong, other, names, allowed):
            problems.append(f"{page.relative_to(shipped.site)}: {found.where}: {found.text!r}")
    assert len(pages) > 40
    assert problems == [], "\n".join(problems[:40])


def _json_strings(value: Any, lang: str, inside: bool = False) -> Iterator[str]:
    """Every string of a JSON document under a key naming ``lang`` (the API's {"en": …, "cy": …})."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_strings(item, lang, inside or key == lang)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, lang, inside)
    elif isinstance(value, str) and inside:
        yield value


@pytest.mark.build
@pytest.mark.parametrize("lang", ["cy", "en"])
def test_feeds_embeds_oembed_and_api_fields_speak_their_language(shipped: BuildResult, lang: str) -> None:
    site, other = shipped.site, OTHER[lang]
    prefix = "cy/" if lang == "cy" else ""
    wrong = wrong_language_strings(interface_pairs(), lang)
    names = [SITE_NAMES[other]] + (organisation_names("en") if lang == "cy" else [])
    problems: list[str] = []
    for feed in ("feed.xml", "feed.json"):
        text = (site / prefix / feed).read_text("utf-8")
        assert SITE_NAMES[lang] in text, feed
        problems += [f"{prefix}{feed}: {name}" for name in containing(text, [SITE_NAMES[other]])]
    cards = sorted((site / prefix / "embed").glob("*/index.html"))
    oembeds = sorted((site / prefix / "oembed").glob("*.json"))
    assert len(cards) == len(oembeds) >= 17
    allowed = one_language_titles(site)
    for card in cards:
        found = scan_page(card.read_text("utf-8"), wrong, other, names, allowed)
        problems += [f"{card.relative_to(site)}: {f.where}: {f.text!r}" for f in found]
    for path in oembeds:
        data = json.loads(path.read_text("utf-8"))
        assert data["provider_name"] == SITE_NAMES[lang], path
        problems += [f"{path.relative_to(site)}: {name}" for name in containing(json.dumps(data, ensure_ascii=False), [SITE_NAMES[other]])]
    api = json.loads((site / "api/v1/items.json").read_text("utf-8"))
    assert api["site"]["name"][lang] == SITE_NAMES[lang]
    for text in _json_strings(api, lang):
        if text in allowed:
            continue
        if " ".join(text.split()) in wrong or containing(text, names):
            problems.append(f"api/v1/items.json [{lang}]: {text!r}")
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.build
def test_the_welsh_public_services_boards_guide_cites_in_welsh(shipped: BuildResult) -> None:
    html = (shipped.site / "cy/guides/public-services-boards/index.html").read_text("utf-8")
    references = html.split('<ol class="kb-references">', 1)[1].split("</ol>", 1)[0]
    assert "Llywodraeth Cymru (" in references and "Welsh Government" not in references
    assert '<a href="https://www.legislation.gov.uk/anaw/2015/2/contents/welsh">' in references
    assert "Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015" in html_module.unescape(references)
    assert "(2015 dccc 2)" in references
    english = (shipped.site / "guides/public-services-boards/index.html").read_text("utf-8")
    assert "Welsh Government (" in english and '<a href="https://www.legislation.gov.uk/anaw/2015/2/contents">' in english
