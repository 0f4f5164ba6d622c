"""Only pages, raster images and PDFs among the pages in docs/ (KB108).

MkDocs publishes every file under docs/ as it is. An SVG, HTML, XML or script file there would be
served from the knowledge base's own address, so opening it directly would run its code with the
site's rights (the built-site gate reads built HTML pages, not such files). Beside the Markdown
pages, docs/ may hold JPEG, PNG, GIF, WebP and AVIF images and PDF documents, checked by their
content as well as their name; docs/assets/ holds the site's own style sheets and scripts, which
maintainers review as code. (Files in docs_cy/ other than pages are not published; a case study's
folder has its own rule, KB106.)
"""

from __future__ import annotations

import os
from pathlib import Path

from kb.checks.case_studies import IMAGE_TYPES, MAX_IMAGE_BYTES, image_type
from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.sources.content import LANG_TREES

RULES = ("page-file-type",)

DOCS = LANG_TREES["en"]
SITE_FILES = f"{DOCS}/assets"  # the theme's and the site's own files
MAX_PDF_BYTES = 20 * 1024 * 1024
ALLOWED = ", ".join([*(ext for exts in IMAGE_TYPES.values() for ext in exts), ".pdf"])


def _kind_by_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".pdf"):
        return "PDF"
    return next((kind for kind, exts in IMAGE_TYPES.items() if lower.endswith(exts)), None)


def _kind_by_content(head: bytes) -> str | None:
    return "PDF" if head.startswith(b"%PDF-") else image_type(head)


def file_problem(root: Path, rel: str) -> Problem | None:
    """Why the file at ``rel`` (under docs/, not a page) cannot be published; None if it can."""
    named = _kind_by_name(rel)
    if named is None:
        return problem("page-file-type", rel, 1, "not-allowed", path=rel, allowed=ALLOWED)
    path = root / rel
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            found = _kind_by_content(fh.read(16))
    except OSError as err:
        return problem("page-file-type", rel, 1, "unreadable", path=rel, error=err.strerror or str(err))
    if found != named:
        return problem("page-file-type", rel, 1, "content-differs", path=rel, named=named)
    limit = MAX_PDF_BYTES if named == "PDF" else MAX_IMAGE_BYTES
    if size > limit:
        return problem("page-file-type", rel, 1, "too-large", path=rel, size=f"{size / 1024 / 1024:.1f}",
                       limit=str(limit // 1024 // 1024))
    return None


def check(model: BuildModel) -> list[Problem]:
    root = model.root
    base = root / DOCS
    linked = {p.path for p in model.site.file_problems}  # symbolic links already refused (KB104)
    problems: list[Problem] = []
    if not base.is_dir():
        return problems
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and f"{here}/{d}" != SITE_FILES)
        for name in sorted(filenames):
            rel = f"{here}/{name}"
            if name.startswith(".") or name.endswith(".md") or rel in linked:
                continue  # MkDocs leaves hidden files out; pages are checked as pages
            found = file_problem(root, rel)
            if found is not None:
                problems.append(found)
    return problems
