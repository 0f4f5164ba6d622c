"""Resource pages: the facts panel above each resource's description, and the filterable list.

A resource is something that lives elsewhere (a report, guidance, an Act, a dataset, a website):
its page here says what it is and why it is useful, in our words, and links to it. Every word
shown comes from data/ui/library.yml or a vocabulary label in the page's language, so a Welsh page
never shows English, except a resource's own title when it exists only in English (marked so).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kb.publish.currency import as_date, shown
from kb.publish.entries import Entry, entry
from kb.publish.items import Item
from kb.publish.method_pages import pages_by_lang
from kb.publish.templating import fragment
from kb.publish.uitext import UiText
from kb.sources.content import Lang, Site
from kb.sources.urls import relative, with_lang

TYPE = "resource"
LIST_DIR = "resources"
MARKERS = {"list": "<!-- kb:resources:list -->"}
DOWNLOAD_NAME = "resources.csv"  # beside the list page (kb.publish.downloads)
# The list's filters: query-string name, front-matter field. Labels link to the list with these.
FILTERS: tuple[tuple[str, str], ...] = (
    ("kind", "kind"),
    ("theme", "themes"),
    ("legislation", "legislation"),
    ("method", "methods"),
    ("publisher", "publisher"),
    ("sector", "sectors"),
    ("region", "regions"),
    ("language", "languages"),
)
PARAM_OF = {field: param for param, field in FILTERS}


def list_path(lang: str) -> str:
    """Where the list of resources is published: 'resources/', 'cy/resources/'."""
    return with_lang(lang, f"{LIST_DIR}/")


def availability(languages: list[str]) -> str | None:
    """The UI key of the badge for a resource in one language only ('only_en'), else None."""
    return f"only_{languages[0]}" if len(languages) == 1 else None


@dataclass(frozen=True)
class Link:
    label: str
    href: str | None = None  # None: shown as plain text


@dataclass(frozen=True)
class Row:
    key: str  # front-matter field or fact name, for the CSS class
    label: str
    values: list[Link]


@dataclass
class ResourceView:
    """One resource in one language, ready for the templates."""

    entry: Entry
    item: Item
    lang: Lang
    year: int | None
    url: str | None
    badge: str | None  # UI key: 'only_en' for a resource published in English only
    title_lang: str | None  # the title's language when it is not the page's (an English-only title)
    terms: dict[str, list[str]] = field(default_factory=dict)  # filter param -> term ids
    rows: list[Row] = field(default_factory=list)

    def facts_line(self) -> str:
        """'Report · Audit Wales · 2020' for the list's card."""
        parts = [r.values[0].label for r in self.rows if r.key == "kind"]
        parts += [", ".join(v.label for v in r.values) for r in self.rows if r.key == "publisher"]
        if self.year:
            parts.append(str(self.year))
        return " · ".join(parts)


def _field_terms(item: Item, name: str) -> list[str]:
    facet = item.facets.get(name)
    return [t.id for t in facet.terms] if facet else []


def view(
    item: Item,
    lang: Lang,
    from_path: str,
    ui: UiText,
    method_pages: frozenset[str] = frozenset(),
    has_list: bool = True,
) -> ResourceView | None:
    """The resource as seen from the page at ``from_path`` (its own page or the list); its labels
    link to the filtered list when there is a list page (``has_list``)."""
    found = entry(item, lang, from_path)
    page = item.pages.get(lang)
    if found is None or page is None:
        return None
    meta: dict[str, Any] = page.meta
    year = meta.get("year") if isinstance(meta.get("year"), int) else None
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    languages = _field_terms(item, "languages")
    listing = relative(from_path, list_path(lang))

    def filtered(field_name: str) -> list[Link]:
        facet = item.facets.get(field_name)
        param = PARAM_OF.get(field_name) if has_list else None
        if facet is None:
            return []
        return [Link(t.label(lang), f"{listing}?{param}={t.id}" if param else None) for t in facet.terms]

    def methods() -> list[Link]:
        facet = item.facets.get("methods")
        return [
            Link(t.label(lang), relative(from_path, with_lang(lang, f"methods/{t.id}/")))
            if t.id in method_pages
            else Link(t.label(lang))
            for t in (facet.terms if facet else ())
        ]

    def plain(field_name: str) -> list[Link]:
        facet = item.facets.get(field_name)
        return [Link(t.label(lang)) for t in facet.terms] if facet else []

    rows = [
        Row("kind", ui("fact_kind", lang), filtered("kind")),
        Row("publisher", ui("fact_publisher" if len(_field_terms(item, "publisher")) == 1 else "fact_publishers", lang), filtered("publisher")),
        Row("year", ui("fact_year", lang), [Link(str(year))] if year else []),
        Row("languages", ui("fact_languages", lang), filtered("languages")),
        Row("licence", ui("fact_licence", lang), plain("licence")),
        Row("themes", ui("fact_themes", lang), filtered("themes")),
        Row("methods", ui("fact_methods", lang), methods()),
        Row("legislation", ui("fact_legislation", lang), filtered("legislation")),
        Row("sectors", ui("fact_sectors", lang), filtered("sectors")),
        Row("regions", ui("fact_regions", lang), filtered("regions")),
    ]
    terms = {param: _field_terms(item, name) for param, name in FILTERS}
    title_lang = languages[0] if len(languages) == 1 and languages[0] != lang else None
    rows = [r for r in rows if r.values]
    return ResourceView(found, item, lang, year, url, availability(languages), title_lang, terms, rows)


def method_pages_in(site: Site, lang: Lang) -> frozenset[str]:
    """Methods with a page in ``lang`` (a build has them once: BuildModel.method_pages)."""
    return pages_by_lang(site).get(lang, frozenset())


def facts_panel(
    item: Item, lang: Lang, site: Site, ui: UiText, method_pages: frozenset[str] | None = None
) -> str:
    """The 'At a glance' panel of a resource's own page, with the link to the resource itself.
    ``method_pages``: the methods with a page in ``lang`` (worked out here if not given)."""
    here = item.url_path(lang)
    has_list = site.get(lang, f"{LIST_DIR}/index.md") is not None
    methods = method_pages if method_pages is not None else method_pages_in(site, lang)
    found = view(item, lang, here, ui, methods, has_list)
    if found is None:
        return ""
    page = item.pages[lang]
    reviewed, due = as_date(page.meta.get("reviewed")), as_date(page.meta.get("review_by"))
    return fragment(
        "resource-facts.html",
        r=found,
        ui=ui.for_lang(lang),
        reviewed=shown(reviewed, lang) if reviewed else None,
        due=shown(due, lang) if due else None,
    )


@dataclass(frozen=True)
class FilterOption:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Filter:
    param: str
    label: str
    any_label: str
    options: list[FilterOption]


def _filters(views: list[ResourceView], items: list[Item], lang: Lang, ui: UiText) -> list[Filter]:
    out: list[Filter] = []
    for param, field_name in FILTERS:
        counts: dict[str, int] = {}
        labels: dict[str, str] = {}
        for v in views:
            facet = v.item.facets.get(field_name)
            for term in facet.terms if facet else ():
                counts[term.id] = counts.get(term.id, 0) + 1
                labels[term.id] = term.label(lang)
        # Only terms some resource has, in label order: an option that always gives nothing helps nobody.
        options = sorted((FilterOption(t, labels[t], n) for t, n in counts.items()), key=lambda o: o.label.casefold())
        if options:
            out.append(Filter(param, ui(f"filter_{param}", lang), ui(f"any_{param}", lang), options))
    return out


def listing(
    site: Site, items: list[Item], lang: Lang, ui: UiText, method_pages: frozenset[str] | None = None
) -> str:
    """The filterable list of resources in ``lang``, complete in the HTML (assets/case-studies.js filters it)."""
    here = list_path(lang)
    methods = method_pages if method_pages is not None else method_pages_in(site, lang)
    views = [v for v in (view(i, lang, here, ui, methods) for i in items if i.type == TYPE) if v is not None]
    views.sort(key=lambda v: (v.entry.title.casefold(), v.entry.id))
    if not views:
        return fragment("note.html", text=ui("resources_none", lang))
    total = len(views)
    return fragment(
        "resource-listing.html",
        views=views,
        filters=_filters(views, items, lang, ui),
        ui=ui.for_lang(lang),
        facets=" ".join(param for param, _ in FILTERS),
        download=DOWNLOAD_NAME,
        count=ui("resources_count", lang, shown=total, total=total) if total != 1 else ui("resources_count_one", lang, shown=1),
    )


def by_source(items: list[Item]) -> dict[str, Item]:
    """Bibliography key -> the resource describing it (a build has it once: BuildModel.resources_by_source)."""
    out: dict[str, Item] = {}
    for item in items:
        page = next(iter(item.pages.values()), None) if item.type == TYPE else None
        key = page.meta.get("source") if page is not None else None
        if isinstance(key, str):
            out.setdefault(key, item)
    return out


class SourceLinks(Mapping[str, str]):
    """Bibliography key -> link from the page at ``from_path`` to the resource page describing it,
    worked out only for the keys a reference list asks about (never a link from a page to itself)."""

    def __init__(self, resources: Mapping[str, Item], lang: Lang, from_path: str) -> None:
        self._resources, self._lang, self._from = resources, lang, from_path

    def _target(self, key: str) -> str | None:
        item = self._resources.get(key)
        if item is None or self._lang not in item.pages or item.url_path(self._lang) == self._from:
            return None
        return item.url_path(self._lang)

    def __getitem__(self, key: str) -> str:
        target = self._target(key)
        if target is None:
            raise KeyError(key)
        return relative(self._from, target)

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._resources if self._target(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def source_links(items: list[Item] | Mapping[str, Item], lang: Lang, from_path: str) -> Mapping[str, str]:
    """Bibliography key -> link to the resource page describing it, for a page's reference list."""
    resources = by_source(items) if isinstance(items, list) else items
    return SourceLinks(resources, lang, from_path)
