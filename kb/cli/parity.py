"""``python -m kb parity`` (the report) and ``python -m kb translations mark-in-step PATH...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.checks.parity import structure_problems
from kb.cli.common import add_lang_argument
from kb.core.messages import text
from kb.model import load_model
from kb.publish.parity_report import report_text
from kb.sources.content import LANGS, Site
from kb.sources.translations import git_head, record, write_lock


def _root(start: str) -> Path:
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def cmd_parity(args: argparse.Namespace) -> int:
    model = load_model(_root(args.root))
    rows = model.pairs
    sys.stdout.write(report_text(rows, model.data.parity, with_diff=args.diff, lang=args.lang))
    return 1 if any(s.state == "missing" for s in rows) else 0


def add_parity_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parity", help="list every Welsh/English pair and its state (in step, outdated, pending, missing)")
    p.add_argument("--diff", action="store_true", help="show what changed on each side of outdated pairs")
    add_lang_argument(p)
    p.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    p.set_defaults(func=cmd_parity)


def _wanted_rels(site: Site, root: Path, paths: list[str]) -> tuple[set[str], list[str]]:
    """Site paths of the pairs named by files or folders (either language), and names that match none."""
    rels: set[str] = set()
    unknown: list[str] = []
    for raw in paths:
        given = Path(raw)
        wanted = (given.resolve() if given.is_absolute() or given.exists() else (root / given).resolve())
        try:
            name = wanted.relative_to(root).as_posix()
        except ValueError:
            name = given.as_posix()
        name = name.rstrip("/")
        hits = {p.rel for p in site.pages if p.path == name or p.path.startswith(name + "/") or p.rel == name}
        if not hits:
            unknown.append(raw)
        rels |= hits
    return rels, unknown


def cmd_mark_in_step(args: argparse.Namespace) -> int:
    root = _root(args.root)
    model = load_model(root)
    site, config, lock = model.site, model.data.parity, model.data.lock
    if lock.problems and lock.exists and not args.all:
        for p in lock.problems:
            print(p.format(args.lang), file=sys.stderr)
        return 1
    if args.all:
        rels = {s.rel for s in model.pairs if len(s.pages) == len(LANGS)}
        # Forget pairs that no longer exist in both languages.
        lock.entries = {rel: e for rel, e in lock.entries.items() if rel in rels}
        unknown: list[str] = []
    else:
        if not args.paths:
            print(text("translations.name-pages", args.lang), file=sys.stderr)
            return 2
        rels, unknown = _wanted_rels(site, root, args.paths)
    for name in unknown:
        print(text("translations.no-page", args.lang, name=name), file=sys.stderr)
    commit = git_head(root)
    marked, refused = 0, 0
    for status in model.pairs:
        if status.rel not in rels:
            continue
        if len(status.pages) < len(LANGS):
            missing = [status.paths[lang] for lang in LANGS if lang not in status.pages]
            print(text("translations.not-marked-missing", args.lang, rel=status.rel, missing=", ".join(missing)), file=sys.stderr)
            refused += 1
            continue
        differences = [p for p in structure_problems(status.pages, config) if p.is_error]
        if differences and not args.force:
            for p in differences:
                print(p.format(args.lang), file=sys.stderr)
            print(text("translations.not-marked-differ", args.lang, rel=status.rel), file=sys.stderr)
            refused += 1
            continue
        lock.entries[status.rel] = record(status.pages, config, commit)
        marked += 1
        if args.verbose:
            print(text("translations.marked-one", args.lang, rel=status.rel, en=status.paths["en"], cy=status.paths["cy"]))
    write_lock(root, lock)
    print(text("translations.summary", args.lang, marked=marked, lock=config.lock_file, refused=refused), file=sys.stderr)
    return 1 if refused or unknown else 0


def cmd_record_new(args: argparse.Namespace) -> int:
    """Record every complete pair not yet in the lock file, as it is now (the publish workflow runs
    this on main, so a contributor's new pair needs no command), and forget pairs that are gone."""
    root = _root(args.root)
    model = load_model(root)
    config, lock = model.data.parity, model.data.lock
    if lock.problems and lock.exists:
        for p in lock.problems:
            print(p.format(args.lang), file=sys.stderr)
        return 1
    complete = {s.rel: s for s in model.pairs if len(s.pages) == len(LANGS)}
    lock.entries = {rel: e for rel, e in lock.entries.items() if rel in complete}
    commit = git_head(root)
    new = [s for rel, s in sorted(complete.items()) if rel not in lock.entries]
    for status in new:
        lock.entries[status.rel] = record(status.pages, config, commit)
    write_lock(root, lock)
    print(text("translations.recorded-new", args.lang, count=len(new), lock=config.lock_file), file=sys.stderr)
    return 0


def add_translations_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("translations", help="translation freshness: mark pairs as in step")
    inner = p.add_subparsers(dest="action", required=True)
    m = inner.add_parser("mark-in-step", help="record that both versions of these pages now say the same")
    m.add_argument("paths", nargs="*", help="page files (either language) or folders")
    m.add_argument("--all", action="store_true", help="every pair that exists in both languages")
    m.add_argument("--force", action="store_true", help="mark even if the structural parity checks disagree")
    m.add_argument("-v", "--verbose", action="store_true")
    add_lang_argument(m)
    m.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    m.set_defaults(func=cmd_mark_in_step)
    r = inner.add_parser("record-new", help="record pairs not yet in the lock file (run on main by the publish workflow)")
    add_lang_argument(r)
    r.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    r.set_defaults(func=cmd_record_new)
