"""Nothing half-published: a failed build leaves an existing site/ exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from gate_fixtures import gate_site
from sitebuilder import build, english_env, make_site

from kb.built.staging import BuildBusy, BuildLock, Holder, Staging, exchange, lock_file_for, old_dir_for, stages

pytestmark = pytest.mark.build


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


def leftovers_soon(root: Path, seconds: float = 60) -> list[str]:
    """The previous site is deleted by a process of its own after the swap (kb.built.staging.discard)."""
    deadline = time.monotonic() + seconds
    while leftovers(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    return leftovers(root)


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
    assert leftovers_soon(root) == []  # the previous site is deleted after the swap, by a process of its own


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


# --- One build at a time ---------------------------------------------------------------------------


def test_a_second_lock_on_the_same_folder_waits_then_gives_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = BuildLock.acquire(site, 0, lambda holder: None)
    told: list[Holder] = []
    with pytest.raises(BuildBusy) as busy:
        BuildLock.acquire(site, 0.3, told.append, poll=0.05)
    assert told == [busy.value.holder] and busy.value.holder.pid == str(os.getpid())
    assert busy.value.waited >= 0.3
    # Freed while the second one waits: it gets the lock.
    threading.Timer(0.2, first.release).start()
    second = BuildLock.acquire(site, 5, lambda holder: None, poll=0.05)
    assert lock_file_for(site).is_file()
    second.release()
    assert not lock_file_for(site).exists()  # nothing left beside the site


def test_publish_swaps_the_folders_in_one_step(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.txt").write_text("hen", encoding="utf-8")
    staged = Staging.begin(final)
    staged.staging.mkdir()
    (staged.staging / "new.txt").write_text("newydd", encoding="utf-8")
    assert staged.publish() == os.fspath(final)
    assert sorted(p.name for p in final.iterdir()) == ["new.txt"]
    assert leftovers_soon(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").touch()
    if exchange(a, b):  # Linux: renameat2(RENAME_EXCHANGE)
        assert (b / "x").exists() and not (a / "x").exists()


def test_a_site_set_aside_by_a_crashed_build_comes_back(tmp_path: Path) -> None:
    """Killed between moving site/ aside and moving the new one in: the next build restores it."""
    final = tmp_path / "site"
    old = old_dir_for(final)
    old.mkdir()
    (old / "index.html").write_text("yr hen safle", encoding="utf-8")
    Staging.begin(final)
    assert (final / "index.html").read_text(encoding="utf-8") == "yr hen safle" and not old.exists()


def _popen_build(root: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=english_env(env),
    )


def test_a_build_waits_for_the_one_writing_the_folder_or_says_it_is_running(
    published: tuple[Path, dict[str, bytes]],
) -> None:
    root, before = published
    held = BuildLock.acquire(root / "site", 0, lambda holder: None)  # another build, as far as MkDocs knows
    try:
        impatient = build(root, env={"KB_BUILD_LOCK_WAIT": "0"})
        assert impatient.returncode != 0 and "Traceback" not in impatient.output
        assert f"Another build (process {os.getpid()}, started " in impatient.output
        assert "stopped without touching it" in impatient.output and "KB_BUILD_LOCK_WAIT" in impatient.output
        assert snapshot(root / "site") == before
        patient = _popen_build(root)
        assert patient.stdout is not None
        first_line = patient.stdout.readline()
        assert "this one waits for it to finish" in first_line, first_line
        time.sleep(1)
        assert patient.poll() is None  # still waiting
    finally:
        held.release()
    output = patient.stdout.read()
    assert patient.wait(timeout=600) == 0, output
    assert "marker.txt" not in snapshot(root / "site")  # the waiting build then published its own
    assert leftovers_soon(root) == []


def test_two_builds_at_once_both_finish_and_site_is_never_missing(published: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = published
    site = root / "site"
    missing: list[float] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not (site / "index.html").is_file():
                missing.append(time.monotonic())
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        builds = [_popen_build(root), _popen_build(root)]
        outputs = [b.communicate(timeout=600)[0] for b in builds]
    finally:
        stop.set()
        watcher.join()
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert sum("this one waits for it to finish" in out for out in outputs) == 1
    assert missing == []
    assert (site / "cy" / "index.html").is_file() and leftovers_soon(root) == []
