"""Citations rendered as numbered notes and a References / Cyfeiriadau list, in the page's language.

The words used (headings, "and", month names, p./pp. -> t./tt.) are data in ``data/ui/citations.yml``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

from kb.markdown.citations import CitationStyle, Locator, default_style, find_citations, format_locator, normalise_value
from kb.sources.bibliography import Bibliography, Entry


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s.]+", given) if part)


def _name(person: dict[str, Any]) -> str:
    if "literal" in person:
        return str(person["literal"])
    family = " ".join(str(p) for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    given = str(person.get("given", ""))
    return f"{family}, {_initials(given)}" if given else family


def _join_names(names: list[str], lang: str, style: CitationStyle) -> str:
    if len(names) > 3:
        return f"{names[0]} {style.text(lang, 'et_al')}"
    if len(names) == 1:
        return names[0]
    last = names[-1]
    word = style.text(lang, "and_before_vowel") if last[:1].lower() in style.vowels else style.text(lang, "and")
    return f"{', '.join(names[:-1])} {word} {last}"


def _date(value: Any, lang: str, style: CitationStyle, with_day: bool = False) -> str:
    if not isinstance(value, dict):
        return style.text(lang, "no_date")
    if "literal" in value:
        literal = str(value["literal"])
        return style.text(lang, "no_date") if literal.strip().lower() in ("n.d.", "n.d", "nd") else literal
    try:
        parts = [int(p) for p in value["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        return style.text(lang, "no_date")
    if not with_day:
        return str(parts[0])
    months = style.text(lang, "months")
    text = str(parts[0])
    if len(parts) >= 2 and 1 <= parts[1] <= 12:
        text = f"{months[parts[1] - 1]} {text}"
        if len(parts) >= 3:
            text = f"{parts[2]} {text}"
    return text


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with punctuation."""
    return text if text.endswith((".", "?", "!")) else text + "."


def format_entry(entry: Entry, lang: str, style: CitationStyle) -> str:
    """One reference as HTML: authors (year) title. Container. Publisher. Accessed date."""
    data = entry.data
    esc = html.escape
    parts: list[str] = []
    authors = data.get("author") if isinstance(data.get("author"), list) else None
    editors = data.get("editor") if isinstance(data.get("editor"), list) else None
    who = ""
    if authors:
        who = _join_names([_name(p) for p in authors if isinstance(p, dict)], lang, style)
    elif editors:
        label = style.text(lang, "editors" if len(editors) > 1 else "editor")
        who = f"{_join_names([_name(p) for p in editors if isinstance(p, dict)], lang, style)} ({label})"
    year = _date(data.get("issued"), lang, style)
    head = f"{esc(who)} ({esc(year)})" if who else f"({esc(year)})"
    title = esc(str(data.get("title", "")))
    container = data.get("container-title")
    url = data.get("URL")
    # Titles keep the language they were published in (CSL 'language', English unless said);
    # on a page in the other language they carry their own lang (WCAG 3.1.2).
    source_lang = str(data.get("language") or "en")
    lang_attr = f' lang="{esc(source_lang, quote=True)}"' if source_lang != lang else ""
    # A part of something larger (a chapter, an article, a web page) is quoted; a whole work is in italics.
    title_html = f"<span{lang_attr}>\u2018{title}\u2019</span>" if container else f"<em{lang_attr}>{title}</em>"
    if container and not lang_attr:
        title_html = f"\u2018{title}\u2019"
    if isinstance(url, str) and url.startswith("https://"):
        title_html = f'<a href="{esc(url, quote=True)}">{title_html}</a>'
    number = data.get("number")
    if number:
        title_html += f" ({esc(str(number))})"
    if who:
        parts.append(f"{head} {title_html}")
    else:
        parts.append(f"{title_html} {head}")
    if container:
        container_text = f"<em{lang_attr}>{esc(str(container))}</em>"
        if editors and authors:
            label = style.text(lang, "editors" if len(editors) > 1 else "editor")
            names = _join_names([_name(p) for p in editors if isinstance(p, dict)], lang, style)
            container_text = f"{esc(names)} ({label}) {container_text}"
        page_range = data.get("page")
        if page_range:
            container_text += ", " + format_locator(Locator("page", normalise_value(str(page_range))), lang, style)
        parts.append(container_text)
    publisher = data.get("publisher")
    if publisher:
        place = data.get("publisher-place")
        parts.append(esc(f"{place}: {publisher}" if place else str(publisher)))
    if data.get("accessed"):
        parts.append(f"{esc(style.text(lang, 'accessed'))} {esc(_date(data['accessed'], lang, style, with_day=True))}")
    return " ".join(_sentence(p) for p in parts)


def _sup(number: int, occurrence: int, locator: Locator | None, lang: str, style: CitationStyle) -> str:
    # The first mention of a source is the one its reference's back-link returns to.
    ref_id = f"cite-ref-{number}" if occurrence == 1 else f"cite-ref-{number}-{occurrence}"
    loc = f", {html.escape(format_locator(locator, lang, style))}" if locator else ""
    return f'<sup id="{ref_id}"><a href="#cite-{number}">{number}</a>{loc}</sup>'


def render_citations(body: str, bib: Bibliography, lang: str, style: CitationStyle | None = None) -> str:
    """The body with citations as numbered note references and a reference list at the end.

    Pure: the same body, bibliography and language always give the same Markdown. Citations
    of unknown keys and malformed ones are left as written (the checks fail the build on them).
    """
    style = style or default_style()
    found = find_citations(body, style)
    numbers: dict[str, int] = {}
    seen: Counter[str] = Counter()
    out: list[str] = []
    pos = 0
    for group in found.groups:
        if any(bib.get(c.key) is None for c in group.cites):
            continue
        sups = []
        for cite in group.cites:
            number = numbers.setdefault(cite.key, len(numbers) + 1)
            seen[cite.key] += 1
            sups.append(_sup(number, seen[cite.key], cite.locator, lang, style))
        out.append(body[pos : group.start])
        out.append('<sup class="kb-cite-sep">; </sup>'.join(sups))
        pos = group.end
    out.append(body[pos:])
    if not numbers:
        return body
    back = html.escape(style.text(lang, "back"), quote=True)
    items = []
    for key, number in numbers.items():
        entry = bib.get(key)
        assert entry is not None  # only known keys are numbered
        items.append(
            f'<li id="cite-{number}"><a class="kb-cite-back" href="#cite-ref-{number}" aria-label="{back}">\u2191</a> '
            f"{format_entry(entry, lang, style)}</li>"
        )
    heading = style.text(lang, "heading")
    refs = "\n".join(['<ol class="kb-references">', *items, "</ol>"])
    return "".join(out).rstrip("\n") + f"\n\n## {heading}\n\n{refs}\n"
