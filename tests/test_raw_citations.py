"""kb.built.raw_citations (KB122): a citation key that reaches a built page as text fails the build."""

import pytest
from fixture_pages import case_study, minimal_site
from sitebuilder import build, make_site

from kb.built.raw_citations import unrendered_citations


def test_keys_in_visible_text_are_found_with_their_lines_but_not_in_code_or_scripts():
    html = (
        "<html><body>\n<p>Three reasons\n[@copronet-2020-context-psbs]:</p>\n"
        "<p>Also <em>[@a, p. 4; @b]</em>.</p>\n"
        "<pre><code>[@in-code]</code></pre><script>var x = '[@in-script]';</script>\n"
        '<!-- [@in-comment] --><a href="#x" title="[@attr]">link</a> me@example.org [not a key]\n'
        "</body></html>"
    )
    assert unrendered_citations(html) == [(3, "[@copronet-2020-context-psbs]"), (4, "[@a, p. 4; @b]")]
    assert unrendered_citations("<p>No citation here.</p>") == []


@pytest.mark.build
def test_a_citation_in_a_field_that_is_never_rendered_fails_the_build_at_its_line(tmp_path):
    files = minimal_site()
    for lang, said in (("en", "Time matters."), ("cy", "Mae amser yn bwysig.")):
        text = case_study(lang)
        assert said in text
        files[f"case_studies/gwyl-gymunedol/{lang}.md"] = text.replace(said, said[:-1] + " [@wfg-act-2015].")
    result = build(make_site(tmp_path, files))
    assert result.returncode != 0
    assert "error KB122 citation-unrendered: '[@wfg-act-2015]' is shown to readers as text" in result.output
    assert "case_studies/gwyl-gymunedol/cy.md:" in result.output and "case_studies/gwyl-gymunedol/en.md:" in result.output
