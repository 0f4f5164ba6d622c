from pathlib import Path

from sitebuilder import make_site

from kb.sources.vocabularies import check_vocabulary_files, load_vocabularies

REPO = Path(__file__).resolve().parent.parent


def test_shipped_vocabularies_have_both_labels_and_22_areas_plus_wales():
    vocabs = load_vocabularies(REPO)
    assert check_vocabulary_files(REPO) == []
    regions = vocabs["regions"]
    assert len(regions.ids()) == 23 and "wales-wide" in regions.ids()
    assert regions.term_label("isle-of-anglesey", "cy") == "Ynys Môn"
    assert vocabs["themes"].label("cy") == "Thema"
    for name in ("content-types", "themes", "sectors", "regions", "values", "legislation", "roles", "statuses"):
        assert name in vocabs


def test_a_term_without_welsh_label_is_reported_at_its_line(tmp_path):
    root = make_site(
        tmp_path,
        {"data/vocabularies/extra.yml": "name: extra\nterms:\n  - {id: a, en: A, cy: A}\n  - id: b\n    en: B\n"},
    )
    problems = check_vocabulary_files(root)
    [p] = [p for p in problems if p.path.endswith("extra.yml")]
    assert p.line == 4 and "'cy'" in p.message
