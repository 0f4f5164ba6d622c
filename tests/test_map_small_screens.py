"""The map of Wales on small screens (docs/assets/case-studies.css): wherever the map is shown its
area names are at least 12 px; where they would be smaller, the table takes its place."""

from __future__ import annotations

from pathlib import Path

import case_study_fixtures as CS
import pytest
from browser import chromium, serve
from sitebuilder import build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.build]
MEASURE = """() => {
  const svg = document.querySelector('.kb-wales-map');
  const shown = getComputedStyle(svg).display !== 'none';
  const names = [...document.querySelectorAll('.kb-map-name')];
  const smallest = Math.min(...names.map(e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a));
  const table = document.querySelector('.kb-map ~ table, table');
  const narrow = getComputedStyle(document.querySelector('.kb-map-narrow')).display !== 'none';
  const wide = [...document.querySelectorAll('.kb-map-tile')].filter(a => {
    const box = a.querySelector('rect').getBoundingClientRect();
    return [...a.querySelectorAll('tspan')].some(t => { const r = t.getBoundingClientRect(); return r.left < box.left || r.right > box.right; });
  }).length;
  return {shown, smallest: shown ? smallest : null, tableShown: table.getClientRects().length > 0, narrow, wide};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {**CS.listing_pages(), **CS.files("grwp-prawf", 1, regions=["neath-port-talbot", "vale-of-glamorgan"])}
    result = build(make_site(tmp_path_factory.mktemp("map") / "repo", files))
    assert result.returncode == 0, result.output[-3000:]
    return result.site


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_map_names_are_readable_or_the_table_replaces_the_map(site: Path, lang: str) -> None:
    prefix = "/cy" if lang == "cy" else ""
    with serve(site) as base, chromium() as browser:
        seen_map = seen_table_only = False
        for width in (1440, 1280, 1024, 768, 700, 600, 480, 390, 320):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{base}{prefix}/case-studies/regions/")
            m = page.evaluate(MEASURE)
            page.close()
            assert m["tableShown"], width
            if m["shown"]:
                seen_map = True
                assert m["smallest"] >= 12, (width, m)
                assert m["wide"] == 0 and not m["narrow"], (width, m)  # every name inside its tile
            else:
                seen_table_only = True
                assert m["narrow"], width  # says why the map is not there
        assert seen_map and seen_table_only
