"""What the parity checks read from a page (kb.markdown.textparts): the same on both sides, nothing from code."""

from __future__ import annotations

from kb.markdown.scan import scan
from kb.markdown.textparts import LinkOptions, canonical_number, headings, links_and_images, numbers, tables


def parts(text: str) -> list[str]:
    return scan(text).lines


def test_code_and_comments_are_blanked_but_lines_kept():
    lines = parts("a `x 12`\n```\n## not a heading 2020\n```\n<!-- 99\n-->\nb")
    assert len(lines) == 7 and "12" not in lines[0] and lines[2].strip() == "" and "99" not in lines[4]


def test_headings_atx_and_setext_with_real_lines():
    text = "# Teitl\n\nParagraff\n---\n\n### Pŵer â'r gymuned ###\n\nRhestr\n\n---\n"
    found = headings(parts(text), 10)
    assert [(h.key, h.line, h.shown) for h in found] == [("1", 10, "Teitl"), ("2", 12, "Paragraff"), ("3", 15, "Pŵer â'r gymuned")]


def test_a_rule_after_a_blank_line_is_not_a_heading():
    assert headings(parts("Testun\n\n---\n"), 1) == []


def test_numbers_are_values():
    assert [canonical_number(x) for x in ["2,500", "2\u00a0500", "1.50", "007", "10,000,000"]] == ["2500", "2500", "1.5", "7", "10000000"]
    found = numbers(parts("Yn 2015, roedd 40% o'r 1,200 o bobl [@key, t. 12] ([dolen](https://x.org/2019)) <img width=300>"), 1)
    assert sorted(p.key for p in found) == ["1200", "2015", "40"]


def test_list_markers_and_footnotes_are_not_figures():
    found = numbers(parts("1. Cam cyntaf[^2]\n2. Ail gam\n\n2015. Blwyddyn"), 1)
    assert [p.key for p in found] == ["2015"]


def test_links_resolve_internal_paths_and_ignore_anchors():
    links, images = links_and_images(
        parts("[a](../x.md#y) [b](#top) [c](/cy/guides/z/) ![d](img/llun.cy.png) <https://example.org/a>\n[r]: ../x.md"),
        1,
        "guides/page.md",
        LinkOptions(),
    )
    assert [p.key for p in links] == ["x.md", "/guides/z", "https://example.org/a", "x.md"]
    assert [p.key for p in images] == ["guides/img/llun.png"]


def test_external_language_variants_and_bilingual_sites():
    options = LinkOptions(bilingual_sites=(("gov.wales", "llyw.cymru"),))
    a, _ = links_and_images(["[x](https://www.gov.wales/a) [y](https://example.org/cy/page?lang=cy)"], 1, "p.md", options)
    b, _ = links_and_images(["[x](https://llyw.cymru/b) [y](https://example.org/en/page?lang=en)"], 1, "p.md", options)
    assert [p.key for p in a] == [p.key for p in b] == ["site:gov.wales", "https://example.org/page"]


def test_table_shapes():
    text = "| Blwyddyn | Nifer |\n| --- | ---: |\n| 2019 | 5 |\n| 2020 | 6 |\n\na | b | c\n--|--|--\n1 | 2 | 3\n"
    assert [(t.key, t.line) for t in tables(parts(text), 1)] == [("2x2", 1), ("1x3", 6)]
