"""The preview's banner (kb.publish.preview): which problems a page shows, in its language, escaped."""

from __future__ import annotations

from pathlib import Path

from htmlpage import Html

from kb.built.gate import active_content
from kb.core.problem import Problem, problem
from kb.publish.preview import RELOAD_SCRIPT, problems_banner, problems_for, reload_script, with_reload_script
from kb.sources.content import Site, SourcePage

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _page(lang: str, rel: str) -> SourcePage:
    folder = "docs" if lang == "en" else "docs_cy"
    return SourcePage(lang, rel, f"{folder}/{rel}", Path("/repo", folder, rel), "page")  # type: ignore[arg-type]


HOME_EN, HOME_CY = _page("en", "index.md"), _page("cy", "index.md")
GUIDE_EN, GUIDE_CY = _page("en", "guides/tŷ.md"), _page("cy", "guides/tŷ.md")
ONLY_CY = _page("cy", "guides/ŵyl.md")
SITE = Site(Path("/repo"), [HOME_EN, HOME_CY, GUIDE_EN, GUIDE_CY, ONLY_CY])


def _unknown_key(path: str, line: int = 3, key: str = "dim-ffynhonnell") -> Problem:
    return problem("citation-unknown-key", path, line, "unknown-key", key=key, bibliography="data/bibliography.yml",
                   suggestion="")


def _outdated(path: str, other: str) -> Problem:
    return problem("translation-outdated", path, 1, "one-changed", other=other, date="2026-11-30", what="a new sentence",
                   path=path)


def test_a_page_shows_its_own_and_its_other_languages_problems_only():
    mine, theirs, elsewhere = _unknown_key(GUIDE_EN.path), _unknown_key(GUIDE_CY.path), _unknown_key(ONLY_CY.path)
    problems = [mine, theirs, elsewhere]
    assert problems_for(problems, SITE, GUIDE_EN) == [mine, theirs]
    assert problems_for(problems, SITE, GUIDE_CY) == [mine, theirs]
    assert problems_for(problems, SITE, ONLY_CY) == [elsewhere]  # no English version: its own only


def test_problems_in_no_page_are_shown_on_the_home_page_only():
    data = _unknown_key("data/bibliography.yml")
    assert problems_for([data], SITE, HOME_EN) == [data]
    assert problems_for([data], SITE, HOME_CY) == [data]
    assert problems_for([data], SITE, GUIDE_EN) == []


def test_no_problem_no_banner():
    assert problems_banner([_unknown_key(ONLY_CY.path)], SITE, GUIDE_EN, "en") == ""
    assert problems_banner([], SITE, HOME_CY, "cy") == ""


def _classes(page: Html) -> list[str]:
    return (page.first(".kb-preview-problems") or {}).get("class", "").split()


def test_the_banner_speaks_the_pages_language_with_each_problems_place_and_rule():
    problems = [_unknown_key(GUIDE_CY.path, line=7)]
    welsh = Html(problems_banner(problems, SITE, GUIDE_CY, "cy"))
    assert welsh.lang_at(".kb-preview-problems li") == "cy" and "failure" in _classes(welsh)
    assert welsh.text(".kb-preview-problems > summary") == "Problemau i'w cywiro ar y dudalen hon"
    assert "open" in (welsh.first("details.kb-preview-problems") or {})  # open; a reader may fold it away
    assert welsh.text("li code") == "docs_cy/guides/tŷ.md:7"
    assert welsh.text("li strong") == "gwall KB020 citation-unknown-key"
    assert "nid yw '@dim-ffynhonnell' yn ddynodwr" in welsh.text("li")
    assert "is not an id" not in welsh.text()  # no English sentence on a Welsh page
    english = Html(problems_banner(problems, SITE, GUIDE_EN, "en"))
    assert english.lang_at("li") == "en" and english.text("summary") == "Problems to fix on this page"
    assert english.text("li strong") == "error KB020 citation-unknown-key" and "gwall" not in english.text()


def test_warnings_only_are_an_amber_banner_that_says_nothing_is_stopped():
    banner = Html(problems_banner([_outdated(GUIDE_EN.path, GUIDE_CY.path)], SITE, GUIDE_EN, "en"))
    assert "warning" in _classes(banner) and "failure" not in _classes(banner)
    assert banner.text("summary") == "Warnings about this page"
    assert "Nothing here stops the page being published" in banner.text()
    assert banner.text("li strong") == "warning KB048 translation-outdated"
    welsh = Html(problems_banner([_outdated(GUIDE_EN.path, GUIDE_CY.path)], SITE, GUIDE_CY, "cy"))
    assert welsh.text("summary") == "Rhybuddion am y dudalen hon" and "rhybudd KB048" in welsh.text("li")


def test_contributor_text_is_escaped_and_the_banner_runs_nothing():
    raw = problems_banner([_unknown_key(GUIDE_EN.path, key=HOSTILE)], SITE, GUIDE_EN, "en")
    assert "<script" not in raw and "<img" not in raw and "&lt;script&gt;" in raw
    page = Html(f"<!doctype html><html><body><article>{raw}</article></body></html>")
    assert HOSTILE in page.text("li")  # shown as text, exactly as written
    assert page.nodes("script") == [] and page.nodes("img") == []
    assert active_content("guides/tŷ/index.html", page.tree.html or "") == []
    assert " style=" not in raw  # the page's CSP and the site's rules: classes only


def test_the_banner_is_one_block_on_one_line():
    # Like every generated fragment: no blank line that would end a raw HTML block in Markdown.
    raw = problems_banner([_unknown_key(GUIDE_EN.path), _outdated(GUIDE_EN.path, GUIDE_CY.path)], SITE, GUIDE_EN, "en")
    assert raw.count("\n") == 1 and raw.endswith("</details>\n")
    assert len(Html(raw).nodes(".kb-preview-problems li")) == 2


def test_the_reloader_is_loaded_from_a_file_before_the_body_ends():
    page = "<html><body><p>tŷ</p><script>livereload(1, 2);</script></body></html>"
    served = with_reload_script(page, "../../assets/kb-preview/reload.js")
    assert served.endswith('<script src="../../assets/kb-preview/reload.js" defer></script></body></html>')
    assert Html(served).attrs("script[src]") == [{"src": "../../assets/kb-preview/reload.js", "defer": ""}]
    assert with_reload_script("<p>no body</p>", 'x".js').endswith('<script src="x&#34;.js" defer></script>')


def test_the_reloader_speaks_mkdocs_serves_protocol():
    # It reads the build number from MkDocs's inline reloader (blocked by the pages' CSP) and polls
    # the same address: an upgrade that changes either must fail here, not leave pages stale.
    from mkdocs.livereload import _SCRIPT_TEMPLATE_STR

    assert "livereload(${epoch}, ${request_id});" in _SCRIPT_TEMPLATE_STR
    assert '"/livereload/" + epoch + "/" + requestId' in _SCRIPT_TEMPLATE_STR
    script = reload_script()
    assert r"/livereload\((\d+),\s*(\d+)\)/" in script and '"/livereload/" + found[1] + "/" + requestId' in script
    assert RELOAD_SCRIPT.startswith("assets/")  # a file of the site: script-src 'self'
