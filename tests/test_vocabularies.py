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


OFFICIAL_NAMES = {
    "welsh-government": ("Welsh Government", "Llywodraeth Cymru"),
    "audit-wales": ("Audit Wales", "Archwilio Cymru"),
    "future-generations-commissioner": (
        "Future Generations Commissioner for Wales",
        "Comisiynydd Cenedlaethau'r Dyfodol Cymru",
    ),
    "senedd-cymru": ("Welsh Parliament", "Senedd Cymru"),
    "national-assembly-for-wales": ("National Assembly for Wales", "Cynulliad Cenedlaethol Cymru"),
    "co-production-network-for-wales": ("Co-production Network for Wales", "Rhwydwaith Cydgynhyrchu Cymru"),
}


def test_organisations_have_their_official_english_and_welsh_names():
    organisations = load_vocabularies(REPO)["organisations"]
    assert organisations.label("cy") == "Sefydliad"
    for org_id, (en, cy) in OFFICIAL_NAMES.items():
        term = organisations.get(org_id)
        assert term is not None and (term.en, term.cy) == (en, cy)
        assert term.has_own_welsh_label()
    # A body with no Welsh name keeps its own name in Welsh, and is recognised by other names in use.
    assert not organisations.get("unicef-uk").has_own_welsh_label()
    assert organisations.named("welsh parliament (senedd cymru)").id == "senedd-cymru"
    assert organisations.named("Tempo Time Credits (Spice gynt)").id == "tempo-time-credits"
    assert organisations.named("Senedd Ieuenctid Cymru").id == "welsh-youth-parliament"
    assert organisations.named("Llywodraeth Leol") is None


def _bibliography_bodies() -> set[str]:
    import yaml

    names: set[str] = set()
    for entry in yaml.safe_load((REPO / "data" / "bibliography.yml").read_text(encoding="utf-8")):
        for person in entry.get("author", []):
            if "literal" in person:
                names.add(person["literal"])
        if isinstance(entry.get("publisher"), str):
            names.add(entry["publisher"])
    return names


def test_every_body_in_the_bibliography_and_case_studies_is_an_organisation():
    from kb.sources.frontmatter import parse_front_matter

    organisations = load_vocabularies(REPO)["organisations"]
    missing = sorted(name for name in _bibliography_bodies() if organisations.named(name) is None)
    assert missing == []
    for folder in sorted((REPO / "case_studies").iterdir()):
        if folder.name.startswith("_") or not folder.is_dir():
            continue
        names = {}
        for lang in ("en", "cy"):
            path = folder / f"{lang}.md"
            front, _ = parse_front_matter(path.read_text(encoding="utf-8"), path.name)
            names[lang] = front.data["organisations"]
        for en, cy in zip(names["en"], names["cy"], strict=True):
            term = organisations.named(en)
            assert term is not None, f"{folder.name}: {en}"
            # The Welsh file names the same body, by its Welsh name (or another name in use).
            assert term.is_named(cy) and (cy == term.cy or cy in term.also), f"{folder.name}: {cy}"


def test_other_names_must_be_a_list_of_names(tmp_path):
    root = make_site(
        tmp_path,
        {"data/vocabularies/extra.yml": "name: extra\nterms:\n  - id: a\n    en: A\n    cy: A\n    also: Bee\n"},
    )
    [p] = [p for p in check_vocabulary_files(root) if p.path.endswith("extra.yml")]
    assert p.line == 6 and "'also'" in p.message
