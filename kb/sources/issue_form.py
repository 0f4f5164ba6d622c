"""The case-study issue form: its questions, and the issue body GitHub makes from a filled form.

One definition of the form serves both directions: ``python -m kb guides`` writes the forms
(.github/ISSUE_TEMPLATE/case-study-{en,cy}.yml) from ``FORM_FIELDS``, and ``parse_issue_body`` reads
what GitHub renders from them: each question as a ``### Label`` heading followed by the answer,
``_No response_`` for an optional question left empty, several dropdown choices joined by ", ",
and ticked boxes as ``- [X] label``.

The body is written by anyone on the internet, so nothing here trusts it: its size is bounded,
a heading counts only when it is exactly one of the form's questions (a story may have its own
``###`` headings), a question asked twice is refused rather than guessed, and every problem is a
``Problem`` at the body's line, in the form's language when it is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kb.core.messages import Lang, Param, Texts, msg
from kb.core.problem import Problem, problem, rule_message

RULES = ("issue-form",)

# GitHub keeps at most 65,536 characters in an issue body; anything longer was not made by the form.
MAX_ISSUE_CHARS = 65_536
NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class FormField:
    """One question of the form. ``kind``: input, textarea, dropdown (several choices) or
    dropdown1 (one choice); ``vocabulary``: the data/vocabularies/ file a dropdown offers."""

    id: str
    kind: str
    vocabulary: str
    required: bool
    label: Texts
    help: Texts

    @property
    def multiple(self) -> bool:
        return self.kind == "dropdown"


def _f(fid: str, kind: str, vocab: str, required: bool, en: str, en_help: str, cy: str, cy_help: str) -> FormField:
    return FormField(fid, kind, vocab, required, Texts(en, cy), Texts(en_help, cy_help))


# Same order as the schema (data/schemas/case-study.yml); 'story' is the body of the page.
FORM_FIELDS: tuple[FormField, ...] = (
    _f("title", "input", "", True, "Title", "A short title for the case study.",
       "Teitl", "Teitl byr i'r astudiaeth achos."),
    _f("summary", "textarea", "", True, "Summary", "One or two sentences: what was done, where and with whom.",
       "Crynodeb", "Un neu ddwy frawddeg: beth a wnaed, ble a gyda phwy."),
    _f("organisations", "textarea", "", True, "Organisations", "The organisations that led or took part, one per line.",
       "Sefydliadau", "Y sefydliadau a arweiniodd neu a gymerodd ran, un y llinell."),
    _f("regions", "dropdown", "regions", True, "Areas", "The principal areas where it happened, or Wales-wide.",
       "Ardaloedd", "Y prif ardaloedd lle digwyddodd, neu Gymru gyfan."),
    _f("sectors", "dropdown", "sectors", True, "Sectors", "The sectors involved.",
       "Sectorau", "Y sectorau a fu'n rhan."),
    _f("themes", "dropdown", "themes", True, "Themes", "What the case study is about.",
       "Themâu", "Am beth mae'r astudiaeth achos."),
    _f("values", "dropdown", "values", True, "Co-production values shown", "The values the work shows.",
       "Gwerthoedd cydgynhyrchu a ddangoswyd", "Y gwerthoedd y mae'r gwaith yn eu dangos."),
    _f("legislation", "dropdown", "legislation", False, "Legislation", "Laws the work relates to, if any.",
       "Deddfwriaeth", "Deddfau y mae'r gwaith yn ymwneud â nhw, os oes rhai."),
    _f("involved", "dropdown", "roles", True, "Who was involved", "Roles only, never the names of private individuals.",
       "Pwy fu'n rhan", "Rolau yn unig, byth enwau unigolion preifat."),
    _f("start_year", "input", "", True, "Year started", "The year the work began, e.g. 2019.",
       "Blwyddyn dechrau", "Y flwyddyn y dechreuodd y gwaith, e.e. 2019."),
    _f("status", "dropdown1", "statuses", True, "Status", "Is the work still going on?",
       "Statws", "Ydy'r gwaith yn dal i fynd rhagddo?"),
    _f("what_changed", "textarea", "", True, "What changed", "What changed for people or services.",
       "Beth newidiodd", "Beth a newidiodd i bobl neu wasanaethau."),
    _f("what_learned", "textarea", "", True, "What was learned", "What others can learn from it.",
       "Beth a ddysgwyd", "Beth y gall eraill ei ddysgu ohono."),
    _f("story", "textarea", "", True, "The story", "The background, what was done and how people were involved.",
       "Y stori", "Y cefndir, beth a wnaed a sut y cafodd pobl eu cynnwys."),
    _f("sources", "textarea", "", True, "Sources",
       "The published reports, web pages or articles the facts come from: title, publisher, year and web address.",
       "Ffynonellau",
       "Yr adroddiadau, tudalennau gwe neu erthyglau cyhoeddedig y daw'r ffeithiau ohonynt: teitl, cyhoeddwr, "
       "blwyddyn a chyfeiriad gwe."),
    _f("contact", "input", "", True, "Contact web page",
       "The https:// address of an organisation's public web page. No personal e-mail addresses or phone numbers.",
       "Tudalen we gyswllt",
       "Cyfeiriad https:// tudalen we gyhoeddus sefydliad. Dim cyfeiriadau e-bost na rhifau ffôn personol."),
    _f("licence", "dropdown1", "licences", True, "Licence", "The licence the case study is published under.",
       "Trwydded", "Y drwydded y caiff yr astudiaeth achos ei chyhoeddi oddi tani."),
)

# The form's other words: its name, the introduction, and the three confirmations (all required).
FORM_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "name": "Propose a case study (English)",
        "description": "Tell us about co-production in a Welsh public service; the team turns it into a case study with you.",
        "title": "Case study: ",
        "intro": (
            "Thank you for sharing an example. You do not need to use git or know how the site is built. "
            "Please describe roles, not named individuals, and give no personal e-mail addresses or phone "
            "numbers. Every fact needs a published source. This form is also available in Welsh."
        ),
        "multi": "Choose all that apply.",
        "confirm": "Before you submit",
        "c1": "The information comes from published sources, which I have listed.",
        "c2": "I have named roles, not private individuals, and given no personal contact details.",
        "c3": "I agree that the case study is published under the licence I chose.",
    },
    "cy": {
        "name": "Cynnig astudiaeth achos (Cymraeg)",
        "description": "Dywedwch wrthym am gydgynhyrchu mewn gwasanaeth cyhoeddus yng Nghymru; bydd y tîm yn troi'ch cyflwyniad yn astudiaeth achos gyda chi.",
        "title": "Astudiaeth achos: ",
        "intro": (
            "Diolch am rannu enghraifft. Does dim angen i chi ddefnyddio git na gwybod sut mae'r wefan wedi'i "
            "hadeiladu. Disgrifiwch rolau, nid unigolion wrth eu henwau, a pheidiwch â rhoi cyfeiriadau e-bost na "
            "rhifau ffôn personol. Mae angen ffynhonnell gyhoeddedig ar gyfer pob ffaith. Mae'r ffurflen hon ar gael "
            "yn Saesneg hefyd."
        ),
        "multi": "Dewiswch bob un sy'n berthnasol.",
        "confirm": "Cyn i chi gyflwyno",
        "c1": "Daw'r wybodaeth o ffynonellau cyhoeddedig, ac rwyf wedi'u rhestru.",
        "c2": "Rwyf wedi enwi rolau, nid unigolion preifat, a heb roi manylion cyswllt personol.",
        "c3": "Rwy'n cytuno y caiff yr astudiaeth achos ei chyhoeddi o dan y drwydded a ddewisais.",
    },
}
CONFIRMATIONS = ("c1", "c2", "c3")
CONFIRM_ID = "confirm"

_HEADING = re.compile(r"^###[ \t]+(?P<label>.*?)[ \t#]*$")
_CHECKBOX = re.compile(r"^\s*[-*][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<label>.*?)\s*$")


@dataclass(frozen=True)
class Answer:
    """The answer to one question: its lines as written (blank lines around it dropped) and where."""

    field_id: str
    heading_line: int  # 1-based line of '### Label'
    first_line: int  # 1-based line of the answer's first line (the heading's when it is empty)
    lines: tuple[str, ...]
    end_line: int  # last line that belongs to this question (before the next heading)

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def numbered(self) -> list[tuple[int, str]]:
        """(line in the issue body, text) for each line of the answer."""
        return [(self.first_line + i, line) for i, line in enumerate(self.lines)]


@dataclass
class IssueForm:
    """What a case-study issue body says, question by question, and what is wrong with it."""

    path: str
    lang: Lang | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Questions with a problem of their own here (unanswered, missing, asked twice): what the
    # checks then say about their field is a consequence, not a second mistake.
    faulted: set[str] = field(default_factory=set)

    def answer(self, field_id: str) -> Answer | None:
        return self.answers.get(field_id)

    def field_at(self, line: int) -> FormField | None:
        """The question whose heading or answer is at ``line`` of the body."""
        for answer in self.answers.values():
            if answer.heading_line <= line <= answer.end_line:
                return next((f for f in FORM_FIELDS if f.id == answer.field_id), None)
        return None


def _labels() -> dict[str, tuple[str, Lang]]:
    """Each heading the form writes, in either language: its text -> (question id, language)."""
    out: dict[str, tuple[str, Lang]] = {}
    for lang in ("en", "cy"):
        for f in FORM_FIELDS:
            out[_norm(f.label.render(lang))] = (f.id, lang)
        out[_norm(FORM_TEXT[lang]["confirm"])] = (CONFIRM_ID, lang)
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _headings(lines: list[str]) -> list[tuple[int, str, Lang]]:
    """(0-based line, question id, language) of each line that is exactly one of the form's questions."""
    known = _labels()
    found: list[tuple[int, str, Lang]] = []
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m and _norm(m.group("label")) in known:
            fid, lang = known[_norm(m.group("label"))]
            found.append((i, fid, lang))
    return found


def _label(field_id: str) -> Texts:
    if field_id == CONFIRM_ID:
        return Texts(FORM_TEXT["en"]["confirm"], FORM_TEXT["cy"]["confirm"])
    return next(f.label for f in FORM_FIELDS if f.id == field_id)


def _trim(block: list[str]) -> tuple[int, list[str]]:
    """Blank lines around an answer dropped: (lines dropped before it, its lines)."""
    start, end = 0, len(block)
    while start < end and not block[start].strip():
        start += 1
    while end > start and not block[end - 1].strip():
        end -= 1
    return start, [line.rstrip() for line in block[start:end]]


def unreadable(path: str, key: str, /, **params: Param) -> Problem:
    """The issue's file itself cannot be read: 'unreadable', 'not-utf8' or 'too-large'."""
    return problem("issue-form", path, 1, rule_message("issue-form", key, **params))


def parse_issue_body(text: str, path: str) -> IssueForm:
    """Read a case-study issue body. Never raises; ``form.problems`` says what is wrong."""
    form = IssueForm(path)
    if len(text) > MAX_ISSUE_CHARS:
        form.problems.append(problem("issue-form", path, 1, "too-large", size=len(text), limit=MAX_ISSUE_CHARS))
        return form
    # Composed letters (NFC): a browser may send 'ŵ' as 'w' and a combining circumflex, which
    # would match no label and leave decomposed letters in the file (KB007).
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings = _headings(lines)
    if not headings:
        form.problems.append(problem("issue-form", path, 1, "not-a-form"))
        return form
    counts = {lang: sum(h[2] == lang for h in headings) for lang in ("en", "cy")}
    form.lang = "cy" if counts["cy"] > counts["en"] else "en"
    lang_word = {"en": msg("terms.in-en"), "cy": msg("terms.in-cy")}
    seen: dict[str, int] = {}
    for n, (i, fid, lang) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        line_no = i + 1
        if lang != form.lang:
            form.problems.append(
                problem("issue-form", path, line_no, "mixed-languages", heading=lines[i].strip(),
                        other=lang_word[lang], form=lang_word[form.lang])
            )
            continue
        if fid in seen:
            form.problems.append(
                problem("issue-form", path, line_no, "heading-twice", label=_label(fid), first=seen[fid])
            )
            form.answers.pop(fid, None)
            form.faulted.add(fid)
            continue
        seen[fid] = line_no
        skipped, answer_lines = _trim(lines[i + 1 : end])
        if len(answer_lines) == 1 and answer_lines[0].strip() == NO_RESPONSE:
            answer_lines = []
        first = i + 2 + skipped if answer_lines else line_no
        form.answers[fid] = Answer(fid, line_no, first, tuple(answer_lines), end)
    for f in FORM_FIELDS:
        answer = form.answers.get(f.id)
        if f.id in seen and answer is None:
            continue  # asked twice: already reported
        if answer is None:
            if f.required:
                form.problems.append(problem("issue-form", path, 1, "question-missing", label=f.label))
                form.faulted.add(f.id)
        elif answer.empty and f.required:
            form.problems.append(problem("issue-form", path, answer.heading_line, "answer-missing", label=f.label))
            form.faulted.add(f.id)
    form.problems.extend(_confirmations(form))
    return form


def _confirmations(form: IssueForm) -> list[Problem]:
    """All three boxes under 'Before you submit' are ticked (the form requires them; an edit may not)."""
    answer = form.answers.get(CONFIRM_ID)
    lang: Lang = form.lang or "en"
    ticked: set[str] = set()
    for _, text in answer.numbered() if answer else []:
        m = _CHECKBOX.match(text)
        if m and m.group("mark") in "xX":
            ticked.add(_norm(m.group("label")))
    problems: list[Problem] = []
    line = answer.heading_line if answer else 1
    for key in CONFIRMATIONS:
        if _norm(FORM_TEXT[lang][key]) not in ticked:
            label = Texts(FORM_TEXT["en"][key], FORM_TEXT["cy"][key])
            problems.append(problem("issue-form", form.path, line, "not-confirmed", label=label))
    return problems
