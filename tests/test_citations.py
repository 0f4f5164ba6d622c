"""kb.checks.citations: finding, checking and rendering [@key] citations in both languages."""

from pathlib import Path

import pytest
import yaml
from sitebuilder import build, make_site, run_kb

from kb.checks.citations import _parity as parity
from kb.checks.citations import check_page, unquoted_blockquotes
from kb.markdown.citations import Cite, Locator, default_style, find_citations
from kb.publish.references import format_entry, render_citations
from kb.sources.bibliography import load_schema, parse_bibliography
from kb.sources.content import SourcePage
from kb.sources.frontmatter import parse_front_matter

REPO = Path(__file__).resolve().parent.parent

BIB_TEXT = """\
- id: lent-studdert-2019
  type: report
  author:
    - family: Lent
      given: Adam
    - family: Studdert
      given: Jessica
  title: "The Community Paradigm: <why> & how"
  publisher: New Local Government Network
  issued: {date-parts: [[2019]]}
- id: wfg-act-2015
  type: legislation
  author:
    - literal: National Assembly for Wales
  title: Well-being of Future Generations (Wales) Act 2015
  number: "2015 anaw 2"
  issued: {date-parts: [[2015]]}
  URL: https://www.legislation.gov.uk/anaw/2015/2/contents
- id: evans-owen-web
  type: webpage
  author:
    - family: Evans
      given: Siân
    - family: Owen
      given: Ieuan
  title: Cydgynhyrchu yng Nghymru
  language: cy
  container-title: Gwefan y Rhwydwaith
  issued: {literal: n.d.}
  accessed: {date-parts: [[2024, 5, 3]]}
  URL: https://example.org/cydgynhyrchu?a=1&b=2
"""


@pytest.fixture(scope="module")
def bib():
    parsed = parse_bibliography(BIB_TEXT, load_schema(REPO))
    assert parsed.problems == []
    return parsed


def keys(text):
    return [[(c.key, c.locator) for c in g.cites] for g in find_citations(text).groups]


def messages(text):
    return [i.message for i in find_citations(text).issues]


def make_page(lang, text, path=None, rel="guides/x.md"):
    path = path or ("docs/" if lang == "en" else "docs_cy/") + rel
    page = SourcePage(lang, rel, path, REPO / path, "page", text=text)
    page.front, _ = parse_front_matter(text, path)
    return page


# --------------------------------------------------------------------------- syntax


def test_valid_forms():
    p = Locator("page", "84")
    assert keys("A [@lent-studdert-2019].") == [[("lent-studdert-2019", None)]]
    assert keys("A [@k, p. 84].") == [[("k", p)]]
    assert keys("A [@k, pp. 17-18].") == [[("k", Locator("page", "17-18"))]]
    assert keys("A [@k, pp. 17 – 18].") == [[("k", Locator("page", "17-18"))]]
    assert keys("A [@k1; @k2, p. 3].") == [[("k1", None), ("k2", Locator("page", "3"))]]
    assert keys("A [@k, t. 84] and [@k, 84].") == [[("k", p)], [("k", p)]]  # Welsh label, bare number
    assert keys("A [@k, ch. 2].") == [[("k", Locator("chapter", "2"))]]
    assert keys("Over\ntwo lines [@k,\np. 84].") == [[("k", p)]]


def test_code_comments_and_links_are_not_citations():
    text = "\n".join(
        [
            "Inline `[@in-span]` and ``[@in `double` span]``.",
            "",
            "```",
            "[@in-fence]",
            "```",
            "",
            "~~~~ md",
            "[@in-tilde-fence]",
            "~~~~",
            "",
            "    [@indented-code]",
            "",
            "<!-- [@in-comment] -->",
            "[@handle](https://example.org) is a link; so is [@ref][1]. An email: [me@example.org]",
            "",
            "- a list item",
            "",
            "    continued in the item [@real]",
            "",
            "        [@code-in-list]",
        ]
    )
    assert keys(text) == [[("real", None)]]
    assert messages(text) == []


def test_a_citation_before_a_colon_at_a_line_start_is_a_citation_not_a_link_definition():
    # "... three reasons for the gap\n[@key]:" then a list: a citation (it reached pages as text).
    text = "The Network has described three reasons\n[@copronet-2020-context-psbs]:\n\n1. One\n2. Two\n"
    assert keys(text) == [[("copronet-2020-context-psbs", None)]]
    # With an address after the colon it is a Markdown link definition, as before.
    assert keys("A list.\n\n[@x]: https://example.org/list\n") == []


def test_escaped_bracket_is_text():
    assert keys(r"Not \[@k]") == []


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("See [@].", "'@' with no key"),
        ("See [@key p. 4].", "comma is missing between '@key' and 'p. 4'"),
        ("See [@a @b].", "need a ';'"),
        ("See [@a; b].", "does not start with '@'"),
        ("See [@a, ].", "followed by nothing"),
        ("See [@a, page four].", "is not a locator"),
        ("See [@a; see @b].", "text before the '@'"),
        ("See [@key, p. 4 and more.\n\nNext paragraph]", "never closed"),
        ("See [@key, p. 4 and [@other].", "never closed"),
    ],
)
def test_malformed(text, fragment):
    found = find_citations(text)
    assert len(found.issues) >= 1
    assert fragment in found.issues[0].message
    assert len(found.issues) == 1
    assert found.issues[0].offset == text.index("[@")


# --------------------------------------------------------------------------- page checks

PAGE = """---
id: x
type: page
title: X
---
# X

Known [@lent-studdert-2019, p. 4] and mistyped [@lent-studert-2019].

Broken [@wfg-act-2015 p. 4].
"""


def test_unknown_key_and_syntax_with_real_file_lines(bib):
    result = check_page(make_page("cy", PAGE), bib, default_style())
    got = [(p.rule_name, p.path, p.line) for p in result.problems]
    assert got == [
        ("citation-syntax", "docs_cy/guides/x.md", 10),
        ("citation-unknown-key", "docs_cy/guides/x.md", 8),
    ]
    unknown = result.problems[1]
    assert "Did you mean '@lent-studdert-2019'?" in unknown.message
    assert unknown.format().startswith("docs_cy/guides/x.md:8: error KB020 citation-unknown-key:")
    assert [(c.key, line) for c, line in result.cites] == [("lent-studdert-2019", 8), ("lent-studert-2019", 8)]


def test_valid_page_has_no_problems(bib):
    text = "---\nid: x\n---\nA [@wfg-act-2015; @lent-studdert-2019, pp. 3-4].\n\n> Quoted. [@wfg-act-2015]\n"
    assert check_page(make_page("en", text), bib, default_style()).problems == []


@pytest.mark.parametrize(
    "text, bad_lines",
    [
        ("> Quoted words.\n", [0]),
        ("> Quoted words [@k].\n", []),
        ("> Quoted words.\n>\n> — [@k, p. 3]\n", []),
        ("> Quoted “words” [@k, p. 3].”\n", []),
        ("> First line\nlazy continuation\n\nAfter [@k].\n", [1]),
        ("> One paragraph [@k].\n\n> Joined by Python-Markdown, uncited.\n", [2]),
        ("> Cited first [@k], then more.\n", [0]),
        ("```\n> in code\n```\n", []),
        ("- item\n\n    > quoted in a list\n", [2]),
    ],
)
def test_blockquote_must_end_with_a_citation(text, bad_lines):
    starts = [sum(len(ln) + 1 for ln in text.split("\n")[:i]) for i in bad_lines]
    assert unquoted_blockquotes(text) == starts


def test_blockquote_problem_line(bib):
    text = "---\nid: x\n---\nIntro.\n\n> Dyfyniad heb ffynhonnell,\n> ar ddwy linell.\n"
    problems = check_page(make_page("cy", text), bib, default_style()).problems
    assert [(p.rule_name, p.line) for p in problems] == [("quotation-without-citation", 7)]


# --------------------------------------------------------------------------- parity

EN = "---\nid: x\n---\nOne [@a, p. 4].\n\nTwo [@b].\n\nThree [@c, pp. 3-4].\n"


def pair(en_text, cy_text, bib):
    style = default_style()
    en = check_page(make_page("en", en_text), bib, style)
    cy = check_page(make_page("cy", cy_text), bib, style)
    return parity(en, cy, style)


def test_parity_same_citations_with_welsh_labels_and_reordering(bib):
    cy = "---\nid: x\n---\nTri [@c, tt. 3–4].\n\nUn [@a, t. 4].\n\nDau [@b].\n"
    assert pair(EN, cy, bib) == []


def test_parity_welsh_drops_a_citation_names_both_files_and_lines(bib):
    cy = "---\nid: x\n---\nUn [@a, t. 4].\n\nDau.\n\nTri [@c, tt. 3-4].\n"
    problems = pair(EN, cy, bib)
    assert len(problems) == 1
    p = problems[0]
    assert (p.rule_name, p.path, p.line) == ("citation-parity", "docs_cy/guides/x.md", 8)
    assert p.message.startswith("the English version docs/guides/x.md cites [@b] once ([@b] at line 6)")
    assert "this version does not" in p.message


def test_parity_different_locator_is_a_difference(bib):
    cy = "---\nid: x\n---\nUn [@a, t. 5].\n\nDau [@b].\n\nTri [@c, tt. 3-4].\n"
    problems = pair(EN, cy, bib)
    assert [(p.line, p.rule_name) for p in problems] == [(4, "citation-parity")]
    assert problems[0].message == (
        "[@a] is cited with different locators here and in the English version docs/guides/x.md: "
        "here [@a, t. 5] at line 4; there [@a, p. 4] at line 4."
    )
    assert "yma [@a, t. 5] ar linell 4; yno [@a, p. 4] ar linell 4." in problems[0].describe("cy")


def test_parity_counts_each_sources_citations_on_both_sides(bib):
    en = "---\nid: x\n---\nUn [@a].\n\nDau [@a].\n\nTri [@a].\n"
    cy = "---\nid: x\n---\nUn [@a].\n\nDau [@a].\n\nTri.\n"
    problems = pair(en, cy, bib)
    assert len(problems) == 1
    assert problems[0].message.startswith(
        "[@a] is cited twice here but 3 times in the English version docs/guides/x.md: "
        "here [@a] at line 4, [@a] at line 6; there [@a] at line 4, [@a] at line 6, [@a] at line 8."
    )
    assert problems[0].describe("cy").startswith("cyfeirir at [@a] ddwywaith yma ond 3 gwaith yn y fersiwn Saesneg")


def test_parity_extra_welsh_citation(bib):
    cy = "---\nid: x\n---\nUn [@a, t. 4].\n\nDau [@b; @d].\n\nTri [@c, tt. 3-4].\n"
    problems = pair(EN, cy, bib)
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [(6, "this version cites [@d] once")]


# --------------------------------------------------------------------------- rendering

BODY = "Power [@lent-studdert-2019, p. 84]. The Act [@wfg-act-2015; @lent-studdert-2019, pp. 17-18].\n\n`[@x]`\n"

GOLDEN_EN = (
    'Power <sup id="cite-ref-1"><a href="#cite-1">1</a>, p. 84</sup>. The Act '
    '<sup id="cite-ref-2"><a href="#cite-2">2</a></sup><sup class="kb-cite-sep">; </sup>'
    '<sup id="cite-ref-1-2"><a href="#cite-1">1</a>, pp. 17–18</sup>.\n\n`[@x]`\n\n'
    "## References\n\n"
    '<ol class="kb-references">\n'
    '<li id="cite-1"><a class="kb-cite-back" href="#cite-ref-1" aria-label="Back to the text">↑</a> '
    "Lent, A. and Studdert, J. (2019) <em>The Community Paradigm: &lt;why&gt; &amp; how</em>. "
    "New Local Government Network.</li>\n"
    '<li id="cite-2"><a class="kb-cite-back" href="#cite-ref-2" aria-label="Back to the text">↑</a> '
    "National Assembly for Wales (2015) "
    '<a href="https://www.legislation.gov.uk/anaw/2015/2/contents"><em>Well-being of Future Generations '
    "(Wales) Act 2015</em></a> (2015 anaw 2).</li>\n"
    "</ol>\n"
)

GOLDEN_CY = (
    'Power <sup id="cite-ref-1"><a href="#cite-1">1</a>, t. 84</sup>. The Act '
    '<sup id="cite-ref-2"><a href="#cite-2">2</a></sup><sup class="kb-cite-sep">; </sup>'
    '<sup id="cite-ref-1-2"><a href="#cite-1">1</a>, tt. 17–18</sup>.\n\n`[@x]`\n\n'
    "## Cyfeiriadau\n\n"
    '<ol class="kb-references">\n'
    '<li id="cite-1"><a class="kb-cite-back" href="#cite-ref-1" aria-label="Yn ôl i&#39;r testun">↑</a> '
    'Lent, A. a Studdert, J. (2019) <em lang="en">The Community Paradigm: &lt;why&gt; &amp; how</em>. '
    "New Local Government Network.</li>\n"
    '<li id="cite-2"><a class="kb-cite-back" href="#cite-ref-2" aria-label="Yn ôl i&#39;r testun">↑</a> '
    "National Assembly for Wales (2015) "
    '<a href="https://www.legislation.gov.uk/anaw/2015/2/contents" hreflang="en" lang="en"><em>Well-being of Future '
    "Generations (Wales) Act 2015</em></a> (2015 anaw 2).</li>\n"
    "</ol>\n"
)


def test_render_english_golden(bib):
    assert render_citations(BODY, bib, "en") == GOLDEN_EN


def test_render_welsh_golden(bib):
    assert render_citations(BODY, bib, "cy") == GOLDEN_CY


def test_render_webpage_with_accessed_date_in_both_languages(bib):
    entry = bib.get("evans-owen-web")
    assert format_entry(entry, "en", default_style()) == (
        'Evans, S. and Owen, I. (n.d.) <a href="https://example.org/cydgynhyrchu?a=1&amp;b=2" hreflang="cy" lang="cy">'
        '‘Cydgynhyrchu yng Nghymru’</a>. <em lang="cy">Gwefan y Rhwydwaith</em>. Accessed 3 May 2024.'
    )
    # Welsh: 'ac' before a vowel, 'd.d.' for no date, Welsh month.
    assert format_entry(entry, "cy", default_style()) == (
        'Evans, S. ac Owen, I. (d.d.) <a href="https://example.org/cydgynhyrchu?a=1&amp;b=2">‘Cydgynhyrchu yng '
        "Nghymru’</a>. <em>Gwefan y Rhwydwaith</em>. Cyrchwyd 3 Mai 2024."
    )


def test_render_without_citations_is_unchanged(bib):
    assert render_citations("No sources here. `[@x]`\n", bib, "cy") == "No sources here. `[@x]`\n"


def test_render_leaves_unknown_and_malformed_as_written(bib):
    out = render_citations("A [@nope] and [@wfg-act-2015 p. 4] and [@wfg-act-2015].", bib, "en")
    assert out.startswith('A [@nope] and [@wfg-act-2015 p. 4] and <sup id="cite-ref-1">')


def test_rendered_markdown_becomes_valid_html(bib):
    import markdown

    html = markdown.markdown(render_citations(BODY, bib, "cy"), extensions=["toc", "attr_list", "md_in_html"])
    assert '<h2 id="cyfeiriadau">Cyfeiriadau</h2>' in html
    assert '<li id="cite-1">' in html and '<a href="#cite-1">1</a>, t. 84</sup>' in html


def test_citation_words_exist_in_every_language():
    raw = yaml.safe_load((REPO / "data/ui/citations.yml").read_text(encoding="utf-8"))
    assert set(raw["en"]) == set(raw["cy"])
    assert len(raw["cy"]["months"]) == 12
    for term in raw["locators"].values():
        assert set(term) >= {"accept", "en", "cy"}


def test_cite_show_uses_canonical_english_form():
    assert Cite("k", Locator("page", "17-18")).show(default_style()) == "[@k, pp. 17–18]"


# --------------------------------------------------------------------------- fixture sites

SITE_BIB = """\
- id: wfg-act-2015
  type: legislation
  author:
    - org: national-assembly-for-wales
  title: Well-being of Future Generations (Wales) Act 2015
  issued: {date-parts: [[2015]]}
  URL: https://www.legislation.gov.uk/anaw/2015/2/contents
  cy:
    title: Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015
    URL: https://www.legislation.gov.uk/anaw/2015/2/contents/welsh
- id: lent-studdert-2019
  type: report
  author:
    - family: Lent
      given: Adam
    - family: Studdert
      given: Jessica
  title: "The Community Paradigm: Why public services need radical change and how it can be achieved"
  publisher: New Local Government Network
  issued: {date-parts: [[2019]]}
"""

HOME_EN = "---\nid: home\ntype: page\ntitle: Home\n---\n# Co-production Knowledge Base\n\nRead the [guide](guides/sources.md).\n"
HOME_CY = (
    "---\nid: home\ntype: page\ntitle: Hafan\n---\n# Sylfaen Wybodaeth Cydgynhyrchu\n\n"
    "Darllenwch y [canllaw](guides/sources.md).\n"
)
GUIDE_EN = """---
id: sources
type: page
title: Sharing power
---
# Sharing power

Public bodies must involve people [@wfg-act-2015].

> Public services need radical change. [@lent-studdert-2019, p. 84]

Communities know what matters to them [@lent-studdert-2019, pp. 17-18].
"""
GUIDE_CY = """---
id: sources
type: page
title: Rhannu pŵer
---
# Rhannu pŵer â'r gymuned

Rhaid i gyrff cyhoeddus gynnwys pobl, o'r tŷ i'r dŵr [@wfg-act-2015].

> Mae angen newid radical ar wasanaethau cyhoeddus. [@lent-studdert-2019, t. 84]

Mae cymunedau'n gwybod beth sy'n bwysig iddyn nhw ym mhob cwm [@lent-studdert-2019, tt. 17-18].
"""


def site_files(**changes: str) -> dict[str, str]:
    files = {
        "docs/index.md": HOME_EN,
        "docs_cy/index.md": HOME_CY,
        "docs/guides/sources.md": GUIDE_EN,
        "docs_cy/guides/sources.md": GUIDE_CY,
        "data/bibliography.yml": SITE_BIB,
        # mkdocs.yml watches case_studies/; this site needs none (hidden files are not content).
        "case_studies/.keep": "",
    }
    files.update({k.replace("__", "/").replace("_dot_", "."): v for k, v in changes.items()})
    return files


@pytest.mark.build
def test_fixture_site_renders_references_in_both_languages(tmp_path):
    root = make_site(tmp_path, site_files())
    result = build(root)
    assert result.returncode == 0, result.output
    en = (result.site / "guides/sources/index.html").read_text(encoding="utf-8")
    cy = (result.site / "cy/guides/sources/index.html").read_text(encoding="utf-8")
    assert '<sup id="cite-ref-2"><a href="#cite-2">2</a>, p. 84</sup>' in en
    assert '<sup id="cite-ref-2"><a href="#cite-2">2</a>, t. 84</sup>' in cy
    assert '<sup id="cite-ref-2-2"><a href="#cite-2">2</a>, tt. 17–18</sup>' in cy
    assert ">References<" in en and ">Cyfeiriadau<" in cy and ">References<" not in cy
    for page in (en, cy):
        assert '<li id="cite-1">' in page and '<li id="cite-2">' in page
    # One entry, each language's names, title and text of the Act.
    assert (
        'National Assembly for Wales (2015) <a href="https://www.legislation.gov.uk/anaw/2015/2/contents">'
        "<em>Well-being of Future Generations (Wales) Act 2015</em></a>" in en
    )
    assert (
        'Cynulliad Cenedlaethol Cymru (2015) <a href="https://www.legislation.gov.uk/anaw/2015/2/contents/welsh">'
        "<em>Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015</em></a>" in cy.replace("&#39;", "'").replace("&#x27;", "'")
    )
    assert "Lent, A. a Studdert, J. (2019)" in cy
    assert run_kb(root, "check").returncode == 0


FAILURES = {
    "unknown key in a Welsh page": (
        {"docs_cy/guides/sources.md": GUIDE_CY.replace("[@wfg-act-2015]", "[@wfg-act-2016]")},
        "docs_cy/guides/sources.md:8: error KB020 citation-unknown-key: '@wfg-act-2016'",
    ),
    "bibliography entry without a title": (
        {
            "data/bibliography.yml": SITE_BIB.replace(
                '  title: "The Community Paradigm: Why public services need '
                'radical change and how it can be achieved"\n',
                "",
            )
        },
        "data/bibliography.yml:11: error KB022 bibliography-missing-field: the entry 'lent-studdert-2019'",
    ),
    "Welsh page drops a citation": (
        {"docs_cy/guides/sources.md": GUIDE_CY.replace(" [@lent-studdert-2019, tt. 17-18]", "")},
        "docs_cy/guides/sources.md:10: error KB027 citation-parity: [@lent-studdert-2019] is cited once here but "
        "twice in the English version docs/guides/sources.md: here [@lent-studdert-2019, t. 84] at line 10; there "
        "[@lent-studdert-2019, p. 84] at line 10, [@lent-studdert-2019, pp. 17–18] at line 12.",
    ),
}


@pytest.mark.build
@pytest.mark.parametrize("case", list(FAILURES))
def test_fixture_site_failure_fails_build_and_check(tmp_path, case):
    changes, expected = FAILURES[case]
    files = site_files()
    files.update(changes)
    root = make_site(tmp_path, files)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.output
    assert not (result.site / "cy/guides/sources/index.html").exists()
    check = run_kb(root, "check")
    assert check.returncode == 1
    assert expected in check.stdout


def _with_organisations(text):
    from kb.sources.vocabularies import load_vocabularies

    parsed = parse_bibliography(text, load_schema(REPO))
    assert parsed.problems == []
    parsed.organisations = load_vocabularies(REPO)["organisations"]
    return parsed


def test_bodies_appear_under_their_name_in_each_language_and_mutate_after_a():
    bib = _with_organisations("""\
- id: bg-2021
  type: report
  author:
    - org: cynnal-cymru
    - org: electoral-reform-society-cymru
  title: Blaenau Gwent Climate Assembly Report
  publisher: {org: cynnal-cymru}
  issued: {date-parts: [[2021]]}
- id: two-people
  type: report
  author:
    - family: Owen
      given: Sian
    - family: Pritchard
      given: Tomos
  title: Cydweithio
  publisher: {org: unicef-uk}
  language: cy
  issued: {date-parts: [[2021]]}
""")
    style = default_style()
    assert format_entry(bib.get("bg-2021"), "cy", style, bib) == (
        'Cynnal Cymru a Chymdeithas Diwygio Etholiadol Cymru (2021) <em lang="en">Blaenau Gwent Climate Assembly '
        "Report</em>. Cynnal Cymru."
    )
    assert format_entry(bib.get("bg-2021"), "en", style, bib).startswith(
        "Cynnal Cymru – Sustain Wales and Electoral Reform Society Cymru (2021)"
    )
    # People's names are never mutated; a body with no Welsh name keeps its own.
    assert format_entry(bib.get("two-people"), "cy", style, bib) == (
        "Owen, S. a Pritchard, T. (2021) <em>Cydweithio</em>. UNICEF UK."
    )


def test_a_welsh_container_title_is_not_marked_english():
    bib = _with_organisations("""\
- id: wg-psb
  type: webpage
  author:
    - org: welsh-government
  title: Public Services Boards
  container-title: GOV.WALES
  issued: {literal: "n.d."}
  cy:
    container-title: LLYW.CYMRU
""")
    assert format_entry(bib.get("wg-psb"), "cy", default_style(), bib) == (
        "Llywodraeth Cymru (d.d.) <span lang=\"en\">‘Public Services Boards’</span>. <em>LLYW.CYMRU</em>."
    )
    assert format_entry(bib.get("wg-psb"), "en", default_style(), bib) == (
        "Welsh Government (n.d.) ‘Public Services Boards’. <em>GOV.WALES</em>."
    )
