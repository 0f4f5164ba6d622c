"""What case studies add to the published pages: the facts panel, the filterable listing, the theme
and area indexes and the schematic map of Wales.

Plain functions from loaded sources to Markdown/HTML text; hooks/case_studies.py only decides
where the text goes. Every word shown comes from data/ui/case-studies.yml or a vocabulary label in
the page's language, so Welsh pages never show English. Links are relative to the page that shows
them, so the same code serves / and /cy/.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date

from kb.core.plaintext import markdown_text
from kb.publish.method_pages import pages_by_lang
from kb.publish.placeholders import PlaceholderPage
from kb.publish.templating import fragment
from kb.sources.content import CASE_STUDIES_URL_DIR, Site, SourcePage
from kb.sources.data import DataFiles
from kb.sources.vocabularies import Vocabulary

UI_FILE = Path("data") / "ui" / "case-studies.yml"
MAP_FILE = Path("data") / "wales-tile-map.yml"
LISTING_REL = f"{CASE_STUDIES_URL_DIR}/index.md"
WALES_WIDE = "wales-wide"
# Markers an editor puts in a page; the hook replaces each with generated text.
MARKERS = {
    "list": "<!-- kb:case-studies:list -->",
    "themes": "<!-- kb:case-studies:themes -->",
    "map": "<!-- kb:case-studies:map -->",
    "regions": "<!-- kb:case-studies:regions -->",
}
# Listing filters: query-string name, front-matter field, vocabulary.
FILTERS: tuple[tuple[str, str, str], ...] = (
    ("theme", "themes", "themes"),
    ("region", "regions", "regions"),
    ("sector", "sectors", "sectors"),
    ("method", "methods", "methods"),
    ("status", "status", "statuses"),
)
_BABEL_LOCALES = {"en": "en_GB", "cy": "cy"}


class UiText:
    """The case-study UI strings for every language; a missing one is an error, never English."""

    def __init__(self, strings: dict[str, dict[str, str]]) -> None:
        self.strings = strings

    def __call__(self, key: str, lang: str, **values: object) -> str:
        try:
            text = self.strings[lang][key]
        except KeyError:
            raise KeyError(f"{UI_FILE.as_posix()} has no '{key}' for language '{lang}'") from None
        return text.format(**values) if values else text

    def count(self, n: int, lang: str) -> str:
        return self("n_case_studies_one", lang) if n == 1 else self("n_case_studies", lang, n=n)


def ui_from_data(raw: Any) -> UiText:
    raw = raw if isinstance(raw, dict) else {}
    return UiText({lang: {str(k): str(v) for k, v in (raw.get(lang) or {}).items()} for lang in ("en", "cy")})


def load_ui(root: Path) -> UiText:
    return ui_from_data(DataFiles(root).yaml(UI_FILE.as_posix()))


@dataclass(frozen=True)
class TileMap:
    columns: int
    rows: int
    tiles: dict[str, tuple[int, int]]


def tile_map_from_data(raw: Any) -> TileMap:
    raw = raw if isinstance(raw, dict) else {}
    tiles = {str(k): (int(v[0]), int(v[1])) for k, v in (raw.get("tiles") or {}).items()}
    return TileMap(int(raw.get("columns", 1)), int(raw.get("rows", 1)), tiles)


@dataclass(frozen=True)
class Context:
    """Everything the renderers need, for one language."""

    lang: str
    vocabs: dict[str, Vocabulary]
    ui: UiText
    use_directory_urls: bool = True
    # Methods with a page in this language (docs/methods/<id>.md): their labels link to it.
    method_pages: frozenset[str] = frozenset()
    tile_map: TileMap = TileMap(1, 1, {})

    def label(self, vocab: str, term_id: str) -> str:
        return self.vocabs[vocab].term_label(term_id, self.lang) if vocab in self.vocabs else term_id

    def ui_text(self, key: str, **values: object) -> str:
        return self.ui(key, self.lang, **values)

    def count(self, n: int) -> str:
        return self.ui.count(n, self.lang)


def load_tile_map(root: Path) -> TileMap:
    return tile_map_from_data(DataFiles(root).yaml(MAP_FILE.as_posix()))


def context_for(
    site: Site, data: DataFiles, lang: str, use_directory_urls: bool = True, method_pages: frozenset[str] | None = None
) -> Context:
    """What the renderers need for pages in ``lang``, from the build's data files. ``method_pages``:
    the methods with a page in ``lang`` (BuildModel.method_pages; worked out here if not given)."""
    methods = method_pages if method_pages is not None else pages_by_lang(site).get(lang, frozenset())
    ui = ui_from_data(data.yaml(UI_FILE.as_posix()))
    tiles = tile_map_from_data(data.yaml(MAP_FILE.as_posix()))
    return Context(lang, data.vocabularies, ui, use_directory_urls, methods, tiles)


# --- URLs -----------------------------------------------------------------------------------


def page_url(rel: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL MkDocs gives a source at ``rel`` ('case-studies/themes.md' -> 'case-studies/themes/')."""
    stem = rel[: -len(".md")]
    head, name = posixpath.split(stem)
    if not use_directory_urls:
        return f"{stem}.html"
    if name == "index":
        return f"{head}/" if head else ""
    return f"{stem}/"


def relative_url(from_rel: str, to_rel: str, use_directory_urls: bool = True) -> str:
    """Link from the page at ``from_rel`` to the page at ``to_rel``, as a relative URL."""
    src = page_url(from_rel, use_directory_urls)
    dst = page_url(to_rel, use_directory_urls)
    src_dir = src if src.endswith("/") or not src else posixpath.dirname(src)
    dst_dir, dst_file = (dst, "") if dst.endswith("/") or not dst else posixpath.split(dst)
    rel = posixpath.relpath(dst_dir or ".", src_dir or ".")
    if dst_file:
        return dst_file if rel == "." else f"{rel}/{dst_file}"
    return "./" if rel == "." else f"{rel}/"


def listing_link(from_rel: str, ctx: Context, **query: str) -> str:
    base = relative_url(from_rel, LISTING_REL, ctx.use_directory_urls)
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else base


# --- Case studies as data ---------------------------------------------------------------------


def case_studies(site: Site, lang: str) -> list[SourcePage]:
    """The published case studies in one language, by title."""
    pages = [p for p in site.pages if p.lang == lang and p.kind == "case-study" and p.text is not None]
    return sorted(pages, key=lambda p: (str(p.meta.get("title", "")).casefold(), p.rel))


def _terms(page: SourcePage, field: str) -> list[str]:
    value = page.meta.get(field)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def counts_by(pages: Iterable[SourcePage], field: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for page in pages:
        for term in dict.fromkeys(_terms(page, field)):
            counts[term] = counts.get(term, 0) + 1
    return counts


@dataclass(frozen=True)
class Fact:
    """One value in the facts panel: text, a link, or a date (machine-readable in ``datetime``)."""

    text: str
    href: str | None = None
    datetime: str | None = None
    # The language of the text when it is not the page's: a case study still waiting for its
    # translation shows its own words (organisations, what changed) on the other language's page.
    lang: str | None = None


def _date(value: Any, lang: str) -> Fact:
    """A date shown in the page's language."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return Fact(str(value))
    return Fact(format_date(day, format="long", locale=_BABEL_LOCALES.get(lang, lang)), datetime=day.isoformat())


# --- Facts panel ----------------------------------------------------------------------------


def facts_panel(page: SourcePage, ctx: Context) -> str:
    """The panel of facts shown above a case study's story, in the page's language (templates/cs-facts.html)."""
    meta = page.meta

    def linked(field: str, vocab: str, param: str) -> list[Fact]:
        return [
            Fact(ctx.label(vocab, term), listing_link(page.rel, ctx, **{param: term}))
            for term in _terms(page, field)
        ]

    def method_pages(field: str) -> list[Fact]:
        # A method's label links to its page (docs/methods/<id>.md) when it has one.
        return [
            Fact(ctx.label("methods", term), relative_url(page.rel, f"methods/{term}.md", ctx.use_directory_urls))
            if term in ctx.method_pages
            else Fact(ctx.label("methods", term))
            for term in _terms(page, field)
        ]

    def plain(field: str, vocab: str) -> list[Fact]:
        return [Fact(ctx.label(vocab, term)) for term in _terms(page, field)]

    # Words the contributor wrote are in the file's language; on the other language's page (its
    # translation pending) they are marked as such, so screen readers pronounce them rightly.
    own = page.original if isinstance(page, PlaceholderPage) and page.original is not None else page
    words_lang = own.lang if own.lang != ctx.lang else None

    def text(key: str) -> list[Fact]:
        return [Fact(str(meta[key]), lang=words_lang)] if meta.get(key) else []

    organisations = [Fact(str(o), lang=words_lang) for o in meta.get("organisations") or [] if isinstance(o, str)]
    candidates: list[tuple[str, list[Fact]]] = [
        ("organisations", organisations),
        ("regions", linked("regions", "regions", "region")),
        ("sectors", linked("sectors", "sectors", "sector")),
        ("themes", linked("themes", "themes", "theme")),
        ("methods", method_pages("methods")),
        ("values", plain("values", "values")),
        ("legislation", plain("legislation", "legislation")),
        ("involved", plain("involved", "roles")),
        ("start_year", [Fact(str(meta["start_year"]))] if "start_year" in meta else []),
        ("status", linked("status", "statuses", "status")),
        ("what_changed", text("what_changed")),
        ("what_learned", text("what_learned")),
    ]
    contact = meta.get("contact")
    if isinstance(contact, str) and contact.startswith("https://"):
        candidates.append(("contact", [Fact(contact, contact)]))
    candidates += [
        ("licence", plain("licence", "licences")),
        ("submitted", [_date(meta["submitted"], ctx.lang)] if meta.get("submitted") else []),
        ("updated", [_date(meta["updated"], ctx.lang)] if meta.get("updated") else []),
    ]
    rows = [{"label": ctx.ui_text(key), "items": items} for key, items in candidates if items]
    return fragment("cs-facts.html", heading=ctx.ui_text("facts_heading"), rows=rows, lang=ctx.lang)


def insert_facts(markdown: str, panel: str, pending: bool = False) -> str:
    """Put the panel after the story's level-1 heading if it opens with one, else at the top.

    Material writes the page title as the h1 itself when the content has none, so either way
    the panel comes right after the title and before the story. ``pending``: the page shows the
    other language's original under a "not yet translated" banner (templates/placeholder.md);
    the panel goes after the original's title, below the banner, as on a translated page.
    """
    lines = markdown.split("\n")
    block = ["", panel, ""]
    if pending:
        heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        if heading is not None:
            return "\n".join(lines[: heading + 1] + block + lines[heading + 1 :])
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("# "):
        return "\n".join(lines[: first + 1] + block + lines[first + 1 :])
    return "\n".join(block + lines)


# --- Listing with filters ---------------------------------------------------------------------


# The facts each card lists: label key, front-matter field, vocabulary.
CARD_FACTS = (
    ("regions", "regions", "regions"),
    ("themes", "themes", "themes"),
    ("sectors", "sectors", "sectors"),
    ("status", "status", "statuses"),
)


def _card(page: SourcePage, from_rel: str, ctx: Context) -> dict[str, Any]:
    return {
        "data": [(param, " ".join(_terms(page, field))) for param, field, _ in FILTERS],
        "href": relative_url(from_rel, page.rel, ctx.use_directory_urls),
        "title": str(page.meta.get("title", page.page_id or "")),
        "summary": str(page.meta.get("summary", "")),
        "facts": [
            (ctx.ui_text(key), ", ".join(ctx.label(vocab, t) for t in _terms(page, field)))
            for key, field, vocab in CARD_FACTS
            if _terms(page, field)
        ],
    }


def _select(param: str, vocab: str, field: str, pages: list[SourcePage], ctx: Context) -> dict[str, Any]:
    counts = counts_by(pages, field)
    terms = ctx.vocabs[vocab].terms if vocab in ctx.vocabs else ()
    return {
        "param": param,
        "label": ctx.ui_text("filter_" + param),
        "any": ctx.ui_text("any_" + param),
        "options": [{"id": t.id, "label": t.label(ctx.lang), "count": counts.get(t.id, 0)} for t in terms],
    }


def listing(site: Site, from_rel: str, ctx: Context) -> str:
    """Cards for every case study with filter controls (templates/cs-listing.html)."""
    pages = case_studies(site, ctx.lang)
    if not pages:
        return fragment("cs-empty.html", text=ctx.ui_text("empty"))
    total = len(pages)
    keys = ("count", "count_total_one", "filters_heading", "clear", "no_script", "no_match", "download")
    return fragment(
        "cs-listing.html",
        ui={key: ctx.ui_text(key) for key in keys},
        selects=[_select(param, vocab, field, pages, ctx) for param, field, vocab in FILTERS],
        count=ctx.ui_text("count_total_one" if total == 1 else "count", shown=total, total=total),
        cards=[_card(p, from_rel, ctx) for p in pages],
    )


# --- Index pages by theme and by area ---------------------------------------------------------


def _grouped(
    site: Site, from_rel: str, ctx: Context, field: str, vocab: str, param: str, skip: Iterable[str] = ()
) -> str:
    """A level-2 heading per term with at least one case study, its count, link and list."""
    pages = case_studies(site, ctx.lang)
    terms = ctx.vocabs[vocab].terms if vocab in ctx.vocabs else ()
    parts: list[str] = []
    for term in terms:
        if term.id in skip:
            continue
        members = [p for p in pages if term.id in _terms(p, field)]
        if not members:
            continue
        count = fragment(
            "cs-index-group.html",
            count=ctx.count(len(members)),
            link=listing_link(from_rel, ctx, **{param: term.id}),
            show=ctx.ui_text("show_filtered_" + param),
        )
        listed = [
            {"href": relative_url(from_rel, p.rel, ctx.use_directory_urls), "title": str(p.meta.get("title", p.page_id))}
            for p in members
        ]
        # The heading is Markdown (so it is in the page's contents); the rest is HTML.
        heading = f"## {markdown_text(term.label(ctx.lang))} {{#{param}-{term.id}}}"
        parts.append(f"{heading}\n\n{count}\n\n{fragment('cs-index-list.html', pages=listed)}\n")
    if not parts:
        return fragment("cs-empty.html", text=ctx.ui_text("empty"))
    return "\n".join(parts)


def themes_index(site: Site, from_rel: str, ctx: Context) -> str:
    return _grouped(site, from_rel, ctx, "themes", "themes", "theme")


def regions_index(site: Site, from_rel: str, ctx: Context) -> str:
    return _grouped(site, from_rel, ctx, "regions", "regions", "region")


def _wrap(label: str, width: int = 13) -> list[str]:
    """Split an area name over at most two lines so it fits its tile."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines if len(lines) <= 2 else [lines[0], " ".join(lines[1:])]


TILE_W, TILE_H, GAP = 118, 66, 6


def _tile_class(n: int) -> str:
    return "kb-map-tile--" + ("0" if n == 0 else "1" if n == 1 else "2" if n <= 3 else "3")


def wales_map(site: Site, from_rel: str, ctx: Context) -> str:
    """A schematic tile map of the 22 principal areas with their counts, plus the same as a table."""
    tile_map = ctx.tile_map
    counts = counts_by(case_studies(site, ctx.lang), "regions")
    regions = ctx.vocabs.get("regions")
    terms = list(regions.terms) if regions else []
    tiles: list[dict[str, Any]] = []
    for term in terms:
        if term.id not in tile_map.tiles:
            continue
        col, row = tile_map.tiles[term.id]
        x, y = GAP + col * (TILE_W + GAP), GAP + row * (TILE_H + GAP)
        n = counts.get(term.id, 0)
        label = term.label(ctx.lang)
        tiles.append({
            "id": term.id, "count": n, "css": _tile_class(n), "href": listing_link(from_rel, ctx, region=term.id),
            "name": ctx.ui_text("map_tile_label", area=label, n=ctx.count(n)),
            "x": x, "y": y, "w": TILE_W, "h": TILE_H, "cx": f"{x + TILE_W / 2:g}", "count_y": y + TILE_H - 10,
            "lines": [{"y": y + 18 + i * 15, "text": line} for i, line in enumerate(_wrap(label))],
        })
    title = ctx.ui_text("map_title")
    svg = fragment(
        "cs-map.html",
        title=title,
        note=f"{ctx.ui_text('map_note')} {ctx.ui_text('wales_wide_note')}",
        narrow=ctx.ui_text("map_narrow"),
        width=tile_map.columns * (TILE_W + GAP) + GAP,
        height=tile_map.rows * (TILE_H + GAP) + GAP,
        tiles=tiles,
    )
    table = fragment(
        "cs-map-table.html",
        caption=ctx.ui_text("table_caption"),
        area=ctx.ui_text("table_area"),
        count=ctx.ui_text("table_count"),
        rows=[
            {"href": listing_link(from_rel, ctx, region=t.id), "label": t.label(ctx.lang), "count": counts.get(t.id, 0)}
            for t in terms
        ],
    )
    return f"{svg}\n\n{table}"


def expand_markers(markdown: str, site: Site, from_rel: str, ctx: Context) -> str:
    """Replace each marker present in ``markdown`` with its generated text."""
    makers = {"list": listing, "themes": themes_index, "map": wales_map, "regions": regions_index}
    for name, marker in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, "\n" + makers[name](site, from_rel, ctx) + "\n")
    return markdown
