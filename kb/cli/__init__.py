"""Command line: ``python -m kb <command>``. Each command is a small function; add yours to COMMANDS."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kb.checks import check_root
from kb.cli.common import add_lang_argument, repo_root
from kb.cli.contributor_docs import add_rules_command
from kb.cli.parity import add_parity_command, add_translations_command
from kb.cli.scaffold import add_new_command
from kb.cli.urls import add_urls_command
from kb.core.messages import BrokenCatalogue, Lang, MissingMessage, text
from kb.core.problem import has_errors


def cmd_check(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    lang: Lang = "cy" if args.lang == "cy" else "en"  # 'both' is for annotations; the summary leads in English
    if args.paths:
        # A mistyped path would otherwise filter every problem away and look like a clean check.
        missing = [p for p in args.paths if not (root / p).exists() and not Path(p).exists()]
        for p in missing:
            print(text("check.no-such-path", lang, path=p), file=sys.stderr)
        if missing:
            return 2
    _, problems = check_root(root)
    if args.paths:
        wanted = tuple(Path(p).as_posix().rstrip("/") for p in args.paths)
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w + "/") for w in wanted)]
    for p in problems:
        print(p.format_github(args.lang) if args.format == "github" else p.format(lang))
    errors = sum(p.is_error for p in problems)
    summary = text("check.summary", lang, errors=errors, warnings=len(problems) - errors)
    if args.lang == "both":
        summary += " / " + text("check.summary", "cy", errors=errors, warnings=len(problems) - errors)
    print(summary, file=sys.stderr)
    return 1 if has_errors(problems) else 0


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="run every content check without building the site")
    p.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    p.add_argument("--format", choices=["text", "github"], default="text")
    add_lang_argument(p, both=True)
    p.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    p.set_defaults(func=cmd_check)


def cmd_sitecheck(args: argparse.Namespace) -> int:
    from kb.built.sitecheck import check_site_dir, site_url_from_config
    from kb.model import load_model
    from kb.publish.redirects import redirect_paths

    site_dir = Path(args.site_dir).resolve()
    if not site_dir.is_dir():
        print(text("sitecheck.no-site", args.lang, folder=args.site_dir), file=sys.stderr)
        return 2
    root = repo_root(Path(args.root).resolve())
    model = load_model(root) if (root / "mkdocs.yml").is_file() else None
    problems = check_site_dir(
        site_dir, model.site if model else None, site_url_from_config(root), display_dir=args.site_dir.rstrip("/"),
        redirect_paths=redirect_paths(model.redirects) if model else (),
    )
    for p in problems:
        print(p.format_github(args.lang) if args.format == "github" else p.format(args.lang))
    print(text("sitecheck.summary", args.lang, count=sum(p.is_error for p in problems)), file=sys.stderr)
    return 1 if has_errors(problems) else 0


def _add_sitecheck(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sitecheck", help="check links, anchors, image alt text and languages in a built site")
    p.add_argument("site_dir", nargs="?", default="site", help="the built site folder (default: site)")
    p.add_argument("--format", choices=["text", "github"], default="text")
    add_lang_argument(p)
    p.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    p.set_defaults(func=cmd_sitecheck)


# Each entry adds one sub-command to the parser.
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check,
    add_urls_command,
    _add_sitecheck,
    add_parity_command,
    add_translations_command,
    add_new_command,
    add_rules_command,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb", description="Co-production knowledge base tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(sub)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenCatalogue as broken:  # the rules or messages themselves: said in both languages
        print(broken, file=sys.stderr)
        return 2
    except MissingMessage as missing:  # a message deleted or its {values} changed in data/messages.yml
        print(missing.report(), file=sys.stderr)
        return 2
