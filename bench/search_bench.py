"""Search benchmark: index size and bytes a browser fetches for a first query, at 100/1,000/5,000 pages.

    python bench/search_bench.py [--sizes 100 1000 5000] [--keep DIR]

For each size it writes that many synthetic pages per language (Material-shaped HTML: <html lang>,
facets in <head>, the content <article>), indexes them with the build's own code
(kb.built.search_index.index_site, so Welsh pages carry their hidden radicals), then opens a page in
headless Chromium that does what the search box does for a first query (same options: no worker):
load the mutation rules, load Pagefind, read the facets, run the (mutation-expanded) searches and load the first 10 results.
Every response is counted by the benchmark's own static server, which compresses text (JS, JSON,
CSS, HTML) with gzip as static hosts do; Pagefind's index files are compressed already. Both the
bytes sent and the uncompressed sizes are printed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from kb.built import search_index  # noqa: E402
from kb.built.mutations import load as load_mutations  # noqa: E402

TARGET_BYTES = 250 * 1024
WORDS_PER_PAGE = 450
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

def _words(text: str) -> list[str]:
    return text.split()


# Real words for the common part of the text; the long tail is generated (see _tail).
WELSH = _words(
    "cymuned gwasanaeth cyhoeddus pobl gofal iechyd cyngor llywodraeth cynllun gwaith partneriaeth "
    "gwirfoddolwyr teulu plant ifanc ysgol addysg tai amgylchedd hinsawdd trafnidiaeth bwrdd "
    "cydgynhyrchu cydweithio penderfyniad llais grym cyfrifoldeb lles dyfodol cenedlaethau deddf "
    "canllaw astudiaeth achos prosiect grŵp canolfan tref ardal sir gwlad dŵr tŷ cymorth cefnogaeth "
    "gwybodaeth profiad sgiliau hyder perthynas ymddiriedaeth gwerth newid dysgu gwella mesur adrodd "
    "cynnwys ymgysylltu ymgynghori trafod gwrando siarad rhannu cynnig gofyn ateb datblygu creu"
)
WELSH_GLUE = _words("y yr a ac yn i o ar am gan gyda mae roedd bydd fe nhw ni chi ei eu ein hefyd ond neu")
ENGLISH = _words(
    "community service public people care health council government plan work partnership volunteers "
    "family children young school education housing environment climate transport board co-production "
    "working decision voice power responsibility wellbeing future generations act guide case study "
    "project group centre town area county country water house support information experience skills "
    "confidence relationship trust value change learning improve measure report involve engage consult"
)
ENGLISH_GLUE = _words("the a an and in of to for with is was will be they we you their our also but or")
THEMES = ["Cynnwys ac ymgysylltu", "Iechyd a gofal cymdeithasol", "Gweithredu cymunedol", "Tai"]
THEMES_EN = ["Involvement and engagement", "Health and social care", "Community action", "Housing"]


def _tail(rng: random.Random, welsh: bool, n: int) -> list[str]:
    """Made-up rarer words so the index has a realistic long tail of distinct terms."""
    if welsh:
        onsets = ["c", "g", "ll", "rh", "p", "b", "t", "d", "m", "ff", "th", "ch", "s", "h", "w", "dd"]
        vowels = ["a", "e", "i", "o", "u", "w", "y", "ae", "ei", "wy", "â", "ŵ"]
    else:
        onsets = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w", "st", "pr"]
        vowels = ["a", "e", "i", "o", "u", "ea", "ou", "ai"]
    codas = ["", "n", "r", "l", "d", "s", "th", "nt", "st", "dd", "rch"]
    words = set()
    while len(words) < n:
        syl = rng.randint(2, 4)
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syl)))
    return sorted(words)


def _text(rng: random.Random, welsh: bool, tail: list[str]) -> str:
    common = WELSH if welsh else ENGLISH
    glue = WELSH_GLUE if welsh else ENGLISH_GLUE
    rules = load_mutations()
    out: list[str] = []
    for _ in range(WORDS_PER_PAGE):
        r = rng.random()
        if r < 0.35:
            word = rng.choice(glue)
        elif r < 0.8:
            word = rng.choice(common)
        else:
            word = tail[min(int(rng.paretovariate(1.1)) - 1, len(tail) - 1)] if rng.random() < 0.5 else rng.choice(tail)
        if welsh and rng.random() < 0.3:
            word = rng.choice(rules.forms(word))  # Welsh text is full of mutated forms
        out.append(word)
    sentences = [" ".join(out[i : i + 15]).capitalize() + "." for i in range(0, len(out), 15)]
    return "\n".join(f"<p>{' '.join(sentences[i : i + 4])}</p>" for i in range(0, len(sentences), 4))


def _page(lang: str, title: str, theme: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta data-pagefind-filter="theme[content]" content="{theme}">'
        f'<meta data-pagefind-filter="kbtier[content]" content="content"></head><body>'
        f'<header><nav>menu</nav></header><main><article class="md-content__inner md-typeset">'
        f"<h1>{title}</h1>{body}</article></main></body></html>"
    )


def generate(site: Path, pages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    tails = {"cy": _tail(rng, True, 20000), "en": _tail(rng, False, 20000)}
    for lang in ("en", "cy"):
        welsh = lang == "cy"
        prefix = site / "cy" if welsh else site
        for i in range(pages):
            theme = (THEMES if welsh else THEMES_EN)[i % 4]
            title = f"{'Canllaw' if welsh else 'Guide'} {i}"
            path = prefix / "pages" / str(i) / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(lang, title, theme, _text(rng, welsh, tails[lang])), encoding="utf-8")


BENCH_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
import {{ searchAll, queryWords }} from "/assets/kb-search/kb-search.js";
import {{ createMutations }} from "/assets/kb-search/mutations.js";
import {{ createLexicon }} from "/assets/kb-search/lexicon.js";
const data = await (await fetch("/assets/kb-search/data.json")).json();
const {{ radicals, forms }} = createMutations(data.mutations);
const lexicon = createLexicon(new URL("/assets/kb-search/lexicon/cy/", location.href), data.lexicon.cy);
const pf = await import("/pagefind/pagefind.js");
const inst = {{ lang: "{lang}", welsh: {welsh}, pagefind: await pf.createInstance({{ baseUrl: "/", noWorker: true,
               ranking: data.ranking }}), translateFilters: (f) => f, untranslate: (k, v) => v }};
await inst.pagefind.filters();                      // the search box lists the facets
const typed = queryWords("{query}").words;
if ({welsh}) await lexicon.load(typed.flatMap((w) => radicals(w)).flatMap((r) => forms(r)));
const {{ results: merged }} = await searchAll([inst], "{query}", {{}}, {{ radicals, known: lexicon.known }});
await Promise.all(merged.slice(0, 10).map((r) => r.result.data()));   // first 10 results shown
window.benchDone = merged.length;
</script></body></html>"""


COMPRESSIBLE = {".js", ".json", ".css", ".html", ".txt"}  # Pagefind's index files are compressed already


class _Server(SimpleHTTPRequestHandler):
    """A static host as most are: text sent gzip-compressed when the browser accepts it.

    Records the body bytes it sends for each path (the transfer the benchmark reports).
    """

    sent: list[tuple[str, int, int]] = []  # (path, bytes sent, bytes on disk)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().do_GET()
        body = path.read_bytes()
        raw = len(body)
        headers = {"Content-Type": self.guess_type(str(path))}
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((self.path.split("?")[0].lstrip("/"), len(body), raw))


def measure(site: Path, lang: str, query: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    (site / f"bench-{lang}.html").write_text(
        BENCH_PAGE.format(lang=lang, welsh="true" if lang == "cy" else "false", query=query), encoding="utf-8"
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Server, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Server.sent = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/bench-{lang}.html")
            page.wait_for_function("window.benchDone !== undefined", timeout=120000)
            results = page.evaluate("window.benchDone")
            page.wait_for_timeout(300)
            browser.close()
    finally:
        server.shutdown()
    counted = [(rel, sent, raw) for rel, sent, raw in _Server.sent if not rel.startswith("bench-")]
    return {
        "results": results,
        "requests": len(counted),
        "sent": sum(c[1] for c in counted),
        "raw": sum(c[2] for c in counted),
        "files": counted,
    }


def index_bytes(site: Path) -> dict[str, int]:
    """Bytes of each language's index (index, fragment and filter chunks plus its meta file)."""
    out: dict[str, int] = {}
    for file in (site / "pagefind").rglob("*"):
        if file.is_file() and (file.name.startswith(("en_", "cy_")) or ".pf_meta" in file.name):
            lang = file.name.split("_")[0].split(".")[-1]
            out[lang] = out.get(lang, 0) + file.stat().st_size
    return out


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-search-bench-"))
    rows = []
    for n in args.sizes:
        site = work / f"site-{n}"
        if site.exists():
            shutil.rmtree(site)
        t0 = time.perf_counter()
        generate(site, n)
        t1 = time.perf_counter()
        ranking = search_index.Ranking.from_data(
            yaml.safe_load((REPO / "data" / "search" / "ranking.yml").read_text(encoding="utf-8"))
        )
        stats = search_index.index_site(site, ranking=ranking)
        t2 = time.perf_counter()
        assets = site / "assets" / "kb-search"
        assets.mkdir(parents=True)
        for name in ("kb-search.js", "mutations.js", "lexicon.js"):
            shutil.copy2(REPO / "overrides" / "assets" / "kb-search" / name, assets / name)
        keys = search_index.write_lexicon(stats.welsh_words, assets / "lexicon" / "cy")
        payload = {
            "mutations": json.loads((REPO / "data" / "search" / "mutations.json").read_text(encoding="utf-8")),
            "facets": {},
            "lexicon": {"cy": keys},
            "ranking": ranking.for_browser(),
        }
        (assets / "data.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        sizes = index_bytes(site)
        cy = measure(site, "cy", "gymuned")
        en = measure(site, "en", "community")
        rows.append((n, stats, sizes, cy, en, t1 - t0, t2 - t1))
        print(
            f"{n:>5} pages/language: generated in {t1 - t0:.1f}s, indexed in {t2 - t1:.1f}s "
            f"({stats.extra_terms:,} Welsh radicals added)",
            flush=True,
        )
    print()
    print("pages/lang | index cy   | index en   | first query cy (gymuned): sent / uncompressed, requests, results"
          " | first query en (community): sent / uncompressed")
    base = rows[0]
    for n, _stats, sizes, cy, en, _g, _i in rows:
        print(
            f"{n:>10} | {kb(sizes.get('cy', 0)):>10} | {kb(sizes.get('en', 0)):>10} | "
            f"{kb(cy['sent']):>10} / {kb(cy['raw']):>9}, {cy['requests']:>2} req, {cy['results']:>4} results"
            f" | {kb(en['sent']):>10} / {kb(en['raw']):>9}"
        )
    print()
    print("ratios against the smallest size (pages -> index cy, first-query bytes sent cy, en):")
    for n, _stats, sizes, cy, en, _g, _i in rows:
        print(
            f"  x{n / base[0]:<5g} pages -> index x{sizes.get('cy', 1) / max(base[2].get('cy', 1), 1):.2f}, "
            f"first query cy x{cy['sent'] / base[3]['sent']:.2f}, en x{en['sent'] / base[4]['sent']:.2f}"
        )
    largest = rows[-1]
    worst = max(largest[3]["sent"], largest[4]["sent"])
    worst_raw = max(largest[3]["raw"], largest[4]["raw"])
    verdict = "PASS" if worst < TARGET_BYTES else "FAIL"
    print(f"\nfirst-query transfer at {largest[0]:,} pages/language: {kb(worst)} sent "
          f"({kb(worst_raw)} uncompressed) (target < {kb(TARGET_BYTES)}): {verdict}")
    print("\nfiles fetched for the Welsh first query at the largest size:")
    for rel, sent, raw in sorted(largest[3]["files"], key=lambda f: -f[1]):
        print(f"  {kb(sent):>10} sent  {kb(raw):>10} on disk  {rel}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if worst < TARGET_BYTES else 1


if __name__ == "__main__":
    raise SystemExit(main())
