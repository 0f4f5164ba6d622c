"""``python -m kb new case-study <id>``: both files of a new case study, from the template.

The template (case_studies/_template/) explains every field in English and Welsh comments and
marks what the contributor must write as [[...]]; the case-study checks refuse those until they
are replaced. The scaffold fills in only what it knows for sure: the id and today's date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.checks.case_studies import RESERVED_IDS
from kb.cli.common import add_lang_argument, repo_root
from kb.core.messages import Message, msg, text
from kb.sources.content import CASE_STUDIES_DIR

TEMPLATE_DIR = "_template"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILES = ("en.md", "cy.md")
# The template lives in the repository; a fixture or fork without one uses the project's own.
PROJECT_TEMPLATE = Path(__file__).resolve().parents[2] / CASE_STUDIES_DIR / TEMPLATE_DIR


class ScaffoldError(Exception):
    """Something the contributor can fix; the message (from the catalogue) says what."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


@dataclass(frozen=True)
class Created:
    folder: Path
    files: tuple[Path, ...]


def template_dir(root: Path) -> Path:
    own = root / CASE_STUDIES_DIR / TEMPLATE_DIR
    return own if all((own / f).is_file() for f in FILES) else PROJECT_TEMPLATE


def fill_template(text: str, case_id: str, today: dt.date) -> str:
    date = today.isoformat()
    text = text.replace('id: "[[id]]"', f"id: {case_id}")
    text = text.replace('submitted: "[[YYYY-MM-DD]]"', f"submitted: {date}")
    return text.replace('updated: "[[YYYY-MM-DD]]"', f"updated: {date}")


def new_case_study(root: Path, case_id: str, today: dt.date | None = None) -> Created:
    if not ID_PATTERN.match(case_id) or len(case_id) > 80:
        raise ScaffoldError(msg("new.bad-id", id=case_id))
    if case_id in RESERVED_IDS:
        raise ScaffoldError(msg("new.reserved", id=case_id))
    folder = root / CASE_STUDIES_DIR / case_id
    if folder.exists():
        raise ScaffoldError(msg("new.exists", folder=folder.relative_to(root).as_posix()))
    source = template_dir(root)
    day = today or dt.date.today()
    folder.mkdir(parents=True)
    written: list[Path] = []
    for name in FILES:
        text = (source / name).read_text(encoding="utf-8")
        target = folder / name
        target.write_text(fill_template(text, case_id, day), encoding="utf-8")
        written.append(target)
    return Created(folder, tuple(written))




def cmd_new(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    try:
        created = new_case_study(root, args.id)
    except ScaffoldError as err:
        print(err.message.render(args.lang), file=sys.stderr)
        return 2
    for path in created.files:
        print(text("new.created", args.lang, path=path.relative_to(root).as_posix()))
    print(text("new.next", args.lang, folder=created.folder.relative_to(root).as_posix()))
    return 0


def add_new_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a new case study from the template (en.md and cy.md)")
    kinds = p.add_subparsers(dest="kind", required=True)
    cs = kinds.add_parser("case-study", help="case_studies/<id>/en.md and cy.md")
    cs.add_argument("id", help="the case study's id and folder name, e.g. cardiff-youth-council")
    add_lang_argument(cs)
    cs.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    cs.set_defaults(func=cmd_new)
