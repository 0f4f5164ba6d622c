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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kb.frontmatter import FrontMatter, parse_front_matter
from kb.problem import Problem
from kb.sources import read_source

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

    @property
    def virtual_src(self) -> str:
        """Where MkDocs (mkdocs-static-i18n, suffix structure) must believe the file lives."""
        if self.lang == DEFAULT_LANG:
            return self.rel
        stem = self.rel[: -len(".md")]
        return f"{stem}.{self.lang}.md"


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
        return [pr for p in self.pages for pr in p.problems]


def _posix(path: Path) -> str:
    return path.as_posix()


def discover(root: Path) -> tuple[list[SourcePage], list[Asset]]:
    """Find every source file without reading it."""
    pages: list[SourcePage] = []
    assets: list[Asset] = []
    for lang, tree in LANG_TREES.items():
        base = root / tree
        if not base.is_dir():
            continue
        for md in sorted(base.rglob("*.md")):
            rel = _posix(md.relative_to(base))
            if any(part.startswith(".") for part in md.relative_to(base).parts):
                continue
            pages.append(SourcePage(lang, rel, _posix(md.relative_to(root)), md, "page"))
    cs_base = root / CASE_STUDIES_DIR
    if cs_base.is_dir():
        for folder in sorted(p for p in cs_base.iterdir() if p.is_dir()):
            if folder.name.startswith(("_", ".")):
                continue
            for child in sorted(folder.rglob("*")):
                if not child.is_file():
                    continue
                inner = _posix(child.relative_to(folder))
                if inner in ("en.md", "cy.md"):
                    lang_of: Lang = "en" if inner == "en.md" else "cy"
                    rel = f"{CASE_STUDIES_URL_DIR}/{folder.name}/index.md"
                    pages.append(SourcePage(lang_of, rel, _posix(child.relative_to(root)), child, "case-study"))
                elif not child.name.startswith(".") and not child.name.endswith(".md"):
                    assets.append(
                        Asset(f"{CASE_STUDIES_URL_DIR}/{folder.name}/{inner}", _posix(child.relative_to(root)), child)
                    )
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


def load_site(root: Path) -> Site:
    pages, assets = discover(root)
    for page in pages:
        read_page(page)
    return Site(root, pages, assets)
