"""Citation keys that reached a built page as text (KB122): '[@copronet-2020-context-psbs]' shown to readers.

The citations hook turns every [@key] in a page's Markdown into a numbered note. One that survives
into the HTML was written somewhere it never sees (a front-matter field, raw HTML, a generated
part) or in a form it does not read; either way the reader gets a key, not a source.
"""

from __future__ import annotations

import re

from kb.core.problem import Problem, problem

RULES = ("citation-unrendered",)
# What readers never see as text: code, scripts, styles, comments, form fields.
_HIDDEN = re.compile(
    r"<!--.*?-->|<(script|style|pre|code|textarea|template)\b[^>]*>.*?</\1\s*>",
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]*>")
RAW_KEY = re.compile(r"\[\s*@[A-Za-z0-9_][^\]\s<]*[^\]<]*\]")


def unrendered_citations(html: str) -> list[tuple[int, str]]:
    """(line in the HTML, text) of every '[@key…]' in the page's visible text."""
    if "[@" not in html and "[ @" not in html:
        return []
    # Blank out what is not text, keeping newlines so lines stay right.
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = _TAG.sub(blank, _HIDDEN.sub(blank, html))
    return [(text.count("\n", 0, m.start()) + 1, " ".join(m.group(0).split())) for m in RAW_KEY.finditer(text)]


def unrendered_problem(path: str, line: int, raw: str, built: str) -> Problem:
    """KB122 for '[@key]' seen as text on the built page ``built`` (reported at ``path``:``line``)."""
    return problem("citation-unrendered", path, line, "shown-as-text", raw=raw, built=built)
