"""Citations rendered as numbered notes and a References / Cyfeiriadau list, in the page's language.

The words used (headings, "and", month names, p./pp. -> t./tt.) are data in ``data/ui/citations.yml``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from kb.markdown.citations import CitationStyle, Locator, default_style, find_citations, format_locator, normalise_value
from kb.publish.templating import render
from kb.sources.bibliography import Bibliography, Entry


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s.]+", given) if part)


def _name(person: dict[str, Any]) -> str:
    if "literal" in person:
        return str(person["literal"])
    family = " ".join(str(p) for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    given = str(person.get("given", ""))
    return f"{family}, {_initials(given)}" if given else family


def _join(people: list[Any], lang: str, style: CitationStyle) -> str:
    """Names joined with the language's 'and'; a name in that language mutates after it if the
    language says so (Welsh: 'a Chyngor Gwynedd'), a name from another language never does."""
    names = [p for p in people if isinstance(p, dict)]
    last = names[-1] if 1 < len(names) <= 3 else None
    shown = [_name(p) for p in names]
    if last is not None and last.get("_name_lang") == lang:
        shown[-1] = _mutate_after_and(shown[-1], lang, style)
    return _join_names(shown, lang, style)


def _mutate_after_and(name: str, lang: str, style: CitationStyle) -> str:
    rules = style.strings.get(lang, {}).get("mutate_after_and") or {}
    for radical, mutated in rules.items():
        if name.startswith(str(radical)) and not name.startswith(str(mutated)):
            return str(mutated) + name[len(str(radical)) :]
    return name


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


def format_entry(entry: Entry, lang: str, style: CitationStyle, bib: Bibliography | None = None) -> str:
    """One reference as HTML (templates/reference-entry.html): authors (year) title. Container. Publisher. Accessed date.

    With the bibliography, the entry is shown as it is in ``lang`` (Bibliography.in_language):
    bodies under their name in that language, the Welsh version's title and address on Welsh pages.
    """
    data = bib.in_language(entry, lang) if bib is not None else entry.data
    authors = data.get("author") if isinstance(data.get("author"), list) else None
    editors = data.get("editor") if isinstance(data.get("editor"), list) else None
    editors_label = style.text(lang, "editors" if editors and len(editors) > 1 else "editor")
    editor_names = _join(editors, lang, style) if editors else ""
    who = ""
    if authors:
        who = _join(authors, lang, style)
    elif editors:
        who = f"{editor_names} ({editors_label})"
    container = data.get("container-title")
    url = data.get("URL")
    # Titles keep the language they were published in (CSL 'language', English unless said); the
    # address and the container may be another language's version (a Welsh 'cy:' block).
    source_lang = str(data.get("language") or "en")
    url_lang = str(data.get("_url_lang") or source_lang)
    container_lang = str(data.get("_container_lang") or source_lang)
    linked = isinstance(url, str) and url.startswith("https://")
    page_range = data.get("page")
    publisher, place = data.get("publisher"), data.get("publisher-place")
    accessed = data.get("accessed")
    return render(
        "reference-entry.html",
        who=who,
        year=_date(data.get("issued"), lang, style),
        title=str(data.get("title", "")),
        quoted=bool(container),
        title_lang=source_lang if source_lang != lang else None,
        url=url if linked else None,
        # A link to a text in another language says so (hreflang), marked on the link itself where
        # the built-site check (KB097) looks; only when the title is in that language too.
        link_lang=url_lang if linked and url_lang != lang and url_lang == source_lang else None,
        container_lang=container_lang if container_lang != lang else None,
        number=str(data["number"]) if data.get("number") else None,
        container=str(container) if container else None,
        container_editors=f"{editor_names} ({editors_label})" if container and editors and authors else None,
        pages=format_locator(Locator("page", normalise_value(str(page_range))), lang, style) if page_range else None,
        publisher=_sentence(f"{place}: {publisher}" if place else str(publisher)) if publisher else None,
        accessed=_sentence(f"{style.text(lang, 'accessed')} {_date(accessed, lang, style, with_day=True)}") if accessed else None,
    )


def render_citations(
    body: str,
    bib: Bibliography,
    lang: str,
    style: CitationStyle | None = None,
    masked: str | None = None,
    resources: Mapping[str, str] | None = None,
) -> str:
    """The body with citations as numbered note references and a reference list at the end.

    Pure: the same body, bibliography and language always give the same Markdown. Citations
    of unknown keys and malformed ones are left as written (the checks fail the build on them).
    ``resources`` maps a bibliography key to the link of its page in our resources, if it has one.
    """
    style = style or default_style()
    found = find_citations(body, style, masked)
    numbers: dict[str, int] = {}
    seen: Counter[str] = Counter()
    out: list[str] = []
    pos = 0
    for group in found.groups:
        if any(bib.get(c.key) is None for c in group.cites):
            continue
        cites = []
        for cite in group.cites:
            number = numbers.setdefault(cite.key, len(numbers) + 1)
            seen[cite.key] += 1
            # The first mention of a source is the one its reference's back-link returns to.
            ref_id = f"cite-ref-{number}" if seen[cite.key] == 1 else f"cite-ref-{number}-{seen[cite.key]}"
            locator = format_locator(cite.locator, lang, style) if cite.locator else ""
            cites.append({"ref_id": ref_id, "number": number, "locator": locator})
        out.append(body[pos : group.start])
        out.append(render("cite-group.html", cites=cites))
        pos = group.end
    out.append(body[pos:])
    if not numbers:
        return body
    references = []
    for key, number in numbers.items():
        entry = bib.get(key)
        assert entry is not None  # only known keys are numbered
        resource = (resources or {}).get(key)
        references.append({"number": number, "entry": Markup(format_entry(entry, lang, style, bib)), "resource": resource})
    heading = style.text(lang, "heading")
    about = style.text(lang, "resource") if resources is not None else ""
    refs = render("reference-list.html", references=references, back=style.text(lang, "back"), about=about)
    return "".join(out).rstrip("\n") + f"\n\n## {heading}\n\n{refs}\n"
