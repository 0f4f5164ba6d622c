"""Every English/Welsh pair of pages and its state: paired, outdated, pending, missing, unrecorded.

The parity checks (kb.checks.parity), ``python -m kb parity`` and the parity page of the built site
all read the same pair states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kb.sources.content import (
    CASE_STUDIES_DIR,
    CASE_STUDIES_URL_DIR,
    LANG_TREES,
    LANGS,
    Lang,
    Site,
    SourcePage,
    other_lang,
    pending_since,
)
from kb.sources.parity_config import ParityConfig
from kb.sources.translations import Change, Lock, changes

State = Literal["paired", "outdated", "pending", "missing", "unrecorded"]
STATES: tuple[State, ...] = ("paired", "outdated", "pending", "missing", "unrecorded")
LANG_NAMES = {"en": "English", "cy": "Welsh"}


def expected_path(rel: str, kind: str, lang: Lang) -> str:
    """Where the ``lang`` version of the page at site path ``rel`` lives (relative to the repo root)."""
    if kind == "case-study" or rel.startswith(f"{CASE_STUDIES_URL_DIR}/"):
        folder = rel.split("/")[1]
        return f"{CASE_STUDIES_DIR}/{folder}/{lang}.md"
    return f"{LANG_TREES[lang]}/{rel}"


@dataclass
class PairStatus:
    rel: str
    kind: str
    pages: dict[Lang, SourcePage]
    paths: dict[Lang, str]
    state: State
    pending_date: str | None = None
    marked: str | None = None
    changes: list[Change] = field(default_factory=list)

    def title(self, lang: Lang) -> tuple[str, Lang]:
        """The page's title in ``lang`` if it exists there, else in the other language (and which)."""
        for candidate in (lang, other_lang(lang)):
            page = self.pages.get(candidate)
            if page is not None and isinstance(page.meta.get("title"), str):
                return str(page.meta["title"]), candidate
        return self.rel, lang


def pairs(site: Site) -> list[tuple[str, str, dict[Lang, SourcePage]]]:
    """(site path, kind, {lang: page}) for every page that exists in at least one language."""
    grouped: dict[str, dict[Lang, SourcePage]] = {}
    kinds: dict[str, str] = {}
    for page in site.pages:
        grouped.setdefault(page.rel, {})[page.lang] = page
        kinds[page.rel] = page.kind
    return [(rel, kinds[rel], grouped[rel]) for rel in sorted(grouped)]


def statuses(site: Site, lock: Lock, config: ParityConfig) -> list[PairStatus]:
    out: list[PairStatus] = []
    for rel, kind, found in pairs(site):
        paths = {lang: found[lang].path if lang in found else expected_path(rel, kind, lang) for lang in LANGS}
        status = PairStatus(rel, kind, found, paths, "paired")
        if len(found) < len(LANGS):
            only = next(iter(found.values()))
            status.pending_date = pending_since(only)
            status.state = "pending" if status.pending_date else "missing"
        else:
            entry = lock.entries.get(rel)
            if entry is None:
                status.state = "unrecorded"
            else:
                status.marked = entry.marked
                status.changes = changes(entry, found, config, site.root)
                status.state = "outdated" if status.changes else "paired"
        out.append(status)
    return out
