"""kb/cli/scaffold.py: `python -m kb new case-study <id>` output is refused until filled, then published."""

from __future__ import annotations

import re
from pathlib import Path

import case_study_fixtures as F
import pytest
import yaml
from sitebuilder import REPO, build, make_site, run_kb

from kb.sources.frontmatter import parse_front_matter

CASE_ID = "caffi-trwsio-prawf"
PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]*\]\]")

FILLED = {
    "en": {
        "title": "Test repair café",
        "summary": "A test repair café where residents and volunteers fix things together each month.",
        "organisations": ["Test Repair Group"],
        "what_changed": "Residents now decide together which repairs the café takes on.",
        "what_learned": "Regular, informal sessions made it easier for new people to join in.",
        "body": "Residents brought broken things to a community room [@wfg-act-2015].",
    },
    "cy": {
        "title": "Caffi trwsio prawf",
        "summary": "Caffi trwsio prawf lle mae trigolion a gwirfoddolwyr yn trwsio pethau gyda'i gilydd bob mis yn y tŷ cwrdd.",
        "organisations": ["Grŵp Trwsio Prawf"],
        "what_changed": "Mae trigolion bellach yn penderfynu gyda'i gilydd pa waith trwsio y bydd y caffi'n ei wneud.",
        "what_learned": "Roedd sesiynau rheolaidd, anffurfiol yn ei gwneud hi'n haws i bobl newydd ymuno â'r grŵp.",
        "body": "Daeth trigolion â phethau wedi torri i ystafell gymunedol yng Nghaerdydd [@wfg-act-2015].",
    },
}


def fill(text: str, lang: str) -> str:
    """What a contributor does: replace every [[...]] with real values (here, test values)."""
    fm, problems = parse_front_matter(text, "x.md")
    assert problems == []
    words = FILLED[lang]
    data = dict(fm.data)
    data.update(
        title=words["title"],
        summary=words["summary"],
        organisations=words["organisations"],
        regions=["swansea"],
        sectors=["community"],
        themes=["climate-and-environment"],
        values=["change-makers"],
        legislation=["wfg-act-2015"],
        involved=["residents", "volunteers"],
        start_year=2021,
        status="ongoing",
        what_changed=words["what_changed"],
        what_learned=words["what_learned"],
        sources=["wfg-act-2015"],
        contact="https://www.example.org/repair-group",
        licence="CC-BY-4.0",
    )
    body = fm.body.replace("[[Title in English]]", words["title"]).replace("[[Teitl yn Gymraeg]]", words["title"])
    body = PLACEHOLDER.sub(words["body"], body)
    meta = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{meta}---\n{body}"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_site(tmp_path / "repo", F.listing_pages())


def test_scaffold_creates_both_files_with_id_and_dates(repo: Path) -> None:
    result = run_kb(repo, "new", "case-study", CASE_ID)
    assert result.returncode == 0, result.stderr
    assert f"created case_studies/{CASE_ID}/en.md" in result.stdout
    for name in ("en.md", "cy.md"):
        fm, _ = parse_front_matter((repo / "case_studies" / CASE_ID / name).read_text(encoding="utf-8"), name)
        assert fm.data["id"] == CASE_ID
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", fm.data["submitted"]) and fm.data["updated"] == fm.data["submitted"]


def test_scaffold_output_is_refused_until_filled(repo: Path) -> None:
    assert run_kb(repo, "new", "case-study", CASE_ID).returncode == 0
    result = run_kb(repo, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("en.md", "cy.md"):
        text = (repo / "case_studies" / CASE_ID / name).read_text(encoding="utf-8")
        # Each placeholder line outside the YAML comments is reported at its own line.
        body_line = parse_front_matter(text, name)[0].body_line
        expected = {
            i
            for i, line in enumerate(text.split("\n"), start=1)
            if PLACEHOLDER.search(line) and not (i < body_line and line.lstrip().startswith("#"))
        }
        reported = {
            int(m.group(1))
            for m in re.finditer(rf"^case_studies/{CASE_ID}/{name}:(\d+): error KB066", result.stdout, re.M)
        }
        assert len(expected) >= 15
        assert reported == expected


def test_filled_scaffold_passes_and_is_published_everywhere(repo: Path) -> None:
    assert run_kb(repo, "new", "case-study", CASE_ID).returncode == 0
    folder = repo / "case_studies" / CASE_ID
    for lang in ("en", "cy"):
        path = folder / f"{lang}.md"
        path.write_text(fill(path.read_text(encoding="utf-8"), lang), encoding="utf-8")
    checked = run_kb(repo, "check")
    assert checked.returncode == 0, checked.stdout
    result = build(repo)
    assert result.returncode == 0, result.output[-3000:]
    site = result.site
    for prefix, lang in (("", "en"), ("cy/", "cy")):
        title = FILLED[lang]["title"]
        listing = (site / prefix / "case-studies/index.html").read_text(encoding="utf-8")
        assert f'href="{CASE_ID}/">{title}</a>' in listing
        assert 'data-region="swansea"' in listing
        themes = (site / prefix / "case-studies/themes/index.html").read_text(encoding="utf-8")
        assert 'id="theme-climate-and-environment"' in themes and title in themes
        regions = (site / prefix / "case-studies/regions/index.html").read_text(encoding="utf-8")
        assert re.search(r'data-region="swansea" data-count="1"', regions)
        assert 'id="region-swansea"' in regions and title in regions
        page = (site / prefix / f"case-studies/{CASE_ID}/index.html").read_text(encoding="utf-8")
        assert "kb-cs-facts" in page and title in page
    welsh = (site / "cy/case-studies" / CASE_ID / "index.html").read_text(encoding="utf-8")
    assert "Yn gryno" in welsh and "Abertawe" in welsh and "Grŵp Trwsio Prawf" in welsh


def test_bad_or_taken_ids_are_refused(repo: Path) -> None:
    bad = run_kb(repo, "new", "case-study", "Bad Id")
    assert bad.returncode == 2 and "lower-case" in bad.stderr and "Traceback" not in bad.stderr
    reserved = run_kb(repo, "new", "case-study", "themes")
    assert reserved.returncode == 2 and "reserved" in reserved.stderr
    assert run_kb(repo, "new", "case-study", CASE_ID).returncode == 0
    again = run_kb(repo, "new", "case-study", CASE_ID)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_template_explains_every_schema_field_in_both_languages() -> None:
    schema = yaml.safe_load((REPO / "data/schemas/case-study.yml").read_text(encoding="utf-8"))
    for name in ("en.md", "cy.md"):
        text = (REPO / "case_studies/_template" / name).read_text(encoding="utf-8")
        fm, problems = parse_front_matter(text, name)
        assert problems == []
        assert set(fm.data) == set(schema["required"]) | {"legislation", "methods"}
        comments = [line for line in text.split("\n") if line.startswith("# ")]
        for field in fm.data:
            about = [c for c in comments if c.startswith(f"# {field}:")]
            # One English and one Welsh explanation: two lines, or one line with both halves.
            assert len(about) >= 2 or (len(about) == 1 and " / " in about[0]), (name, field)
