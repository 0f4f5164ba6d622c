"""Links between the knowledge base's own files, checked in the source (KB140).

MkDocs refuses a strict build when a page links a file that is not among the documentation files,
and the built-site check (KB092) refuses a broken link after the build; ``kb check`` must give the
same verdict without building, so a relative link to a page (``x.md``) or a file (an image, a PDF)
that does not exist is an error here, at the line where it is written. Links are resolved as the
build resolves them: from the page's place in its language's tree (docs/, docs_cy/, a case study's
folder), and a page may link either language's file name of the same page ('x.cy.md').
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from kb.core.problem import Problem, problem
from kb.markdown.textparts import LinkOptions, is_external, language_neutral, links_and_images
from kb.model import BuildModel
from kb.sources.content import LANG_TREES, SourcePage

RULES = ("link-target-missing",)

# The last path segment has an extension: a file, not a folder or an address the server completes.
_FILE = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def _existing_files(model: BuildModel) -> set[str]:
    """Site paths of every file a link may point at: pages, placeholders, case-study files, static files."""
    found = {p.rel for p in model.site.pages} | {p.rel for p in model.placeholders}
    found |= {a.rel for a in model.site.assets}
    for tree in LANG_TREES.values():
        base = model.root / tree
        if base.is_dir():
            found |= {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}
    # A link's key drops a language infix ('poster.cy.png' -> 'poster.png'), so the files do too:
    # a case study's 'poster.cy.png' is published under that name in both languages.
    return found | {language_neutral(path) for path in found}


def check_page(page: SourcePage, existing: set[str]) -> list[Problem]:
    if page.text is None or "](" not in page.body and "<" not in page.body and "]:" not in page.body:
        return []
    links, images = links_and_images(page.scan.lines, page.front.body_line, page.rel, LinkOptions())
    problems: list[Problem] = []
    for part in links + images:
        key = part.key
        if is_external(part.shown) or key.startswith("/"):
            continue  # an absolute address (checked in the built site)
        shown = part.shown.split("#", 1)[0].split("?", 1)[0]
        if key.startswith("../") or key == "..":  # above the site's root: a file or a folder, never there
            problems.append(problem("link-target-missing", page.path, part.line, "outside", link=shown))
            continue
        if not _FILE.search(key) or key in existing:
            continue  # a folder, or a file that is there
        # The key names a language's variant ('poster.cy.png') by the shared name; the file may be either.
        as_written = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), unquote(shown)))
        if as_written in existing:
            continue
        if key.startswith("../") or key == "..":
            problems.append(problem("link-target-missing", page.path, part.line, "outside", link=shown))
        else:
            near = posixpath.dirname(key)
            problems.append(problem("link-target-missing", page.path, part.line, "missing", link=shown, target=key, folder=near or "."))
    return problems


def check(model: BuildModel) -> list[Problem]:
    existing = _existing_files(model)
    problems: list[Problem] = []
    for page in model.site.pages:
        problems.extend(check_page(page, existing))
    return problems
