from pathlib import Path

from kb.publish.labels import Labeller

REPO = Path(__file__).resolve().parent.parent
META = {"type": "guide", "themes": ["involvement", "no-such-theme"], "legislation": ["wfg-act-2015"], "sectors": []}


def test_labels_are_in_the_page_language_in_field_order():
    labeller = Labeller.load(REPO)
    rows = labeller.rows(META, "cy", ("legislation", "themes", "sectors"))
    assert [(r.label, r.values) for r in rows] == [
        ("Deddfwriaeth", ("Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015",)),
        ("Thema", ("Cynnwys ac ymgysylltu",)),
    ]
    english = labeller.rows(META, "en", ("themes",))
    assert english[0].label == "Theme" and english[0].values == ("Involvement and engagement",)


def test_pages_of_other_types_get_no_rows():
    assert Labeller.load(REPO).rows({"type": "page", "themes": ["involvement"]}, "cy", ("themes",)) == []
