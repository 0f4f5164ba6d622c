"""Where a profiled build spends its time, by kind of work, for the build benchmark.

Every function's own time (cProfile's tottime) goes to one bucket by the file it is in. The time of
built-in functions (C code: regular expressions, str.join, file writes) and of the standard library
(waiting for Pagefind, deleting folders) goes to whoever called them, in proportion, up the call graph
to the first caller that has a bucket. The buckets partition the profile.
"""

from __future__ import annotations

import pstats
from collections import Counter
from pathlib import Path

# (bucket, does Hugo do this work too?, path fragments), first match wins.
BUCKETS: list[tuple[str, bool, tuple[str, ...]]] = [
    ("Markdown to HTML (Python-Markdown, pymdownx)", True, ("/markdown/", "/pymdownx/")),
    ("our theme partials (overrides/)", False, ("/overrides/",)),
    ("page templates (Jinja2, Material)", True, ("/jinja2/", "/material/", "/markupsafe/", "<template>")),
    ("search index (our preparation, Pagefind)", False, ("/kb/built/search_index", "/kb/built/mutations", "/pagefind/")),
    ("built-site check (kb.built.sitecheck)", False, ("/kb/built/sitecheck", "/selectolax/", "/lxml/")),
    ("content checks (kb.checks, kb.markdown, nh3)", False, ("/kb/checks/", "/kb/markdown/", "/nh3/")),
    ("sources and model (kb.sources, kb.model, YAML)", False, ("/kb/sources/", "/kb/model", "/kb/core/", "/yaml/",
                                                               "/fastjsonschema/", "/jsonschema")),
    ("renderers and generated files (kb.publish)", False, ("/kb/publish/",)),
    ("other processes and merging (kb.built.workers, merge, staging)", False, ("/kb/built/",)),
    ("our hooks", False, ("/hooks/",)),
    ("mkdocs-static-i18n", False, ("/mkdocs_static_i18n/",)),
    ("MkDocs (files, navigation, URLs, config, writing)", True, ("/mkdocs/",)),
    ("Python start-up and imports", False, ("<frozen importlib", "/importlib/", "/site-packages/babel/")),
]
OTHER = "other (standard library, file system)"


def bucket_of(filename: str) -> str:
    for name, _hugo, fragments in BUCKETS:
        if any(f in filename for f in fragments):
            return name
    return OTHER


def hugo_does(bucket: str) -> bool:
    return next((hugo for name, hugo, _ in BUCKETS if name == bucket), True)


def _transparent(filename: str) -> bool:
    """Built-ins and the standard library: their time belongs to whoever called them."""
    return filename == "~" or ("/lib/python3." in filename and "/site-packages/" not in filename) or (
        filename.startswith("<frozen") and "importlib" not in filename)


def buckets(profile: Path) -> Counter[str]:
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    shares: dict[tuple[str, int, str], dict[str, float]] = {}

    def share(func: tuple[str, int, str], depth: int = 0) -> dict[str, float]:
        """Bucket -> fraction, for the time spent in ``func``."""
        if not _transparent(func[0]):
            return {bucket_of(func[0]): 1.0}
        if func in shares:
            return shares[func]
        shares[func] = {OTHER: 1.0}  # while computing (recursion), and if nothing better is found
        callers = stats.get(func, (0, 0, 0.0, 0.0, {}))[4]
        spent = sum(v[3] for v in callers.values())
        if depth > 40 or not callers or spent <= 0:
            return shares[func]
        out: dict[str, float] = {}
        for caller, value in callers.items():
            for name, fraction in share(caller, depth + 1).items():
                out[name] = out.get(name, 0.0) + fraction * value[3] / spent
        shares[func] = out
        return out

    found: Counter[str] = Counter()
    for func, (_cc, _nc, own, _cum, _callers) in stats.items():
        for name, fraction in share(func).items():
            found[name] += own * fraction
    return found


def report(profile: Path, wall: float | None = None) -> list[str]:
    found = buckets(profile)
    total = sum(found.values()) or 1.0
    lines = [f"  {'where the time goes':<66} {'s':>7} {'share':>6}  Hugo does it too?"]
    for name, seconds in found.most_common():
        if seconds < 0.005 * total:
            continue
        lines.append(f"  {name:<66} {seconds:>7.1f} {seconds / total:>6.0%}  {'yes' if hugo_does(name) else 'no'}")
    extra = sum(s for n, s in found.items() if not hugo_does(n))
    lines.append(f"  {'total (profiled, one process)':<66} {total:>7.1f}")
    lines.append(f"  work Hugo does not do at all: {extra:.1f} s ({extra / total:.0%}); the rest is work Hugo does "
                 "too, in Go and on all cores")
    if wall is not None:
        lines.append(f"  (wall-clock of that profiled one-process build: {wall:.1f} s; cProfile adds to it)")
    return lines
