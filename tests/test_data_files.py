"""kb.checks.data_files: a data file that cannot be read, parsed or used is reported at path:line (KB107).

Every malformed data file gives ``path:line`` and a fix in ``kb check`` and in the build, never a
traceback; the rules and messages themselves are reported in both languages when they are broken.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixture_pages import minimal_site
from sitebuilder import FIXTURE_BIBLIOGRAPHY, REPO, build, make_site, run_kb

from kb.checks import check_root
from kb.checks.data_files import check_shapes
from kb.cli import main
from kb.core import problem as problem_module
from kb.core.messages import BrokenCatalogue
from kb.core.yamlload import safe_load
from kb.model import load_model

DEEP = "[" * 20000 + "]" * 20000

# name -> (files to write, the file and line each must be reported at, rule)
CASES: dict[str, tuple[dict[str, str | bytes], str, int, str]] = {
    "safe-html-invalid": ({"data/safe-html.yml": "tags: [a, b\n"}, "data/safe-html.yml", 2, "data-file"),
    "safe-html-shape": ({"data/safe-html.yml": "- a\n- b\n"}, "data/safe-html.yml", 1, "data-file"),
    "safe-html-tags": ({"data/safe-html.yml": "tags:\n  - a\n  - {b: 1}\n"}, "data/safe-html.yml", 3, "data-file"),
    "safe-html-missing": ({"data/safe-html.yml": b""}, "data/safe-html.yml", 1, "data-file"),
    "schema-invalid": ({"data/schemas/guide.yml": "type: object\nproperties: {id: \n"}, "data/schemas/guide.yml", 3, "data-file"),
    "schema-shape": ({"data/schemas/guide.yml": "- a\n"}, "data/schemas/guide.yml", 1, "data-file"),
    "schema-not-json-schema": (
        {"data/schemas/guide.yml": "type: object\nproperties:\n  id: {type: notatype}\n"}, "data/schemas/guide.yml", 3, "data-file"
    ),
    "schema-missing": ({"data/schemas/guide.yml": b""}, "data/schemas/guide.yml", 1, "data-file"),
    "urls-binary": ({"data/published-urls.txt": b"/\n\x00\x01\xff\xfe\x89PNG\r\n"}, "data/published-urls.txt", 2, "data-file"),
    "urls-utf16": ({"data/published-urls.txt": "/\n".encode("utf-16")}, "data/published-urls.txt", 1, "data-file"),
    "redirects-binary": ({"data/redirects.yml": b"\xff\xfe\x00a"}, "data/redirects.yml", 1, "data-file"),
    "navigation-alias": ({"data/navigation.yml": "a: &x [1, 2]\nsections: *x\n"}, "data/navigation.yml", 2, "data-file"),
    "navigation-deep": ({"data/navigation.yml": "sections: " + DEEP + "\n"}, "data/navigation.yml", 1, "data-file"),
    "navigation-shape": ({"data/navigation.yml": "sections:\n  - {dir: guides}\n"}, "data/navigation.yml", 2, "data-file"),
    "ui-tag": ({"data/ui/interface.yml": "permalink_title: !!python/name:os.system x\n"}, "data/ui/interface.yml", 1, "data-file"),
    "ui-welsh-missing": (
        {"data/ui/library.yml": "en:\n  a: Hello\n  b: Bye\ncy:\n  a: Helo\n"}, "data/ui/library.yml", 3, "data-file"
    ),
    "mutations-json": ({"data/search/mutations.json": "{\n  \"mutations\": [\n}"}, "data/search/mutations.json", 3, "data-file"),
    "tile-map-shape": ({"data/wales-tile-map.yml": "columns: 6\nrows: x\ntiles: {}\n"}, "data/wales-tile-map.yml", 2, "data-file"),
    "vocabulary-tag": (
        {"data/vocabularies/themes.yml": "!!python/object/apply:os.system ['echo pwned']\n"},
        "data/vocabularies/themes.yml", 1, "data-file",
    ),
    "vocabulary-set": ({"data/vocabularies/sectors.yml": "!!set {a, b}\n"}, "data/vocabularies/sectors.yml", 1, "data-file"),
    "bibliography-deep": (
        {"data/bibliography.yml": FIXTURE_BIBLIOGRAPHY.replace("type: legislation", "type: legislation\n  note: " + DEEP)},
        "data/bibliography.yml", 3, "bibliography-format",
    ),
    "template": (
        {"docs/index.md": minimal_site()["docs/index.md"].replace("type: page", "type: page\ntemplate: ../../../etc/passwd")},
        "docs/index.md", 4, "front-matter-schema",
    ),
}


def _site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    site: dict[str, str | bytes] = {**minimal_site(), **files}
    root = make_site(tmp_path, site)
    for rel, content in files.items():
        if content == b"":  # stands for "the file is missing"
            (root / rel).unlink()
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_each_malformed_data_file_is_reported_at_its_line(tmp_path, name):
    files, path, line, rule = CASES[name]
    _, problems = check_root(_site(tmp_path, files))
    found = [(p.path, p.line, p.rule_name) for p in problems if p.is_error and p.path == path]
    assert (path, line, rule) in found, [p.format() for p in problems]
    assert all(p.hint for p in problems if p.path == path)


def test_the_shipped_data_files_have_their_shapes():
    _, problems = check_root(REPO)
    assert [p.format() for p in problems if p.rule_name == "data-file"] == []


def test_the_shape_problem_names_the_place_and_the_value(tmp_path):
    root = _site(tmp_path, {"data/navigation.yml": "max_listed: 60\nsections:\n  - {dir: guides, title: [Guides]}\n"})
    shapes = safe_load((REPO / "data/schemas/_data-files.yml").read_text(encoding="utf-8"))
    (found,) = check_shapes(load_model(root).data, {"$defs": shapes["$defs"], "files": {"data/navigation.yml": shapes["files"]["data/navigation.yml"]}})
    assert (found.path, found.line) == ("data/navigation.yml", 3)
    assert "'sections/0/title' is [\"Guides\"]" in found.message and "string" in found.message
    assert "mae 'sections/0/title'" in found.describe("cy")


def test_the_build_reports_a_broken_data_file_at_its_line_and_writes_nothing(tmp_path):
    files = dict(CASES["safe-html-shape"][0])
    files.update(CASES["navigation-alias"][0])
    root = _site(tmp_path, files)
    result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "data/safe-html.yml:1: error KB107 data-file" in result.output
    assert "data/navigation.yml:2: error KB107 data-file" in result.output
    assert not result.site.exists()
    checked = run_kb(root, "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stdout + checked.stderr


@pytest.mark.parametrize(
    "text",
    [b"- id: KB001\n  name: [unclosed\n", b"just text\n", b"- {id: KB001}\n", b"\xff\xfe\x00", b"[" * 5000],
)
def test_broken_rules_are_said_in_both_languages_not_a_traceback(tmp_path, monkeypatch, capsys, text):
    broken = tmp_path / "rules.yml"
    broken.write_bytes(text)
    monkeypatch.setattr(problem_module, "RULES_FILE", broken)
    problem_module.rules.cache_clear()
    try:
        with pytest.raises(BrokenCatalogue):
            problem_module.rules()
        assert main(["check", "--root", str(REPO)]) == 2
    finally:
        problem_module.rules.cache_clear()
    err = capsys.readouterr().err
    assert re.search(r"^data/rules\.yml:\d+: error KB107 data-file: the file cannot be read", err, re.M)
    assert re.search(r"^data/rules\.yml:\d+: gwall KB107 data-file: ni ellir darllen y ffeil", err, re.M)
    assert "git checkout -- data/rules.yml" in err
