"""Each bad input of the front-matter checks fails the real build: path:line, rule, no traceback, nothing written."""


import pytest
from fixture_pages import minimal_site
from sitebuilder import build, make_site, run_kb

pytestmark = pytest.mark.build

GUIDE = "docs_cy/guides/community.md"

CASES = {
    "broken-yaml": (
        lambda t: t.replace("title: Gweithio gyda chymuned", "title: [Gweithio gyda chymuned"),
        "KB002 front-matter-yaml",
    ),
    "missing-field": (lambda t: t.replace("summary: Sut y gall", "sumari: Sut y gall"), "KB001 front-matter-schema"),
    "wrong-type": (lambda t: t.replace("order: 1", "order: un"), "KB001 front-matter-schema"),
    "unknown-field": (lambda t: t.replace("order: 1", "order: 1\nawdur: Siân"), "KB001 front-matter-schema"),
    "unknown-vocabulary": (lambda t: t.replace("[co-production-basics]", "[cydgynhyrchu]"), "KB003 vocabulary"),
    "duplicate-id": (None, "KB004 duplicate-id"),
    "not-utf8": (None, "KB006 encoding"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_build_and_check_with_path_line(tmp_path, case):
    files: dict[str, str | bytes] = dict(minimal_site())
    change, expected = CASES[case]
    if change is not None:
        files[GUIDE] = change(str(files[GUIDE]))
    elif case == "duplicate-id":
        files["docs/about.md"] = (
            str(files["docs/index.md"]).replace("title: Home", "title: About").replace("id: home", "id: community")
        )
        files["docs_cy/about.md"] = str(files["docs_cy/index.md"]).replace("id: home", "id: community")
    else:
        files[GUIDE] = str(files[GUIDE]).replace("ŵ", "w").encode("utf-8").replace(b"Rhannu", b"Rh\xe2nnu")
    root = make_site(tmp_path, files)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output and "Traceback" not in result.output
    assert not (root / "site").exists(), "a page was written although the content has errors"
    check = run_kb(root, "check")
    assert check.returncode == 1 and expected in check.stdout and "Traceback" not in check.stderr
    line_of_problem = [line for line in check.stdout.splitlines() if expected in line][0]
    path, line = line_of_problem.split(":")[:2]
    assert path.endswith(".md") and int(line) >= 1


def test_the_build_speaks_welsh_when_kb_lang_or_the_locale_says_so(tmp_path):
    files = dict(minimal_site())
    files[GUIDE] = files[GUIDE].replace("[co-production-basics]", "[cydgynhyrchu]")
    root = make_site(tmp_path, files)
    for env in ({"KB_LANG": "cy"}, {"LANG": "cy_GB.UTF-8"}):
        result = build(root, env=env)
        assert result.returncode != 0
        assert f"{GUIDE}:" in result.output and "gwall KB003 vocabulary: mae gan 'themes' y gwerth 'cydgynhyrchu'" in result.output
        assert "Cafwyd 1 gwall yn y cynnwys; ni chyhoeddwyd dim." in result.output  # one mistake, one problem
        assert "content error(s) found" not in result.output
