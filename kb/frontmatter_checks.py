"""Front-matter schema, vocabulary and identity checks (filled in by the content-checks work)."""

from __future__ import annotations

from kb.content import Site
from kb.problem import Problem


def check(site: Site) -> list[Problem]:
    return []
