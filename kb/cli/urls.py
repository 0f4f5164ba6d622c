"""``python -m kb urls update|list``: the published-URL manifest (kb.checks.manifest)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.checks.manifest import current_paths, update
from kb.cli.common import add_lang_argument, repo_root
from kb.core.messages import text
from kb.model import load_model
from kb.sources.manifest import MANIFEST_FILE
from kb.sources.urls import to_manifest


def cmd_urls(args: argparse.Namespace) -> int:
    root = repo_root(Path(args.root).resolve())
    model = load_model(root)
    if args.action == "list":
        for path in sorted(to_manifest(p) for p in current_paths(model)):
            print(path)
        return 0
    if model.manifest_problems:
        # Rewriting a file with lines we cannot read would drop them silently.
        for p in model.manifest_problems:
            print(p.format(args.lang))
        return 1
    added = update(root, model)
    for url in added:
        print(text("urls.added", args.lang, url=url))
    total = len(model.manifest) + len(added)
    print(text("urls.summary", args.lang, count=len(added), manifest=MANIFEST_FILE, total=total), file=sys.stderr)
    return 0


def add_urls_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("urls", help="published-URL manifest: 'update' adds new pages' URLs, 'list' shows them")
    p.add_argument("action", choices=["update", "list"])
    add_lang_argument(p)
    p.add_argument("--root", default=".", help="repository root (default: search upwards from here)")
    p.set_defaults(func=cmd_urls)
