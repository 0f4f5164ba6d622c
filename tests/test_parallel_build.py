"""Both cores: the Welsh pass in its own process gives the same site as i18n's one-process build.

KB_BUILD_JOBS=2 forces the two-process build on a fixture site (it is chosen by itself only for
large sites); KB_BUILD_JOBS=1 forces i18n's own nested passes. One log, one exit status, one publish.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from gate_fixtures import gate_site
from sitebuilder import BuildResult, build, make_site

pytestmark = pytest.mark.build

# Pagefind names its files by content hashes that differ from run to run, and MkDocs stamps the
# gzipped sitemap with the build time; everything else must be byte for byte the same.
VARIES = ("pagefind/", "sitemap.xml.gz")


@contextmanager
def jobs(n: int) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_BUILD_JOBS", str(n))
        yield


def built(root: Path, n: int) -> BuildResult:
    with jobs(n):
        return build(root)


def tree(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith(VARIES) and rel not in VARIES:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def test_two_processes_build_the_same_site_as_one(tmp_path: Path) -> None:
    one = built(make_site(tmp_path / "one", gate_site()), 1)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KB_BUILD_TIMELINE", str(tmp_path / "timeline.json"))  # hooks/timeline.py
        two = built(make_site(tmp_path / "two", gate_site()), 2)
    assert one.returncode == 0, one.output
    assert two.returncode == 0, two.output
    assert tree(two.site) == tree(one.site)
    assert (two.site / "cy" / "404.html").is_file() and (two.site / "pagefind" / "pagefind.js").is_file()
    # One log: the Welsh process's messages come through once, and nothing of its own verdict.
    assert two.output.count("Building 'cy' documentation") == 1
    assert ".site.staging-cy" in two.output and ".site.staging-cy" not in one.output  # its own process, its own folder
    assert "Documentation built in" not in two.output.split("Building 'cy'")[1].split("Search index")[0]
    leftovers = [p.name for p in two.root.iterdir() if p.name.startswith(".site")]
    assert leftovers == []
    timeline = json.loads((tmp_path / "timeline.json").read_text(encoding="utf-8"))
    assert timeline["parallel"] is True
    steps = [step["step"] for step in timeline["steps"]]
    assert steps[1] == "content checks" and steps[-1] == "waiting for the search index" and len(steps) == 7
    assert all(step["seconds"] >= 0 for step in timeline["steps"])


WELSH_WARNING_HOOK = """
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("welsh-only")


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "guides/community.cy.md":
        log.warning("rhybudd o'r pas Cymraeg: tudalen gŵyl")
    return markdown
"""


def test_a_warning_in_the_welsh_process_fails_the_strict_build(tmp_path: Path) -> None:
    root = make_site(tmp_path / "repo", minimal_site())
    (root / "hooks" / "welsh_warning.py").write_text(WELSH_WARNING_HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/welsh_warning.py\n", 1),
                                     encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("yr hen safle", encoding="utf-8")
    result = built(root, 2)
    assert result.returncode == 1
    # Logged once, in this build's log, counted by its --strict.
    assert result.output.count("rhybudd o'r pas Cymraeg: tudalen gŵyl") == 1, result.output
    assert "strict mode" in result.output and "Traceback" not in result.output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "yr hen safle"
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_a_content_error_stops_the_welsh_process_and_publishes_nothing(tmp_path: Path) -> None:
    files = minimal_site()
    files["docs_cy/guides/community.md"] = files["docs_cy/guides/community.md"].replace("type: guide", "type: gŵyl")
    root = make_site(tmp_path / "repo", files)
    result = built(root, 2)
    assert result.returncode == 1
    assert "docs_cy/guides/community.md" in result.output and "Traceback" not in result.output
    assert not (root / "site").exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_small_sites_build_in_one_process_unless_asked(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.delenv("KB_BUILD_JOBS", raising=False)
        assert "KB_BUILD_JOBS" not in os.environ
        result = build(make_site(tmp_path / "repo", minimal_site()), "-v")
    assert result.returncode == 0, result.output
    assert "Building 'cy' documentation" in result.output
    assert ".site.staging-cy" not in result.output  # i18n's nested pass, in this process
