"""Method pages: each co-production method has a page (docs/methods/<id>.md, docs_cy/ the same)
that explains it in prose and gathers, at build time, the case studies and resources using it.

The index page (docs/methods/index.md) lists every method with its summary and counts. Both are
markers in Markdown that ``expand_markers`` replaces; words come from data/ui/library.yml and the
vocabulary, in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.publish.entries import Entry, by_title, entry
from kb.publish.items import Item
from kb.publish.templating import fragment
from kb.publish.uitext import UiText
from kb.sources.content import Lang, Site, SourcePage
from kb.sources.urls import page_path, relative
from kb.sources.vocabularies import Vocabulary

VOCABULARY = "methods"
FIELD = "methods"  # the front-matter field of case studies and resources
PAGE_DIR = "methods"
MARKERS = {"items": "<!-- kb:methods:items -->", "index": "<!-- kb:methods:index -->"}
# What a method page gathers, in this order.
GATHERED_TYPES = ("case-study", "resource")


def page_rel(method_id: str) -> str:
    """Where a method's page lives in each language tree: 'methods/<id>.md'."""
    return f"{PAGE_DIR}/{method_id}.md"


def pages_by_lang(site: Site) -> dict[str, frozenset[str]]:
    """Language -> the methods with a page in it (docs/methods/<id>.md naming its method), in one pass
    over the pages (a build keeps it: BuildModel.method_pages)."""
    out: dict[str, set[str]] = {}
    for page in site.pages:
        method = page.meta.get("method")
        if isinstance(method, str) and page.rel == page_rel(method):
            out.setdefault(page.lang, set()).add(method)
    return {lang: frozenset(ids) for lang, ids in out.items()}


def method_ids(item: Item) -> list[str]:
    facet = item.facets.get(FIELD)
    return [t.id for t in facet.terms] if facet else []


def using(items: list[Item], method_id: str, lang: Lang, from_path: str) -> dict[str, list[Entry]]:
    """Type -> entries (by title) of the items in ``lang`` that use the method."""
    out: dict[str, list[Entry]] = {t: [] for t in GATHERED_TYPES}
    for item in items:
        if item.type in out and method_id in method_ids(item):
            found = entry(item, lang, from_path)
            if found is not None:
                out[item.type].append(found)
    return {t: by_title(e) for t, e in out.items()}


def items_section(items: list[Item], method_id: str, lang: Lang, from_path: str, ui: UiText) -> str:
    """Markdown: a heading and a list per type that uses the method (headings go in the contents)."""
    parts: list[str] = []
    for type_name, entries in using(items, method_id, lang, from_path).items():
        if not entries:
            continue
        heading = ui(f"methods_{type_name}", lang)
        parts.append(f"## {heading} ({len(entries)}) {{#{type_name}}}\n\n" + fragment("item-list.html", entries=entries))
    if not parts:
        return fragment("note.html", text=ui("methods_none", lang))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class MethodSummary:
    id: str
    label: str
    href: str
    summary: str
    counts: list[str]


def index_section(
    site: Site, items: list[Item], vocab: Vocabulary, lang: Lang, from_path: str, ui: UiText
) -> str:
    """HTML: every method with a page, in the vocabulary's order, with the page's summary and counts."""
    methods: list[MethodSummary] = []
    for term in vocab.terms:
        rel = page_rel(term.id)
        page = site.get(lang, rel)
        if page is None or page.meta.get("method") != term.id:
            continue
        summary = page.meta.get("summary")
        gathered = using(items, term.id, lang, from_path)
        counts = [ui.counted(f"n_{t}", len(e), lang) for t, e in gathered.items() if e]
        href = relative(from_path, page_path(site, lang, rel))
        methods.append(MethodSummary(term.id, term.label(lang), href, str(summary or ""), counts))
    return fragment("methods-index.html", methods=methods)


def expand_markers(
    markdown: str, page: SourcePage, site: Site, items: list[Item], vocab: Vocabulary | None, ui: UiText
) -> str:
    """Replace the method markers present in ``markdown`` with their generated text."""
    lang = page.lang
    here = page_path(site, lang, page.rel)
    if MARKERS["items"] in markdown:
        method_id = page.meta.get("method")
        text = items_section(items, str(method_id), lang, here, ui) if isinstance(method_id, str) else ""
        markdown = markdown.replace(MARKERS["items"], "\n" + text + "\n")
    if MARKERS["index"] in markdown and vocab is not None:
        markdown = markdown.replace(MARKERS["index"], "\n" + index_section(site, items, vocab, lang, here, ui) + "\n")
    return markdown
