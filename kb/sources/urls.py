"""Stable URLs: where each page is published, derived from its id rather than its file.

Partner sites link to and embed our pages, so a URL is a promise. Guides and case studies are
published under their id; moving or renaming the file changes nothing, and changing an id needs a
redirect (kb.publish.redirects). Plain pages (home, about, section indexes) keep the path of their file:
they are few, their paths are the site's structure, and the manifest check catches a move.

  guide        id X  ->  guides/X/          cy/guides/X/
  case study   id X  ->  case-studies/X/    cy/case-studies/X/
  resource     id X  ->  resources/X/       cy/resources/X/
  page   about.md    ->  about/             cy/about/
  page   index.md    ->  (site root)        cy/

Paths here are site-relative without a leading slash, as MkDocs writes them ("guides/x/");
the manifest writes them with one ("/guides/x/").
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from kb.sources.content import DEFAULT_LANG, LANGS, Lang, Site, SourcePage

# Content types published under their id, and the folder they are published in.
ID_SECTIONS: dict[str, str] = {"guide": "guides", "case-study": "case-studies", "resource": "resources"}
ITEM_TYPES: tuple[str, ...] = tuple(ID_SECTIONS)
# Same pattern as data/schemas/_common.yml: an id that fails it cannot be a URL segment.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def content_type(page: SourcePage) -> str:
    """'guide', 'case-study', 'resource' or 'page' (anything undeclared is a plain page)."""
    if page.kind == "case-study":
        return "case-study"
    declared = page.meta.get("type")
    return declared if declared in ("guide", "resource", "page") else "page"


def lang_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def with_lang(lang: str, path: str) -> str:
    """'guides/x/' in Welsh -> 'cy/guides/x/'; the English home '' stays ''."""
    return lang_prefix(lang) + path


def path_from_rel(rel: str) -> str:
    """The path-derived (MkDocs directory-URL) path of a source: 'about/index.md' -> 'about/'."""
    stem = rel[: -len(".md")] if rel.endswith(".md") else rel
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{head}/" if head else ""
    return f"{stem}/"


def item_path(type_name: str, item_id: str) -> str:
    """Language-neutral path of a guide or case study: ('guide', 'x') -> 'guides/x/'."""
    return f"{ID_SECTIONS[type_name]}/{item_id}/"


def neutral_path(site: Site, rel: str) -> str:
    """Language-neutral path of the page at ``rel``, from whichever language version exists.

    Both versions are published under the same path (the Welsh one under cy/), so the language
    switcher always finds its partner, even for a page that exists in one language only.
    """
    versions = [p for p in (site.get(lang, rel) for lang in LANGS) if p is not None]
    for page in versions:
        type_name = content_type(page)
        if type_name in ID_SECTIONS and page.page_id and ID_PATTERN.match(page.page_id):
            return item_path(type_name, page.page_id)
    return path_from_rel(rel)


def page_path(site: Site, lang: Lang | str, rel: str) -> str:
    return with_lang(lang, neutral_path(site, rel))


def dest_uri(path: str) -> str:
    """Where MkDocs writes a directory-URL path: 'guides/x/' -> 'guides/x/index.html'."""
    return f"{path}index.html"


@dataclass(frozen=True)
class PublishedPage:
    lang: Lang
    rel: str
    source: SourcePage
    path: str  # with language prefix, e.g. 'cy/guides/x/'


def published_pages(site: Site) -> list[PublishedPage]:
    """Every source page with the path it is published at, in both languages."""
    return [PublishedPage(p.lang, p.rel, p, page_path(site, p.lang, p.rel)) for p in site.pages]


def to_manifest(path: str) -> str:
    """'guides/x/' -> '/guides/x/' (the form the manifest and people use)."""
    return "/" + path


def from_manifest(url: str) -> str:
    return url.lstrip("/")


def absolute(site_url: str, path: str) -> str:
    """Absolute URL of a site-relative path, for feeds, the API and canonical links."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + path


def relative(from_path: str, to_path: str) -> str:
    """Relative link between two directory-URL paths, so pages work on any host or sub-path."""
    start = from_path.rstrip("/") or "."
    target = to_path.rstrip("/") or "."
    rel = posixpath.relpath(target, start)
    return "./" if rel == "." else rel + "/"
