"""The published-URL manifest (data/published-urls.txt): every address the site has ever published.

Read here; kb.checks.manifest holds the promise (each address keeps working) and
``python -m kb urls update`` adds new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.core.problem import Problem, problem

RULES = ("published-urls-file",)

MANIFEST_FILE = "data/published-urls.txt"
HEADER = """\
# Every URL the knowledge base has published, one per line (site-relative, starting with '/').
# The build fails if one of them stops working without a redirect in data/redirects.yml.
# Add new ones with: python -m kb urls update   (never delete a line to silence the check)
"""


@dataclass(frozen=True)
class ManifestEntry:
    url: str  # '/cy/guides/x/'
    line: int


def parse_manifest(text: str | None) -> tuple[list[ManifestEntry], list[Problem]]:
    """The addresses in the manifest's text (None: no manifest yet), and the lines that are not addresses."""
    entries: list[ManifestEntry] = []
    problems: list[Problem] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("/") or " " in line or "://" in line:
            problems.append(problem("published-urls-file", MANIFEST_FILE, number, "not-an-address", line=line))
            continue
        entries.append(ManifestEntry(line, number))
    return entries, problems


def read_manifest(root: Path) -> tuple[list[ManifestEntry], list[Problem]]:
    path = root / MANIFEST_FILE
    return parse_manifest(path.read_text(encoding="utf-8") if path.is_file() else None)


def write_manifest(root: Path, urls: list[str]) -> None:
    path = root / MANIFEST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{u}\n" for u in urls), encoding="utf-8")
