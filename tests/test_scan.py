"""kb.markdown.scan: one notion of code for every check, and it is the build's converter's.

Each case puts the marker word ZZQ somewhere in a body; the scan must keep it as prose exactly
when Python-Markdown, configured as the build configures it, shows it as text outside code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from htmlpage import Html

from kb.markdown.render import converter_for_root, render
from kb.markdown.scan import scan

REPO = Path(__file__).resolve().parent.parent
MARK = "ZZQ"

CASES = {
    "fenced backticks": "Intro\n\n```\nZZQ\n```\n",
    "fenced tildes": "Intro\n\n~~~python\nx = 'ZZQ'\n~~~\n",
    "fence in a list item": "1. Step\n\n    ```\n    ZZQ\n    ```\n",
    "indented code at the top level": "Intro\n\n    ZZQ = 1\n",
    "list item paragraph indented by four": "- Item\n\n    ZZQ is prose here\n",
    "code inside a list item (eight spaces)": "- Item\n\n        ZZQ = 1\n",
    "admonition body": "!!! note\n    ZZQ is prose here\n",
    "code in an admonition (eight spaces)": "!!! note\n    Text\n\n        ZZQ = 1\n",
    "code span": "Text `ZZQ` more\n",
    "double-backtick span": "Text ``a ` ZZQ`` more\n",
    "span across a line break": "Text `a\nZZQ` more\n",
    "no span across a paragraph": "Text `a\n\nZZQ` more\n",
    "HTML comment": "Text <!-- ZZQ --> more\n",
    "prose": "Plain ZZQ text\n",
    "blockquote": "> Quoted ZZQ\n",
    "table cell": "| a | b |\n|---|---|\n| ZZQ | 1 |\n",
    "unclosed fence": "Text\n\n```\nZZQ\n",
}


def _shown_as_prose(html: str) -> bool:
    """The marker appears in the rendered page's text outside code (comments are not text)."""
    page = Html(f"<body>{html}</body>")
    for node in page.nodes("pre, code"):
        node.decompose()
    return MARK in page.text()


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_scan_agrees_with_the_converter(name: str) -> None:
    body = CASES[name]
    md = converter_for_root(REPO)
    assert (MARK in scan(body).masked) == _shown_as_prose(render(body, md)), name


def test_masking_keeps_offsets_and_lines() -> None:
    body = "Intro\n\n```\ncode ŵ\n```\n\nText `x` [@key] ŷ\n"
    found = scan(body, first_line=7)
    assert len(found.masked) == len(body) and found.masked.count("\n") == body.count("\n")
    assert found.line(body.index("[@key]")) == 7 + 6
    assert found.lines[6].startswith("Text ") and "x" not in found.lines[6][5:8]
