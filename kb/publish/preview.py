"""The preview's banner: a page's content problems shown on the page itself (``scripts/build.sh serve``).

The preview never stops on a content error (strictness belongs to the build and the pull-request
checks); instead each page shows, above its content, the problems of its file and of its other
language's file, in the page's language, each with its file, line and rule. Problems in no page
(a data file) are shown on the home page. The same problems are listed in the terminal.

The preview's pages also load :data:`RELOAD_SCRIPT`, which reloads an open page after each save:
MkDocs's own reloader is an inline script, which the pages' Content-Security-Policy blocks.
"""

from __future__ import annotations

from importlib import resources

from kb.core.messages import Lang, text
from kb.core.problem import Problem
from kb.publish.templating import fragment
from kb.sources.content import Site, SourcePage, other_lang

HOME = "index.md"
# Where the preview writes its reloader, inside the served site (never in a built one).
RELOAD_SCRIPT = "assets/kb-preview/reload.js"


def problems_for(problems: list[Problem], site: Site, page: SourcePage) -> list[Problem]:
    """The problems a page's banner shows: its own file's, its other language's, and on the home page
    those of files that are no page."""
    other = site.get(other_lang(page.lang), page.rel)
    paths = {page.path} | ({other.path} if other is not None else set())
    if page.rel == HOME:
        page_paths = {p.path for p in site.pages}
        return [p for p in problems if p.path in paths or p.path not in page_paths]
    return [p for p in problems if p.path in paths]


def problems_banner(problems: list[Problem], site: Site, page: SourcePage, lang: Lang) -> str:
    """The banner's HTML for ``page`` shown in ``lang`` (empty when the page has no problem)."""
    shown = problems_for(problems, site, page)
    if not shown:
        return ""
    errors = sum(p.is_error for p in shown)
    rows = [
        {"severity": p.severity, "where": f"{p.path}:{p.line}",
         "rule": f"{p.severity_word(lang)} {p.rule_id} {p.rule_name}", "text": p.text.full(lang)}
        for p in shown
    ]
    kind = "errors" if errors else "warnings"
    return fragment(
        "preview-problems.html",
        lang=lang,
        kind="failure" if errors else "warning",  # Material's admonition colours: red, or amber
        title=text(f"preview.title-{kind}", lang),
        intro=text(f"preview.intro-{kind}", lang),
        problems=rows,
    ) + "\n"


def reload_script() -> str:
    """The reloader's JavaScript (templates/preview-reload.js), written to :data:`RELOAD_SCRIPT`."""
    return resources.files("kb.publish").joinpath("templates", "preview-reload.js").read_text(encoding="utf-8")


def with_reload_script(page_html: str, src: str) -> str:
    """A served page that loads the reloader from ``src`` (relative to the page), before ``</body>``."""
    tag = fragment("preview-reload.html", src=src)
    at = page_html.rfind("</body>")
    return page_html + tag if at == -1 else page_html[:at] + tag + page_html[at:]
