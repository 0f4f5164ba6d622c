"""The published-URL promise: once an address is in data/published-urls.txt it must keep working.

The check fails, naming the URL, if no page is published there any more and data/redirects.yml
has no redirect for it; a second gate after the build (hooks/publish.py, :func:`unbuilt`) makes sure
every promised address is really in the built site. ``python -m kb urls update`` adds the URLs of
new pages; nothing ever removes one automatically (dropping a promise is a deliberate, reviewed edit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.publish.embeds import EMBED_DIR
from kb.publish.reserved import generated_clashes, page_problems
from kb.sources.manifest import MANIFEST_FILE, ManifestEntry, write_manifest
from kb.sources.urls import from_manifest, published_pages, to_manifest

RULES = ("published-url-missing", "url-collision")


def current_paths(model: BuildModel) -> set[str]:
    """Site-relative paths the build publishes and promises: pages, placeholders, embed cards, feeds, the API."""
    return model.plan.promised()


def check_collisions(model: BuildModel) -> list[Problem]:
    """Two pages published at one address: the second would silently overwrite the first."""
    by_path: dict[str, list[str]] = defaultdict(list)
    pages = published_pages(model.site)
    for p in pages:
        by_path[p.path].append(p.source.path)
    problems: list[Problem] = []
    for p in pages:
        others = [x for x in by_path[p.path] if x != p.source.path]
        if others:
            problems.append(
                problem("url-collision", p.source.path, p.source.front.line_of("id"), "same-address", others=", ".join(others), url=to_manifest(p.path))
            )
    return problems


def check(model: BuildModel) -> list[Problem]:
    """Redirect file, address collisions and the manifest promise, as contributor problems."""
    problems = list(model.redirect_problems) + check_collisions(model) + page_problems(model.site)
    moved = [(r.source, r.line) for r in model.redirects]
    problems += generated_clashes(model.site, moved, model.plan.generated())
    problems.extend(model.manifest_problems)
    live = model.plan.live()
    for entry in model.manifest:
        if from_manifest(entry.url) not in live:
            neutral = from_manifest(entry.url)
            neutral = neutral[len("cy/") :] if neutral.startswith("cy/") else neutral
            problems.append(missing_url_problem(entry, neutral))
    return problems


def unbuilt(entries: list[ManifestEntry], built: Callable[[str], bool]) -> list[Problem]:
    """After the build: each promised address ``built`` does not find in the output folder."""
    return [
        problem("published-url-missing", MANIFEST_FILE, e.line, "not-built", url=e.url)
        for e in entries
        if not built(from_manifest(e.url))
    ]


def missing_url_problem(entry: ManifestEntry, neutral: str) -> Problem:
    """A promised address that no longer works; the fix depends on what was published there."""
    if neutral.startswith(f"{EMBED_DIR}/"):
        # Embed cards follow their page: the redirect belongs to the page's old address.
        old = neutral.split("/")[1]
        return problem("published-url-missing", MANIFEST_FILE, entry.line, "embed-gone", url=entry.url, old=old)
    return problem("published-url-missing", MANIFEST_FILE, entry.line, "gone", url=entry.url, neutral=neutral)


def update(root: Path, model: BuildModel) -> list[str]:
    """Add every currently published URL missing from the manifest; return the added ones."""
    known = {e.url for e in model.manifest}
    added = sorted(to_manifest(p) for p in current_paths(model) if to_manifest(p) not in known)
    # Keep whatever the file has (including anything it promised that is now redirected).
    write_manifest(root, sorted(known | set(added)))
    return added
