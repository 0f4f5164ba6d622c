"""Interface text in the wrong language on a built page: English chrome on a Welsh page, or Welsh on an English one.

The interface strings come in pairs, (English, Welsh), from where they are written: Material's
translation files, data/ui/*.yml, the vocabularies, mkdocs.yml's per-language settings, the
embed cards' words. A pair whose two sides are the same ("Sector", "GitHub") says nothing and is
dropped. A built page in one language must then show no other language's side of any pair in
its text or in the attributes people hear or see (title, aria-label, alt, placeholder, content
of <meta>) — except inside an element marked with that other language's lang (a quoted title, a
source in English), which is the honest way to show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

# Attributes whose value a reader sees or hears.
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "aria-description", "label"}
# <meta> whose content is shown to people (link previews, search results).
READ_META = {"description", "og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIPPED = {"script", "style", "svg", "code", "pre", "textarea", "template"}
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Found:
    """One string in the wrong language: where it was (text, or an attribute's name) and what."""

    where: str
    text: str


def pairs_from_data(data: Any, langs: tuple[str, str] = ("en", "cy")) -> Iterator[tuple[str, str]]:
    """Every (English, Welsh) pair in a data file's parsed YAML, whichever shape it uses.

    Shapes: ``{en: "…", cy: "…"}`` anywhere (search.yml, vocabulary terms), and top-level
    ``en: {key: …}`` / ``cy: {key: …}`` maps paired by key (citations.yml, case-studies.yml);
    lists of strings (month names) pair item by item.
    """
    first, second = langs
    if isinstance(data, Mapping):
        a, b = data.get(first), data.get(second)
        if isinstance(a, str) and isinstance(b, str):
            yield a, b
        elif isinstance(a, Mapping) and isinstance(b, Mapping):
            for key in a:
                if key in b:
                    yield from _pair_values(a[key], b[key])
        for key, value in data.items():
            if key not in (first, second):
                yield from pairs_from_data(value, langs)
    elif isinstance(data, list):
        for item in data:
            yield from pairs_from_data(item, langs)


def _pair_values(a: Any, b: Any) -> Iterator[tuple[str, str]]:
    if isinstance(a, str) and isinstance(b, str):
        yield a, b
    elif isinstance(a, list) and isinstance(b, list):
        for x, y in zip(a, b, strict=False):
            yield from _pair_values(x, y)
    elif isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in a:
            if key in b:
                yield from _pair_values(a[key], b[key])


_MATERIAL_ENTRY = re.compile(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?\s*$', re.M)


def material_pairs(english_file: str, welsh_file: str) -> Iterator[tuple[str, str]]:
    """Pairs from Material's partials/languages/en.html and cy.html (a Jinja dict literal of key: text)."""
    welsh = dict(_MATERIAL_ENTRY.findall(welsh_file))
    for key, english in _MATERIAL_ENTRY.findall(english_file):
        if key in welsh and not key.startswith(("search.config", "direction", "language")):
            yield english, welsh[key]


def wrong_language_strings(pairs: Iterable[tuple[str, str]], lang: str, langs: tuple[str, str] = ("en", "cy")) -> set[str]:
    """The strings a page in ``lang`` must not show: the other side of every pair whose sides differ.

    Placeholders ({count}, #) and strings without a letter are dropped: they say nothing about language.
    """
    index = 1 if lang == langs[0] else 0
    out: set[str] = set()
    for pair in pairs:
        a, b = _norm(pair[0]), _norm(pair[1])
        if a.casefold() == b.casefold():
            continue
        other = (a, b)[index]
        if "{" in other or "#" in other or not any(c.isalpha() for c in other):
            continue
        out.add(other)
    return out


class _Scanner(HTMLParser):
    def __init__(self, wrong: set[str], other_lang: str, contained: Iterable[str] = (), allowed: Iterable[str] = ()) -> None:
        super().__init__(convert_charrefs=True)
        self.wrong = wrong
        self.contained = [c for c in contained if c]
        self.allowed = [a for a in allowed if a]
        self.other_lang = other_lang
        self.found: list[Found] = []
        # (tag, marked as the other language) of each open element.
        self.stack: list[tuple[str, bool]] = []
        self.skip = 0

    def _in_other_lang(self) -> bool:
        return any(marked for _, marked in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        marked = values.get("lang", "").split("-")[0] == self.other_lang if "lang" in values else False
        if tag not in _VOID:
            self.stack.append((tag, marked))
        if tag in _SKIPPED:
            self.skip += 1
        if self._in_other_lang() or marked:
            return
        for name, value in values.items():
            if name in READ_ATTRIBUTES:
                self._check(f"@{name}", value)
        if tag == "meta" and (values.get("name") in READ_META or values.get("property") in READ_META):
            self._check(f"meta {values.get('name') or values.get('property')}", values.get("content", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()
            if tag in _SKIPPED:
                self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Pop to the matching open element (HTML lets some end tags be left out).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for closed, _ in self.stack[i:]:
                    if closed in _SKIPPED:
                        self.skip -= 1
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.skip or self._in_other_lang():
            return
        self._check("text", data)

    def _check(self, where: str, value: str) -> None:
        text = _norm(value)
        if not text or any(a in text for a in self.allowed):
            return
        if text in self.wrong:
            self.found.append(Found(where, text))
        self.found.extend(Found(where, name) for name in self.contained if name in text)


def scan_page(
    html: str, wrong: set[str], other_lang: str, contained: Iterable[str] = (), allowed: Iterable[str] = ()
) -> list[Found]:
    """Every text or read attribute of the page that is exactly one of ``wrong``, or holds one of
    ``contained`` (names: the site's, organisations'), outside elements marked lang=``other_lang``.

    ``allowed``: texts that are rightly in the other language wherever they appear (the title of a
    source published in one language only); a text or attribute holding one is not judged.
    """
    scanner = _Scanner(wrong, other_lang, contained, allowed)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def containing(text: str, names: Iterable[str]) -> list[str]:
    """The names that occur in ``text`` (a feed, a JSON document): a site name in the wrong language."""
    return [name for name in names if name and name in text]
