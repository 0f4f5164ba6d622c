"""The search index: which built pages Pagefind reads, what it reads in them, and the facets.

Plain Python (no MkDocs): hooks/search.py calls :func:`index_site` once every language is built.

Pagefind makes one index per language from ``<html lang>``, but it does not know that Welsh
``nghymuned`` and ``cymuned`` are one word. So each Welsh page is indexed with the radicals of its
mutated words added as a hidden, low-weight block (:func:`extra_terms`), and the search box
(overrides/assets/kb-search/) looks a typed word up by its radicals too. The published HTML
is not changed: the block is added only to the copy handed to Pagefind.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from kb.built.mutations import Mutations, lexicon, load

# Facets: Pagefind filter key -> (front-matter field, vocabulary). Keys are stable ids the search
# box reads; the values are term labels in the page's language.
FACETS: dict[str, tuple[str, str]] = {
    "type": ("type", "content-types"),
    "kind": ("kind", "resource-kinds"),  # resources only: report, guidance, toolkit...
    "theme": ("themes", "themes"),
    "method": ("methods", "methods"),
    "region": ("regions", "regions"),
    "sector": ("sectors", "sectors"),
}
# Weight of the hidden radicals: found, but below any word actually written on the page.
EXTRA_WEIGHT = "0.1"
# Weight of a glossary term (a table cell on a page marked "terms") unless data/search/ranking.yml says.
TERM_WEIGHT = 4.0
# The meta key telling the search box how many trailing words of a result are the hidden block.
EXTRA_META = "kbextra"
# Material wraps each page's own content in this element; menus, header and footer stay out.
BODY_CLASS = "md-content__inner"
# Inside it, left out: permalink signs, the edit button, the embed-code box (the same on every page).
# Only ".class" and "[attribute]" selectors: _BodyFinder applies the same list.
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".kb-embed", "[data-pagefind-ignore]", "[data-kb-search-ignore]"]
SKIPPED_FILES = {"404.html"}
# A hidden Pagefind filter: "content" on guides, case studies and every other content type; absent on
# listing pages. The search box runs content first, then the rest ({"none": ["content"]}).
TIER_FILTER = "kbtier"
CONTENT_TIER = "content"
# <meta name="kb-search-index" content="exclude|terms"> in a page's head (kb-head-search.html).
INDEX_META = "kb-search-index"
_INDEX_MARK = re.compile(r'<meta\s+name="' + INDEX_META + r'"\s+content="(\w+)"', re.IGNORECASE)
_DT_END = re.compile(r"</dt>", re.IGNORECASE)
_DD_BEFORE_DT = re.compile(r"</dd>\s*(?=<dt\b)", re.IGNORECASE)
_TD_OPEN = re.compile(r"<td\b", re.IGNORECASE)
# An acronym defined in the text: capitalised words, then the acronym in brackets, maybe with a plural
# ending: 'Public Services Boards (PSBs)', 'Byrddau Gwasanaethau Cyhoeddus (BGCau)'.
_ACRONYM = re.compile(r"((?:[^\W\d_][\w'’-]*\s+){2,8})\(([A-ZÀ-ÝŴŶ]{2,8})(?:s|au|iau)?\)")
# _ACRONYM tried at every word of a page backtracks through eight words each time (~1.5 ms a page);
# it is tried instead only just before each "(ACRONYM)", from the last character no run of words can
# hold (see _acronym_matches): the same matches, found in time linear in the page.
_ACRONYM_TAIL = re.compile(r"\([A-ZÀ-ÝŴŶ]{2,8}(?:s|au|iau)?\)")
_RUN_CHAR = re.compile(r"[\w'’\s-]")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# The Pagefind meta field holding the acronyms a page is the home of (weighted in ranking.yml).
ACRONYM_META = "aka"
_BODY_OPEN = re.compile(r"<body\b", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_]+")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z-]+)", re.IGNORECASE)
# Where the content article may start. Material puts the whole navigation (one link per page of the
# site) before it, so parsing from the top made each page cost O(site size): the build O(pages²).
_ARTICLE_OPEN = re.compile(r"<article\b[^>]*\b" + re.escape(BODY_CLASS) + r"\b", re.IGNORECASE)


# -- ranking: which pages, how they rank (data/search/ranking.yml) ---------------------------
@dataclass(frozen=True)
class Ranking:
    listing_types: frozenset[str]
    maintainers_pages: frozenset[str]
    term_pages: frozenset[str]
    term_weight: float
    meta_weights: dict[str, float]
    next_steps: dict[str, str] = field(default_factory=dict)  # string key -> source path of a page
    pagefind: dict[str, float] = field(default_factory=dict)  # Pagefind's other ranking options

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Ranking:
        return cls(
            frozenset(data.get("listing_types") or ()),
            frozenset(data.get("maintainers_pages") or ()),
            frozenset(data.get("term_pages") or ()),
            float(data.get("term_weight", 1)),
            {str(k): float(v) for k, v in (data.get("meta_weights") or {}).items()},
            {str(k): str(v) for k, v in (data.get("next_steps") or {}).items()},
            {str(k): float(v) for k, v in (data.get("pagefind") or {}).items()},
        )

    def for_browser(self) -> dict[str, Any]:
        """Pagefind's ``ranking`` option for the search box (createInstance)."""
        return {**self.pagefind, "metaWeights": self.meta_weights}


def page_marks(meta: Mapping[str, Any], ranking: Ranking) -> dict[str, str]:
    """What a page's <head> tells the indexer, from its front matter: its tier and index mark."""
    page_id, page_type = str(meta.get("id") or ""), str(meta.get("type") or "")
    marks = {"tier": CONTENT_TIER if page_type and page_type not in ranking.listing_types else ""}
    if page_id in ranking.maintainers_pages:
        marks["index"] = "exclude"
    elif page_id in ranking.term_pages:
        marks["index"] = "terms"
    summary = meta.get("summary")
    if isinstance(summary, str) and summary.strip():
        marks["summary"] = " ".join(summary.split())
    return marks


# -- Welsh: the extra terms -----------------------------------------------------------------
def words(text: str) -> list[str]:
    """Words as Pagefind splits them (letters only; apostrophes and hyphens separate)."""
    return _WORD.findall(text)


def extra_terms(
    text: str, rules: Mutations | None = None, known: Callable[[str], bool] | None = None
) -> list[str]:
    """The radicals of the mutated words in ``text`` that the text does not already contain.

    'Mae'r gymuned yng Nghymru' -> ['cymuned', 'cymru'] (lower case, first-seen order). With
    ``known`` (the site's Welsh vocabulary) only radicals the knowledge base uses are added.
    """
    rules = rules or load()
    # Each distinct word once (first-seen order); rules.radicals caches across pages too.
    distinct = dict.fromkeys(w.lower() for w in words(text))
    extra: dict[str, None] = {}
    for low in distinct:
        for radical in rules.radicals(low, known):
            if radical != low and radical not in distinct:
                extra[radical] = None
    return list(extra)


def _acronym_matches(text: str) -> list[re.Match[str]]:
    """What ``_ACRONYM.finditer(text)`` finds. A match is a run of words and spaces and its "(...)";
    none can start before the last character that is neither, ahead of its "(", so the full pattern
    is tried from there only, for each "(ACRONYM)" in the text."""
    if "(" not in text:
        return []
    found: list[re.Match[str]] = []
    done = 0  # finditer's matches do not overlap: the next one starts after the last one's end
    is_run_char = _RUN_CHAR.match
    for tail in _ACRONYM_TAIL.finditer(text):
        start = tail.start()
        while start > done and is_run_char(text, start - 1):
            start -= 1
        match = _ACRONYM.search(text, start, tail.end())
        if match is not None:
            found.append(match)
            done = match.end()
    return found


def defined_acronyms(text: str, title: str) -> list[str]:
    """Acronyms ``text`` defines whose long form is in the page's ``title``: this page is their home.

    'Public Services Boards (PSBs) bring…' on 'Public Services Boards and their well-being plans'
    -> ['PSB']. The acronym's letters must be the initials of the words just before it (small words
    such as 'and', 'of', 'a' may be skipped), so '(2015)' or '(see below)' never count.
    """
    folded_title = " ".join(words(title)).lower()
    found: dict[str, None] = {}
    for match in _acronym_matches(text):
        before, acronym = words(match.group(1)), match.group(2)
        for start in range(len(before)):
            long_form = before[start:]
            capitals = [w for w in long_form if w[:1].isupper()]
            if "".join(w[0] for w in capitals).upper() == acronym and long_form[0][:1].isupper():
                if " ".join(long_form).lower() in folded_title:
                    found[acronym] = None
                break
    return list(found)


# -- the built HTML -------------------------------------------------------------------------
class _BodyEnd(Exception):
    """Raised by _BodyFinder at the article's closing tag: nothing after it needs parsing."""


class _BodyFinder(HTMLParser):
    """Finds Material's content <article> (its start and end offsets) and its visible text."""

    _SKIP_TAGS = {"script", "style", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.start: tuple[int, int] | None = None  # (line, col) of the opening tag
        self.start_tag = ""
        self.end: tuple[int, int] | None = None  # (line, col) of the closing tag
        self.text: list[str] = []
        self._depth = 0  # <article> nesting inside the body
        self._skip: list[str] = []  # open elements whose text is not indexed
        self._foreign: list[str] = []  # open elements marked as another language (lang="en")
        self.own_text: list[str] = []  # text in the page's own language (what gets radicals)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.end is not None:
            return
        if self.start is None:
            if tag == "article" and BODY_CLASS in (a.get("class") or "").split():
                self.start = self.getpos()
                self.start_tag = self.get_starttag_text() or ""
                self._depth = 1
            return
        if tag == "article":
            self._depth += 1
        if (self._skip or tag in self._SKIP_TAGS or _excluded(a)) and tag not in _VOID:
            self._skip.append(tag)
        elif tag not in _VOID and (self._foreign or (a.get("lang") and not (a.get("lang") or "").startswith("cy"))):
            self._foreign.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.start is None or self.end is not None:
            return
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
            return
        if self._foreign and self._foreign[-1] == tag:
            self._foreign.pop()
        if tag == "article":
            self._depth -= 1
            if self._depth == 0:
                self.end = self.getpos()
                raise _BodyEnd  # stop here: the footer and scripts are not read

    def handle_data(self, data: str) -> None:
        if self.start is not None and self.end is None and not self._skip:
            self.text.append(data)
            if not self._foreign:
                self.own_text.append(data)


_EXCLUDED_CLASSES = frozenset(s[1:] for s in EXCLUDE_SELECTORS if s.startswith("."))
_EXCLUDED_ATTRS = tuple(s[1:-1] for s in EXCLUDE_SELECTORS if s.startswith("["))


def _excluded(attrs: dict[str, str | None]) -> bool:
    classes = attrs.get("class")
    if classes and not _EXCLUDED_CLASSES.isdisjoint(classes.split()):
        return True
    return any(name in attrs for name in _EXCLUDED_ATTRS)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _offset(source: str, pos: tuple[int, int], start: int = 0) -> int:
    """The index in ``source`` of HTMLParser's (line, col) ``pos``, counted from index ``start``."""
    line, col = pos
    index = start
    for _ in range(line - 1):
        index = source.index("\n", index) + 1
    return index + col


@dataclass
class _Body:
    """What the page's content article gives the index (the same fields _BodyFinder collects)."""

    start_tag: str
    text: list[str]  # its visible text (what the acronyms are looked for in)
    own_text: list[str]  # without passages marked as another language (what gets Welsh radicals)


# The article's boundaries: its own <article> and </article> tags, counted for nesting; comments and
# the insides of raw-text elements are passed over whole, as a parser would.
_ARTICLE_TOKENS = re.compile(
    r"<!--.*?-->|<(script|style|textarea|title|template)\b[^>]*>.*?</\1\s*>|<(/?)article\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_NOT_TEXT = "script, style, template, svg, " + ", ".join(EXCLUDE_SELECTORS)
_OTHER_LANGUAGE = '[lang]:not([lang=""]):not([lang^="cy"])'


def _outermost(nodes: list[Any]) -> list[Any]:
    """The nodes none of whose ancestors is in the list (decomposing those removes the rest)."""
    ids = {node.mem_id for node in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out


def _read_body(source: str) -> tuple[_Body, int, int] | None:
    """The content article read with lexbor (in C): (body, start, end) offsets of its opening and
    closing tags, or None when its boundaries are not plain (the HTMLParser reading is used then)."""
    match = _ARTICLE_OPEN.search(source)
    if match is None:
        return None
    open_end = source.find(">", match.start())
    if open_end < 0:
        return None
    depth, end = 1, -1
    for token in _ARTICLE_TOKENS.finditer(source, open_end + 1):
        if token.group(2) is None:
            continue  # a comment or a raw-text element
        depth += -1 if token.group(2) else 1
        if depth == 0:
            end = token.start()
            break
    if end < 0:
        return None
    tree = LexborHTMLParser(source[open_end + 1 : end])
    body = tree.body
    if body is None:
        return None
    for node in _outermost(body.css(_NOT_TEXT)):
        node.decompose()
    text = body.text(deep=True, separator=" ", strip=False)
    for node in _outermost(body.css(_OTHER_LANGUAGE)):
        node.decompose()
    own = body.text(deep=True, separator=" ", strip=False)
    return _Body(source[match.start() : open_end + 1], [text], [own]), match.start(), end


def _find_body(source: str) -> tuple[_Body | _BodyFinder, int, int] | None:
    """Read the content article once: (what it holds, start, end) offsets of its opening and closing tags.

    The article's tags are found by regular expressions (in C, linear) and its text read by lexbor
    (:func:`_read_body`), so the cost is that of the page's own content, not of the site-wide
    navigation around it. (Material writes that tag once, after the header and menus, outside any
    script or comment.) Should that miss a page the parser would accept, Python's HTMLParser reads
    it, from the article's tag or the whole page, as before.
    """
    found = _read_body(source)
    if found is not None:
        return found
    match = _ARTICLE_OPEN.search(source)
    if match is not None:
        parsed = _parse(source, match.start())
        if parsed is not None:
            return parsed
    if BODY_CLASS not in source:
        return None  # redirect stubs and the like: nothing to parse
    return _parse(source, 0)


def _parse(source: str, at: int) -> tuple[_BodyFinder, int, int] | None:
    finder = _BodyFinder()
    try:
        finder.feed(source[at:] if at else source)
        finder.close()
    except _BodyEnd:
        pass
    if finder.start is None or finder.end is None:
        return None
    # Positions are relative to the slice fed; the end is counted on from the start, not line 1.
    start = _offset(source, finder.start, at)
    end = _offset(source, (finder.end[0] - finder.start[0] + 1, finder.end[1]), start - finder.start[1])
    return finder, start, end


@dataclass
class PreparedPage:
    url: str
    lang: str
    html: str  # what Pagefind reads
    extra: list[str] = field(default_factory=list)
    own_text: str = ""  # the text in the page's own language (for the site's Welsh vocabulary)
    extra_at: int = 0  # where in ``html`` the hidden block goes (before the article's closing tag)


def page_lang(source: str) -> str:
    match = _HTML_LANG.search(source)
    return match.group(1).lower() if match else "unknown"


def index_mark(source: str) -> str:
    """The page's kb-search-index mark: "exclude", "terms" or ""."""
    head_end = _BODY_OPEN.search(source)
    match = _INDEX_MARK.search(source, 0, head_end.start() if head_end else len(source))
    return match.group(1).lower() if match else ""


def read_page(source: str, url: str, term_weight: float = TERM_WEIGHT) -> PreparedPage | None:
    """The page marked for Pagefind, without the Welsh radicals yet (see :func:`with_radicals`).

    None when the page has no content article (redirect stubs) or is left out of the search.
    In the copy Pagefind reads, a definition list's term is followed by ': ' and a value followed
    straight by the next term by '. ' (Pagefind runs '<dt>Areas</dt><dd>Swansea</dd><dt>Themes</dt>'
    together as 'AreasSwanseaThemes') and, on glossary pages, each table
    cell weighs more than body text.
    """
    mark = index_mark(source)
    if mark == "exclude":
        return None
    found = _find_body(source)
    if found is None:
        return None
    finder, start, end = found
    open_at = start + len(finder.start_tag) - 1  # the '>' ending the <article ...> tag
    inner = source[open_at:end]
    if "</dt>" in inner or "</DT>" in inner:
        inner = _DD_BEFORE_DT.sub("</dd>. ", _DT_END.sub("</dt>: ", inner))
    if mark == "terms":
        inner = _TD_OPEN.sub(f'<td data-pagefind-weight="{term_weight:g}"', inner)
    heading = _H1.search(inner)
    acronyms = defined_acronyms(" ".join(finder.text), _TAG.sub("", heading.group(1))) if heading else []
    if acronyms:
        # 'PSB' finds the Public Services Boards guide first, not every page that mentions PSBs.
        inner += f'<span hidden data-pagefind-meta="{ACRONYM_META}:{html.escape(" ".join(acronyms))}"></span>'

    marked = source[:open_at] + " data-pagefind-body" + inner
    lang = page_lang(source)
    # Only Welsh text gets radicals: an English quotation (lang="en") would add nonsense such as 'gwhen'.
    own = " ".join(finder.own_text) if lang.split("-")[0] == "cy" else ""
    return PreparedPage(url, lang, marked + source[end:], own_text=own, extra_at=len(marked))


def with_radicals(
    page: PreparedPage, rules: Mutations | None = None, known: Callable[[str], bool] | None = None
) -> PreparedPage:
    """``page`` with the hidden block of the radicals of its Welsh words (none for other languages)."""
    extra = extra_terms(page.own_text, rules, known) if page.own_text else []
    if not extra:
        return page
    block = (
        f'<div hidden data-pagefind-weight="{EXTRA_WEIGHT}" '
        f'data-pagefind-meta="{EXTRA_META}:{len(extra)}">{html.escape(" ".join(extra))}</div>'
    )
    marked = page.html[: page.extra_at] + block + page.html[page.extra_at :]
    return PreparedPage(page.url, page.lang, marked, extra, page.own_text, page.extra_at)


def prepare_page(
    source: str, url: str, rules: Mutations | None = None, known: Callable[[str], bool] | None = None
) -> PreparedPage | None:
    """Mark the page's own content for Pagefind and, for Welsh, add the hidden radicals.

    None when the page has no content article (redirect stubs, embeds without one) or is left out.
    ``known``: the site's Welsh vocabulary; without it every radical the rules allow is added.
    """
    page = read_page(source, url)
    return None if page is None else with_radicals(page, rules, known)


def url_of(site_dir: Path, file: Path) -> str:
    rel = file.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def html_files(site_dir: Path, skip_dirs: Iterable[str] = ("pagefind",)) -> list[Path]:
    skipped = set(skip_dirs)
    return [
        p
        for p in sorted(site_dir.rglob("*.html"))
        if p.name not in SKIPPED_FILES and not (set(p.relative_to(site_dir).parts[:-1]) & skipped)
    ]


# -- facets --------------------------------------------------------------------------------
def facet_filters(meta: Mapping[str, Any], lang: str, vocabularies: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(filter key, label in ``lang``) pairs for a page's front matter, in FACETS order.

    ``vocabularies`` maps a vocabulary name to an object with ``term_label(id, lang)``
    (kb.sources.vocabularies.Vocabulary). Unknown ids are left out: the content checks report them.
    """
    pairs: list[tuple[str, str]] = []
    for key, (field_name, vocab_name) in FACETS.items():
        vocab = vocabularies.get(vocab_name)
        value = meta.get(field_name)
        ids = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for term_id in ids:
            if vocab is None or vocab.get(str(term_id)) is None:
                continue
            pairs.append((key, vocab.term_label(str(term_id), lang)))
    return pairs


def facet_labels(vocabularies: Mapping[str, Any], langs: Iterable[str]) -> dict[str, Any]:
    """For the search box: each facet's name and its terms' labels in every language.

    Searching both languages needs them to carry a ticked Welsh label over to the English index.
    """
    out: dict[str, Any] = {}
    for key, (_, vocab_name) in FACETS.items():
        vocab = vocabularies.get(vocab_name)
        if vocab is None:
            continue
        out[key] = {
            "label": {lang: vocab.label(lang) for lang in langs},
            "terms": [{lang: vocab.term_label(t.id, lang) for lang in langs} for t in vocab.terms],
        }
    return out


# -- running Pagefind -----------------------------------------------------------------------
@dataclass
class IndexStats:
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    extra_terms: int = 0
    skipped: list[str] = field(default_factory=list)  # HTML files without a content article or left out
    welsh_words: frozenset[str] = frozenset()  # the site's Welsh vocabulary (kb.built.mutations.lexicon)


def prepare_site(
    site_dir: Path, mirror: Path, rules: Mutations | None = None, ranking: Ranking | None = None
) -> IndexStats:
    """Write what Pagefind should read of each built page into ``mirror`` (same relative paths).

    Two steps: every page is read and written once; then, knowing the whole site's Welsh vocabulary,
    the Welsh pages get their hidden radicals (a splice into the copy, no second parse).
    """
    rules = rules or load()
    term_weight = ranking.term_weight if ranking else TERM_WEIGHT
    stats = IndexStats()
    made: set[Path] = set()  # folders already created in the mirror (one mkdir each, not one a page)
    welsh: list[tuple[Path, PreparedPage]] = []
    vocabulary: set[str] = set()
    for file in html_files(site_dir):
        rel = file.relative_to(site_dir)
        page = read_page(file.read_text(encoding="utf-8"), url_of(site_dir, file), term_weight)
        if page is None:
            stats.skipped.append(rel.as_posix())
            continue
        target = mirror / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        stats.pages[page.lang] = stats.pages.get(page.lang, 0) + 1
        if page.own_text:
            vocabulary.update(w.lower() for w in words(page.own_text))
            welsh.append((target, PreparedPage(page.url, page.lang, "", own_text=page.own_text, extra_at=page.extra_at)))
        target.write_text(page.html, encoding="utf-8")
    stats.welsh_words = lexicon(vocabulary, rules)
    known = stats.welsh_words.__contains__
    for target, page in welsh:
        page.html = target.read_text(encoding="utf-8")
        done = with_radicals(page, rules, known)
        if done.extra:
            target.write_text(done.html, encoding="utf-8")
            stats.extra_terms += len(done.extra)
    return stats


async def _write_index(mirror: Path, output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(exclude_selectors=EXCLUDE_SELECTORS, output_path=str(output))
    async with PagefindIndex(config=config) as index:
        # One directory scan: adding pages one by one through the service costs ~0.1 s each.
        await index.add_directory(str(mirror))
        # leaving the block writes the files


def _scratch() -> str | None:
    """Where the copies Pagefind reads go: memory (/dev/shm) where there is one, since they are
    written, read once and deleted (thousands of files: seconds of disk work otherwise)."""
    shm = Path("/dev/shm")
    return os.fspath(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def index_site(
    site_dir: Path, rules: Mutations | None = None, output: Path | None = None, ranking: Ranking | None = None
) -> IndexStats:
    """Index every built page under ``site_dir`` into ``site_dir/pagefind`` (one index per language).

    The published HTML is not touched: Pagefind reads prepared copies in a temporary folder.
    """
    target = (output or site_dir / "pagefind").resolve()
    if target.is_dir():
        shutil.rmtree(target)  # no stale chunks from an earlier build (mkdocs serve)
    with tempfile.TemporaryDirectory(prefix="kb-search-", dir=_scratch()) as tmp:
        stats = prepare_site(site_dir, Path(tmp), rules, ranking)
        # On a very busy machine Pagefind has been seen to leave pagefind-entry.json empty (every
        # search then says it is unavailable): check what it wrote, write again, and never publish
        # an index a reader's search cannot load.
        for _attempt in range(WRITE_ATTEMPTS):
            asyncio.run(_write_index(Path(tmp), target))
            if not (problem := index_problem(target)):
                break
        else:
            raise IndexWriteError(f"the search index in {target} is unusable after {WRITE_ATTEMPTS} writes: {problem}")
    return stats


WRITE_ATTEMPTS = 3


class IndexWriteError(RuntimeError):
    """Pagefind's files are missing or unreadable after every attempt."""


def index_problem(target: Path) -> str | None:
    """What makes the index in ``target`` unusable in a browser, or None: the entry file must be JSON
    naming at least one language, and each language's metadata file must exist and not be empty."""
    try:
        entry = json.loads((target / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return f"pagefind-entry.json cannot be read ({type(err).__name__})"
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not isinstance(languages, dict) or not languages:
        return "pagefind-entry.json names no language"
    for lang, info in languages.items():
        meta = target / f"pagefind.{info.get('hash') if isinstance(info, dict) else ''}.pf_meta"
        if not meta.is_file() or meta.stat().st_size == 0:
            return f"the '{lang}' index has no metadata file ({meta.name})"
    return None


def index_site_from_data(site_dir: Path, mutation_rules: dict[str, Any], ranking: Ranking | None = None) -> IndexStats:
    """:func:`index_site` with the mutation rules as data (data/search/mutations.json), for a fresh
    process: plain data crosses a process boundary, a Mutations object with its caches does not."""
    return index_site(site_dir, Mutations.from_data(mutation_rules), ranking=ranking)


# -- the Welsh vocabulary, published for the search box -----------------------------------------
def shard_key(word: str) -> str:
    """The file a word is published in: its first two letters without accents ('ŵyl' -> 'wy'),
    anything but a-z as '_'. overrides/assets/kb-search/lexicon.js computes the same key."""
    folded = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return "".join(c if "a" <= c <= "z" else "_" for c in folded[:2]).ljust(2, "_")


def write_lexicon(vocabulary: Iterable[str], folder: Path, min_length: int = 2) -> list[str]:
    """Publish ``vocabulary`` in ``folder`` as one small text file per :func:`shard_key` (a word a
    line, sorted); returns the keys. A query needs a few of them: a few KB, however large the site."""
    shards: dict[str, list[str]] = {}
    for word in sorted(vocabulary):
        if len(word) >= min_length:
            shards.setdefault(shard_key(word), []).append(word)
    if folder.is_dir():
        shutil.rmtree(folder)  # no words left over from an earlier build
    folder.mkdir(parents=True)
    for key, found in shards.items():
        (folder / f"{key}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    return sorted(shards)


# -- the search box's strings ----------------------------------------------------------------
def ui_strings(data: Mapping[str, Any], lang: str) -> dict[str, str]:
    """The search box's strings in ``lang`` from data/ui/search.yml; never English for Welsh.

    Raises ValueError naming every string that has no text in ``lang``.
    """
    missing = [key for key, value in data.items() if not (isinstance(value, Mapping) and value.get(lang))]
    if missing:
        raise ValueError(
            f"data/ui/search.yml: no '{lang}' text for {', '.join(sorted(missing))}. "
            f"Add a '{lang}:' line to each of them."
        )
    return {key: str(value[lang]) for key, value in data.items()}


def write_box_data(site_dir: Path, stats: IndexStats, mutation_rules: dict[str, Any], vocabularies: Mapping[str, Any],
                   langs: list[str], ranking: Ranking, stopwords: Any) -> None:
    """What the search box needs besides Pagefind's index: the mutation rules, the facet labels, the
    Welsh vocabulary the radicals were limited to (its expansion and hint line), the ranking and stop words."""
    out = site_dir / "assets" / "kb-search" / "data.json"
    keys = write_lexicon(stats.welsh_words, out.parent / "lexicon" / "cy", Mutations.from_data(mutation_rules).min_length)
    payload = {"mutations": mutation_rules, "facets": facet_labels(vocabularies, langs), "lexicon": {"cy": keys},
               "ranking": ranking.for_browser(), "stopwords": stopwords}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
