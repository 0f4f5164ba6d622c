"""Page benchmark: Lighthouse scores of every template in both languages, served gzipped from loopback.

    python bench/page_bench.py                 # build the shipped site, 3 runs of 14 pages
    python bench/page_bench.py --runs 5
    python bench/page_bench.py --site DIR      # an already built site (built for its own address)

Builds the shipped site for the address it is served at (KB_SITE_URL, so its absolute addresses —
canonical, hreflang, feeds — are the same host), serves it with bench/serve_gzip.py (gzip, the 404
page for missing paths) and runs Lighthouse 12 (npm, pinned in package.json; `npm ci` first) in
Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) on home, guide, case study, case-study
list, resources list, search (typing a query on the home page) and the 404 page, in English and Welsh. Lighthouse's
own mobile settings (emulated phone, simulated slow 4G and CPU). Each figure is printed as the range
over the runs (min–max); the machine is shared, so take figures when `uptime` shows a low load.

Targets (issue 16): performance >= 95, accessibility 100, best practices >= 95, SEO >= 95, CLS < 0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from serve_gzip import serve  # noqa: E402

LIGHTHOUSE_SCRIPT = REPO / "bench" / "lighthouse_pages.mjs"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
CLS_TARGET = 0.1
SEARCH = {"query": {"en": "community", "cy": "gymuned"}, "ready": "[data-kb-search-results] li"}


def build_site(site_dir: Path, url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SITE_URL": url + "/"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"the build failed:\n{proc.stdout}{proc.stderr}")


def first_item_paths(site_dir: Path) -> dict[str, str]:
    """Language-neutral paths of the first guide and the first case study, from the site's own API."""
    items = json.loads((site_dir / "api" / "v1" / "items.json").read_text(encoding="utf-8"))
    items = items.get("items", items) if isinstance(items, dict) else items
    out: dict[str, str] = {}
    for item in sorted(items, key=lambda i: str(i.get("id"))):
        kind = str(item.get("type"))
        if kind in ("guide", "case-study") and kind not in out:
            url = str(item.get("url", {}).get("en") if isinstance(item.get("url"), dict) else item.get("url"))
            out[kind] = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
    return out


def pages(url: str, site_dir: Path) -> list[dict[str, Any]]:
    items = first_item_paths(site_dir)
    templates = {
        "home": "/",
        "guide": items["guide"],
        "case study": items["case-study"],
        "list": "/case-studies/",
        "resources": "/resources/",
        "search": "/",
        "404": "/404.html",
    }
    out = []
    for name, path in templates.items():
        for lang in ("en", "cy"):
            entry: dict[str, Any] = {"name": f"{name} ({lang})", "template": name, "lang": lang,
                                     "url": url + (path if lang == "en" else "/cy" + path)}
            if name == "search":
                entry["search"] = {"query": SEARCH["query"][lang], "ready": SEARCH["ready"]}
            out.append(entry)
    return out


def lighthouse(entries: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    if not (REPO / "node_modules" / "lighthouse").is_dir():
        raise SystemExit("Lighthouse is not installed: run 'npm ci' in the repository root (package.json pins it).")
    pages_file, out_file = work / "pages.json", work / "results.json"
    pages_file.write_text(json.dumps(entries), encoding="utf-8")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    proc = subprocess.run(["node", str(LIGHTHOUSE_SCRIPT), str(pages_file), str(out_file)], cwd=REPO, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"Lighthouse failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    results: list[dict[str, Any]] = json.loads(out_file.read_text(encoding="utf-8"))
    return results


def span(values: list[float], fmt: str = "{:.0f}") -> str:
    if not values:
        return "-"
    lo, hi = min(values), max(values)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else f"{fmt.format(lo)}–{fmt.format(hi)}"


def report(entries: list[dict[str, Any]], runs: list[list[dict[str, Any]]]) -> bool:
    print(f"\n{'page':<18} {'perf':>7} {'a11y':>7} {'best pr.':>8} {'SEO':>7} {'CLS':>11} {'LCP s':>9} "
          f"{'TBT ms':>9} {'KB sent':>11}")
    all_met = True
    failed_audits: dict[str, set[str]] = {}
    for i, entry in enumerate(entries):
        results = [run[i] for run in runs]
        scores = {cat: [r["scores"][cat] for r in results if cat in r["scores"]] for cat in TARGETS}
        metric = {key: [r["metrics"][key] for r in results if key in r["metrics"]]
                  for key in ("cls", "lcp", "tbt", "bytes")}
        met = all(scores[c] and min(scores[c]) >= t for c, t in TARGETS.items()) and (
            bool(metric["cls"]) and max(metric["cls"]) < CLS_TARGET)
        all_met &= met
        for r in results:
            failed_audits.setdefault(entry["name"], set()).update(r.get("failed", []))
        print(f"{entry['name']:<18} {span(scores['performance']):>7} {span(scores['accessibility']):>7} "
              f"{span(scores['best-practices']):>8} {span(scores['seo']):>7} {span(metric['cls'], '{:.3f}'):>11} "
              f"{span([v / 1000 for v in metric['lcp']], '{:.1f}'):>9} {span(metric['tbt']):>9} "
              f"{span([v / 1024 for v in metric['bytes']], '{:.0f}'):>11}  {'met' if met else 'MISSED'}")
    print("\nsearch: performance, CLS and TBT measured while typing the query (a Lighthouse timespan);"
          " LCP and KB from loading the page.")
    console = sorted({line for run in runs for r in run for line in r.get("console", [])})
    if console:
        print("\nconsole errors (any page, any run):")
        for line in console[:10]:
            print(f"  {line[:160]}")
    missed = {name: sorted(a) for name, a in failed_audits.items() if a}
    if missed:
        print("\naudits not passed (category:audit), any run:")
        for name, audits in missed.items():
            print(f"  {name}: {', '.join(audits)}")
    targets = ", ".join(f"{c} >= {t}" for c, t in TARGETS.items())
    print(f"\ntargets: {targets}, CLS < {CLS_TARGET} on every page in every run -> {'met' if all_met else 'MISSED'}")
    return all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="port of the local server (default: any free one)")
    parser.add_argument("--site", type=Path, default=None, help="serve this built site instead of building one")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kb-page-bench-"))
    site_dir = args.site or work / "site"
    site_dir.mkdir(parents=True, exist_ok=True)
    try:
        with serve(site_dir, args.port) as (url, _log):
            if args.site is None:
                start = time.perf_counter()
                build_site(site_dir, url)
                print(f"built the shipped site for {url}/ in {time.perf_counter() - start:.1f} s", flush=True)
            entries = pages(url, site_dir)
            runs = []
            for n in range(args.runs):
                start = time.perf_counter()
                runs.append(lighthouse(entries, work))
                print(f"run {n + 1}/{args.runs}: {len(entries)} pages in {time.perf_counter() - start:.0f} s", flush=True)
        return 0 if report(entries, runs) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
