"""Guides and case studies as publishable items, both language versions together.

The feeds, the JSON API and the embed cards all describe the same items; this is the one place
that decides an item's title, summary, dates and facets, so the three never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kb.sources.content import LANGS, Lang, Site, SourcePage
from kb.sources.urls import ITEM_TYPES, content_type, neutral_path, with_lang
from kb.sources.vocabularies import Term, Vocabulary

# Facets that make useful feed categories (a licence or a status would not).
TAG_FACETS = ("themes", "sectors", "regions")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SiteInfo:
    """What the generators need to know about the published site, per language."""

    url: str  # absolute, ends with '/'
    names: dict[str, str]
    descriptions: dict[str, str]

    def name(self, lang: str) -> str:
        # No fallback to English: the hook makes sure every language has its own.
        return self.names[lang]

    def description(self, lang: str) -> str:
        return self.descriptions[lang]


# A facet's term is a vocabulary term: the same id and labels.
FacetTerm = Term


@dataclass(frozen=True)
class Facet:
    """One front-matter field's vocabulary terms, with the vocabulary's own labels."""

    vocabulary: str
    en: str
    cy: str
    terms: tuple[FacetTerm, ...]


@dataclass
class Item:
    id: str
    type: str  # 'guide' or 'case-study'
    path: str  # language-neutral: 'guides/x/'
    pages: dict[Lang, SourcePage]
    # Front-matter field -> its terms, in the order the content lists them.
    facets: dict[str, Facet] = field(default_factory=dict)
    # 'Guide' / 'Canllaw', from data/vocabularies/content-types.yml.
    type_labels: dict[str, str] = field(default_factory=dict)

    def type_label(self, lang: str) -> str:
        return self.type_labels.get(lang, self.type)

    def tags(self, lang: str) -> list[str]:
        """The item's type, themes, sectors and areas in one language, without repeats (feed tags)."""
        facets = [self.facets[f] for f in TAG_FACETS if f in self.facets]
        tags = [self.type_label(lang)] + [t.label(lang) for facet in facets for t in facet.terms]
        return list(dict.fromkeys(tags))

    def langs(self) -> list[Lang]:
        return [lang for lang in LANGS if lang in self.pages]

    def url_path(self, lang: str) -> str:
        return with_lang(lang, self.path)

    def title(self, lang: Lang) -> str | None:
        page = self.pages.get(lang)
        if page is None:
            return None
        value = page.meta.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        heading = _H1.search(page.body)
        return heading.group(1) if heading else self.id

    def summary(self, lang: Lang) -> str | None:
        page = self.pages.get(lang)
        if page is None:
            return None
        value = page.meta.get("summary")
        return " ".join(value.split()) if isinstance(value, str) else ""

    def updated(self, lang: Lang) -> str | None:
        page = self.pages.get(lang)
        value = page.meta.get("updated") if page else None
        return str(value) if value else None

    def latest_update(self) -> str | None:
        dates = [d for d in (self.updated(lang) for lang in LANGS) if d]
        return max(dates) if dates else None

    def created(self) -> str | None:
        """When the item first appeared: a guide's 'created', a case study's 'submitted'."""
        for lang in LANGS:
            page = self.pages.get(lang)
            for key in ("created", "submitted"):
                value = page.meta.get(key) if page else None
                if value:
                    return str(value)
        return None

    def translation_pending(self) -> dict[str, str]:
        """Language -> date its translation was requested, for versions that do not exist yet."""
        out: dict[str, str] = {}
        for page in self.pages.values():
            pending = page.meta.get("translation", {})
            if isinstance(pending, dict) and pending.get("pending"):
                for lang in LANGS:
                    if lang not in self.pages:
                        out[lang] = str(pending["pending"])
        return out


def _facets(page: SourcePage, fields: dict[str, str], vocabs: dict[str, Vocabulary]) -> dict[str, Facet]:
    facets: dict[str, Facet] = {}
    for name, vocab_name in fields.items():
        raw: Any = page.meta.get(name)
        values = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) else []
        vocab = vocabs.get(vocab_name)
        terms: list[FacetTerm] = []
        for value in values:
            term = vocab.get(str(value)) if vocab else None
            # Unknown ids are the vocabulary check's business; publishing never invents a label.
            if term is not None:
                terms.append(FacetTerm(term.id, term.en, term.cy))
        if terms and vocab:
            facets[name] = Facet(vocab_name, vocab.label_en, vocab.label_cy, tuple(terms))
    return facets


def load_items(site: Site, vocabs: dict[str, Vocabulary], fields: dict[str, dict[str, str]]) -> list[Item]:
    """Every guide and case study, sorted by type then id (a stable order for diffs).

    ``fields``: content type -> {front-matter field: vocabulary} (kb.sources.data.DataFiles.facet_fields).
    """
    by_rel: dict[str, dict[Lang, SourcePage]] = {}
    for page in site.pages:
        if content_type(page) in ITEM_TYPES and page.text is not None:
            by_rel.setdefault(page.rel, {})[page.lang] = page
    items: list[Item] = []
    for rel, pages in by_rel.items():
        first = pages.get("en") or next(iter(pages.values()))
        type_name = content_type(first)
        item_id = next((p.page_id for p in pages.values() if p.page_id), None)
        if item_id is None:
            continue  # no id, no stable URL: the front-matter checks report it
        type_term = vocabs["content-types"].get(type_name) if "content-types" in vocabs else None
        labels = {"en": type_term.en, "cy": type_term.cy} if type_term else {}
        facets = _facets(first, fields[type_name], vocabs)
        items.append(Item(item_id, type_name, neutral_path(site, rel), pages, facets, labels))
    return sorted(items, key=lambda i: (ITEM_TYPES.index(i.type), i.id))
