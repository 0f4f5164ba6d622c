"""CONTRIBUTING.md and CYFRANNU.md followed literally: the commands of "Proposing a case study by
pull request" (and its Welsh twin) are read from the Markdown, run in a scratch copy of the
repository as a contributor would, and must reach a green strict build in each language.

When a guide's steps change (a command renamed, an id that no longer matches the path it names,
a step dropped), this test runs what the guide now says and fails if a contributor following it
would fail. The filled-in case study below is a fixture: it only lives in the scratch copy, and
its facts are those of the shipped Tempo Time Credits case study, with the same sources.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuilder import REPO

pytestmark = [pytest.mark.build]

GUIDES = {"en": "CONTRIBUTING.md", "cy": "CYFRANNU.md"}
# The section a contributor with git follows (the route without git is another section).
SECTIONS = {"en": "Proposing a case study by pull request", "cy": "Cynnig astudiaeth achos drwy gais tynnu"}
# What a contributor's fork holds that the steps touch (everything `mkdocs build` reads, and kb/).
CHECKOUT = ["mkdocs.yml", "hooks", "overrides", "data", "docs", "docs_cy", "case_studies", "kb",
            "scripts", "translations.lock.yml", "CONTRIBUTING.md", "CYFRANNU.md", "README.md"]
# The guides' steps hold exactly this many commands to type (fenced `sh` lines): scaffold, check.
COMMANDS_IN_STEPS = 2


@dataclass
class Steps:
    """The numbered steps of a guide's pull-request section and the commands it asks for."""

    items: list[str]          # each numbered step's Markdown
    commands: list[str]       # the lines of the ```sh blocks inside the steps, in order
    setup: list[str]          # the inline commands of step 1 (set up once, then activate)
    build: str                # the strict build the review runs (from "What review looks like")


def _section(text: str, heading: str) -> str:
    """The `## heading` section of ``text``."""
    found = [s for s in re.split(r"(?m)^## ", text) if s.startswith(heading + "\n")]
    assert len(found) == 1, f"expected one section '## {heading}', found {len(found)}"
    return found[0]


def read_steps(lang: str) -> Steps:
    text = (REPO / GUIDES[lang]).read_text(encoding="utf-8")
    section = _section(text, SECTIONS[lang])
    items = re.split(r"(?m)^(?=\d+\. )", section)[1:]
    commands = [line.strip() for block in re.findall(r"(?ms)^ *```sh\n(.*?)^ *```", section)
                for line in block.splitlines() if line.strip()]
    setup = re.findall(r"`([^`]+)`", items[0]) if items else []
    build = re.findall(r"`((?:python -m )?mkdocs build --strict)`", text)
    assert build, f"{GUIDES[lang]} no longer says the pull request is built with `mkdocs build --strict`"
    return Steps(items=items, commands=commands, setup=setup, build=build[0])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_steps_hold_the_same_commands_in_both_languages(lang: str) -> None:
    steps = read_steps(lang)
    assert len(steps.items) == 6, [s[:40] for s in steps.items]
    assert len(steps.commands) == COMMANDS_IN_STEPS, steps.commands
    assert steps.commands[0].startswith("python -m kb new case-study ")
    assert steps.commands[1].startswith("python -m kb check ")
    # Step 1 sets up once with the build script and activates the environment it makes.
    assert "scripts/build.sh" in steps.setup and ". .venv/bin/activate" in steps.setup, steps.setup
    assert os.access(REPO / steps.setup[0], os.X_OK)
    other = read_steps("cy" if lang == "en" else "en")
    assert [c.split()[:4] for c in steps.commands] == [c.split()[:4] for c in other.commands]


def _case_study_id(steps: Steps) -> str:
    scaffold = shlex.split(steps.commands[0])
    return scaffold[-1]


# The contributor's edits (steps 3 and 4): every [[ … ]] of the template replaced, in both files.
# Values are the shipped Tempo case study's facts with its sources, so no new source is needed.
FILL_COMMON = {
    "[[area id / dynodwr ardal]]": "carmarthenshire",
    "[[sector id / dynodwr sector]]": "third-sector",
    "[[theme id / dynodwr thema]]": "community-action",
    "[[value id / dynodwr gwerth]]": "value-all-participants",
    "[[legislation id / dynodwr deddfwriaeth]]": "sswb-act-2014",
    "[[role id / dynodwr rôl]]": "volunteers",
    '"[[YYYY / BBBB]]"': "2012",
    "[[ongoing or completed / ongoing neu completed]]": "completed",
    "[[bibliography id / dynodwr llyfryddiaeth]]": "cs-spice-2014-carmarthenshire",
    "[[https:// address of the organisation's web page / cyfeiriad https:// tudalen we'r sefydliad]]":
        "https://www.wearetempo.org",
    "[[CC-BY-4.0]]": "CC-BY-4.0",
    "[[YYYY-MM-DD]]": "2026-12-01",
}
FILL = {
    "en": {
        "[[Title in English]]": "Time Credits in Carmarthenshire",
        "[[One or two sentences saying what was done, where and with whom]]":
            "Spice worked with Carmarthenshire County Council for two years to build a local Time Credits programme.",
        "[[Organisation name]]": "Carmarthenshire County Council",
        "[[What changed, in one or two sentences]]":
            "Services and community groups found new ways for local people to give their time.",
        "[[What was learned, in one or two sentences]]":
            "Earning and spending credits depends on partners on both sides.",
        "[[The situation before the work began, and why it mattered.]]":
            "The council wanted more people to take part in community life [@cs-spice-2014-carmarthenshire].",
        "[[What was done together, by whom (roles, not names) and how.]]":
            "Services and community groups identified ways for people to give their time, based on local"
            " interests and skills [@cs-spice-2014-carmarthenshire].",
        "[[How the people who use or are affected by the service shared the planning, the decisions and the work.]]":
            "Public, community and private organisations offered ways to spend credits, such as spare"
            " places at leisure centres [@cs-spice-2014-carmarthenshire].",
        "[[A few points others could use in their own work.]]":
            "- Earning and spending both need partners.",
    },
    "cy": {
        "[[Teitl yn Gymraeg]]": "Credydau Amser yn Sir Gaerfyrddin",
        "[[Un neu ddwy frawddeg yn dweud beth a wnaed, ble a gyda phwy]]":
            "Bu Spice yn gweithio gyda Chyngor Sir Caerfyrddin am ddwy flynedd i ddatblygu rhaglen Credydau Amser leol.",
        "[[Enw'r sefydliad]]": "Cyngor Sir Caerfyrddin",
        "[[Beth a newidiodd, mewn brawddeg neu ddwy]]":
            "Daeth gwasanaethau a grwpiau cymunedol o hyd i ffyrdd newydd i bobl leol roi eu hamser.",
        "[[Beth a ddysgwyd, mewn brawddeg neu ddwy]]":
            "Mae ennill a gwario credydau'n dibynnu ar bartneriaid ar y ddwy ochr.",
        "[[Y sefyllfa cyn i'r gwaith ddechrau, a pham roedd yn bwysig.]]":
            "Roedd y cyngor am weld mwy o bobl yn cymryd rhan ym mywyd y gymuned [@cs-spice-2014-carmarthenshire].",
        "[[Beth a wnaed gyda'i gilydd, gan bwy (rolau, nid enwau) a sut.]]":
            "Nododd gwasanaethau a grwpiau cymunedol gyfleoedd i bobl roi eu hamser, ar sail diddordebau a"
            " sgiliau pobl leol [@cs-spice-2014-carmarthenshire].",
        "[[Sut y rhannodd y bobl sy'n defnyddio'r gwasanaeth, neu y mae'n effeithio arnynt, y cynllunio,"
        " y penderfyniadau a'r gwaith.]]":
            "Cynigiodd sefydliadau cyhoeddus, cymunedol a phreifat ffyrdd o wario credydau, fel lleoedd gwag"
            " mewn canolfannau hamdden [@cs-spice-2014-carmarthenshire].",
        "[[Ychydig o bwyntiau y gallai eraill eu defnyddio yn eu gwaith eu hunain.]]":
            "- Mae ennill a gwario ill dau angen partneriaid.",
    },
}


def fill_in(path: Path, lang: str) -> None:
    text = path.read_text(encoding="utf-8")
    for placeholder, value in {**FILL_COMMON, **FILL[lang]}.items():
        text = text.replace(placeholder, value)
    left = re.findall(r"\[\[(?! \.\.\. \]\]).*?\]\]", text)  # the comments' "[[ ... ]]" is not a placeholder
    assert not left, f"{path.name}: placeholders the fixture does not fill (the template changed): {left}"
    path.write_text(text, encoding="utf-8")


def run(command: str, cwd: Path, lang: str) -> subprocess.CompletedProcess[str]:
    """Run one of the guide's commands as typed, in the environment step 1 activates."""
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if k not in ("KB_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update({"PATH": venv_bin + os.pathsep + env.get("PATH", ""), "VIRTUAL_ENV": str(Path(venv_bin).parent),
                "PYTHONPATH": str(cwd), "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1"})
    if lang == "cy":
        env["KB_LANG"] = "cy"  # CYFRANNU.md: `export KB_LANG=cy` once, and everything speaks Welsh
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def checkout(root: Path) -> Path:
    """A scratch copy of the repository, as a contributor's fresh clone of their fork."""
    root.mkdir(parents=True)
    for name in CHECKOUT:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__", "site"))
        elif src.is_file():
            shutil.copy2(src, root / name)
    return root


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_contributor_following_the_guide_reaches_a_green_strict_build(tmp_path: Path, lang: str) -> None:
    steps = read_steps(lang)
    assert len(steps.commands) == COMMANDS_IN_STEPS
    repo = checkout(tmp_path / "fork")
    case_id = _case_study_id(steps)
    scaffold, check = steps.commands

    # Step 2: the scaffold makes the two files the guide names.
    made = run(scaffold, repo, lang)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = repo / "case_studies" / case_id
    assert {p.name for p in folder.iterdir()} >= {"en.md", "cy.md"}
    for name in ("en.md", "cy.md"):
        assert f"`case_studies/{case_id}/" in steps.items[1] or f"case_studies/{case_id}/{name}" in steps.items[1]

    # Step 5 before step 3: the check refuses the untouched scaffold, in the contributor's language,
    # one problem per placeholder, at its line, never a traceback.
    refused = run(check, repo, lang)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    word = "gwall" if lang == "cy" else "error"
    assert re.search(rf"^case_studies/{case_id}/en\.md:\d+: {word} KB066 ", refused.stdout, re.M), refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr

    # Steps 3 and 4: every placeholder replaced in both files (the sources are already listed).
    for name, file_lang in (("en.md", "en"), ("cy.md", "cy")):
        fill_in(folder / name, file_lang)

    # Step 5: the check passes.
    checked = run(check, repo, lang)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # What review runs on the pull request: the strict build, green, with the new pages in both languages.
    built = run(steps.build, repo, lang)
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    site = repo / "site"
    english = (site / "case-studies" / case_id / "index.html").read_text(encoding="utf-8")
    welsh = (site / "cy" / "case-studies" / case_id / "index.html").read_text(encoding="utf-8")
    assert "Time Credits in Carmarthenshire" in english and "Credydau Amser yn Sir Gaerfyrddin" in welsh
    assert f'href="{case_id}/"' in (site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert f'href="{case_id}/"' in (site / "cy" / "case-studies" / "index.html").read_text(encoding="utf-8")
