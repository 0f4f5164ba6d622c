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
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_NEWLINES = re.compile(r"\s*\n\s*")


def render(name: str, **context: Any) -> str:
    """The whole output of template ``name``."""
    return _ENV.get_template(name).render(**context)


def fragment(name: str, **context: Any) -> str:
    """Template output on one line, for a raw HTML block inside Markdown."""
    text = _BETWEEN_TAGS.sub("><", render(name, **context).strip())
    return _NEWLINES.sub(" ", text)
