"""Speed of the stable-links generators on a large synthetic site (not a test: run it by hand).

    python bench/bench_publish.py [N]     # N guides and N case studies, both languages

Target: under 2 s for N=500 (1,000 items, 2,000 pages) on one core, so the publishing step stays
small next to the MkDocs build itself.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from fixture_pages import case_study  # noqa: E402
from links_fixture import GUIDE2_CY, GUIDE2_EN  # noqa: E402
from sitebuilder import make_site  # noqa: E402

from kb.checks.manifest import check, update  # noqa: E402
from kb.model import load_model  # noqa: E402
from kb.publish.api import api_files  # noqa: E402
from kb.publish.embeds import embed_files  # noqa: E402
from kb.publish.feeds import json_feed_text, rss  # noqa: E402
from kb.publish.items import SiteInfo  # noqa: E402
from kb.sources.data import API_SCHEMA  # noqa: E402

TARGET_SECONDS = 2.0


def main(n: int) -> int:
    files: dict[str, str] = {}
    for i in range(n):
        files[f"docs/guides/g{i}.md"] = GUIDE2_EN.replace("id: listening-first", f"id: guide-{i}")
        files[f"docs_cy/guides/g{i}.md"] = GUIDE2_CY.replace("id: listening-first", f"id: guide-{i}")
        files[f"case_studies/case-{i}/en.md"] = case_study("en", f"case-{i}")
        files[f"case_studies/case-{i}/cy.md"] = case_study("cy", f"case-{i}")
    info = SiteInfo("https://kb.example.org/", {"en": "KB", "cy": "SW"}, {"en": "d", "cy": "d"})
    with tempfile.TemporaryDirectory() as tmp:
        root = make_site(Path(tmp), files)
        update(root, load_model(root))
        model = load_model(root)
        start = time.perf_counter()
        items = model.items
        out = {**api_files(model.data.json(API_SCHEMA), items, info), **embed_files(items, info)}
        for lang in ("en", "cy"):
            out[f"{lang}.xml"] = rss(items, lang, info)
            out[f"{lang}.json"] = json_feed_text(items, lang, info)
        problems = check(model)
        elapsed = time.perf_counter() - start
    print(f"{len(items)} items, {len(out)} files, {len(problems)} problems: {elapsed:.2f} s (target {TARGET_SECONDS} s)")
    return 0 if elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
