"""Build-speed benchmark: a synthetic bilingual knowledge base of 200, 1,000 and 2,000 pages per language.

    python bench/build_bench.py                  # all three sizes (takes several minutes)
    python bench/build_bench.py --sizes 50 200   # quick run
    python bench/build_bench.py --profile 1000   # also cProfile the hooked build at that size

For each size it generates a knowledge base that passes the content checks (real vocabulary ids,
citations from data/bibliography.yml, Welsh text with ŵ, ŷ, â and mutations, links between pages
and to headings), then:

- builds it with the project's hooks and theme overrides (``mkdocs build --strict``, as published);
- builds the same pages WITHOUT the hooks: the i18n plugin's own suffix layout (x.md + x.cy.md in
  docs/), Material without the project's overrides, no checks, no search index, no feeds;
- runs the content checks alone, in process (load + all checks), as the hooks do once per build.

Targets (issue 9): the hooks add at most 10 % to the build; time per page at 2,000 pages per
language is at most 1.25 x that at 200; the checks alone take at most 3 s at 2,000 per language.
Timings are wall-clock on this machine and vary with load: compare figures from one run.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.model import load_model
from kb.publish.navigation import build_nav
from kb.sources.data import NAVIGATION

REPO = Path(__file__).resolve().parent.parent
SHARED = ["mkdocs.yml", "hooks", "overrides", "data", "docs/assets"]
CASE_STUDY_SHARE = 5  # one page in five is a case study, the rest guides

EN_PARAS = [
    "Co-production means public bodies and the people who use services sharing power, from deciding what "
    "the problem is to delivering and reviewing the answer.",
    "Start with what matters to people, not with the service as it is. Ask who is missing from the room, "
    "and go to where they already meet.",
    "Agree early how decisions will be made, who holds the budget and what will happen if people disagree; "
    "write it down in plain language.",
]
CY_PARAS = [
    "Mae cydgynhyrchu'n golygu bod cyrff cyhoeddus a'r bobl sy'n defnyddio gwasanaethau'n rhannu pŵer, o "
    "benderfynu beth yw'r broblem i gyflwyno ac adolygu'r ateb.",
    "Dechreuwch gyda'r hyn sy'n bwysig i bobl, nid gyda'r gwasanaeth fel y mae. Gofynnwch pwy sydd ar goll "
    "o'r ystafell, ac ewch i'r man lle maen nhw eisoes yn cwrdd — yn y tŷ cymuned, ger y dŵr, yn y gŵyl.",
    "Cytunwch yn gynnar sut y caiff penderfyniadau eu gwneud, pwy sy'n dal y gyllideb a beth fydd yn digwydd "
    "os bydd pobl yn anghytuno; ysgrifennwch hynny mewn iaith glir â geiriau syml.",
]


def vocabulary_ids(name: str) -> list[str]:
    raw = yaml.safe_load((REPO / "data" / "vocabularies" / f"{name}.yml").read_text(encoding="utf-8"))
    return [str(term["id"]) for term in raw["terms"]]


def bibliography_ids() -> list[str]:
    path = REPO / "data" / "bibliography.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e]


@dataclass
class Vocab:
    themes: list[str]
    regions: list[str]
    sectors: list[str]
    values: list[str]
    roles: list[str]
    statuses: list[str]
    licences: list[str]
    sources: list[str]

    @classmethod
    def load(cls) -> Vocab:
        return cls(*(vocabulary_ids(n) for n in ("themes", "regions", "sectors", "values", "roles", "statuses",
                                                 "licences")), bibliography_ids())


def pick(items: list[str], i: int) -> str:
    return items[i % len(items)]


def guide_page(i: int, n_guides: int, lang: str, v: Vocab) -> str:
    welsh = lang == "cy"
    title = f"Canllaw {i}: rhannu pŵer â'r gymuned" if welsh else f"Guide {i}: sharing power with a community"
    summary = (f"Sut y gall gwasanaethau cyhoeddus yng Nghymru rannu pŵer â phobl, rhif {i}."
               if welsh else f"How public services in Wales can share power with people, number {i}.")
    nxt = (i + 1) % n_guides
    heading = "Rhannu pŵer" if welsh else "Sharing power"
    anchor = "rhannu-pŵer" if welsh else "sharing-power"
    paras = CY_PARAS if welsh else EN_PARAS
    cite = pick(v.sources, i)
    see = "Gweler hefyd" if welsh else "See also"
    return f"""---
id: guide-{i:05d}
type: guide
title: "{title}"
summary: "{summary}"
order: {i}
themes: [{pick(v.themes, i)}]
updated: 2026-11-27
---
# {title}

{paras[0]} [@{cite}]

## {heading}

{paras[1]}

## {"Cytuno" if welsh else "Agreeing"}

{paras[2]} {see} [{"canllaw" if welsh else "guide"} {nxt}](guide-{nxt:05d}.md#{anchor}).
"""


def case_study_page(i: int, lang: str, v: Vocab) -> str:
    welsh = lang == "cy"
    title = f"Gŵyl gymunedol rhif {i}" if welsh else f"Community festival number {i}"
    summary = (f"Sut y bu trigolion a'r cyngor yn cynllunio gŵyl gyda'i gilydd, enghraifft {i}."
               if welsh else f"How residents and the council planned a festival together, example {i}.")
    cite = pick(v.sources, i)
    paras = CY_PARAS if welsh else EN_PARAS
    return f"""---
id: case-{i:05d}
type: case-study
title: "{title}"
summary: "{summary}"
organisations: ["{"Cyngor Sir" if welsh else "County Council"} {i}"]
regions: [{pick(v.regions, i)}]
sectors: [{pick(v.sectors, i)}]
themes: [{pick(v.themes, i)}]
values: [{pick(v.values, i)}]
involved: [{pick(v.roles, i)}]
start_year: {2010 + i % 15}
status: {pick(v.statuses, i)}
what_changed: "{"Rhannodd y cyngor bŵer â'r trigolion." if welsh else "The council shared power with residents."}"
what_learned: "{"Mae amser yn bwysig." if welsh else "Time matters."}"
sources: [{cite}]
contact: https://www.example.org/
licence: {pick(v.licences, i)}
submitted: 2026-11-27
updated: 2026-11-27
---
# {title}

{paras[0]} [@{cite}]

## {"Beth newidiodd" if welsh else "What changed"}

{paras[1]}
"""


HOME = {
    "en": "---\nid: home\ntype: page\ntitle: Home\n---\n# Co-production Knowledge Base\n\nRead the "
          "[first guide](guides/guide-00000.md) or the [case studies](case-studies/index.md).\n",
    "cy": "---\nid: home\ntype: page\ntitle: Hafan\n---\n# Sylfaen Wybodaeth Cydgynhyrchu\n\nDarllenwch y "
          "[canllaw cyntaf](guides/guide-00000.md) neu'r [astudiaethau achos](case-studies/index.md).\n",
}
LISTING = {
    "en": "---\nid: case-studies\ntype: page\ntitle: Case studies\nsummary: Examples of co-production in public "
          "services across Wales, to filter by theme and area.\n---\n# Case studies\n\n<!-- kb:case-studies:list -->\n",
    "cy": "---\nid: case-studies\ntype: page\ntitle: Astudiaethau achos\nsummary: Enghreifftiau o gydgynhyrchu mewn "
          "gwasanaethau cyhoeddus ledled Cymru, i'w hidlo yn ôl thema ac ardal.\n---\n# Astudiaethau achos\n\n"
          "<!-- kb:case-studies:list -->\n",
}


def generate(pages_per_lang: int, v: Vocab) -> dict[str, dict[str, str]]:
    """rel (inside a language tree, case studies as case-studies/<id>/index.md) -> lang -> text."""
    n_cases = max(1, pages_per_lang // CASE_STUDY_SHARE)
    n_guides = max(1, pages_per_lang - n_cases - 2)
    out: dict[str, dict[str, str]] = {
        "index.md": dict(HOME),
        "case-studies/index.md": dict(LISTING),
    }
    for i in range(n_guides):
        out[f"guides/guide-{i:05d}.md"] = {lang: guide_page(i, n_guides, lang, v) for lang in ("en", "cy")}
    for i in range(n_cases):
        out[f"case-studies/case-{i:05d}/index.md"] = {lang: case_study_page(i, lang, v) for lang in ("en", "cy")}
    return out


def copy_shared(root: Path) -> None:
    for name in SHARED:
        src = REPO / name
        if not src.exists():
            continue
        dst = root / name
        if src.is_dir():
            # The real site's URL history (published-urls.txt, redirects) is not the synthetic one's.
            shutil.copytree(src, dst, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "published-urls.txt", "redirects.yml"))
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_project(root: Path, pages: dict[str, dict[str, str]]) -> None:
    """The knowledge base as contributors lay it out: docs/, docs_cy/, case_studies/<id>/{en,cy}.md."""
    copy_shared(root)
    for rel, texts in pages.items():
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == "case-studies" and parts[2] == "index.md":
            for lang, text in texts.items():
                write(root / "case_studies" / parts[1] / f"{lang}.md", text)
        else:
            write(root / "docs" / rel, texts["en"])
            write(root / "docs_cy" / rel, texts["cy"])


def baseline_config(root: Path) -> None:
    """mkdocs.yml without the project's hooks or theme overrides (the same plugins otherwise)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    lines = text.split("\n")
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith(("hooks:", "watch:")):  # the project's hooks; watch names docs_cy/
            skipping = True
            continue
        if skipping and (line.startswith("  -") or not line.strip()):
            continue
        skipping = False
        if line.strip().startswith("custom_dir:"):
            continue
        out.append(line)
    (root / "mkdocs.yml").write_text("\n".join(out), encoding="utf-8")


def write_baseline(root: Path, pages: dict[str, dict[str, str]], nav: list[Any] | None = None) -> None:
    """The same pages in mkdocs-static-i18n's own layout (x.md and x.cy.md side by side in docs/)."""
    (root / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets", dirs_exist_ok=True)
    for rel, texts in pages.items():
        write(root / "docs" / rel, texts["en"])
        write(root / "docs" / (rel[: -len(".md")] + ".cy.md"), texts["cy"])
    baseline_config(root)
    if nav is not None:
        # The same navigation as the hooked build, so the comparison measures the hooks' work,
        # not MkDocs's default nav (every page listed), which grows with the square of the pages.
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as fh:
            fh.write("\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True))


def mkdocs_build(root: Path, strict: bool, profile: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", "build", "-q", "-d", str(root / "site")]
    if strict:
        cmd.append("--strict")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise SystemExit(f"mkdocs build failed in {root}:\n{tail}")
    return elapsed


def checks_alone(root: Path) -> tuple[float, int]:
    from kb.checks import check_root

    start = time.perf_counter()
    _, problems = check_root(root)
    elapsed = time.perf_counter() - start
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SystemExit("the synthetic knowledge base does not pass the checks:\n"
                         + "\n".join(p.format() for p in errors[:20]))
    return elapsed, len(problems)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def search_index_size(site: Path) -> tuple[int, str]:
    for candidate, label in ((site / "pagefind", "pagefind/"), (site / "search" / "search_index.json",
                                                                  "search_index.json")):
        if candidate.exists():
            return (dir_size(candidate) if candidate.is_dir() else candidate.stat().st_size), label
    return 0, "none"


@dataclass
class Result:
    size: int
    pages_built: int
    hooked: float
    baseline: float
    checks: float
    index_bytes: int
    index_kind: str

    @property
    def overhead(self) -> float:
        return self.hooked / self.baseline - 1

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.hooked / self.pages_built

    @property
    def baseline_per_page_ms(self) -> float:
        return 1000 * self.baseline / self.pages_built


def run_size(size: int, work: Path, v: Vocab, profile: bool) -> Result:
    pages = generate(size, v)
    project = work / f"kb-{size}"
    base = work / f"baseline-{size}"
    write_project(project, pages)
    model = load_model(project)
    write_baseline(base, pages, build_nav(model.site, model.data.yaml(NAVIGATION)))
    checks, _ = checks_alone(project)
    prof = work / f"profile-{size}.prof" if profile else None
    hooked = mkdocs_build(project, strict=True, profile=prof)
    baseline = mkdocs_build(base, strict=False)
    index_bytes, kind = search_index_size(project / "site")
    if prof is not None:
        print(f"\nProfile of the hooked build at {size} pages/language ({prof}):", flush=True)
        stats = pstats.Stats(str(prof))
        stats.sort_stats("cumulative").print_stats(r"(hooks|/kb/)", 30)
    return Result(size, 2 * len(pages), hooked, baseline, checks, index_bytes, kind)


def report(results: list[Result]) -> None:
    print()
    print(f"{'pages/lang':>10} {'built':>6} {'hooks s':>8} {'no-hooks s':>10} {'added':>7} {'ms/page':>8} "
          f"{'base ms/p':>9} {'checks s':>8} {'search index':>16}")
    for r in results:
        print(f"{r.size:>10} {r.pages_built:>6} {r.hooked:>8.1f} {r.baseline:>10.1f} {r.overhead:>7.0%} "
              f"{r.per_page_ms:>8.1f} {r.baseline_per_page_ms:>9.1f} {r.checks:>8.2f} "
              f"{r.index_bytes / 1e6:>9.1f} MB {r.index_kind}")
    print("\nTargets:")
    worst = max(results, key=lambda r: r.overhead)
    print(f"  hooks add <= 10% to the build: worst {worst.overhead:.0%} at {worst.size} pages/language "
          f"-> {'met' if worst.overhead <= 0.10 else 'MISSED'}")
    by_size = {r.size: r for r in results}
    small, large = min(by_size), max(by_size)
    if small != large:
        ratio = by_size[large].per_page_ms / by_size[small].per_page_ms
        base_ratio = by_size[large].baseline_per_page_ms / by_size[small].baseline_per_page_ms
        print(f"  time per page at {large} <= 1.25 x that at {small}: {ratio:.2f} x (without hooks: "
              f"{base_ratio:.2f} x) -> {'met' if ratio <= 1.25 else 'MISSED'}")
    print(f"  checks alone <= 3 s at {large} pages/language: {by_size[large].checks:.2f} s "
          f"-> {'met' if by_size[large].checks <= 3 else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000], help="pages per language")
    parser.add_argument("--profile", type=int, default=None, metavar="SIZE",
                        help="cProfile the hooked build at this size (one of --sizes)")
    parser.add_argument("--keep", type=Path, default=None, help="generate in this folder and keep it")
    args = parser.parse_args(argv)
    v = Vocab.load()
    if not v.sources:
        raise SystemExit("data/bibliography.yml has no entries to cite.")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in args.sizes:
            print(f"{size} pages per language ...", flush=True)
            r = run_size(size, work, v, profile=args.profile == size)
            results.append(r)
            print(f"  {r.pages_built} pages built: hooks {r.hooked:.1f} s, no hooks {r.baseline:.1f} s "
                  f"(+{r.overhead:.0%}), checks alone {r.checks:.2f} s", flush=True)
        report(results)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
