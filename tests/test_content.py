from fixture_pages import minimal_site
from sitebuilder import make_site

from kb.sources.content import load_site


def test_discovers_pages_in_both_languages_and_case_studies(tmp_path):
    files = minimal_site()
    files["case_studies/gwyl-gymunedol/llun.png"] = b"\x89PNG"
    files["case_studies/_template/en.md"] = "template: not published"
    site = load_site(make_site(tmp_path, files))
    keys = sorted((p.lang, p.rel, p.path) for p in site.pages)
    assert ("cy", "case-studies/gwyl-gymunedol/index.md", "case_studies/gwyl-gymunedol/cy.md") in keys
    assert ("cy", "guides/community.md", "docs_cy/guides/community.md") in keys
    assert not any("_template" in k[2] for k in keys)
    assert [a.rel for a in site.assets] == ["case-studies/gwyl-gymunedol/llun.png"]


def test_pages_pair_up_across_languages(tmp_path):
    site = load_site(make_site(tmp_path, minimal_site()))
    cy = site.get("cy", "guides/community.md")
    en = site.get("en", "case-studies/gwyl-gymunedol/index.md")
    assert cy is not None and en is not None
    assert site.counterpart(cy) is site.get("en", "guides/community.md")


def test_front_matter_and_body_line_are_read(tmp_path):
    site = load_site(make_site(tmp_path, minimal_site()))
    page = site.get("cy", "guides/community.md")
    assert page is not None
    assert page.page_id == "community" and page.meta["title"] == "Gweithio gyda chymuned"
    assert page.body.startswith("# Gweithio gyda chymuned")
    assert page.text is not None and page.text.split("\n")[page.front.body_line - 1] == "# Gweithio gyda chymuned"


def test_symbolic_links_leaving_the_repository_are_refused_and_never_read(tmp_path):
    import os

    from kb.sources.content import load_site

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    (outside / "story.md").write_text("---\nid: x\n---\nsecret\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "case_studies" / "tempo").mkdir(parents=True)
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "docs_cy").mkdir()
    os.symlink(outside / "passwd", root / "case_studies" / "tempo" / "passwd.png")
    os.symlink(outside / "passwd", root / "docs" / "assets" / "logo.png")
    os.symlink(outside, root / "case_studies" / "linked")
    os.symlink(outside / "story.md", root / "docs" / "story.md")
    (root / "docs" / "inside.md").write_text("---\nid: inside\n---\nok\n", encoding="utf-8")
    os.symlink(root / "docs" / "inside.md", root / "docs_cy" / "inside.md")  # inside: fine
    site = load_site(root)
    named = sorted((p.path, p.rule_name) for p in site.problems if p.rule_name == "link-outside-repository")
    assert named == [
        ("case_studies/linked", "link-outside-repository"),
        ("case_studies/tempo/passwd.png", "link-outside-repository"),
        ("docs/assets/logo.png", "link-outside-repository"),
        ("docs/story.md", "link-outside-repository"),
    ]
    assert all("outside the repository" in p.message for p in site.problems if p.rule_name == "link-outside-repository")
    assert [p.path for p in site.pages] == ["docs/inside.md", "docs_cy/inside.md"]
    assert site.assets == []
