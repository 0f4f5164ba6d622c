"""Every data file the build reads, corrupted every way we could think of: a problem at path:line, never a traceback.

Each file under data/ (and the translation lock) is broken in turn on a scratch copy of the
repository (not YAML or JSON, the wrong shape, the wrong types, an alias, a tag, deep nesting,
megabytes of it, invalid UTF-8, a NUL byte, emptied) and ``python -m kb check`` must end with
``path:line: error KBxxx ...`` naming that file. The strict build gets every file broken at once, one
way per build, and must name each of them. data/rules.yml and data/messages.yml are the words of
every message: a scratch copy of kb/ beside them is what reads them (``python -m`` imports from the
working directory), so their own breakage is reported in both languages, at their line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from sitebuilder import REPO, build, make_site, run_kb

from kb.cli import main

# Every data file the build reads, and the lock file the parity check reads.
DATA_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*") if p.is_file())
LOCK = "translations.lock.yml"
CATALOGUES = ("data/rules.yml", "data/messages.yml")  # read by kb itself, before any check runs
CONTENT_DATA = [rel for rel in DATA_FILES if rel not in CATALOGUES] + [LOCK]

# Files whose readers have a meaning for "empty": no entries, no redirects, nothing published yet,
# the defaults.
EMPTY_IS_FINE = {
    "data/bibliography.yml",
    "data/redirects.yml",
    "data/published-urls.txt",
    "data/parity.yml",
    "data/language-hints.yml",
    "data/search/ranking.yml",
    LOCK,
}
# One line of data/published-urls.txt is any address: only bytes that are not text are wrong there.
TEXT_ONLY = {"data/published-urls.txt"}


def _spliced(original: bytes, bad: bytes) -> bytes:
    """``bad`` inside the original text, at the start of its third line (where a careless edit lands)."""
    lines = original.split(b"\n")
    return b"\n".join([*lines[:2], bad + (lines[2] if len(lines) > 2 else b""), *lines[3:]])


CORRUPTIONS: dict[str, object] = {
    "not-yaml": b"key: [unclosed\n  - x: y: z\n",
    "a-list": b"- a\n- b\n",
    "wrong-types": b"a: [1, 2]\nb: {c: [d]}\n",
    "alias": b"a: &x [1, 2]\nb: [*x, *x]\n",
    "tag": b"a: !!python/object/apply:os.system ['true']\n",
    "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "huge": b"a:\n" + b"  - " + b"x" * 1000 + b"\n" * 1 + (b"  - " + b"y" * 1000 + b"\n") * 3000,
    "invalid-utf8": lambda original: _spliced(original, b"\xff\xfe\xc3\x28"),
    "nul": lambda original: _spliced(original, b"\x00"),
    "empty": b"",
}


def corrupted(rel: str, kind: str) -> bytes:
    made = CORRUPTIONS[kind]
    return made((REPO / rel).read_bytes()) if callable(made) else made  # type: ignore[operator, return-value]


def expects_error(rel: str, kind: str) -> bool:
    if kind == "empty":
        return rel not in EMPTY_IS_FINE
    if rel in TEXT_ONLY:
        return kind in ("invalid-utf8", "nul")
    return True


def _line_for(rel: str) -> re.Pattern[str]:
    # The build logs each problem through MkDocs ("ERROR   -  kb: "); kb check prints it as it is.
    return re.compile(rf"^(?:ERROR\s+-\s+kb: )?{re.escape(rel)}:\d+: error KB\d{{3}} [a-z-]+: \S", re.M)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A scratch copy of a small site with the real data files: each test breaks its own copy of it."""
    return make_site(tmp_path_factory.mktemp("pristine"), minimal_site())


def _copy(scratch: Path, where: Path) -> Path:
    shutil.copytree(scratch, where)
    return where


# "tag" and "deep" are refused by the same bounded reading as "alias" (tests/test_data_files.py has them).
CHECK_KINDS = [kind for kind in CORRUPTIONS if kind not in ("tag", "deep")]
CASES = [(rel, kind) for rel in CONTENT_DATA for kind in CHECK_KINDS]


@pytest.mark.parametrize(("rel", "kind"), CASES, ids=[f"{rel}-{kind}" for rel, kind in CASES])
def test_kb_check_names_each_broken_data_file_at_a_line(scratch, tmp_path, capsys, rel, kind):
    root = _copy(scratch, tmp_path / "site")
    (root / rel).write_bytes(corrupted(rel, kind))
    code = main(["check", "--root", str(root)])  # a traceback would fail the test with it
    out = capsys.readouterr()
    printed = out.out + out.err
    if expects_error(rel, kind):
        assert code == 1, printed
        assert _line_for(rel).search(printed), printed[-2000:]
    else:  # read as having nothing in it: whatever that means for the pages (a citation of nothing), no traceback
        assert code in (0, 1), printed


def _kb_copy(scratch: Path, where: Path) -> Path:
    """A scratch repository with its own kb/: what reads its data/rules.yml and data/messages.yml."""
    root = _copy(scratch, where)
    shutil.copytree(REPO / "kb", root / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    return root


CATALOGUE_CASES = [
    (rel, kind) for rel in CATALOGUES for kind in ("not-yaml", "a-list", "wrong-types", "deep", "invalid-utf8", "nul", "empty")
]


@pytest.mark.parametrize(("rel", "kind"), CATALOGUE_CASES, ids=[f"{rel}-{kind}" for rel, kind in CATALOGUE_CASES])
def test_a_broken_catalogue_is_said_in_both_languages_at_its_line(scratch, tmp_path, rel, kind):
    root = _kb_copy(scratch, tmp_path / "site")
    (root / rel).write_bytes(corrupted(rel, kind))
    out = run_kb(root, "check")
    printed = out.stdout + out.stderr
    assert out.returncode == 2 and "Traceback" not in printed, printed[-3000:]
    assert re.search(rf"^{re.escape(rel)}:\d+: error KB107 data-file: the file cannot be read", printed, re.M), printed
    assert re.search(rf"^{re.escape(rel)}:\d+: gwall KB107 data-file: ni ellir darllen y ffeil", printed, re.M), printed


def test_a_message_without_its_welsh_is_reported_at_its_line(scratch, tmp_path):
    root = _kb_copy(scratch, tmp_path / "site")
    catalogue = root / "data/messages.yml"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("KB107:"))
    cy = next(i for i in range(at, len(lines)) if lines[i].startswith("    cy: "))
    del lines[cy]
    catalogue.write_text("".join(lines), encoding="utf-8")
    out = run_kb(root, "check")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert f"data/messages.yml:{at + 2}: error KB107 data-file" in out.stderr and "'not-utf8' under 'KB107'" in out.stderr


def test_a_message_deleted_from_the_catalogue_is_a_problem_line_not_a_traceback(scratch, tmp_path):
    root = _kb_copy(scratch, tmp_path / "site")
    catalogue = root / "data/messages.yml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("build:\n", "build_gone:\n", 1), encoding="utf-8")
    (root / "docs/index.md").write_text("no front matter\n", encoding="utf-8")  # so a problem is shown
    out = build(root)
    assert out.returncode != 0 and "Traceback" not in out.output, out.output[-3000:]
    assert re.search(r"data/messages\.yml:1: error KB107 data-file: data/messages\.yml has no message", out.output)


# The strict build: every data file broken the same way at once, so one build shows each is named.
# Files with checks of their own are broken in builds of their own: the checks that read them run
# only once every other data file can be used. Not the shapes file either: without it the others'
# shapes cannot be checked (the kb check test above has it).
OWN_CHECKS = ["data/bibliography.yml", "data/redirects.yml", "data/published-urls.txt"]
SHAPED = [rel for rel in CONTENT_DATA if rel not in OWN_CHECKS and rel != "data/schemas/_data-files.yml"]
BUILDS = [("shaped", kind) for kind in ("not-yaml", "a-list", "wrong-types", "alias", "invalid-utf8", "nul", "empty")]
BUILDS += [("own-checks", kind) for kind in ("not-yaml", "wrong-types", "invalid-utf8", "nul")]


@pytest.mark.parametrize(("group", "kind"), BUILDS, ids=[f"{group}-{kind}" for group, kind in BUILDS])
def test_the_strict_build_names_every_broken_data_file(scratch, tmp_path, group, kind):
    root = _copy(scratch, tmp_path / "site")
    files = SHAPED if group == "shaped" else OWN_CHECKS
    broken = [rel for rel in files if expects_error(rel, kind)]
    for rel in files:
        (root / rel).write_bytes(corrupted(rel, kind))
    result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.output, result.output[-3000:]
    missing = [rel for rel in broken if not _line_for(rel).search(result.output)]
    assert missing == [], result.output[-3000:]
    assert not result.site.exists()


@pytest.mark.parametrize("rel", CATALOGUES)
def test_the_strict_build_says_a_catalogue_is_broken(scratch, tmp_path, rel):
    root = _kb_copy(scratch, tmp_path / "site")
    (root / rel).write_bytes(corrupted(rel, "invalid-utf8"))
    result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.output, result.output[-3000:]
    assert re.search(rf"{re.escape(rel)}:3: error KB107 data-file", result.output), result.output[-3000:]
    assert not result.site.exists()
