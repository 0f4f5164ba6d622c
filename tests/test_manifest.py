"""kb.checks.manifest: a published URL that disappears without a redirect is an error naming it."""

from links_fixture import links_site
from sitebuilder import make_site, run_kb

from kb.checks.manifest import check, current_paths, update
from kb.model import load_model
from kb.sources.manifest import MANIFEST_FILE, read_manifest


def test_update_then_check_is_clean_and_idempotent(tmp_path):
    root = make_site(tmp_path, links_site())
    added = update(root, load_model(root))
    for url in ["/", "/cy/", "/guides/listening-first/", "/cy/case-studies/gwyl-gymunedol/",
                "/cy/embed/community/", "/feed.xml", "/cy/feed.json", "/api/v1/items.json"]:
        assert url in added
    assert "/guides/hear-first/" not in added  # the file name is not the address
    # A model is one build's view: after the file changed, the next command reads it afresh.
    assert update(root, load_model(root)) == []
    assert check(load_model(root)) == []


def test_missing_page_without_redirect_names_the_url(tmp_path):
    root = make_site(tmp_path, links_site())
    update(root, load_model(root))
    renamed = make_site(tmp_path / "renamed", links_site(case_id="gwyl-newydd"))
    (renamed / MANIFEST_FILE).write_text((root / MANIFEST_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    problems = [p for p in check(load_model(renamed)) if p.rule_name == "published-url-missing"]
    named = {p.message.split(" ")[0] for p in problems}
    assert {"/case-studies/gwyl-gymunedol/", "/cy/case-studies/gwyl-gymunedol/",
            "/embed/gwyl-gymunedol/", "/cy/embed/gwyl-gymunedol/"} == named
    lines = (renamed / MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    for p in problems:
        assert p.path == MANIFEST_FILE and lines[p.line - 1] in p.message
        assert "case-studies/gwyl-gymunedol/: <new id>" in p.hint


def test_a_redirect_keeps_the_promise(tmp_path):
    root = make_site(tmp_path, links_site())
    update(root, load_model(root))
    renamed = make_site(
        tmp_path / "renamed", links_site(case_id="gwyl-newydd", redirects="case-studies/gwyl-gymunedol/: gwyl-newydd\n")
    )
    (renamed / MANIFEST_FILE).write_text((root / MANIFEST_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    assert check(load_model(renamed)) == []


def test_bad_manifest_line(tmp_path):
    root = make_site(tmp_path, links_site(manifest="# header\n/\nhttps://example.org/x/\n"))
    entries, problems = read_manifest(root)
    assert [e.url for e in entries] == ["/"]
    assert [(p.rule_name, p.line) for p in problems] == [("published-urls-file", 3)]


def test_collision(tmp_path):
    files = links_site()
    # A plain page at the address the guide 'listening-first' takes.
    files["docs/guides/listening-first.md"] = "---\nid: other\ntype: page\ntitle: Other\n---\n# Other\n"
    problems = [p for p in check(load_model(make_site(tmp_path, files))) if p.rule_name == "url-collision"]
    assert {p.path for p in problems} == {"docs/guides/listening-first.md", "docs/guides/hear-first.md"}


def test_cli_update_and_check(tmp_path):
    root = make_site(tmp_path, links_site())
    result = run_kb(root, "urls", "update")
    assert result.returncode == 0, result.stderr
    assert "added /cy/guides/listening-first/" in result.stdout
    (root / "docs/guides/hear-first.md").unlink()
    (root / "docs_cy/guides/hear-first.md").unlink()
    result = run_kb(root, "check")
    assert result.returncode == 1
    assert "error KB080 published-url-missing: /guides/listening-first/ was published" in result.stdout
    assert "error KB080 published-url-missing: /cy/guides/listening-first/ was published" in result.stdout


def test_a_pending_translation_placeholder_is_a_published_url(tmp_path):
    files = links_site()
    del files["docs_cy/guides/hear-first.md"]
    files["docs/guides/hear-first.md"] = files["docs/guides/hear-first.md"].replace(
        "updated: 2026-10-01", "updated: 2026-10-01\ntranslation: {pending: 2026-10-02}"
    )
    paths = current_paths(load_model(make_site(tmp_path, files)))
    assert "cy/guides/listening-first/" in paths  # the bannered placeholder's address
    assert "cy/embed/listening-first/" not in paths  # no Welsh card until there is Welsh text
