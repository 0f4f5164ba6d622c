"""Generated HTML from Jinja templates (kb/publish/templates/) with autoescape on.

Every value a template prints is escaped unless it is marked safe, so a title or summary written
by a contributor can never become markup. ``fragment`` returns HTML for inside a Markdown page:
Python-Markdown ends a raw HTML block at a blank line, so the fragment has none.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_ENV = Environment(
    loader=PackageLoader("kb.publish", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a missing value is a bug, never an empty string on the page
    trim_blocks=True,
    lstrip_blocks=True,
)
# A line break between two tags: dropped, unless it separates two inline elements, where it is a
# word space ("Open the resource</a> <span>https://…" reads as two words, in search excerpts too).
_BETWEEN_TAGS = re.compile(r"(</?([a-zA-Z][a-zA-Z0-9]*)[^<>]*>)\s*\n\s*(?=<(/?)([a-zA-Z][a-zA-Z0-9]*))")
_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "em", "i", "small", "span", "strong", "time"})
_NEWLINES = re.compile(r"\s*\n\s*")


def _between_tags(m: re.Match[str]) -> str:
    prev, prev_name, next_closes, next_name = m.group(1), m.group(2).lower(), m.group(3), m.group(4).lower()
    inline_pair = prev.startswith("</") and prev_name in _INLINE and not next_closes and next_name in _INLINE
    return prev + (" " if inline_pair else "")


def render(name: str, **context: Any) -> str:
    """The whole output of template ``name``."""
    return _ENV.get_template(name).render(**context)


def fragment(name: str, **context: Any) -> str:
    """Template output on one line, for a raw HTML block inside Markdown."""
    text = _BETWEEN_TAGS.sub(_between_tags, render(name, **context).strip())
    return _NEWLINES.sub(" ", text)
