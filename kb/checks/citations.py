"""Citations checked against the bibliography, quotations against their sources, and the same
citations in both languages.

Finding citations is kb.markdown.citations; rendering them, kb.publish.references.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from kb.core.problem import Problem, problem
from kb.markdown.citations import CitationStyle, Cite, find_citations
from kb.markdown.scan import mask_code
from kb.model import BuildModel
from kb.sources.bibliography import Bibliography, unused_problems
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
    problems = [problem("citation-syntax", page.path, page.scan.line(i.offset), i.message, i.hint) for i in found.issues]
    cites: list[tuple[Cite, int]] = []
    for group in found.groups:
        line = page.scan.line(group.start)
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
    for offset in unquoted_blockquotes(body, page.scan.masked):
        problems.append(
            problem(
                "quotation-without-citation",
                page.path,
                page.scan.line(offset),
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
    return problems

