"""``python -m kb new case-study <id>``: both files of a new case study, from the template.

The template (case_studies/_template/) explains every field in English and Welsh comments and
marks what the contributor must write as [[...]]; the case-study checks refuse those until they
are replaced. The scaffold fills in only what it knows for sure: the id and today's date.

``python -m kb new case-study --from-issue FILE``: the route without git. FILE is the body of an
issue opened with the case-study form (either language); the case study is written from its
answers into the template of the form's language, with its translation pending, and checked by
every content check. Any problem is reported at the issue's line, in the form's language, and
then nothing is written (the workflow .github/workflows/case-study-from-issue.yml posts it back).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.checks import check_root
from kb.checks.case_studies import RESERVED_IDS
from kb.cli.common import add_lang_argument, repo_root
from kb.core.messages import Lang, Message, msg, text
from kb.core.problem import Problem, has_errors, sort_problems
from kb.model import load_model
from kb.sources.content import CASE_STUDIES_DIR
from kb.sources.issue_case_study import NO_LINE, Draft, draft_case_study, id_problem, render
from kb.sources.issue_form import MAX_ISSUE_CHARS, IssueForm, parse_issue_body, unreadable

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


# --- From an issue form -------------------------------------------------------------------


@dataclass
class FromIssue:
    """What ``--from-issue`` did: the form as read, the case study made (if any), every problem."""

    form: IssueForm
    created: Created | None
    problems: list[Problem]

    @property
    def lang(self) -> Lang:
        return self.form.lang or "en"


def read_issue(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The issue body's text; a problem (never a traceback) if it is too large or not UTF-8."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ISSUE_CHARS * 4 + 1)  # a UTF-8 character is at most 4 bytes
    except OSError as err:
        return None, [unreadable(shown, "unreadable", what=err.strerror or type(err).__name__)]
    try:
        text_ = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [unreadable(shown, "not-utf8")]
    if len(data) > MAX_ISSUE_CHARS * 4:
        return None, [unreadable(shown, "too-large", size=len(text_), limit=MAX_ISSUE_CHARS)]
    return text_, []


def _at_issue(p: Problem, draft: Draft, shown: str) -> tuple[int, Problem]:
    """A problem the checks found in the written file, moved to the issue line it came from (line 1
    when it comes from none), with that line (NO_LINE when none)."""
    origin = draft.origins.get(p.line, NO_LINE)
    return origin, dataclasses.replace(p, path=shown, line=max(1, origin))


def new_case_study_from_issue(
    root: Path, issue: Path, shown: str, case_id: str | None = None, today: dt.date | None = None
) -> FromIssue:
    """Write the case study an issue form describes, if every check passes; otherwise nothing."""
    body, problems = read_issue(issue, shown)
    form = parse_issue_body(body, shown) if body is not None else IssueForm(shown)
    problems += form.problems
    if form.lang is None:  # not a form at all: nothing more can be said
        return FromIssue(form, None, sort_problems(problems))
    model = load_model(root)
    draft = draft_case_study(form, model.data.vocabularies, model.data.bibliography, today or dt.date.today(), case_id)
    problems += draft.problems
    title_line = form.answers["title"].first_line if "title" in form.answers else 1
    folder = root / CASE_STUDIES_DIR / draft.case_id
    rel = f"{CASE_STUDIES_DIR}/{draft.case_id}"
    if draft.case_id in RESERVED_IDS:
        problems.append(id_problem(shown, title_line, "reserved", id=draft.case_id))
    elif draft.case_id and folder.exists():
        problems.append(id_problem(shown, title_line, "taken", id=draft.case_id, folder=rel))
    if not draft.id_usable or draft.case_id in RESERVED_IDS or folder.exists():
        return FromIssue(form, None, sort_problems(problems))
    # Every problem at once: the values are checked even when the form has problems of its own,
    # by the same checks as a hand-written case study, on the repository with the file in it.
    template = (template_dir(root) / f"{draft.lang}.md").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    target = folder / f"{draft.lang}.md"
    keep = False
    try:
        target.write_text(render(draft, template), encoding="utf-8")
        _, found = check_root(root)
        problems += _checked(problems, [_at_issue(p, draft, shown) for p in found if p.path.startswith(rel + "/")], form)
        keep = not has_errors(problems)
    finally:
        if not keep:
            shutil.rmtree(folder)
    return FromIssue(form, Created(folder, (target,)) if keep else None, sort_problems(problems))


def _checked(earlier: list[Problem], found: list[tuple[int, Problem]], form: IssueForm) -> list[Problem]:
    """The checks' problems, without the consequences of a problem the form already has (one
    mistake, one problem): nothing more about a question already faulted, and nothing at no line
    of the issue (a question left out gives an empty field)."""
    if not has_errors(earlier):
        return [p for _, p in found]
    out = []
    for origin, p in found:
        asked = form.field_at(origin) if origin != NO_LINE else None
        if asked is not None and asked.id not in form.faulted:
            out.append(p)
    return out


def issue_comment(result: FromIssue) -> str:
    """The comment the workflow posts on the issue, in the form's language (Welsh, then English,
    when the issue is no form at all). The problems quote what the contributor wrote, so they are
    shown as code: no mention, link or markup in them works."""
    if result.form.lang is None:
        return "\n---\n\n".join(_comment(result, lang) for lang in ("cy", "en"))
    return _comment(result, result.form.lang)


def _comment(result: FromIssue, lang: Lang) -> str:
    lines = []
    for p in result.problems:
        asked = result.form.field_at(p.line)
        where = f"[{asked.label.render(lang)}] " if asked else ""
        lines.append(f"{where}{p.severity_word(lang)} {p.rule_id} {p.rule_name}: {p.text.full(lang)}")
    block = "\n".join(lines)
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", block))])
    return (
        f"{text('new.issue-comment-intro', lang, count=sum(p.is_error for p in result.problems))}\n\n"
        f"{fence}text\n{block}\n{fence}\n\n{text('new.issue-comment-outro', lang)}\n"
    )


def _cmd_from_issue(args: argparse.Namespace, root: Path) -> int:
    issue = Path(args.from_issue)
    result = new_case_study_from_issue(root, issue, args.from_issue, args.case_id or args.id)
    lang: Lang = result.form.lang or args.lang  # the contributor's language is the form's
    for p in result.problems:
        print(p.format(lang))
    if result.created is None:
        errors = sum(p.is_error for p in result.problems)
        print(text("new.issue-refused", lang, errors=errors), file=sys.stderr)
        if args.comment:
            Path(args.comment).write_text(issue_comment(result), encoding="utf-8")
        return 1
    folder = result.created.folder.relative_to(root).as_posix()
    for path in result.created.files:
        print(text("new.created", lang, path=path.relative_to(root).as_posix()))
    print(text("new.issue-next", lang, folder=folder))
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as out:
            out.write(f"id={result.created.folder.name}\nfolder={folder}\nlang={lang}\n")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    if args.from_issue:
        return _cmd_from_issue(args, root)
    if not args.id:
        print(text("new.id-needed", args.lang), file=sys.stderr)
        return 2
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
    cs.add_argument("id", nargs="?", help="the case study's id and folder name, e.g. cardiff-youth-council")
    cs.add_argument(
        "--from-issue", metavar="FILE",
        help="write it from the body of an issue opened with the case-study form (either language); "
        "the id is made from the title unless given",
    )
    cs.add_argument("--id", dest="case_id", metavar="ID", help="with --from-issue: the id to use instead of one made from the title")
    cs.add_argument("--comment", metavar="FILE", help="with --from-issue: write the problems as a comment for the issue")
    cs.add_argument("--github-output", metavar="FILE", help="with --from-issue: append id=, folder= and lang= (GitHub Actions)")
    add_lang_argument(cs)
    cs.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    cs.set_defaults(func=cmd_new)
