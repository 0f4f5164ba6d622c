"""The published-URL manifest (data/published-urls.txt): every address we have ever published.

Once a URL is in the manifest it must keep working: the build fails, naming the URL, if no page
is published there any more and data/redirects.yml has no redirect for it. ``python -m kb urls
update`` adds the URLs of new pages; nothing ever removes one automatically (dropping a promise
is a deliberate, reviewed edit).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kb.core.problem import Problem, problem
from kb.publish.api import ITEMS_FILE, SCHEMA_FILE
from kb.publish.embeds import EMBED_DIR, embed_path
from kb.publish.feeds import feed_paths
from kb.publish.items import load_items
from kb.publish.placeholders import placeholder_pages
from kb.publish.redirects import load_redirects, redirect_paths
from kb.sources.content import LANGS, Site
from kb.sources.urls import from_manifest, page_path, published_pages, to_manifest

MANIFEST_FILE = "data/published-urls.txt"
HEADER = """\
# Every URL the knowledge base has published, one per line (site-relative, starting with '/').
# The build fails if one of them stops working without a redirect in data/redirects.yml.
# Add new ones with: python -m kb urls update   (never delete a line to silence the check)
"""


@dataclass(frozen=True)
class Entry:
    url: str  # '/cy/guides/x/'
    line: int


def current_paths(site: Site) -> set[str]:
    """Site-relative paths the build publishes: pages, embed cards, feeds and the API."""
    paths = {p.path for p in published_pages(site)}
    # A page whose translation is pending is published in the other language too, as a bannered
    # placeholder (kb.publish.placeholders), at the address the translation will have.
    paths.update(page_path(site, p.lang, p.rel) for p in placeholder_pages(site))
    for item in load_items(site):
        paths.update(embed_path(lang, item.id) for lang in item.langs())
    for lang in LANGS:
        paths.update(feed_paths(lang).values())
    paths.update({ITEMS_FILE, SCHEMA_FILE})
    return paths


def read_manifest(root: Path) -> tuple[list[Entry], list[Problem]]:
    path = root / MANIFEST_FILE
    if not path.is_file():
        return [], []
    entries: list[Entry] = []
    problems: list[Problem] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("/") or " " in line or "://" in line:
            problems.append(
                problem(
                    "published-urls-file",
                    MANIFEST_FILE,
                    number,
                    f"'{line}' is not a site address.",
                    "Write one address per line, starting with '/', without the domain, e.g. '/guides/getting-started/'.",
                )
            )
            continue
        entries.append(Entry(line, number))
    return entries, problems


def check_collisions(site: Site) -> list[Problem]:
    """Two pages published at one address: the second would silently overwrite the first."""
    by_path: dict[str, list[str]] = defaultdict(list)
    pages = published_pages(site)
    for p in pages:
        by_path[p.path].append(p.source.path)
    problems: list[Problem] = []
    for p in pages:
        others = [x for x in by_path[p.path] if x != p.source.path]
        if others:
            problems.append(
                problem(
                    "url-collision",
                    p.source.path,
                    p.source.front.line_of("id"),
                    f"this page and {', '.join(others)} would both be published at {to_manifest(p.path)}.",
                    "Give one of them a different id (guides and case studies are published under their id).",
                )
            )
    return problems


def check(site: Site) -> list[Problem]:
    """Redirect file, address collisions and the manifest promise, as contributor problems."""
    _, problems = load_redirects(site)
    problems = list(problems) + check_collisions(site)
    entries, manifest_problems = read_manifest(site.root)
    problems.extend(manifest_problems)
    live = current_paths(site) | redirect_paths(site)
    for entry in entries:
        if from_manifest(entry.url) not in live:
            neutral = from_manifest(entry.url)
            neutral = neutral[len("cy/") :] if neutral.startswith("cy/") else neutral
            problems.append(
                problem(
                    "published-url-missing",
                    MANIFEST_FILE,
                    entry.line,
                    f"{entry.url} was published, but no page is there any more and there is no redirect for it.",
                    _hint(neutral),
                )
            )
    return problems


def _hint(neutral: str) -> str:
    if neutral.startswith(f"{EMBED_DIR}/"):
        # Embed cards follow their page: the redirect belongs to the page's old address.
        old = neutral.split("/")[1]
        return (
            f"This embed card follows its guide or case study: add a line 'guides/{old}/: <new id>' or "
            f"'case-studies/{old}/: <new id>' (whichever it was) to data/redirects.yml."
        )
    return f"If its id changed, add a line '{neutral}: <new id>' to data/redirects.yml; otherwise restore the page (or its id)."


def update(root: Path, site: Site) -> list[str]:
    """Add every currently published URL missing from the manifest; return the added ones."""
    entries, _ = read_manifest(root)
    known = {e.url for e in entries}
    added = sorted(to_manifest(p) for p in current_paths(site) if to_manifest(p) not in known)
    path = root / MANIFEST_FILE
    # Keep whatever the file has (including anything it promised that is now redirected).
    urls = sorted(known | set(added))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{u}\n" for u in urls), encoding="utf-8")
    return added
