"""The knowledge base's sources as plain data: every page in every language, read once.

Layout (relative to the repository root):
  docs/<path>.md               English page        -> published at /<path>/
  docs_cy/<path>.md            Welsh counterpart   -> published at /cy/<path>/
  case_studies/<id>/en.md      English case study  -> /case-studies/<id>/
  case_studies/<id>/cy.md      Welsh case study    -> /cy/case-studies/<id>/
  case_studies/<id>/<image>    that case study's images (shared by both languages)
Folders under case_studies/ starting with '_' or '.' (templates, drafts) are not published.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from kb.core.problem import Problem, problem
from kb.markdown import complexity
from kb.markdown.scan import MarkdownScan, scan
from kb.sources.files import read_source
from kb.sources.frontmatter import FrontMatter, parse_front_matter

RULES = ("link-outside-repository",)

Lang = Literal["en", "cy"]
LANGS: tuple[Lang, ...] = ("en", "cy")
DEFAULT_LANG: Lang = "en"
LANG_TREES: dict[Lang, str] = {"en": "docs", "cy": "docs_cy"}
CASE_STUDIES_DIR = "case_studies"
# Where case studies appear inside the site, in both languages.
CASE_STUDIES_URL_DIR = "case-studies"


def other_lang(lang: Lang) -> Lang:
    return "cy" if lang == "en" else "en"


@dataclass
class SourcePage:
    """One Markdown source file in one language."""

    lang: Lang
    # Path inside the language's site tree, the same for both languages: "guides/x.md",
    # "case-studies/<id>/index.md". Pairs are found by it.
    rel: str
    # Path of the real file, relative to the repository root (what problems name).
    path: str
    abs_path: Path
    kind: Literal["page", "case-study"]
    text: str | None = None
    front: FrontMatter = field(default_factory=lambda: FrontMatter({}))
    problems: list[Problem] = field(default_factory=list)

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.data

    @property
    def page_id(self) -> str | None:
        value = self.front.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def body(self) -> str:
        return self.front.body

    @cached_property
    def scan(self) -> MarkdownScan:
        """The body scanned once for every check: code blanked out, lines kept (kb.markdown.scan)."""
        return scan(self.body, self.front.body_line)


def pending_since(page: SourcePage) -> str | None:
    """The date a translation was requested, if the page declares ``translation: {pending: DATE}``."""
    translation = page.meta.get("translation")
    if isinstance(translation, dict) and translation.get("pending"):
        return str(translation["pending"])
    return None


@dataclass
class Asset:
    """A non-Markdown file belonging to a case study (an image), shared by both languages."""

    rel: str  # "case-studies/<id>/photo.jpg"
    path: str  # "case_studies/<id>/photo.jpg"
    abs_path: Path


@dataclass
class Site:
    root: Path
    pages: list[SourcePage]
    assets: list[Asset] = field(default_factory=list)
    # Problems with the files themselves, found before any is read (symbolic links leaving the repository).
    file_problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key = {(p.lang, p.rel): p for p in self.pages}

    def get(self, lang: Lang, rel: str) -> SourcePage | None:
        return self._by_key.get((lang, rel))

    def counterpart(self, page: SourcePage) -> SourcePage | None:
        return self.get(other_lang(page.lang), page.rel)

    def in_lang(self, lang: Lang) -> list[SourcePage]:
        return [p for p in self.pages if p.lang == lang]

    @property
    def problems(self) -> list[Problem]:
        return self.file_problems + [pr for p in self.pages for pr in p.problems]


def _posix(path: Path) -> str:
    return path.as_posix()


def _entries(base: Path, name_ok: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Relative parts of every entry under ``base`` whose name passes ``name_ok``, in Path order.

    What ``sorted(base.rglob(pattern))`` finds (files and folders, hidden ones too, without
    entering symlinked folders), from os.walk's plain strings: pathlib is slow for thousands of pages.
    """
    top = os.fspath(base)
    found: list[tuple[str, ...]] = []
    for dirpath, dirnames, filenames in os.walk(top):
        prefix = tuple(dirpath[len(top) :].lstrip(os.sep).split(os.sep)) if dirpath != top else ()
        for name in dirnames:
            if name_ok(name):
                found.append((*prefix, name))
        for name in filenames:
            if name_ok(name):
                found.append((*prefix, name))
    found.sort()  # Path objects sort by their parts
    return found


def _is_markdown(name: str) -> bool:
    return name.endswith(".md")


def _any_name(name: str) -> bool:
    return True


def discover(root: Path) -> tuple[list[SourcePage], list[Asset]]:
    """Find every source file without reading it."""
    pages: list[SourcePage] = []
    assets: list[Asset] = []
    for lang, tree in LANG_TREES.items():
        base = root / tree
        if not base.is_dir():
            continue
        tree_path = _posix(base.relative_to(root))
        for parts in _entries(base, _is_markdown):
            if any(part.startswith(".") for part in parts):
                continue
            rel = "/".join(parts)
            pages.append(SourcePage(lang, rel, f"{tree_path}/{rel}", base.joinpath(*parts), "page"))
    cs_base = root / CASE_STUDIES_DIR
    if cs_base.is_dir():
        cs_path = _posix(cs_base.relative_to(root))
        for folder in sorted(p for p in cs_base.iterdir() if p.is_dir()):
            if folder.name.startswith(("_", ".")):
                continue
            for parts in _entries(folder, _any_name):
                child = folder.joinpath(*parts)
                if not os.path.isfile(child):
                    continue
                inner = "/".join(parts)
                path = f"{cs_path}/{folder.name}/{inner}"
                if inner in ("en.md", "cy.md"):
                    lang_of: Lang = "en" if inner == "en.md" else "cy"
                    rel = f"{CASE_STUDIES_URL_DIR}/{folder.name}/index.md"
                    pages.append(SourcePage(lang_of, rel, path, child, "case-study"))
                elif not parts[-1].startswith(".") and not parts[-1].endswith(".md"):
                    assets.append(Asset(f"{CASE_STUDIES_URL_DIR}/{folder.name}/{inner}", path, child))
    return pages, assets


def read_page(page: SourcePage) -> None:
    """Read, decode and parse one page in place; problems are kept on the page."""
    source = read_source(page.abs_path, page.path)
    page.problems.extend(source.problems)
    if source.text is None:
        return
    page.text = source.text
    page.front, fm_problems = parse_front_matter(source.text, page.path)
    page.problems.extend(fm_problems)
    too_costly = complexity.page_problems(page.path, page.front.body, page.front.body_line)
    page.problems.extend(too_costly)
    if too_costly:
        page.text = None  # no other check (nor the build) may spend minutes on it


def links_outside(root: Path) -> tuple[set[str], list[Problem]]:
    """Every symbolic link in the content folders that points outside them (outside the repository,
    or to a repository file that is not content, such as .git/config).

    A link in a case study's folder to /etc/passwd, or a docs/assets/ file linked to the CI
    runner's files or to the checkout's .git/config (which holds the CI token), would otherwise be
    published. Returns the links (repository-relative paths,
    which discovery then skips) and a problem naming each one.
    """
    top = root.resolve()
    content = [(root / tree).resolve() for tree in (*LANG_TREES.values(), CASE_STUDIES_DIR)]
    found: set[str] = set()
    problems: list[Problem] = []
    for tree in (*LANG_TREES.values(), CASE_STUDIES_DIR):
        base = root / tree
        if not base.exists():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            for name in [*dirnames, *filenames]:
                path = Path(dirpath) / name
                if not path.is_symlink():
                    continue
                target = path.resolve()
                if any(target == c or c in target.parents for c in content):
                    continue  # one content file or folder standing for another
                rel = path.relative_to(root).as_posix()
                found.add(rel)
                # Inside the repository but not content: .git/config (a CI checkout's token), .env, data/...
                key = "symlink-in-repository" if target == top or top in target.parents else "symlink"
                problems.append(problem("link-outside-repository", rel, 1, key, path=rel, target=os.readlink(path)))
    return found, problems


def load_site(root: Path) -> Site:
    outside, problems = links_outside(root)
    pages, assets = discover(root)
    # Nothing a link outside the repository points at is read or published.
    pages = [p for p in pages if not _under(p.path, outside)]
    assets = [a for a in assets if not _under(a.path, outside)]
    for page in pages:
        read_page(page)
    return Site(root, pages, assets, problems)


def _under(path: str, links: set[str]) -> bool:
    return any(path == link or path.startswith(link + "/") for link in links)
