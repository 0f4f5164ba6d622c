"""Marking words in the other language: ``[Local Area Coordination]{lang=en}`` -> ``<span lang="en">…</span>``.

The same syntax as pandoc's bracketed spans, limited to ``lang``: screen readers then pronounce
English words on a Welsh page as English (WCAG 3.1.2, Language of Parts), and the search index
leaves them out of Welsh word forms. Emphasis takes attr_list's form, ``*Getting Going*{lang=en}``.

A Python-Markdown extension (mkdocs.yml: ``kb.markdown.lang_spans``): inside code it is text,
and the words inside the brackets are still Markdown (``[*sortition*]{lang=en}``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# A language tag (BCP 47, as lang="" takes it): "en", "cy", "en-GB".
LANG_TAG = r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*"
# [words]{lang=en}: the words hold no brackets (a link inside would be ambiguous); spaces allowed
# around the attribute, and a leading ':' as attr_list writes it.
SPAN = re.compile(r"\[([^\[\]\n]+)\]\{:?\s*lang=(" + LANG_TAG + r")\s*\}")
# The same marks in Markdown text, for the checks (kb.checks.language_marks): emphasis with attr_list too.
MARKED = re.compile(
    r"\[([^\[\]\n]+)\]\{:?\s*lang=(" + LANG_TAG + r")\s*\}"
    r"|(\*{1,2}|_{1,2})(?!\s)([^*_\n]+?)\3\{:?\s*lang=(" + LANG_TAG + r")\s*\}"
)


class _LangSpan(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[ET.Element, int, int]:  # noqa: N802 - Markdown's API
        span = ET.Element("span", {"lang": m.group(2)})
        span.text = m.group(1)  # further inline patterns (emphasis) still apply to it
        return span, m.start(0), m.end(0)


class LangSpanExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # Before links (160): '[words]' followed by '{lang=…}' is never a link.
        md.inlinePatterns.register(_LangSpan(SPAN.pattern, md), "kb_lang_span", 175)


def makeExtension(**kwargs: Any) -> LangSpanExtension:  # noqa: N802 - the name Python-Markdown looks for
    return LangSpanExtension(**kwargs)


def marked_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lang) of every part of ``text`` marked as a language, in either form."""
    return [(m.start(), m.end(), m.group(2) or m.group(5)) for m in MARKED.finditer(text)]
