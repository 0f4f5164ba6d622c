"""hooks/search.py: a normal build produces a per-language Pagefind index, facets in <head>, a search box."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from search_fixture import build_search_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_search_site(tmp_path_factory.mktemp("search-site")).site


def fragments(site: Path) -> dict[str, dict]:
    out = {}
    for f in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(f.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        out[data["url"]] = data
    return out


def test_build_writes_one_index_per_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "cy"}
    # home, the guides index and four guides; not the parity report
    assert entry["languages"]["cy"]["page_count"] == 6
    assert entry["languages"]["en"]["page_count"] == 6


def test_only_page_content_is_indexed_and_welsh_pages_carry_radicals(site: Path) -> None:
    frags = fragments(site)
    a = frags["/cy/guides/a/"]
    assert "nghymuned" in a["content"]
    assert int(a["meta"]["kbextra"]) > 0
    assert a["content"].rstrip(".").split()[-int(a["meta"]["kbextra"]) :].count("cymuned") == 1
    assert "Dewislen" not in a["content"] and "Sylfaen Wybodaeth" not in a["content"]  # no header or menus
    assert "kbextra" not in frags["/guides/a/"]["meta"]
    assert not any(url.startswith("/embed/") or url.endswith("404.html") for url in frags)


def test_facets_are_filters_in_the_page_language(site: Path) -> None:
    frags = fragments(site)
    assert frags["/cy/guides/a/"]["filters"] == {
        "type": ["Canllaw"], "theme": ["Cynnwys ac ymgysylltu"], "sector": ["Llywodraeth leol"], "kbtier": ["content"]
    }
    assert frags["/guides/b/"]["filters"]["theme"] == ["Health and social care"]
    head = (site / "cy" / "guides" / "a" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<meta data-pagefind-filter="theme[content]" content="Cynnwys ac ymgysylltu">' in head


@pytest.mark.parametrize("page", ["index.html", "guides/a/index.html", "cy/index.html", "cy/guides/d/index.html"])
def test_every_page_has_a_search_box_in_its_header(site: Path, page: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    header = html[html.index("<header") : html.index("</header>")]
    assert re.search(r'<input[^>]*type="search"', header)
    welsh = page.startswith("cy/")
    # Interface strings are escaped (the apostrophe as &#39;).
    assert ("Chwilio&#39;r sylfaen wybodaeth" in header) is welsh
    assert ("Chwilio&#39;r ddwy iaith" in header) is welsh
    assert ("Search both languages" in header) is not welsh


def test_search_box_data_is_published(site: Path) -> None:
    data = json.loads((site / "assets" / "kb-search" / "data.json").read_text(encoding="utf-8"))
    assert data["mutations"]["mutations"]  # the same rules the indexer used
    assert data["facets"]["theme"]["label"] == {"en": "Theme", "cy": "Thema"}
    for name in ["kb-search.js", "mutations.js", "kb-search.css"]:
        assert (site / "assets" / "kb-search" / name).is_file()
