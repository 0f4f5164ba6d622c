"""kb.markdown.lang_spans: [words]{lang=en} marks words in the other language (WCAG 3.1.2)."""

import markdown

from kb.markdown.lang_spans import marked_spans


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "kb.markdown.lang_spans"])


def test_a_bracketed_span_becomes_a_span_with_its_lang_and_keeps_inline_markdown():
    html = render("Didoli ar hap ([*sortition*]{lang=en}) a [Local Area Coordination]{: lang=en-GB }.")
    assert html == (
        '<p>Didoli ar hap (<span lang="en"><em>sortition</em></span>) a '
        '<span lang="en-GB">Local Area Coordination</span>.</p>'
    )


def test_emphasis_takes_attr_list_and_table_cells_take_spans():
    html = render("Cydlynu (*Local Area Coordination*{lang=en})\n\n| English | [Cymraeg]{lang=cy} |\n|---|---|\n"
                  "| [carer]{lang=en} | gofalwr |\n")
    assert '<em lang="en">Local Area Coordination</em>' in html
    assert '<th><span lang="cy">Cymraeg</span></th>' in html and '<td><span lang="en">carer</span></td>' in html


def test_code_links_citations_and_other_attributes_are_left_alone():
    html = render("`[x]{lang=en}` [link](https://example.org) [@key] [x]{.class} [a]{lang=\"en\" onclick=x}")
    assert "<code>[x]{lang=en}</code>" in html and '<a href="https://example.org">link</a>' in html
    assert "[@key]" in html and "[x]{.class}" in html and "onclick" in html and "<span" not in html


def test_marked_spans_finds_both_forms_for_the_checks():
    text = "Cydlynu (*Local Area Coordination*{lang=en}) a [tŷ]{lang=cy}"
    assert [(text[s:e], lang) for s, e, lang in marked_spans(text)] == [
        ("*Local Area Coordination*{lang=en}", "en"),
        ("[tŷ]{lang=cy}", "cy"),
    ]
