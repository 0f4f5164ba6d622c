from pathlib import Path

from kb.labels import label_rows

REPO = Path(__file__).resolve().parent.parent
META = {"type": "guide", "themes": ["involvement", "no-such-theme"], "legislation": ["wfg-act-2015"], "sectors": []}


def test_labels_are_in_the_page_language_in_field_order():
    rows = label_rows(REPO, META, "cy", ("legislation", "themes", "sectors"))
    assert [(r.label, r.values) for r in rows] == [
        ("Deddfwriaeth", ("Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015",)),
        ("Thema", ("Cynnwys ac ymgysylltu",)),
    ]
    english = label_rows(REPO, META, "en", ("themes",))
    assert english[0].label == "Theme" and english[0].values == ("Involvement and engagement",)
