"""kb.checks.language_marks (KB121): words in the other language left unmarked, found without noise."""

from pathlib import Path

from sitebuilder import make_site

from kb.checks.language_marks import check, load_hints, runs
from kb.model import load_model

EN = """---
id: terms
type: page
title: Terms
---
# Terms

Local Area Coordination was first developed in Western Australia and later taken up in Wales.
Its name in Welsh is *Cydlynu Ardaloedd Lleol*{lang=cy}. Cyngor Gwynedd took part.

| English | [Cymraeg]{lang=cy} |
|---|---|
| carer | [gofalwr]{lang=cy} |
| well-being | [llesiant]{lang=cy} |
"""

CY = """---
id: terms
type: page
title: Termau
---
# Termau

Datblygwyd Cydlynu Ardaloedd Lleol (*Local Area Coordination*) yng Ngorllewin Awstralia i ddechrau.
Cymerodd Cyngor Gwynedd ran, ac mae *Cyngor Gwynedd* yn enw yn y ddwy iaith.

| Saesneg | Cymraeg |
|---|---|
| carer | gofalwr |
| [well-being]{lang=en} | llesiant |
"""


def _problems(tmp_path: Path, en: str = EN, cy: str = CY) -> list[tuple[str, int, str]]:
    root = make_site(tmp_path, {"docs/terms.md": en, "docs_cy/terms.md": cy})
    return [(p.path, p.line, p.message.split("'")[1]) for p in check(load_model(root))]


def test_an_unmarked_english_gloss_and_glossary_cell_on_a_welsh_page_are_found(tmp_path):
    found = _problems(tmp_path)
    assert found == [
        ("docs_cy/terms.md", 8, "Local Area Coordination"),
        ("docs_cy/terms.md", 13, "carer"),
    ]
    gloss, cell = check(load_model(tmp_path))
    assert "is in English" in gloss.message and "[Local Area Coordination]{lang=en}" in gloss.hint
    # 'carer' stands unmarked on both versions and has no sign of either language: one problem names both.
    assert "docs/terms.md" in cell.message and "[carer]{lang=en}" in cell.hint and "[carer]{lang=cy}" in cell.hint


def test_marked_words_names_both_languages_share_and_a_marked_english_page_give_nothing(tmp_path):
    cy = CY.replace("(*Local Area Coordination*)", "(*Local Area Coordination*{lang=en})").replace(
        "| carer |", "| [carer]{lang=en} |"
    )
    assert _problems(tmp_path, cy=cy) == []


def test_unmarked_welsh_on_the_english_page_is_found_too(tmp_path):
    en = EN.replace("| [Cymraeg]{lang=cy} |", "| Cymraeg |").replace("[gofalwr]{lang=cy}", "gofalwr")
    cy = CY.replace("(*Local Area Coordination*)", "(*Local Area Coordination*{lang=en})").replace(
        "| carer |", "| [carer]{lang=en} |"
    )
    found = _problems(tmp_path, en=en, cy=cy)
    assert ("docs/terms.md", 13, "gofalwr") in found and all(path == "docs/terms.md" for path, _, _ in found)
    problem = next(p for p in check(load_model(tmp_path)) if "gofalwr" in p.message)
    assert problem.rule_name == "language-unmarked" and not problem.is_error and "[gofalwr]{lang=cy}" in problem.hint


def test_an_untranslated_paragraph_is_found_but_short_shared_phrases_are_not():
    body = "Local Area Coordination was first developed in Western Australia and later taken up in Wales.\n"
    [paragraph] = [r for r in runs(body) if not r.emphasis]
    assert paragraph.text.startswith("Local Area Coordination was first") and paragraph.marked is None
    assert [r.text for r in runs("Cyngor Gwynedd.\n")] == []  # two words: a name, not prose
    assert [(r.text, r.marked) for r in runs("`*code*` and *tŷ*{lang=cy}\n")] == [("tŷ", "cy")]


def test_the_hints_tell_english_from_welsh_in_short_pieces_or_say_they_cannot():
    hints = load_hints(Path(__file__).resolve().parent.parent)
    for text, lang in [
        ("Local Area Coordination", "en"), ("well-being assessment", "en"), ("Shared Purpose: Shared Future", "en"),
        ("gofalwr", "cy"), ("llais a rheolaeth", "cy"), ("pŵer", "cy"), ("Rhannu Pwrpas: Rhannu Dyfodol", "cy"),
        ("carer", None), ("power", None),
    ]:
        assert hints.guess(text) == lang, text
