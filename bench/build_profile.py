"""How often one build reads and parses each thing: every source, data file and built page should be once.

    python bench/build_profile.py            # the shipped site
    python bench/build_profile.py PATH       # another knowledge base (a folder with mkdocs.yml)

Runs one real ``mkdocs build --strict`` in this process with counters on the readers and parsers,
and prints, for each kind of input, how many there are and how many were read or parsed more than
once (with the worst few). A figure, not a test: tests/ hold behaviour, bench/ holds measurements.
"""

from __future__ import annotations

import builtins
import io
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

reads: Counter[str] = Counter()  # absolute path -> times opened for reading
parses: dict[str, Counter[str]] = {}  # what was parsed -> key -> times


def _count_opens(original: Callable[..., Any]) -> Callable[..., Any]:
    def opener(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and "r" in mode and not any(c in mode for c in "wa+x"):
            reads[os.path.abspath(os.fspath(file))] += 1
        return original(file, mode, *args, **kwargs)

    return opener


def _count_calls(owner: Any, name: str, kind: str, key: Callable[..., str]) -> None:
    original = getattr(owner, name)
    counter = parses.setdefault(kind, Counter())

    def counted(*args: Any, **kwargs: Any) -> Any:
        counter[key(*args, **kwargs)] += 1
        return original(*args, **kwargs)

    setattr(owner, name, counted)


yaml_parses: Counter[int] = Counter()  # hash of the YAML text parsed -> times


def _count_yaml(owner: Any, name: str) -> None:
    original = getattr(owner, name)

    def counted(stream: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(stream, str):
            yaml_parses[hash(stream)] += 1
        return original(stream, *args, **kwargs)

    setattr(owner, name, counted)


def instrument() -> None:
    builtins.open = _count_opens(builtins.open)
    io.open = builtins.open
    import yaml

    from kb.core import yamlload

    _count_yaml(yamlload, "_run")  # safe_load, compose and compose_and_load
    for name in ("load", "compose"):  # yaml.safe_load calls yaml.load
        _count_yaml(yaml, name)
    import kb.checks.citations  # noqa: F401 - loaded now, so that its names are counted too
    import kb.publish.references  # noqa: F401
    from kb.built import gate, search_index, sitecheck
    from kb.markdown import scan
    from kb.sources import content, frontmatter

    _count_calls(frontmatter, "parse_front_matter", "front matter", lambda text, path: path)
    content.parse_front_matter = frontmatter.parse_front_matter
    original_mask = scan.mask_code
    _count_calls(scan, "mask_code", "Markdown scan (code masked)", lambda body: str(hash(body)))
    for module in list(sys.modules.values()):  # modules that imported it by name
        if module and module.__name__.startswith("kb.") and getattr(module, "mask_code", None) is original_mask:
            module.mask_code = scan.mask_code  # type: ignore[attr-defined]
    # The HTML5 parse the site check and the active-content gate share; keyed by the page's text.
    from selectolax.lexbor import LexborHTMLParser

    html5 = parses.setdefault("built page: HTML5 parse (site check + gate)", Counter())

    def parse_html5(text: str, *args: Any, **kwargs: Any) -> Any:
        html5[str(hash(text))] += 1
        return LexborHTMLParser(text, *args, **kwargs)

    sitecheck.LexborHTMLParser = parse_html5  # type: ignore[attr-defined,misc]
    gate.LexborHTMLParser = parse_html5  # type: ignore[attr-defined,misc]
    _count_calls(sitecheck, "parse_built_page", "built page: site check", lambda rel, *a, **k: rel)
    _count_calls(gate, "active_content", "built page: script gate", lambda rel, *a, **k: rel)
    sitecheck.active_content = gate.active_content
    # The search index parses each page's content article in its own pass (in a second process when
    # the build uses both cores, where this profile does not see it).
    _count_calls(search_index, "read_page", "built page: search index (article)", lambda text, url, *a, **k: url)


def _kind(path: str, root: Path, site: Path) -> str | None:
    p = Path(path)
    if p.is_relative_to(site.parent):  # the site folder, or the staging folder beside it
        return "built page (read)" if p.suffix == ".html" and "pagefind" not in p.parts else None
    if not p.is_relative_to(root):
        return None
    rel = p.relative_to(root).as_posix()
    if rel.startswith(("docs/", "docs_cy/", "case_studies/")) and p.suffix == ".md":
        return "source page (read)"
    if rel.startswith("data/") or rel == "translations.lock.yml":
        return "data file (read)"
    return None


def report(root: Path, site: Path) -> None:
    by_kind: dict[str, Counter[str]] = {}
    for path, n in reads.items():
        kind = _kind(path, root, site)
        if kind is not None:
            if kind.startswith("built"):  # inside the site folder or the staging one: the same file
                rel = Path(path).relative_to(site.parent).as_posix().split("/", 1)[-1]
            else:
                rel = Path(path).relative_to(root).as_posix()
            by_kind.setdefault(kind, Counter())[rel] += n
    yaml_files: Counter[str] = Counter()
    for path in sorted((root / "data").rglob("*.yml")) + [root / "translations.lock.yml"]:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            yaml_files[path.relative_to(root).as_posix()] = yaml_parses.get(hash(text), 0)
    rows = {**by_kind, "data file (YAML parsed)": yaml_files, **parses}
    width = max(len(k) for k in rows)
    print(f"{'what'.ljust(width)}  {'items':>6}  {'never':>6}  {'once':>6}  {'more':>6}  {'max':>4}  worst")
    for kind, counts in rows.items():
        more = {k: n for k, n in counts.items() if n > 1}
        never = sum(1 for n in counts.values() if n == 0)
        worst = ", ".join(f"{k} ×{n}" for k, n in sorted(more.items(), key=lambda x: -x[1])[:3])
        print(f"{kind.ljust(width)}  {len(counts):>6}  {never:>6}  {len(counts) - len(more) - never:>6}  "
              f"{len(more):>6}  {max(counts.values(), default=0):>4}  {worst}")


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else REPO
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    instrument()
    from mkdocs.__main__ import cli

    with tempfile.TemporaryDirectory(prefix="kb-profile-") as tmp:
        site = Path(tmp) / "site"
        os.chdir(root)
        start = time.perf_counter()
        try:
            cli(["build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)], standalone_mode=False)
        except SystemExit as exit_:
            if exit_.code:
                print(f"the build failed ({exit_.code})", file=sys.stderr)
                return 1
        elapsed = time.perf_counter() - start
        print(f"one build of {root}: {elapsed:.1f} s\n")
        report(root, site)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
