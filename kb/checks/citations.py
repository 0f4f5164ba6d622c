"""Pandoc-style citations in page bodies: found, checked against the bibliography, and rendered.

Syntax (as pandoc): ``[@key]``, ``[@key, p. 84]``, ``[@key, pp. 17-18]``, ``[@key1; @key2, p. 3]``.
Citations inside code spans, fenced or indented code blocks and HTML comments are text, not
citations. Rendering turns each into a numbered superscript note that links to a "References" /
"Cyfeiriadau" list appended to the page, in the page's language; the words it uses (headings,
"and", month names, p./pp. -> t./tt.) are data in ``data/ui/citations.yml``.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.core import yamlload
from kb.core.problem import Problem, problem
from kb.sources.bibliography import Bibliography, Entry, load_bibliography, unused_problems
from kb.sources.content import Site, SourcePage

STYLE_FILE = "data/ui/citations.yml"
_REPO_ROOT = Path(__file__).resolve().parents[2]

# Pandoc's citation key: starts with a letter, digit or _, may hold internal punctuation.
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"
# One locator value: "84", "17-18", "12a", "xii", "3, 7-9" (numbers or roman numerals, never words).
_NUMBER = r"(?:[0-9]+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_PART = rf"{_NUMBER}(?:\s*[-\u2013\u2014]\s*{_NUMBER})?"
_VALUE = rf"{_PART}(?:\s*,\s*{_PART})*"


# --------------------------------------------------------------------------- style (data)


@dataclass(frozen=True)
class LocatorTerm:
    name: str  # "page"
    accept: tuple[str, ...]  # what writers may type: "p.", "pp.", "t.", "tt." ...
    forms: dict[str, tuple[str, str]]  # language -> (singular, plural)


@dataclass(frozen=True)
class CitationStyle:
    """The words of ``data/ui/citations.yml``: per-language strings and locator terms."""

    strings: dict[str, dict[str, Any]]
    locators: dict[str, LocatorTerm]
    default_locator: str
    vowels: str

    @property
    def languages(self) -> list[str]:
        return list(self.strings)

    def text(self, lang: str, name: str) -> Any:
        return self.strings[lang][name]

    def term_for_label(self, label: str) -> str | None:
        for term in self.locators.values():
            if label.lower() in term.accept:
                return term.name
        return None

    @property
    def label_pattern(self) -> str:
        labels = sorted({a for t in self.locators.values() for a in t.accept}, key=len, reverse=True)
        return "|".join(re.escape(a) for a in labels)


def style_from_data(raw: dict[str, Any]) -> CitationStyle:
    locators = {
        name: LocatorTerm(
            name,
            tuple(str(a).lower() for a in spec.get("accept", [])),
            {lang: (str(v[0]), str(v[1])) for lang, v in spec.items() if lang != "accept"},
        )
        for name, spec in (raw.get("locators") or {}).items()
    }
    strings = {k: v for k, v in raw.items() if isinstance(v, dict) and k != "locators"}
    return CitationStyle(strings, locators, str(raw.get("default_locator", "page")), str(raw.get("vowels", "aeiou")))


def load_style(root: Path) -> CitationStyle:
    path = root / STYLE_FILE
    if not path.is_file():
        path = _REPO_ROOT / STYLE_FILE
    return style_from_data(yamlload.safe_load(path.read_text(encoding="utf-8")) or {})


@lru_cache(maxsize=1)
def default_style() -> CitationStyle:
    return load_style(_REPO_ROOT)


# --------------------------------------------------------------------------- finding citations


@dataclass(frozen=True)
class Locator:
    term: str  # "page"
    value: str  # normalised: "17-18", "3,7"

    @property
    def plural(self) -> bool:
        return "-" in self.value or "," in self.value


@dataclass(frozen=True)
class Cite:
    key: str
    locator: Locator | None = None

    def show(self, style: CitationStyle, lang: str = "en") -> str:
        """The citation as a writer would type it, e.g. '[@key, p. 84]'."""
        if self.locator is None:
            return f"[@{self.key}]"
        return f"[@{self.key}, {format_locator(self.locator, lang, style)}]"


@dataclass
class CiteGroup:
    """One bracket, ``[@a; @b, p. 3]``: its place in the body and its citations."""

    start: int
    end: int
    cites: list[Cite]


@dataclass
class Issue:
    """Something wrong in the body at an offset (turned into a Problem with a real line later)."""

    rule: str
    offset: int
    message: str
    hint: str = ""


@dataclass
class Found:
    groups: list[CiteGroup] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+\S")
_CONTAINER = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]")  # admonitions: content indented 4
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TICKS = re.compile(r"`+")


def _blank(text: str) -> str:
    """Same length and newlines, no content: offsets and line numbers survive masking."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with code blocks, code spans and HTML comments blanked out.

    Python-Markdown indents list and admonition content by 4 spaces, so inside those an
    indented code block needs 8; elsewhere 4 after a blank line. Finding citations and checking
    quotations both need it for the same body, so the last few results are kept.
    """
    return _mask_code_cached(body)


@lru_cache(maxsize=8)
def _mask_code_cached(body: str) -> str:
    lines = body.split("\n")
    out: list[str] = []
    fence: str | None = None
    in_container = False
    prev_blank = True
    in_indented_code = False
    fence_match, list_match, container_match = _FENCE.match, _LIST_ITEM.match, _CONTAINER.match
    for line in lines:
        stripped = line.strip()
        if fence is not None:
            out.append(" " * len(line))
            m = fence_match(line)
            # A closing fence: the same character, at least as long, nothing after it.
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and stripped == m.group(1)[0] * len(stripped)
            ):
                fence = None
            prev_blank = False
            continue
        if not stripped:
            out.append(line)
            prev_blank = True
            continue
        m = fence_match(line) if ("`" in line or "~" in line) else None
        if m:
            fence = m.group(1)
            out.append(" " * len(line))
            prev_blank = False
            continue
        first = line[0]
        if first == " " or first == "\t":
            expanded = line.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip(" "))
        else:
            indent = 0
        opens_container = bool(list_match(line) or container_match(line))
        if indent == 0 and not opens_container:
            in_container = False
        if opens_container:
            in_container = True
        code_indent = 8 if in_container else 4
        if indent >= code_indent and (prev_blank or in_indented_code):
            in_indented_code = True
            out.append(" " * len(line))
        else:
            in_indented_code = False
            out.append(line)
        prev_blank = False
    masked = "\n".join(out)
    if "<!--" in masked:
        masked = _COMMENT.sub(lambda m: _blank(m.group(0)), masked)
    return _mask_spans(masked) if "`" in masked else masked


def _mask_spans(text: str) -> str:
    """Blank out `code spans` (a run of backticks closed by a run of the same length)."""
    chars = list(text)
    pos = 0
    while True:
        m = _TICKS.search(text, pos)
        if not m:
            break
        ticks = m.group(0)
        # A span never crosses a blank line (the paragraph ends there).
        close = re.compile(rf"(?<!`){ticks}(?!`)")
        end_para = re.search(r"\n[ \t]*\n", text[m.end() :])
        limit = m.end() + end_para.start() if end_para else len(text)
        c = close.search(text, m.end(), limit)
        if not c:
            pos = m.end()
            continue
        for i in range(m.start(), c.end()):
            if chars[i] != "\n":
                chars[i] = " "
        pos = c.end()
    return "".join(chars)


def normalise_value(value: str) -> str:
    value = re.sub(r"\s*[-\u2013\u2014]\s*", "-", value.strip())
    return re.sub(r"\s*,\s*", ",", value)


def _parse_locator(text: str, style: CitationStyle) -> Locator | None:
    m = re.fullmatch(rf"(?:((?i:{style.label_pattern}))\s*)?({_VALUE})", text.strip())
    if not m:
        return None
    term = style.term_for_label(m.group(1)) if m.group(1) else style.default_locator
    return Locator(term or style.default_locator, normalise_value(m.group(2)))


def _parse_item(item: str, style: CitationStyle) -> Cite | str:
    """One '@key, locator' part of a bracket: a Cite, or what is wrong with it."""
    text = item.strip()
    if not text.startswith("@"):
        if "@" in text:
            return f"'{text}' has text before the '@' of the key; this site does not support prefixes"
        return f"'{text}' does not start with '@' followed by a key"
    m = re.match(KEY, text[1:])
    if not m:
        return "there is an '@' with no key after it"
    key = m.group(0)
    rest = text[1 + len(key) :]
    if not rest.strip():
        return Cite(key)
    if not rest.lstrip().startswith(","):
        if rest.lstrip().startswith("@"):
            return f"'@{key}' and '{rest.strip()}' need a ';' between them"
        return f"a comma is missing between '@{key}' and '{rest.strip()}'"
    loc_text = rest.lstrip()[1:].strip()
    if not loc_text:
        return f"the comma after '@{key}' is followed by nothing"
    locator = _parse_locator(loc_text, style)
    if locator is None:
        return f"'{loc_text}' after '@{key}' is not a locator such as 'p. 84' or 'pp. 17-18'"
    return Cite(key, locator)


_CITE_OPEN = re.compile(r"(?<!\\)\[\s*@")
# What can end the search for a citation's ']': the ']', another '[', or a line break (ending the
# paragraph when a blank line, or one holding only '>', follows).
_BRACKET_STOP = re.compile(r"[\[\]\n]")
_PARAGRAPH_END = re.compile(r"\n[ \t>]*\n")
_SYNTAX_HINT = "Write citations as [@key], [@key, p. 84], [@key, pp. 17-18] or [@key1; @key2, p. 3]."


def find_citations(body: str, style: CitationStyle | None = None) -> Found:
    """Every citation bracket in a page body (outside code), and every malformed one."""
    style = style or default_style()
    found = Found()
    if "@" not in body:
        return found  # no citation can start here (masking only blanks text out)
    masked = mask_code(body)
    for m in _CITE_OPEN.finditer(masked):
        start = m.start()
        # The bracket must close before the paragraph ends or another bracket opens.
        end = None
        stop = _BRACKET_STOP.search(masked, m.end())
        while stop is not None:
            i = stop.start()
            ch = masked[i]
            if ch == "]":
                end = i
                break
            if ch == "[" or _PARAGRAPH_END.match(masked, i):
                break
            stop = _BRACKET_STOP.search(masked, i + 1)
        if end is None:
            found.issues.append(
                Issue(
                    "citation-syntax",
                    start,
                    f"the citation '{_snippet(body, start)}' is never closed with ']'.",
                    _SYNTAX_HINT,
                )
            )
            continue
        after = masked[end + 1 : end + 2]
        if after in ("(", "[") or (after == ":" and (start == 0 or masked[start - 1] == "\n")):
            continue  # a Markdown link or link definition whose text starts with '@'
        inner = masked[start + 1 : end].replace("\n", " ")
        cites: list[Cite] = []
        errors: list[str] = []
        for item in inner.split(";"):
            parsed = _parse_item(item, style)
            (cites if isinstance(parsed, Cite) else errors).append(parsed)  # type: ignore[arg-type]
        if errors:
            found.issues.append(
                Issue(
                    "citation-syntax",
                    start,
                    f"the citation '{body[start : end + 1]}' is malformed: {'; '.join(errors)}.",
                    _SYNTAX_HINT,
                )
            )
            continue
        found.groups.append(CiteGroup(start, end + 1, cites))
    return found


def _snippet(body: str, start: int, width: int = 40) -> str:
    text = body[start:].split("\n", 1)[0]
    return text if len(text) <= width else text[:width] + "…"


_QUOTE_LINE = re.compile(r"^[ \t]*>")
_ENDS_WITH_CITATION = re.compile(r"\[\s*@[^\[\]]*\][\s.,;:!?)\"'\u201d\u2019\u00bb*_]*$")


def unquoted_blockquotes(body: str) -> list[int]:
    """Offsets of the last line of each blockquote whose text does not end with a citation.

    A blockquote runs from a '>' line through following non-blank lines (lazy continuation),
    and across a blank line when the next line is a '>' line again (Python-Markdown joins them).
    """
    if ">" not in body:
        return []  # no blockquote at all (masking only blanks text out)
    masked = mask_code(body)
    lines = masked.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    bad: list[int] = []
    i = 0
    while i < len(lines):
        if not _QUOTE_LINE.match(lines[i]):
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(lines):
            if lines[j].strip():
                last = j
                j += 1
            elif j + 1 < len(lines) and _QUOTE_LINE.match(lines[j + 1]):
                j += 1
            else:
                break
        content = [re.sub(r"^(?:[ \t]*>)+", "", ln).strip() for ln in lines[i : last + 1]]
        text = next((c for c in reversed(content) if c), "")
        if text and not _ENDS_WITH_CITATION.search(text):
            bad.append(offsets[last])
        i = last + 1
    return bad


# --------------------------------------------------------------------------- checks


def _line(page: SourcePage, body: str, offset: int) -> int:
    return page.front.body_line + body.count("\n", 0, offset)


@dataclass
class PageCites:
    page: SourcePage
    # Each citation with its real file line, in reading order.
    cites: list[tuple[Cite, int]]
    problems: list[Problem]


def check_page(page: SourcePage, bib: Bibliography, style: CitationStyle) -> PageCites:
    body = page.body
    found = find_citations(body, style)
    problems = [problem(i.rule, page.path, _line(page, body, i.offset), i.message, i.hint) for i in found.issues]
    cites: list[tuple[Cite, int]] = []
    for group in found.groups:
        line = _line(page, body, group.start)
        for cite in group.cites:
            cites.append((cite, line))
            if bib.get(cite.key) is None:
                guess = bib.suggest(cite.key)
                mean = f" Did you mean '@{guess}'?" if guess else ""
                hint = (
                    f"Use the id of an entry in {bib.path}, or add the source there first."
                    if bib.exists
                    else f"Create {bib.path} with an entry whose id is '{cite.key}'."
                )
                problems.append(
                    problem(
                        "citation-unknown-key",
                        page.path,
                        line,
                        f"'@{cite.key}' is not an id in {bib.path}.{mean}",
                        hint,
                    )
                )
    for offset in unquoted_blockquotes(body):
        problems.append(
            problem(
                "quotation-without-citation",
                page.path,
                _line(page, body, offset),
                "this quotation does not end with a citation of its source.",
                "End the quoted text with its source, e.g. '> … [@key, p. 12]', so readers can check it.",
            )
        )
    return PageCites(page, cites, problems)


def _parity(en: PageCites, cy: PageCites, style: CitationStyle) -> list[Problem]:
    """Problems (on the Welsh file) for each citation one language has and the other lacks."""
    en_seq = [c for c, _ in en.cites]
    cy_seq = [c for c, _ in cy.cites]
    missing = Counter(en_seq) - Counter(cy_seq)  # in English only
    extra = Counter(cy_seq) - Counter(en_seq)  # in Welsh only
    if not missing and not extra:
        return []
    matcher = difflib.SequenceMatcher(None, en_seq, cy_seq, autojunk=False)
    opcodes = matcher.get_opcodes()
    pairs = [(b.a + k, b.b + k) for b in matcher.get_matching_blocks() for k in range(b.size)]

    def anchor(index: int, side: int, other: PageCites) -> int:
        """Line in ``other`` where the citation at ``index`` on this side would be: the citation
        that replaced it, else the next one, else the last one, else the start of the body."""
        for _tag, i1, i2, j1, j2 in opcodes:
            lo, hi, olo, ohi = (i1, i2, j1, j2) if side == 0 else (j1, j2, i1, i2)
            if lo <= index < hi:
                target = min(olo + (index - lo), ohi - 1) if ohi > olo else olo
                if target < len(other.cites):
                    return other.cites[target][1]
                break
        if other.cites:
            return other.cites[-1][1]
        return other.page.front.body_line

    problems: list[Problem] = []
    hint = (
        "Both languages must cite the same sources with the same locators (Welsh may write t./tt. for p./pp.); "
        "add the missing citation or remove the extra one."
    )
    matched_en = {p[0] for p in pairs}
    matched_cy = {p[1] for p in pairs}
    for wanted, seq, matched, side in ((missing, en.cites, matched_en, 0), (extra, cy.cites, matched_cy, 1)):
        left = Counter(wanted)
        # Prefer occurrences the alignment left unmatched; then any (a reordered translation).
        order = [i for i in range(len(seq)) if i not in matched] + [
            i for i in reversed(range(len(seq))) if i in matched
        ]
        for i in order:
            cite, line = seq[i]
            if left[cite] <= 0:
                continue
            left[cite] -= 1
            shown = cite.show(style)
            if side == 0:
                problems.append(
                    problem(
                        "citation-parity",
                        cy.page.path,
                        anchor(i, 0, cy),
                        f"the Welsh version does not cite {shown}, which the English version "
                        f"{en.page.path}:{line} cites.",
                        hint,
                    )
                )
            else:
                problems.append(
                    problem(
                        "citation-parity",
                        cy.page.path,
                        line,
                        f"the Welsh version cites {shown} here, but the English version {en.page.path} does not "
                        f"(near {en.page.path}:{anchor(i, 1, en)}).",
                        hint,
                    )
                )
    return problems


def check(site: Site) -> list[Problem]:
    """Bibliography problems, citation problems on every page, and English/Welsh citation parity."""
    bib = load_bibliography(site.root)
    style = load_style(site.root)
    problems = list(bib.problems)
    parsed: dict[tuple[str, str], PageCites] = {}
    for page in site.pages:
        if page.text is None:
            continue
        result = check_page(page, bib, style)
        parsed[(page.lang, page.rel)] = result
        problems.extend(result.problems)
    for (lang, rel), en in parsed.items():
        if lang != "en":
            continue
        cy = parsed.get(("cy", rel))
        if cy is not None:
            problems.extend(_parity(en, cy, style))
    used = {c.key for result in parsed.values() for c, _ in result.cites}
    # A site citing nothing at all (a new or fixture site) would get a warning per entry: noise.
    if used:
        problems.extend(unused_problems(bib, used))
    return problems


# --------------------------------------------------------------------------- rendering


def format_locator(locator: Locator, lang: str, style: CitationStyle) -> str:
    term = style.locators.get(locator.term) or style.locators[style.default_locator]
    singular, plural = term.forms.get(lang) or term.forms["en"]
    value = locator.value.replace("-", "\u2013").replace(",", ", ")
    return f"{plural if locator.plural else singular} {value}"


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
