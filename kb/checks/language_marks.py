"""Words in the other language left unmarked (KB121): English on a Welsh page, Welsh on an English one.

Screen readers read a Welsh page with Welsh pronunciation; an English gloss or title inside it
must be marked ``[words]{lang=en}`` (or ``*words*{lang=en}``) to be read as English (WCAG 3.1.2).
Telling languages apart in general is guesswork, so this stays low-noise by looking only for text
that is certainly the other language's: a table cell, an emphasised phrase or a whole paragraph
that appears word for word on the other language's version of the page, unmarked there too.
A glossary's English column, a quoted English title or an untranslated paragraph are found; a
name that both languages share (UNICEF UK, Invest Local) is left alone when the vocabularies say
it is the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.core import yamlload
from kb.core.messages import msg
from kb.core.problem import Problem, problem
from kb.markdown.lang_spans import marked_spans
from kb.markdown.scan import mask_code
from kb.model import BuildModel
from kb.sources.content import LANGS, Lang, SourcePage, other_lang
from kb.sources.vocabularies import Vocabulary

RULES = ("language-unmarked",)

# A paragraph is only compared whole, and only when long enough to be prose, not a name.
MIN_PARAGRAPH_WORDS = 6
_EMPHASIS = re.compile(r"(?<![*_\w])(\*{1,2}|_{1,2})(?![\s*_])([^*_\n]+?)(?<!\s)\1(?![*_\w])")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_CITATION = re.compile(r"\[\s*@[^\]\n]*\]")
_HTML = re.compile(r"<[^>\n]+>")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)]|>)\s+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Run:
    """A piece of a page's text compared whole: its words, where it starts, whether it is marked."""

    text: str  # normalised: markup removed, spaces collapsed
    offset: int  # in the body
    marked: str | None  # the language it is marked as, if any
    # An emphasised phrase (a gloss, a title): found anywhere in the other page's text, not only whole.
    emphasis: bool = False


def _plain(text: str) -> str:
    text = _CITATION.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = re.sub(r"\{:?\s*lang=[^}]*\}", " ", text)
    text = text.replace("*", "").replace("_", " ").replace("[", "").replace("]", "")
    return _SPACE.sub(" ", text).strip(" .,;:!?\"'()“”‘’")


def _mark_at(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    return next((lang for s, e, lang in spans if s <= start and end <= e), None)


def runs(body: str, masked: str | None = None) -> list[Run]:
    """Table cells, emphasised phrases and paragraphs of ``body`` (outside code), with their marks.

    ``masked``: the body with its code blanked out, when the page's scan already made it.
    """
    masked = mask_code(body) if masked is None else masked
    spans = marked_spans(masked)
    out: list[Run] = []

    def add(raw: str, start: int, end: int, emphasis: bool = False) -> None:
        text = _plain(raw)
        if text and _WORD.search(text):
            out.append(Run(text, start, _mark_at(spans, start, end), emphasis))

    offset = 0
    paragraph: list[tuple[str, int]] = []

    def close_paragraph() -> None:
        if paragraph:
            start = paragraph[0][1]
            end = paragraph[-1][1] + len(paragraph[-1][0])
            joined = " ".join(_LIST_MARK.sub("", line) for line, _ in paragraph)
            if len(_WORD.findall(_plain(joined))) >= MIN_PARAGRAPH_WORDS:
                add(joined, start, end)
            paragraph.clear()

    for line in masked.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and not _TABLE_RULE.match(line):
            close_paragraph()
            pos = offset + line.index("|")
            for cell in stripped.strip("|").split("|"):
                content = cell.strip()
                at = masked.find(content, pos) if content else pos
                add(content, at, at + len(content))
                pos = at + len(content)
        elif not stripped or stripped.startswith("#") or _LIST_MARK.match(line) or _TABLE_RULE.match(line):
            close_paragraph()
            if _LIST_MARK.match(line):
                paragraph.append((line, offset))
        else:
            paragraph.append((line, offset))
        for m in _EMPHASIS.finditer(line):
            add(m.group(2), offset + m.start(), offset + m.end() + _mark_length(masked, offset + m.end()), True)
        offset += len(line) + 1
    close_paragraph()
    return out


def _mark_length(masked: str, at: int) -> int:
    """Length of an attr_list mark right after an emphasis ('{lang=en}'), so the mark covers it."""
    m = re.match(r"\{:?\s*lang=[^}]*\}", masked[at : at + 40])
    return m.end() if m else 0


HINTS_FILE = "data/language-hints.yml"


@dataclass(frozen=True)
class LanguageHints:
    """Signs of each language in a short piece of text (data/language-hints.yml)."""

    words: dict[str, frozenset[str]]
    patterns: dict[str, tuple[re.Pattern[str], ...]]

    def guess(self, text: str) -> str | None:
        """The language with more signs in ``text``; None when neither has more."""
        scores = dict.fromkeys(self.words, 0)
        for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.casefold()):
            for lang in scores:
                scores[lang] += (word in self.words[lang]) + sum(1 for p in self.patterns[lang] if p.search(word))
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) < 2 or ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]


def load_hints(root: Path) -> LanguageHints:
    path = root / HINTS_FILE
    return hints_from_data(yamlload.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None)


def _compiled(patterns: Any) -> list[re.Pattern[str]]:
    """The patterns that are valid regular expressions (hints are signs: a broken one is left out)."""
    out = []
    for pattern in patterns if isinstance(patterns, list) else []:
        try:
            out.append(re.compile(str(pattern)))
        except re.error:
            continue
    return out


def hints_from_data(raw: Any) -> LanguageHints:
    raw = raw if isinstance(raw, dict) else {}
    words = {str(k): frozenset(str(w).casefold() for w in v or []) for k, v in (raw.get("words") or {}).items()}
    patterns = {str(k): tuple(_compiled(v or [])) for k, v in (raw.get("patterns") or {}).items()}
    for lang in LANGS:
        words.setdefault(lang, frozenset())
        patterns.setdefault(lang, ())
    return LanguageHints(words, patterns)


def _shared_names(vocabularies: Mapping[str, Vocabulary]) -> set[str]:
    """Labels the same in both languages (names, 'Sector'): never evidence of a language."""
    out: set[str] = set()
    for vocab in vocabularies.values():
        for term in vocab.terms:
            if term.en == term.cy:
                out.add(term.en.casefold())
            out.update(a.casefold() for a in term.also)
    return out


def _own_text(masked: str) -> str:
    """A page's prose (its code already blanked) without what it marks as another language."""
    for start, end, _lang in reversed(marked_spans(masked)):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return _plain(masked)


def _line(page: SourcePage, offset: int) -> int:
    return page.front.body_line + page.body.count("\n", 0, offset)


def pair_problems(pages: dict[Lang, SourcePage], shared: set[str], hints: LanguageHints) -> list[Problem]:
    """For each page of a pair: runs that are, word for word, unmarked text of the other page.

    Words unmarked on both versions are in the wrong language on one of them: the language hints
    say which when they can; otherwise one problem (on the Welsh file) names both files.
    """
    found = {lang: runs(page.body, page.scan.masked) for lang, page in pages.items() if page.text is not None}
    if len(found) < 2:
        return []
    problems: list[Problem] = []
    ambiguous: set[str] = set()
    for lang, page in pages.items():
        other = other_lang(lang)
        if lang not in found or other not in found:
            continue
        # The other page's own words: unmarked there (or marked as its own language).
        theirs = {r.text.casefold() for r in found[other] if r.marked in (None, other)}
        their_text = _own_text(pages[other].scan.masked)
        said: set[str] = set()
        for run in found[lang]:
            key = run.text.casefold()
            if run.marked is not None or key in shared or key in said:
                continue
            # A gloss or title in italics: the other page uses the very words in its own text.
            quoted = run.emphasis and re.search(rf"(?<!\w){re.escape(run.text)}(?!\w)", their_text) is not None
            if key not in theirs and not quoted:
                continue
            said.add(key)
            guess = hints.guess(run.text)
            if guess == lang:
                continue  # this page's own words; the other page is the one to mark
            if guess is None:
                if key in ambiguous or lang != "cy":
                    continue
                ambiguous.add(key)
            problems.append(_problem(page, pages[other], run, other, certain=guess is not None))
    return problems


def _problem(page: SourcePage, other_page: SourcePage, run: Run, other: str, certain: bool) -> Problem:
    shown = run.text if len(run.text) <= 60 else run.text[:57] + "…"
    line = _line(page, run.offset)
    if certain:
        return problem(
            "language-unmarked", page.path, line, "other-language",
            text=shown, code=other, in_language=msg(f"terms.in-{other}"), the_version=msg(f"terms.version-{other}"),
            page_language=msg(f"terms.lang-{page.lang}"),
        )
    return problem(
        "language-unmarked", page.path, line, "unmarked-on-both",
        text=shown, code=other, page_code=page.lang, path=page.path, other_path=other_page.path,
        language=msg(f"terms.lang-{other}"), page_language=msg(f"terms.lang-{page.lang}"),
    )


def check(model: BuildModel) -> list[Problem]:
    shared = _shared_names(model.data.vocabularies)
    hints = hints_from_data(model.data.yaml(HINTS_FILE))
    problems: list[Problem] = []
    for status in model.pairs:
        if len(status.pages) == len(LANGS):
            problems.extend(pair_problems(status.pages, shared, hints))
    return problems
