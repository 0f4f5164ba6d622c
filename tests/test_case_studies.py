"""kb/checks/case_studies.py: a fixture case study that passes, and one failing fixture per rule."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import case_study_fixtures as F
from fixture_pages import minimal_site
from htmlpage import Html
from sitebuilder import build, make_site, run_kb

from kb.checks import check_root
from kb.core.problem import Problem

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def problems_for(tmp_path: Path, files: dict[str, str | bytes]) -> list[Problem]:
    root = make_site(tmp_path / "repo", files)
    _, problems = check_root(root)
    return problems


def only(problems: list[Problem], rule_name: str) -> list[Problem]:
    return [p for p in problems if p.rule_name == rule_name]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_valid_case_study_passes(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(F.files("grwp-cymunedol"))
    body_en = F.page("grwp-cymunedol", "en").replace(
        "## What was done", "![Volunteers painting a mural](mural.png)\n\n## What was done"
    )
    body_cy = F.page("grwp-cymunedol", "cy").replace(
        "## Beth a wnaed", "![Gwirfoddolwyr yn peintio murlun ar wal y tŷ](mural.png)\n\n## Beth a wnaed"
    )
    files.update(
        {
            "case_studies/grwp-cymunedol/en.md": body_en,
            "case_studies/grwp-cymunedol/cy.md": body_cy,
            "case_studies/grwp-cymunedol/mural.png": PNG,
        }
    )
    problems = problems_for(tmp_path, files)
    assert [p.format() for p in problems if p.is_error] == []
    assert [p for p in problems if p.rule_name.startswith("case-study-")] == []


def test_missing_welsh_file_is_one_problem_naming_the_missing_path(tmp_path: Path) -> None:
    files = F.files("heb-gymraeg")
    del files["case_studies/heb-gymraeg/cy.md"]
    problems = problems_for(tmp_path, dict(files))
    # KB040 says it (with both ways out: add the file, or declare the translation pending); KB060 does not repeat it.
    assert [(p.path, p.line, p.rule_name) for p in problems] == [("case_studies/heb-gymraeg/en.md", 1, "translation-missing")]
    assert "case_studies/heb-gymraeg/cy.md" in problems[0].message
    result = run_kb(tmp_path / "repo", "check")
    assert result.returncode == 1
    assert "case_studies/heb-gymraeg/en.md:1: error KB040 translation-missing:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_misnamed_welsh_file_is_pointed_out(tmp_path: Path) -> None:
    files = F.files("camenwi")
    files["case_studies/camenwi/welsh.md"] = files.pop("case_studies/camenwi/cy.md")
    (p,) = only(problems_for(tmp_path, dict(files)), "case-study-files")
    assert "welsh.md" in p.hint and "case_studies/camenwi/cy.md" in p.message


def test_a_misnamed_english_file_is_one_problem_saying_so(tmp_path: Path) -> None:
    files = F.files("dim-saesneg")
    files["case_studies/dim-saesneg/english.md"] = files.pop("case_studies/dim-saesneg/en.md")
    problems = problems_for(tmp_path, dict(files))
    (p,) = only(problems, "case-study-files")
    assert p.path == "case_studies/dim-saesneg/cy.md" and "case_studies/dim-saesneg/en.md" in p.message
    assert "english.md: rename it to en.md or cy.md" in p.hint
    assert not only(problems, "translation-missing")


def test_unknown_region_is_reported_at_its_line(tmp_path: Path) -> None:
    files = F.files("ardal-anhysbys", regions=["cardiff", "atlantis"])
    problems = problems_for(tmp_path, dict(files))
    text = files["case_studies/ardal-anhysbys/cy.md"]
    hits = [p for p in problems if p.path == "case_studies/ardal-anhysbys/cy.md" and "atlantis" in p.message]
    assert hits, [p.format() for p in problems]
    assert hits[0].is_error
    assert hits[0].line == line_of(text, "- atlantis")
    out = run_kb(tmp_path / "repo", "check").stdout
    assert f"case_studies/ardal-anhysbys/en.md:{hits[0].line}: error" in out


def test_folder_name_must_equal_id(tmp_path: Path) -> None:
    files = F.files("enw-ffolder")
    files["case_studies/enw-ffolder/en.md"] = F.page("enw-arall", "en")
    files["case_studies/enw-ffolder/cy.md"] = F.page("enw-arall", "cy")
    problems = only(problems_for(tmp_path, dict(files)), "case-study-folder-id")
    assert {p.path for p in problems} == {"case_studies/enw-ffolder/en.md", "case_studies/enw-ffolder/cy.md"}
    assert all(p.line == 2 and "enw-arall" in p.message and "enw-ffolder" in p.message for p in problems)


def test_reserved_folder_name(tmp_path: Path) -> None:
    problems = only(problems_for(tmp_path, dict(F.files("themes"))), "case-study-folder-id")
    assert problems and "reserved" in problems[0].message


def test_missing_and_remote_images(tmp_path: Path) -> None:
    files = dict(F.files("delweddau"))
    files["case_studies/delweddau/en.md"] = F.page("delweddau", "en").replace(
        "## What was done", "![A map](map.png)\n\n![A logo](https://example.org/logo.png)\n\n## What was done"
    )
    files["case_studies/delweddau/cy.md"] = F.page("delweddau", "cy").replace(
        "## Beth a wnaed", "![Map](map.png)\n\n![Logo](https://example.org/logo.png)\n\n## Beth a wnaed"
    )
    problems = only(problems_for(tmp_path, files), "case-study-image")
    en = sorted((p.line, p.message) for p in problems if p.path.endswith("en.md"))
    text = files["case_studies/delweddau/en.md"]
    assert len(en) == 2
    assert en[0][0] == line_of(str(text), "![A map]") and "map.png" in en[0][1]
    assert en[1][0] == line_of(str(text), "![A logo]") and "web address" in en[1][1]


def test_image_outside_folder(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(F.files("tu-allan"))
    for lang, name in (("en", "en.md"), ("cy", "cy.md")):
        files[f"case_studies/tu-allan/{name}"] = F.page("tu-allan", lang) + "\n![x ŵ](../other/pic.png)\n"
    files["case_studies/other/pic.png"] = PNG
    problems = only(problems_for(tmp_path, files), "case-study-image")
    assert problems and "outside" in problems[0].message


def test_image_needs_alt_text_in_each_language(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(F.files("testun-amgen"))
    files["case_studies/testun-amgen/en.md"] = F.page("testun-amgen", "en") + "\n![A mural](mural.png)\n"
    files["case_studies/testun-amgen/cy.md"] = F.page("testun-amgen", "cy") + '\n<img src="mural.png" alt="">\n'
    files["case_studies/testun-amgen/mural.png"] = PNG
    problems = only(problems_for(tmp_path, files), "case-study-image-alt")
    assert [(p.path, "Welsh" in p.message) for p in problems] == [("case_studies/testun-amgen/cy.md", True)]
    assert problems[0].line == line_of(str(files["case_studies/testun-amgen/cy.md"]), "<img")


def test_image_used_in_one_language_only(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(F.files("un-iaith"))
    files["case_studies/un-iaith/en.md"] = F.page("un-iaith", "en") + "\n![A mural](mural.png)\n"
    files["case_studies/un-iaith/mural.png"] = PNG
    problems = only(problems_for(tmp_path, files), "case-study-image-alt")
    assert len(problems) == 1 and problems[0].path == "case_studies/un-iaith/cy.md"
    assert "mural.png" in problems[0].message


def test_images_in_code_and_comments_are_ignored(tmp_path: Path) -> None:
    extra = "\n```\n![x](missing.png)\n```\n\n<!-- ![y](missing.png) -->\n"
    files = {
        "case_studies/cod/en.md": F.page("cod", "en") + extra,
        "case_studies/cod/cy.md": F.page("cod", "cy") + extra,
    }
    assert only(problems_for(tmp_path, dict(files)), "case-study-image") == []


def test_unknown_source(tmp_path: Path) -> None:
    files = F.files("ffynhonnell", sources=["wfg-act-2015", "no-such-report"])
    problems = only(problems_for(tmp_path, dict(files)), "case-study-source")
    assert len(problems) == 2
    text = files["case_studies/ffynhonnell/en.md"]
    assert all(p.line == line_of(text, "- no-such-report") and "no-such-report" in p.message for p in problems)


def test_contact_must_not_be_personal_data(tmp_path: Path) -> None:
    files = dict(F.files("ebost", contact="mailto:someone@example.org"))
    files.update(F.files("ffon", contact="029 2000 0000"))
    problems = only(problems_for(tmp_path, dict(files)), "case-study-personal-data")
    by_path = {p.path: p for p in problems}
    assert "e-mail" in by_path["case_studies/ebost/en.md"].message
    assert "phone" in by_path["case_studies/ffon/cy.md"].message
    text = files["case_studies/ebost/en.md"]
    assert by_path["case_studies/ebost/en.md"].line == line_of(text, "contact:")


def test_email_in_text_is_personal_data(tmp_path: Path) -> None:
    files = {
        "case_studies/testun/en.md": F.page("testun", "en") + "\nWrite to jo.bloggs@example.org.\n",
        "case_studies/testun/cy.md": F.page("testun", "cy"),
    }
    (p,) = only(problems_for(tmp_path, dict(files)), "case-study-personal-data")
    assert p.path == "case_studies/testun/en.md" and "jo.bloggs@example.org" in p.message
    assert p.line == line_of(files["case_studies/testun/en.md"], "jo.bloggs")


def test_placeholders_are_rejected_at_their_line(tmp_path: Path) -> None:
    files = F.files("dalfan", title="[[Title in English]]")
    files["case_studies/dalfan/cy.md"] += "\n[[Ysgrifennwch y stori am y grŵp yma.]]\n"
    problems = only(problems_for(tmp_path, dict(files)), "case-study-placeholder")
    assert {(p.path, p.line) for p in problems} == {
        ("case_studies/dalfan/en.md", line_of(files["case_studies/dalfan/en.md"], "title:")),
        ("case_studies/dalfan/cy.md", line_of(files["case_studies/dalfan/cy.md"], "title:")),
        ("case_studies/dalfan/cy.md", line_of(files["case_studies/dalfan/cy.md"], "[[Ysgrifennwch")),
    }


def test_empty_folder(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"case_studies/gwag/photo.png": PNG}
    (p,) = only(problems_for(tmp_path, files), "case-study-files")
    assert p.path == "case_studies/gwag" and "neither" in p.message


def test_template_folder_is_not_checked(tmp_path: Path) -> None:
    files = {"case_studies/_template/en.md": "---\nid: \"[[id]]\"\n---\n[[x]]\n"}
    assert [p for p in problems_for(tmp_path, dict(files)) if p.path.startswith("case_studies/")] == []


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x01D\x00;"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>'


def test_only_raster_images_may_sit_in_a_case_study_folder(tmp_path: Path) -> None:
    """An SVG opened directly runs its script on our origin; so would HTML in disguise. Refused at path:1."""
    files: dict[str, str | bytes] = dict(F.files("ffeiliau"))
    bad: dict[str, bytes] = {
        "drawing.svg": SVG,
        "page.html": b"<script>alert(1)</script>",
        "script.js": b"alert(1)",
        "notes.txt": "Nodiadau'r grŵp".encode(),
        "disguised.png": SVG,  # an SVG named as a PNG
        "swapped.jpg": PNG,  # a real image, mislabelled
        "huge.gif": GIF + b"\x00" * (5 * 1024 * 1024),
    }
    for name, data in bad.items():
        files[f"case_studies/ffeiliau/{name}"] = data
    files["case_studies/ffeiliau/llun-ŵyl.gif"] = GIF  # fine, and so is any name in Welsh
    problems = only(problems_for(tmp_path, files), "case-study-file-type")
    assert sorted(p.path for p in problems) == sorted(f"case_studies/ffeiliau/{n}" for n in bad)
    assert all(p.line == 1 and p.hint for p in problems)
    by_name = {p.path.rsplit("/", 1)[1]: p.message for p in problems}
    assert "not a JPEG, PNG, GIF, WebP or AVIF image" in by_name["drawing.svg"]
    assert "its name says PNG but its content is not an image" in by_name["disguised.png"]
    assert "its name says JPEG but its content is a PNG image" in by_name["swapped.jpg"]
    assert "MB limit" in by_name["huge.gif"]


def test_case_study_images_are_published_in_both_languages(tmp_path: Path) -> None:
    """CONTRIBUTING's promise, built for real: images in the folder, described in each language."""
    images = {"pic.gif": GIF, "poster.cy.png": PNG, "lluniau/sgwâr-ŵyl.PNG": PNG}
    alts = {
        "en": ["Residents planning the festival", "The poster in Welsh", "The square"],
        "cy": ["Trigolion yn cynllunio'r ŵyl", "Y poster yn Gymraeg", "Sgwâr y dref ar ddiwrnod yr ŵyl"],
    }
    files: dict[str, str | bytes] = dict(minimal_site())
    folder = "case_studies/gwyl-gymunedol"
    for lang, name in (("en", "en.md"), ("cy", "cy.md")):
        shown = "".join(f"\n![{alt}]({src})\n" for alt, src in zip(alts[lang], images, strict=True))
        files[f"{folder}/{name}"] = str(files[f"{folder}/{name}"]) + shown
    for src, data in images.items():
        files[f"{folder}/{src}"] = data
    root = make_site(tmp_path / "repo", files)
    assert run_kb(root, "check").returncode == 0
    result = build(root)
    assert result.returncode == 0, result.output

    for lang, prefix in (("en", ""), ("cy", "cy/")):
        built = result.site / prefix / "case-studies" / "gwyl-gymunedol"
        found = [(a.get("src", ""), a.get("alt", "")) for a in Html.file(built / "index.html").attrs("img")
                 if a.get("src", "").rsplit(".", 1)[-1].lower() in ("gif", "png")]
        assert [alt for _, alt in found] == alts[lang]
        for (src, _), (name, data) in zip(found, images.items(), strict=True):
            assert unquote(src) == name
            assert (built / name).read_bytes() == data, f"{lang}: {name} not published beside the page"
