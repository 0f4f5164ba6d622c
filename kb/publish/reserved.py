"""Addresses the build keeps for its own files, and the shape every written path must have.

A page or a redirect published where the build writes a feed, the API, an embed card, the search
index or the theme's files would either replace that file or make the build stop half-way (a
folder 'feed.xml/' where the feed must be written). Both are refused before anything is written,
at the page's or the redirect's line, by :func:`reserved_problem`; :func:`confined` is the last
guard in the writer, so no generated path can leave the output folder whatever reaches it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from kb.core.messages import Texts, msg
from kb.core.problem import Problem, problem
from kb.publish.api import API_DIR
from kb.publish.embeds import EMBED_DIR, OEMBED_DIR
from kb.publish.feeds import JSON_FEED_FILE, RSS_FILE
from kb.sources.content import DEFAULT_LANG, LANGS, Site
from kb.sources.urls import neutral_path, published_pages, with_lang

RULES = ("reserved-address", "page-name")

# First path segment -> what the build publishes there, in English and Welsh (a value of the
# KB105 messages in data/messages.yml, shown in the contributor's language).
RESERVED: dict[str, tuple[str, str]] = {
    API_DIR.split("/")[0]: ("the JSON API", "yr API JSON"),
    EMBED_DIR: ("the embed cards", "y cardiau mewnblannu"),
    OEMBED_DIR: ("the oEmbed descriptions of the embed cards", "disgrifiadau oEmbed y cardiau mewnblannu"),
    RSS_FILE: ("the RSS feed", "y ffrwd RSS"),
    JSON_FEED_FILE: ("the JSON feed", "y ffrwd JSON"),
    "assets": ("the site's style sheets, scripts and images", "taflenni arddull, sgriptiau a delweddau'r wefan"),
    "pagefind": ("the search index", "y mynegai chwilio"),
    "404.html": ("the 'page not found' page", "y dudalen 'heb ddod o hyd i'r dudalen'"),
    "sitemap.xml": ("the site map", "map y wefan"),
    "sitemap.xml.gz": ("the site map", "map y wefan"),
    **{lang: ("the Welsh pages", "y tudalennau Cymraeg") for lang in LANGS if lang != DEFAULT_LANG},
}

# One segment of an address we write: letters (any alphabet, so Welsh ŵ and ŷ), digits, '-', '_',
# '.' and '~', not starting with '.' (so never '.' or '..', and no hidden files), of a length every
# file system takes.
_SEGMENT = re.compile(r"^(?!\.)[\w.~-]{1,120}$")
MAX_PATH = 400


def bad_segment(path: str) -> str | None:
    """The first segment of a site-relative path that is not a plain file or folder name, if any.

    'a/../b/' -> '..'; 'a//b/' -> '' ; 'a/b c/' -> 'b c'. A trailing '/' (a folder address) is fine.
    """
    segments = path[:-1].split("/") if path.endswith("/") else path.split("/")
    for segment in segments:
        if not _SEGMENT.match(segment):
            return segment
    return None


def reserved_by(neutral: str) -> tuple[str, str] | None:
    """What the build publishes at language-neutral ``neutral`` ('feed.xml/', 'api/v1/x/'), if anything."""
    first = neutral.split("/", 1)[0]
    return RESERVED.get(first)


def reserved_problem(path: str, line: int, address: str, what: tuple[str, str], key: str) -> Problem:
    """A page or redirect at ``address`` (site-relative) where the build writes ``what``; ``key``:
    the KB105 message, "page" or "redirect" (their fixes differ)."""
    first = address.split("/", 1)[0]
    where = msg("terms.takes-name", first=first) if "." in first else msg("terms.is-inside", first=first)
    return problem("reserved-address", path, line, key, address=address, where=where, what=Texts(*what), first=first)


class OutsideOutput(ValueError):
    """A generated file's path would leave the output folder or is not a plain site path."""


def confined(site_dir: Path, rel: str) -> Path:
    """``site_dir / rel``, refusing any path that is absolute, climbs out ('..') or is not plain.

    The content checks refuse such addresses at their line first; this keeps the promise that the
    build never writes outside its output folder even if a new generator forgets to.
    """
    if not rel or rel.startswith("/") or "\\" in rel or "\x00" in rel or len(rel) > MAX_PATH:
        raise OutsideOutput(rel)
    if posixpath.normpath(rel) != rel.rstrip("/") or bad_segment(rel) is not None:
        raise OutsideOutput(rel)
    return site_dir / rel


def written_file(path: str) -> str:
    """The file a site-relative address is written to: 'x/' -> 'x/index.html', 'feed.xml' -> itself."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def clash(address: str, generated: set[str]) -> str | None:
    """The generated file ``address`` would overwrite, or need as a folder ('x.csv' for 'x.csv/'), if any."""
    parts = written_file(address).split("/")
    return next((p for p in ("/".join(parts[:n]) for n in range(1, len(parts) + 1)) if p in generated), None)


def generated_clashes(site: Site, redirects: list[tuple[str, int]], generated: set[str]) -> list[Problem]:
    """Pages and redirects (language-neutral source, line) that would overwrite a generated file.

    ``generated`` holds the written files of the output plan (feeds, API, embeds, downloads...);
    addresses :func:`reserved_by` already refuses are left to :func:`page_problems` and the redirects.
    """
    files = {written_file(path) for path in generated}
    problems: list[Problem] = []
    for page in published_pages(site):
        hit = None if reserved_by(neutral_path(site, page.rel)) else clash(page.path, files)
        if hit is not None:
            problems.append(_clash_problem(page.source.path, 1, page.path, hit, "page-over-generated"))
    for source, line in redirects:
        hit = next((h for lang in LANGS if (h := clash(with_lang(lang, source), files))), None)
        if hit is not None and not reserved_by(source):
            problems.append(_clash_problem("data/redirects.yml", line, source, hit, "redirect-over-generated"))
    return problems


def _clash_problem(path: str, line: int, address: str, hit: str, key: str) -> Problem:
    return problem("reserved-address", path, line, key, address=address, hit=hit)


# A page's folder and file names (docs/ and docs_cy/) are its address: lower-case letters a-z and
# digits, joined by single hyphens. Anything else is a different address on a case-sensitive
# server, one that is not written as it reads (spaces, '%', '#', '?', Unicode look-alikes and
# combining accents), or a hidden folder MkDocs leaves out ('.well-known').
_PAGE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def bad_page_name(rel: str) -> str | None:
    """The first folder or file name of a page's path (docs-relative) that is not a plain address name."""
    return next((s for s in rel.removesuffix(".md").split("/") if not _PAGE_NAME.match(s)), None)


def page_problems(site: Site) -> list[Problem]:
    """Each source page whose address lies where the build publishes its own files or, if not,
    whose file or folder name is not a plain address (one problem for one mistake)."""
    problems: list[Problem] = []
    for page in site.pages:
        neutral = neutral_path(site, page.rel)
        what = reserved_by(neutral)
        if what is not None:
            problems.append(reserved_problem(page.path, 1, neutral, what, "page"))
        elif page.kind == "page" and (bad := bad_page_name(page.rel)) is not None:
            # A case study's address is its id, checked with its front matter.
            problems.append(problem("page-name", page.path, 1, "not-plain", name=bad))
    return problems
