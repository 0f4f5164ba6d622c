from fixture_pages import minimal_site
from sitebuilder import make_site, run_kb


def test_check_passes_on_a_valid_site(tmp_path):
    result = run_kb(make_site(tmp_path, minimal_site()), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr


def test_check_fails_with_path_line_and_github_annotations(tmp_path):
    files = minimal_site()
    files["docs_cy/guides/community.md"] = files["docs_cy/guides/community.md"].replace(
        "updated: 2026-11-27", "updated: 27/11/2026"
    )
    root = make_site(tmp_path, files)
    text = run_kb(root, "check")
    assert text.returncode == 1
    assert "docs_cy/guides/community.md:8: error KB001 front-matter-schema:" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr
    gh = run_kb(root, "check", "--format", "github", "docs_cy")
    assert "::error file=docs_cy/guides/community.md,line=8,title=KB001::" in gh.stdout
    only_en = run_kb(root, "check", "docs")
    assert "docs_cy/" not in only_en.stdout


def test_not_utf8_fails_cleanly(tmp_path):
    files: dict[str, str | bytes] = dict(minimal_site())
    files["docs_cy/guides/community.md"] = (
        minimal_site()["docs_cy/guides/community.md"].encode("cp1252", errors="replace").replace(b"?", b"\xf5")
    )
    result = run_kb(make_site(tmp_path, files), "check")
    assert result.returncode == 1
    assert "docs_cy/guides/community.md:" in result.stdout and "KB006 encoding" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_in_welsh_says_each_problem_in_welsh(tmp_path):
    files = minimal_site()
    files["docs_cy/guides/community.md"] = files["docs_cy/guides/community.md"].replace(
        "[co-production-basics]", "[cydgynhyrchu]"
    )
    result = run_kb(make_site(tmp_path, files), "check", "--lang", "cy")
    assert result.returncode == 1
    assert "gwall KB003 vocabulary: mae gan 'themes' y gwerth 'cydgynhyrchu', nad yw yn yr eirfa 'themes'." in result.stdout
    assert "Defnyddiwch un o'r rhain:" in result.stdout
    assert "Gwallau: 1, rhybuddion: 0." in result.stderr  # one mistake, one problem (no KB042 beside it)
    # The same with a Welsh locale and no option; KB_LANG wins over the locale.
    by_locale = run_kb(tmp_path, "check", env={"LANG": "cy_GB.UTF-8"})
    assert by_locale.stdout == result.stdout
    assert "error KB003" in run_kb(tmp_path, "check", env={"LANG": "cy_GB.UTF-8", "KB_LANG": "en"}).stdout


def test_a_mistyped_path_is_refused_not_passed_as_clean(tmp_path):
    """A contributor's typo in the case-study folder used to filter every problem away: '0 error(s)'."""
    files = minimal_site()
    files["docs/guides/community.md"] = files["docs/guides/community.md"].replace("updated: 2026-11-27", "updated: soon")
    root = make_site(tmp_path, files)
    assert run_kb(root, "check", "docs/guides").returncode == 1
    typo = run_kb(root, "check", "docs/guide")
    assert typo.returncode == 2 and typo.stdout == ""
    assert "docs/guide: no such file or folder in the repository" in typo.stderr
    welsh = run_kb(root, "check", "--lang", "cy", "docs/guide", "docs/guides")
    assert welsh.returncode == 2
    assert "docs/guide: does dim ffeil na ffolder o'r enw hwn yn y storfa" in welsh.stderr
    assert "docs/guides:" not in welsh.stderr
