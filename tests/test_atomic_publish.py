"""Nothing half-published: a failed build leaves an existing site/ exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gate_fixtures import gate_site
from sitebuilder import build, make_site

from kb.built.staging import Staging, stages

pytestmark = pytest.mark.build


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


@pytest.fixture()
def published(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    root = make_site(tmp_path / "repo", gate_site())
    first = build(root)
    assert first.returncode == 0, first.output
    (first.site / "marker.txt").write_text("published before", encoding="utf-8")
    return root, snapshot(first.site)


def edit(root: Path, rel: str, extra: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


@pytest.mark.parametrize(
    "rel, extra, expected",
    [
        # A content error: fails in on_config, before anything is written.
        ("case_studies/gwyl-gymunedol/cy.md", "\n<script>alert('ŵ')</script>\n", "KB090 unsafe-html"),
        # A broken anchor: fails in the site check, after both languages were written.
        ("docs_cy/guides/community.md", "\n[Rhannu](#dim-yn-bod)\n", "KB093 broken-anchor"),
    ],
)
def test_failed_build_leaves_site_untouched(
    published: tuple[Path, dict[str, bytes]], rel: str, extra: str, expected: str
) -> None:
    root, before = published
    edit(root, rel, extra)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output
    assert "nothing was published" in result.output
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_successful_build_replaces_the_site(published: tuple[Path, dict[str, bytes]]) -> None:
    root, before = published
    edit(root, "docs_cy/index.md", "\nCroeso i'r gŵyl â'r tŷ newydd.\n")
    result = build(root)
    assert result.returncode == 0, result.output
    after = snapshot(root / "site")
    assert "marker.txt" not in after  # a fresh folder, not files written over the old one
    assert "Croeso i&rsquo;r gŵyl" in after["cy/index.html"].decode() or "Croeso i'r gŵyl" in after["cy/index.html"].decode()
    for page in ("index.html", "cy/index.html", "404.html", "cy/404.html", "guides/community/index.html"):
        assert page in before and page in after
    assert leftovers(root) == []


def test_failed_first_build_creates_no_site(tmp_path: Path) -> None:
    files = gate_site()
    files["docs/guides/community.md"] += "\n[x](javascript:alert(1))\n"
    root = make_site(tmp_path / "repo", files)
    result = build(root)
    assert result.returncode != 0 and "KB091 unsafe-url" in result.output
    assert not (root / "site").exists()
    assert leftovers(root) == []


def test_staging_only_for_full_builds(tmp_path: Path) -> None:
    # serve and --dirty write where they always did
    assert not stages("serve", False) and not stages("build", True) and stages("build", False)
    staged = Staging.begin(tmp_path / "site")
    assert staged.staging == tmp_path / ".site.staging"
    assert staged.display_name(staged.staging) == "site"
    assert staged.abandon() == os.fspath(tmp_path / "site")
    assert staged.abandon() is None  # settled once


LATE_WARNING_HOOK = """
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("late")


@event_priority(-250)
def on_post_build(config):
    log.warning("a warning after every page was written")
"""


def test_strict_warning_late_in_the_build_publishes_nothing(published: tuple[Path, dict[str, bytes]]) -> None:
    # MkDocs turns warnings into a failure only after on_post_build, i.e. after the swap would run.
    root, before = published
    (root / "hooks" / "late_warning.py").write_text(LATE_WARNING_HOOK, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/late_warning.py\n", 1),
                                     encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "a warning after every page was written" in result.output and "strict mode" in result.output
    assert snapshot(root / "site") == before
    assert leftovers(root) == []
