"""Generated parts of the contributor material, so they never drift from the data.

- The table of rule ids in CONTRIBUTING.md (English) and CYFRANNU.md (Welsh), between the markers
  ``<!-- rules:start -->`` and ``<!-- rules:end -->``, from data/rules.yml.
- The GitHub issue forms .github/ISSUE_TEMPLATE/case-study-{en,cy}.yml, from the case-study schema
  and the vocabularies, so the form asks for the same fields with the same choices.

``python -m kb guides`` rewrites all of them; ``python -m kb rules --markdown`` prints the table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from kb.cli.common import add_lang_argument, repo_root
from kb.core.messages import text
from kb.core.problem import Rule
from kb.sources.vocabularies import load_vocabularies

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
GUIDES = {"en": "CONTRIBUTING.md", "cy": "CYFRANNU.md"}
FORMS = {"en": ".github/ISSUE_TEMPLATE/case-study-en.yml", "cy": ".github/ISSUE_TEMPLATE/case-study-cy.yml"}
_HEAD = {
    "en": ("Rule", "Name", "Severity", "What it means"),
    "cy": ("Rheol", "Enw", "Difrifoldeb", "Beth mae'n ei olygu"),
}
_SEVERITY = {"en": {"error": "error", "warning": "warning"}, "cy": {"error": "gwall", "warning": "rhybudd"}}


def load_rules(root: Path) -> list[Rule]:
    """Rules in file order (the order ids were given), from ``root``'s data/rules.yml."""
    raw = yaml.safe_load((root / "data" / "rules.yml").read_text(encoding="utf-8")) or []
    return [Rule(r["id"], r["name"], r["severity"], r["en"], r["cy"]) for r in raw]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_table(rules: list[Rule], lang: str) -> str:
    head = _HEAD[lang]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for rule in sorted(rules, key=lambda r: r.id):
        meaning = rule.cy if lang == "cy" else rule.en
        severity = _SEVERITY[lang].get(rule.severity, rule.severity)
        lines.append(f"| {rule.id} | `{rule.name}` | {severity} | {_cell(meaning)} |")
    return "\n".join(lines)


def replace_between_markers(text: str, generated: str) -> str:
    if START not in text or END not in text:
        raise ValueError(f"the markers {START} and {END} are missing")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{generated}\n{END}{tail}"


# --- Issue forms --------------------------------------------------------------------------

_FORM_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "name": "Propose a case study (English)",
        "description": "Tell us about co-production in a Welsh public service; the team turns it into a case study with you.",
        "title": "Case study: ",
        "intro": (
            "Thank you for sharing an example. You do not need to use git or know how the site is built. "
            "Please describe roles, not named individuals, and give no personal e-mail addresses or phone "
            "numbers. Every fact needs a published source. This form is also available in Welsh."
        ),
        "multi": "Choose all that apply.",
        "confirm": "Before you submit",
        "c1": "The information comes from published sources, which I have listed.",
        "c2": "I have named roles, not private individuals, and given no personal contact details.",
        "c3": "I agree that the case study is published under the licence I chose.",
    },
    "cy": {
        "name": "Cynnig astudiaeth achos (Cymraeg)",
        "description": "Dywedwch wrthym am gydgynhyrchu mewn gwasanaeth cyhoeddus yng Nghymru; bydd y tîm yn troi'ch cyflwyniad yn astudiaeth achos gyda chi.",
        "title": "Astudiaeth achos: ",
        "intro": (
            "Diolch am rannu enghraifft. Does dim angen i chi ddefnyddio git na gwybod sut mae'r wefan wedi'i "
            "hadeiladu. Disgrifiwch rolau, nid unigolion wrth eu henwau, a pheidiwch â rhoi cyfeiriadau e-bost na "
            "rhifau ffôn personol. Mae angen ffynhonnell gyhoeddedig ar gyfer pob ffaith. Mae'r ffurflen hon ar gael "
            "yn Saesneg hefyd."
        ),
        "multi": "Dewiswch bob un sy'n berthnasol.",
        "confirm": "Cyn i chi gyflwyno",
        "c1": "Daw'r wybodaeth o ffynonellau cyhoeddedig, ac rwyf wedi'u rhestru.",
        "c2": "Rwyf wedi enwi rolau, nid unigolion preifat, a heb roi manylion cyswllt personol.",
        "c3": "Rwy'n cytuno y caiff yr astudiaeth achos ei chyhoeddi o dan y drwydded a ddewisais.",
    },
}

# (field, kind, vocabulary, required, en label, en help, cy label, cy help). Same order as the schema.
_FIELDS: list[tuple[str, str, str, bool, str, str, str, str]] = [
    ("title", "input", "", True, "Title", "A short title for the case study.",
     "Teitl", "Teitl byr i'r astudiaeth achos."),
    ("summary", "textarea", "", True, "Summary", "One or two sentences: what was done, where and with whom.",
     "Crynodeb", "Un neu ddwy frawddeg: beth a wnaed, ble a gyda phwy."),
    ("organisations", "textarea", "", True, "Organisations", "The organisations that led or took part, one per line.",
     "Sefydliadau", "Y sefydliadau a arweiniodd neu a gymerodd ran, un y llinell."),
    ("regions", "dropdown", "regions", True, "Areas", "The principal areas where it happened, or Wales-wide.",
     "Ardaloedd", "Y prif ardaloedd lle digwyddodd, neu Gymru gyfan."),
    ("sectors", "dropdown", "sectors", True, "Sectors", "The sectors involved.",
     "Sectorau", "Y sectorau a fu'n rhan."),
    ("themes", "dropdown", "themes", True, "Themes", "What the case study is about.",
     "Themâu", "Am beth mae'r astudiaeth achos."),
    ("values", "dropdown", "values", True, "Co-production values shown", "The values the work shows.",
     "Gwerthoedd cydgynhyrchu a ddangoswyd", "Y gwerthoedd y mae'r gwaith yn eu dangos."),
    ("legislation", "dropdown", "legislation", False, "Legislation", "Laws the work relates to, if any.",
     "Deddfwriaeth", "Deddfau y mae'r gwaith yn ymwneud â nhw, os oes rhai."),
    ("involved", "dropdown", "roles", True, "Who was involved", "Roles only, never the names of private individuals.",
     "Pwy fu'n rhan", "Rolau yn unig, byth enwau unigolion preifat."),
    ("start_year", "input", "", True, "Year started", "The year the work began, e.g. 2019.",
     "Blwyddyn dechrau", "Y flwyddyn y dechreuodd y gwaith, e.e. 2019."),
    ("status", "dropdown1", "statuses", True, "Status", "Is the work still going on?",
     "Statws", "Ydy'r gwaith yn dal i fynd rhagddo?"),
    ("what_changed", "textarea", "", True, "What changed", "What changed for people or services.",
     "Beth newidiodd", "Beth a newidiodd i bobl neu wasanaethau."),
    ("what_learned", "textarea", "", True, "What was learned", "What others can learn from it.",
     "Beth a ddysgwyd", "Beth y gall eraill ei ddysgu ohono."),
    ("story", "textarea", "", True, "The story", "The background, what was done and how people were involved.",
     "Y stori", "Y cefndir, beth a wnaed a sut y cafodd pobl eu cynnwys."),
    ("sources", "textarea", "", True, "Sources",
     "The published reports, web pages or articles the facts come from: title, publisher, year and web address.",
     "Ffynonellau",
     "Yr adroddiadau, tudalennau gwe neu erthyglau cyhoeddedig y daw'r ffeithiau ohonynt: teitl, cyhoeddwr, blwyddyn a chyfeiriad gwe."),
    ("contact", "input", "", True, "Contact web page",
     "The https:// address of an organisation's public web page. No personal e-mail addresses or phone numbers.",
     "Tudalen we gyswllt",
     "Cyfeiriad https:// tudalen we gyhoeddus sefydliad. Dim cyfeiriadau e-bost na rhifau ffôn personol."),
    ("licence", "dropdown1", "licences", True, "Licence", "The licence the case study is published under.",
     "Trwydded", "Y drwydded y caiff yr astudiaeth achos ei chyhoeddi oddi tani."),
]


def issue_form(root: Path, lang: str) -> dict[str, Any]:
    vocabs = load_vocabularies(root)
    words = _FORM_TEXT[lang]
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": words["intro"]}}]
    for field, kind, vocab, required, en_label, en_help, cy_label, cy_help in _FIELDS:
        label, help_text = (cy_label, cy_help) if lang == "cy" else (en_label, en_help)
        attributes: dict[str, Any] = {"label": label, "description": help_text}
        if kind.startswith("dropdown"):
            attributes["multiple"] = kind == "dropdown"
            if attributes["multiple"]:
                attributes["description"] = f"{help_text} {words['multi']}"
            # "label (id)" so a reviewer can copy the id straight into the front matter.
            attributes["options"] = [f"{t.label(lang)} ({t.id})" for t in vocabs[vocab].terms]
        body.append(
            {
                "type": "dropdown" if kind.startswith("dropdown") else kind,
                "id": field,
                "attributes": attributes,
                "validations": {"required": required},
            }
        )
    body.append(
        {
            "type": "checkboxes",
            "id": "confirm",
            "attributes": {
                "label": words["confirm"],
                "options": [{"label": words[k], "required": True} for k in ("c1", "c2", "c3")],
            },
        }
    )
    return {
        "name": words["name"],
        "description": words["description"],
        "title": words["title"],
        "labels": ["case study", f"lang:{lang}"],
        "body": body,
    }


def issue_form_text(root: Path, lang: str) -> str:
    header = (
        "# Generated by `python -m kb guides` from data/vocabularies/ and kb/cli/contributor_docs.py; do not edit by hand.\n"
        "# Cynhyrchwyd gan `python -m kb guides`; peidiwch â golygu â llaw.\n"
    )
    return header + yaml.safe_dump(issue_form(root, lang), allow_unicode=True, sort_keys=False, width=120)


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated contributor file and what it should contain now."""
    rules = load_rules(root)
    out: dict[Path, str] = {}
    for lang, name in GUIDES.items():
        path = root / name
        if path.is_file():
            out[path] = replace_between_markers(path.read_text(encoding="utf-8"), rules_table(rules, lang))
    for lang, rel in FORMS.items():
        out[root / rel] = issue_form_text(root, lang)
    return out


def update(root: Path) -> list[Path]:
    """Rewrite what is out of date; returns the files changed."""
    changed: list[Path] = []
    for path, wanted in generated_files(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != wanted:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
            changed.append(path)
    return changed




def cmd_rules(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    rules = load_rules(root)
    if args.markdown:
        print(rules_table(rules, args.lang))
    else:
        for rule in sorted(rules, key=lambda r: r.id):
            severity = _SEVERITY[args.lang].get(rule.severity, rule.severity)
            print(f"{rule.id} {rule.name} ({severity}): {rule.meaning(args.lang)}")
    return 0


def cmd_guides(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    if args.check:
        stale = [p for p, text in generated_files(root).items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        for path in stale:
            print(text("guides.stale", args.lang, path=path.relative_to(root).as_posix()), file=sys.stderr)
        return 1 if stale else 0
    for path in update(root):
        print(text("guides.updated", args.lang, path=path.relative_to(root).as_posix()))
    return 0


def add_rules_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list every rule id and what it means (from data/rules.yml)")
    p.add_argument("--markdown", action="store_true", help="as the Markdown table the contributor guides use")
    add_lang_argument(p)
    p.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    p.set_defaults(func=cmd_rules)
    g = sub.add_parser("guides", help="regenerate the rule tables in CONTRIBUTING.md/CYFRANNU.md and the issue forms")
    g.add_argument("--check", action="store_true", help="only report files that are out of date (exit 1)")
    add_lang_argument(g)
    g.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    g.set_defaults(func=cmd_guides)
