"""A filled case-study issue form as a case-study file: the template, filled from the answers.

The form is answered in one language, so the case study is written in that language only and
declares its translation pending (``translation: {pending: <today>}``): it is published in both
languages, the other with a "not yet translated" banner, until a translator adds the other file.

Nothing from the body is trusted or copied into YAML by hand: values are written with
``yaml.safe_dump`` and keep what the contributor wrote, so the same checks as for a hand-written
case study judge them (plain text, vocabularies, the contact, the Markdown of the story). Only
what the form itself knows is settled here: choices given as "Label (id)", a label in either
language or an id become ids; each source must be an entry of the bibliography (by its id or its
address); the id of the case study is made from the title unless a maintainer gives one.
Each line written remembers the line of the issue body it came from (``Draft.origins``), so a
problem the checks find in the file is reported where the contributor wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb.core.messages import Lang, Param
from kb.core.plaintext import markdown_text
from kb.core.problem import Problem, problem, rule_message
from kb.sources.bibliography import Bibliography
from kb.sources.issue_form import FORM_FIELDS, Answer, IssueForm
from kb.sources.vocabularies import Vocabulary

RULES = ("issue-form-source", "issue-form-id")

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_PIECES = 4
NO_LINE = 0  # a line of the file that comes from no line of the issue (the template, today's date)
MAX_ID = 60  # a made-up id stays readable in an address; the schema allows 80 for a chosen one
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_OPTION = re.compile(r"^(?P<label>.*?)\s*\(\s*(?P<id>[A-Za-z0-9][A-Za-z0-9.-]*)\s*\)\s*$")
_URL = re.compile(r"https?://[^\s<>\"'\])]+", re.I)
_CITATION = re.compile(r"^\[?@(?P<id>[A-Za-z0-9][A-Za-z0-9_:.-]*)\]?$")
_TEMPLATE_KEY = re.compile(r"^(?P<key>[a-z_]+):")


@dataclass
class Draft:
    """A case study made from a form: its id, language, front matter and body, and for each line
    of the file written from it (``render``) the line of the issue body it came from."""

    case_id: str
    lang: Lang
    meta: dict[str, Any]
    # front-matter key -> issue lines (one per list item for lists written one per line; NO_LINE if none)
    meta_lines: dict[str, list[int]]
    body: list[tuple[int, str]]  # (issue line, Markdown line)
    problems: list[Problem] = field(default_factory=list)
    id_usable: bool = True  # a folder may be named after it
    origins: dict[int, int] = field(default_factory=dict)


def slug(title: str) -> str:
    """An id from a title: 'Caffi Trwsio'r Fro: Tŷ Ŵyn' -> 'caffi-trwsio-r-fro-ty-wyn'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(words) <= MAX_ID:
        return words
    cut = words[: MAX_ID + 1]
    return cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_ID]


def _one_line(answer: Answer | None) -> str:
    return " ".join(" ".join(answer.lines).split()) if answer else ""


def _items(text: str) -> list[str]:
    return [p.strip() for line in text.split("\n") for p in line.split(",") if p.strip()]


def resolve_choices(text: str, vocab: Vocabulary | None) -> list[str]:
    """The ids of a dropdown answer: "Label (id)" as the form writes it, an id, or a label in
    English or Welsh. A value that is none of these is kept as written, for the vocabulary check
    to report (it names the allowed ids). Choices are split at commas; a piece that names nothing
    alone is joined with the next few only if together they are exactly one label (a label with a comma)."""
    pieces = _items(text)
    out: list[str] = []
    i = 0
    while i < len(pieces):
        term, j = _term(pieces[i], vocab, loose=True), i + 1
        k = i + 2
        while term is None and k <= min(len(pieces), i + MAX_PIECES):
            term, j = _term(", ".join(pieces[i:k]), vocab, loose=False), k
            k += 1
        if term is None:
            term, j = pieces[i], i + 1
        if term not in out:
            out.append(term)
        i = j
    return out


def _term(value: str, vocab: Vocabulary | None, loose: bool) -> str | None:
    """The id ``value`` names. ``loose``: "anything (id)" gives the id (a label renamed since the
    issue was opened); otherwise the words before "(id)" must be that term's label."""
    if vocab is None:
        return None
    if vocab.get(value) is not None:
        return value
    m = _OPTION.match(value)
    if m:
        term = vocab.get(m.group("id"))
        if term is not None and (loose or not m.group("label") or term.is_named(m.group("label"))):
            return term.id
    named = vocab.named(value)
    return named.id if named else None


def _norm_url(url: str) -> str:
    url = url.rstrip(".,;:!?")
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


def _source_index(bib: Bibliography) -> tuple[dict[str, str], dict[str, str]]:
    """The bibliography by address (each language's) and by title (each language's)."""
    by_url: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for entry in bib.entries.values():
        versions = [entry.data, *(v for k, v in entry.data.items() if k in ("en", "cy") and isinstance(v, dict))]
        for version in versions:
            if isinstance(version.get("URL"), str):
                by_url.setdefault(_norm_url(version["URL"]), entry.id)
            if isinstance(version.get("title"), str):
                by_title.setdefault(" ".join(version["title"].split()).casefold(), entry.id)
    return by_url, by_title


def resolve_sources(answer: Answer, bib: Bibliography, path: str) -> tuple[list[str], list[int], list[Problem]]:
    """Each line of the Sources answer as a bibliography id: its id ('fgc-2020-report' or
    '[@fgc-2020-report]'), its address, or its exact title. A source the bibliography does not
    have is a problem: its details must be checked and added by a person, never guessed."""
    by_url, by_title = _source_index(bib)
    ids: list[str] = []
    lines: list[int] = []
    problems: list[Problem] = []
    for line_no, raw in answer.numbered():
        line = _BULLET.sub("", raw).strip()
        if not line:
            continue
        cited = _CITATION.match(line)
        key = cited.group("id") if cited else line
        found = key if key in bib.entries else None
        if found is None:
            found = next((by_url[_norm_url(u)] for u in _URL.findall(line) if _norm_url(u) in by_url), None)
        if found is None:
            found = by_title.get(" ".join(line.split()).casefold())
        if found is None:
            problems.append(problem("issue-form-source", path, line_no, "unknown", source=line[:200]))
        elif found not in ids:
            ids.append(found)
            lines.append(line_no)
    return ids, lines, problems


def id_problem(path: str, line: int, key: str, /, **params: Param) -> Problem:
    """The id cannot be used: 'reserved' (an index page's) or 'taken' (another case study's folder)."""
    return problem("issue-form-id", path, line, rule_message("issue-form-id", key, **params))


def draft_case_study(
    form: IssueForm,
    vocabs: dict[str, Vocabulary],
    bib: Bibliography,
    today: dt.date,
    case_id: str | None = None,
) -> Draft:
    """The case study the form describes (in the form's language), and what stops it being made."""
    lang: Lang = form.lang or "en"
    answers = form.answers
    title = _one_line(answers.get("title"))
    meta: dict[str, Any] = {}
    meta_lines: dict[str, list[int]] = {}
    problems: list[Problem] = []

    def line_of(fid: str) -> int:
        answer = answers.get(fid)
        return answer.first_line if answer else NO_LINE

    made_id = case_id if case_id is not None else slug(title)
    meta["id"] = made_id
    meta_lines["id"] = [line_of("title")]
    if not made_id:
        if title:  # no title at all is the form's problem (a required answer), not a second one here
            problems.append(problem("issue-form-id", form.path, line_of("title"), "no-id", title=title))
    elif not ID_PATTERN.match(made_id) or len(made_id) > 80:
        problems.append(problem("issue-form-id", form.path, 1, "bad-id", id=made_id))  # given, not made
    meta["type"] = "case-study"
    for f in FORM_FIELDS:
        answer = answers.get(f.id)
        if f.id in ("story", "sources"):
            continue
        if f.id == "organisations":
            items = [(n, _BULLET.sub("", line).strip()) for n, line in answer.numbered()] if answer else []
            items = [(n, text) for n, text in items if text]
            meta[f.id] = [text for _, text in items]
            meta_lines[f.id] = [n for n, _ in items]
        elif f.kind == "dropdown":
            meta[f.id] = resolve_choices(answer.text, vocabs.get(f.vocabulary)) if answer else []
            meta_lines[f.id] = [line_of(f.id)]
        elif f.kind == "dropdown1":
            choices = resolve_choices(answer.text, vocabs.get(f.vocabulary)) if answer else []
            meta[f.id] = choices[0] if len(choices) == 1 else ", ".join(choices)
            meta_lines[f.id] = [line_of(f.id)]
        elif f.id == "start_year":
            year = _one_line(answer)
            meta[f.id] = int(year) if re.fullmatch(r"[0-9]{4}", year) else year
            meta_lines[f.id] = [line_of(f.id)]
        else:
            meta[f.id] = _one_line(answer)
            meta_lines[f.id] = [line_of(f.id)]
        if f.id == "involved":
            meta["methods"] = []  # not asked: the reviewer adds any method that fits
            meta_lines["methods"] = [NO_LINE]
        if f.id == "what_learned":
            sources = answers.get("sources")
            if sources is not None:
                ids, lines, source_problems = resolve_sources(sources, bib, form.path)
                problems.extend(source_problems)
                if source_problems:
                    form.faulted.add("sources")
            else:
                ids, lines = [], []
            meta["sources"] = ids
            meta_lines["sources"] = lines or [line_of("sources")]
    date = today.isoformat()
    meta["submitted"] = date
    meta["updated"] = date
    meta["translation"] = {"pending": date}
    for key in ("submitted", "updated", "translation"):
        meta_lines[key] = [NO_LINE]
    story = answers.get("story")
    body = [(line_of("title"), f"# {markdown_text(title)}"), (line_of("title"), "")]
    body += story_headings_below_title(story.numbered()) if story else []
    usable = bool(made_id) and bool(ID_PATTERN.match(made_id)) and len(made_id) <= 80
    return Draft(made_id, lang, meta, meta_lines, body, problems, id_usable=usable)


_ATX = re.compile(r"^(?P<marks>#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})")


def story_headings_below_title(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The story's own headings moved so the highest is level 2, under the page's title (h1):
    a story written with '###' (GitHub's own level in the issue) or with a second '#' title would
    otherwise skip a level or compete with the title. Code blocks are left as written."""
    levels: list[int] = []
    fence = ""
    for _, text in lines:
        m = _FENCE.match(text)
        if m and (not fence or m.group("fence").startswith(fence)):
            fence = "" if fence else m.group("fence")[0] * 3
            continue
        heading = None if fence else _ATX.match(text)
        if heading:
            levels.append(len(heading.group("marks")))
    if not levels or min(levels) == 2:
        return lines
    shift = 2 - min(levels)
    out: list[tuple[int, str]] = []
    fence = ""
    for origin, text in lines:
        m = _FENCE.match(text)
        if m and (not fence or m.group("fence").startswith(fence)):
            fence = "" if fence else m.group("fence")[0] * 3
        heading = None if fence or m else _ATX.match(text)
        if heading:
            level = min(6, len(heading.group("marks")) + shift)
            text = "#" * level + text[heading.end() :]
        out.append((origin, text))
    return out


def _dump(key: str, value: Any) -> list[str]:
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return text.rstrip("\n").split("\n")


def render(draft: Draft, template: str) -> str:
    """The case-study file: the template's front matter with each field's value replaced (its
    comments, which explain every field in both languages, kept) and the body from the form.
    Fills ``draft.origins``: for each line of the file, the line of the issue body it came from."""
    lines = template.replace("\r\n", "\n").split("\n")
    out: list[tuple[int, str]] = []
    written: set[str] = set()
    i = 1  # after the opening '---'
    out.append((NO_LINE, "---"))
    while i < len(lines) and lines[i].rstrip() != "---":
        m = _TEMPLATE_KEY.match(lines[i])
        if m is None:
            out.append((NO_LINE, lines[i]))  # a comment or a blank line
            i += 1
            continue
        key = m.group("key")
        i += 1
        while i < len(lines) and lines[i].startswith((" ", "\t")):
            i += 1  # the template's own value continues on indented lines
        if key in draft.meta:
            out.extend(_lines_for(draft, key))
            written.add(key)
    for key in draft.meta:
        if key not in written:
            out.extend(_lines_for(draft, key))
    out.append((NO_LINE, "---"))
    out.extend(draft.body)
    draft.origins = {n: origin for n, (origin, _) in enumerate(out, start=1)}
    return "\n".join(text for _, text in out) + "\n"


def _lines_for(draft: Draft, key: str) -> list[tuple[int, str]]:
    dumped = _dump(key, draft.meta[key])
    origins = draft.meta_lines.get(key) or [NO_LINE]
    if isinstance(draft.meta[key], list) and len(dumped) == len(origins) + 1:
        # 'key:' then one '- item' line per item: each item at its own line of the issue
        return [(origins[0], dumped[0])] + list(zip(origins, dumped[1:], strict=True))
    return [(origins[0], text) for text in dumped]
