"""What every command shares: finding the repository root, and the contributor's language."""

from __future__ import annotations

import argparse
from pathlib import Path

from kb.core.messages import LANGS, lang_from_env


def repo_root(start: Path) -> Path:
    """The folder holding mkdocs.yml, searching upwards from ``start``."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def add_lang_argument(parser: argparse.ArgumentParser, both: bool = False) -> None:
    """``--lang en|cy``: the language of everything the command prints (default: KB_LANG or the locale);
    ``both`` (pull-request annotations) gives each problem in English and in Welsh."""
    parser.add_argument(
        "--lang",
        choices=[*LANGS, "both"] if both else list(LANGS),
        default=lang_from_env(),
        help="language of the output / iaith yr allbwn: en, cy (default: KB_LANG or the locale)",
    )
