"""Citations checked against the bibliography, quotations against their sources, and the same
citations in both languages.

Finding citations is kb.markdown.citations; rendering them, kb.publish.references.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from kb.core.messages import Joined, Message, msg
from kb.core.problem import Problem, problem
from kb.markdown.citations import CitationStyle, Cite, find_citations
from kb.markdown.scan import mask_code
from kb.model import BuildModel
from kb.sources.bibliography import Bibliography, organisation_problems, unused_problems, welsh_name_problems
from kb.sources.content import SourcePage

RULES = ("citation-unknown-key", "citation-syntax", "quotation-without-citation", "citation-parity")

_QUOTE_LINE = re.compile(r"^[ \t]*>")
_ENDS_WITH_CITATION = re.compile(r"\[\s*@[^\[\]]*\][\s.,;:!?)\"'\u201d\u2019\u00bb*_]*$")


def unquoted_blockquotes(body: str, masked: str | None = None) -> list[int]:
    """Offsets of the last line of each blockquote whose text does not end with a citation.

    A blockquote runs from a '>' line through following non-blank lines (lazy continuation),
    and across a blank line when the next line is a '>' line again (Python-Markdown joins them).
    """
    if ">" not in body:
        return []  # no blockquote at all (masking only blanks text out)
    masked = masked if masked is not None else mask_code(body)
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


@dataclass
class PageCites:
    page: SourcePage
    # Each citation with its real file line, in reading order.
    cites: list[tuple[Cite, int]]
    problems: list[Problem]


def check_page(page: SourcePage, bib: Bibliography, style: CitationStyle) -> PageCites:
    body = page.body
    found = find_citations(body, style, page.scan.masked)
    problems = [problem("citation-syntax", page.path, page.scan.line(i.offset), i.text) for i in found.issues]
    cites: list[tuple[Cite, int]] = []
    for group in found.groups:
        line = page.scan.line(group.start)
        for cite in group.cites:
            cites.append((cite, line))
            if bib.get(cite.key) is None:
                guess = bib.suggest(cite.key)
                problems.append(
                    problem(
                        "citation-unknown-key", page.path, line, "unknown-key" if bib.exists else "no-bibliography",
                        key=cite.key, bibliography=bib.path,
                        suggestion=msg("terms.did-you-mean", value=f"@{guess}") if guess else "",
                    )
                )
    for offset in unquoted_blockquotes(body, page.scan.masked):
        problems.append(problem("quotation-without-citation", page.path, page.scan.line(offset), "no-citation"))
    return PageCites(page, cites, problems)


def _parity(en: PageCites, cy: PageCites, style: CitationStyle) -> list[Problem]:
    """One problem (on the Welsh file) for each source the two languages cite differently.

    The message gives the source's citations on each side, with their lines and locators: "[@b]
    is cited twice here but 3 times in the English version", never one problem per occurrence.
    """
    if Counter(c for c, _ in en.cites) == Counter(c for c, _ in cy.cites):
        return []
    en_seq = [c for c, _ in en.cites]
    cy_seq = [c for c, _ in cy.cites]
    matcher = difflib.SequenceMatcher(None, en_seq, cy_seq, autojunk=False)
    opcodes = matcher.get_opcodes()

    def anchor(index: int) -> int:
        """Line in the Welsh file where the English citation at ``index`` would be: the citation
        that replaced it, else the next one, else the last one, else the start of the body."""
        for _tag, i1, i2, j1, j2 in opcodes:
            if i1 <= index < i2:
                target = min(j1 + (index - i1), j2 - 1) if j2 > j1 else j1
                if target < len(cy.cites):
                    return cy.cites[target][1]
                break
        if cy.cites:
            return cy.cites[-1][1]
        return cy.page.front.body_line

    matched_en = {b.a + k for b in matcher.get_matching_blocks() for k in range(b.size)}
    matched_cy = {b.b + k for b in matcher.get_matching_blocks() for k in range(b.size)}
    problems: list[Problem] = []
    keys = list(dict.fromkeys(c.key for c in en_seq + cy_seq))
    for key in keys:
        en_here = [(i, c, line) for i, (c, line) in enumerate(en.cites) if c.key == key]
        cy_here = [(i, c, line) for i, (c, line) in enumerate(cy.cites) if c.key == key]
        if Counter(c for _, c, _ in en_here) == Counter(c for _, c, _ in cy_here):
            continue
        # Where to point: a Welsh citation of this source the alignment left unmatched, else
        # where the first unmatched English one would be in the Welsh file.
        extra = [line for i, _, line in cy_here if i not in matched_cy]
        lacking = [i for i, _, _ in en_here if i not in matched_en]
        if extra:
            line = extra[0]
        elif lacking:
            line = anchor(lacking[0])
        else:
            line = cy_here[0][2] if cy_here else anchor(en_here[0][0])
        cy_where, en_where = _where(cy_here, "cy", style), _where(en_here, "en", style)
        if not cy_here:
            problems.append(
                problem(
                    "citation-parity", cy.page.path, line, "only-in-english",
                    key=key, en_path=en.page.path, en_count=_times(len(en_here)), en_where=en_where,
                )
            )
        elif not en_here:
            problems.append(
                problem(
                    "citation-parity", cy.page.path, line, "only-in-welsh",
                    key=key, en_path=en.page.path, cy_count=_times(len(cy_here)), cy_where=cy_where,
                )
            )
        elif len(en_here) == len(cy_here):
            problems.append(
                problem(
                    "citation-parity", cy.page.path, line, "locators-differ",
                    key=key, en_path=en.page.path, cy_where=cy_where, en_where=en_where,
                )
            )
        else:
            problems.append(
                problem(
                    "citation-parity", cy.page.path, line, "count-differs",
                    key=key, en_path=en.page.path, cy_count=_times(len(cy_here)), en_count=_times(len(en_here)),
                    cy_where=cy_where, en_where=en_where,
                )
            )
    return problems


def _times(count: int) -> Message:
    return msg(f"terms.times-{count}") if count <= 2 else msg("terms.times-many", count=count)


def _where(cites: list[tuple[int, Cite, int]], lang: str, style: CitationStyle) -> Joined:
    return Joined(tuple(msg("terms.cite-at", line=line, cite=c.show(style, lang)) for _, c, line in cites))


def check(model: BuildModel) -> list[Problem]:
    """Bibliography problems, citation problems on every page, and English/Welsh citation parity."""
    bib = model.data.bibliography
    style = model.data.citation_style
    problems = list(bib.problems)
    parsed: dict[tuple[str, str], PageCites] = {}
    for page in model.site.pages:
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
    problems.extend(organisation_problems(bib))
    problems.extend(welsh_name_problems(bib, used))
    return problems

