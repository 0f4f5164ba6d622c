"""Redirects (data/redirects.yml): old addresses that must keep working after an id changes.

Each line maps an old, language-neutral path to the page id (or new path) it now points at:

    case-studies/old-name/: new-id
    guides/old-guide/: guides/new-guide/

Both languages get a redirect page: /case-studies/old-name/ and /cy/case-studies/old-name/.
A guide's or case study's old embed card (/embed/old-name/) follows automatically.
The redirect pages are plain HTML (meta refresh, canonical link and a visible link in the
page's own language), because a static host has no server-side redirects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from kb.core import yamlload
from kb.core.problem import Problem, problem
from kb.core.yamlload import yaml_error_message
from kb.publish.csp import REDIRECT_POLICY, REFERRER_POLICY, policy_text
from kb.publish.embeds import EMBED_DIR
from kb.publish.reserved import MAX_PATH, bad_segment, reserved_by, reserved_problem
from kb.publish.templating import render
from kb.sources.content import LANGS, Asset, Lang, Site
from kb.sources.urls import ID_SECTIONS, absolute, neutral_path, relative, with_lang

RULES = ("redirect-target-missing", "redirect-over-page", "redirects-file")

REDIRECTS_FILE = "data/redirects.yml"
_SECTIONS = "|".join(map(re.escape, ID_SECTIONS.values()))
_ITEM_PATH = re.compile(rf"^({_SECTIONS})/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


@dataclass(frozen=True)
class Redirect:
    source: str  # language-neutral old path, 'case-studies/old/'
    target: str  # language-neutral new path, 'case-studies/new/'
    line: int
    target_rel: str | None = None  # the target page's source (for its title), if it is a page


def normalise_path(value: str) -> str:
    """'/case-studies/old' -> 'case-studies/old/'; '/old.html' stays a file path; 'old/index.html' -> 'old/'."""
    path = value.strip().lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if path.endswith(".html") or path.endswith("/") or not path:
        return path
    return path + "/"


def _page_paths(site: Site) -> dict[str, str]:
    """Language-neutral path -> rel of the page published there."""
    return {neutral_path(site, p.rel): p.rel for p in site.pages}


def _ids(site: Site) -> dict[str, str]:
    """Page id -> rel."""
    return {p.page_id: p.rel for p in site.pages if p.page_id}


def load_redirects(site: Site, text: str | None, node: yaml.Node | None = None) -> tuple[list[Redirect], list[Problem]]:
    """Resolve data/redirects.yml against the pages. No file (None) means no redirects.

    ``node``: the file's node tree, when the build parsed it already (kb.sources.data).
    """
    if text is None:
        return [], []
    try:
        node = node if node is not None else yamlload.compose(text)  # bounded: no alias, tag or deep nesting
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [], [
            problem("redirects-file", REDIRECTS_FILE, (mark.line + 1) if mark else 1, "invalid-yaml", what=yaml_error_message(err))
        ]
    if node is None:
        return [], []
    if not isinstance(node, yaml.MappingNode):
        return [], [
            problem("redirects-file", REDIRECTS_FILE, node.start_mark.line + 1, "not-lines")
        ]
    pages = _page_paths(site)
    folded_pages = {path.casefold(): rel for path, rel in pages.items()}
    files = {a.rel: a for a in site.assets}
    ids = _ids(site)
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        raw_key, raw_value = str(key_node.value), value_node.value
        if not isinstance(raw_value, str) or not raw_value.strip():
            problems.append(problem("redirects-file", REDIRECTS_FILE, line, "no-target", source=raw_key))
            continue
        source = normalise_path(raw_key)
        if not source or source.split("/")[0] in LANGS or "://" in raw_key:
            problems.append(problem("redirects-file", REDIRECTS_FILE, line, "not-a-path", source=raw_key))
            continue
        bad = bad_segment(source) if len(source) <= MAX_PATH else source
        if bad is not None:
            problems.append(problem("redirects-file", REDIRECTS_FILE, line, "not-plain", source=raw_key, bad=bad))
            continue
        reserved = reserved_by(source)
        if reserved is not None:
            problems.append(
                reserved_problem(REDIRECTS_FILE, line, source, reserved, "redirect")
            )
            continue
        # Compared without case: on a case-insensitive disk or server (macOS, Windows, many hosts)
        # 'Guides/X/' and 'guides/x/' are one folder, and the redirect page would replace the page.
        if source.casefold() in seen:
            problems.append(problem("redirects-file", REDIRECTS_FILE, line, "twice", source=raw_key))
            continue
        seen.add(source.casefold())
        page_at = pages.get(source) or folded_pages.get(source.casefold())
        if page_at is not None:
            problems.append(
                problem("redirect-over-page", REDIRECTS_FILE, line, "hides-page", source=source, page=_show_rel(site, page_at))
            )
            continue
        image = _file_at(source, files)
        if image is not None:
            problems.append(
                problem("redirect-over-page", REDIRECTS_FILE, line, "hides-file", source=source, file=image.path)
            )
            continue
        value = raw_value.strip()
        target_rel: str | None
        if "/" in value:
            target = normalise_path(value)
            target_rel = pages.get(target)
        else:
            target_rel = ids.get(value)
            target = neutral_path(site, target_rel) if target_rel else ""
        if target_rel is None:
            problems.append(problem("redirect-target-missing", REDIRECTS_FILE, line, "unknown-target", source=source, target=value))
            continue
        redirects.append(Redirect(source, target, line, target_rel))
    return redirects, problems


def _file_at(source: str, files: dict[str, Asset]) -> Asset | None:
    """The published file (a case study's image) at ``source`` or at a folder ``source`` would be in."""
    parts = source.rstrip("/").split("/")
    return next((files[p] for p in ("/".join(parts[:n]) for n in range(len(parts), 0, -1)) if p in files), None)


def _show_rel(site: Site, rel: str) -> str:
    return next((p.path for p in site.pages if p.rel == rel), rel)


def embed_redirects(redirects: list[Redirect]) -> list[Redirect]:
    """A renamed guide's or case study's embed card follows it: embed/old/ -> embed/new/."""
    out: list[Redirect] = []
    for r in redirects:
        old, new = _ITEM_PATH.match(r.source), _ITEM_PATH.match(r.target)
        if old and new:
            out.append(Redirect(f"{EMBED_DIR}/{old.group(2)}/", f"{EMBED_DIR}/{new.group(2)}/", r.line))
    return out


def all_redirects(redirects: list[Redirect]) -> list[Redirect]:
    """The redirects of data/redirects.yml and those of the embed cards that follow them."""
    return redirects + embed_redirects(redirects)


def redirect_paths(redirects: list[Redirect]) -> set[str]:
    """Every lang-prefixed path a redirect page is written at."""
    return {with_lang(lang, r.source) for r in all_redirects(redirects) for lang in LANGS}


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Page moved: {title}",
        "moved": "This page has moved to {link}.",
        "auto": "If your browser does not take you there automatically, follow the link.",
    },
    "cy": {
        "title": "Tudalen wedi symud: {title}",
        "moved": "Mae'r dudalen hon wedi symud i {link}.",
        "auto": "Os nad yw'ch porwr yn mynd â chi yno'n awtomatig, dilynwch y ddolen.",
    },
}


def render_redirect(lang: Lang, source: str, target: str, title: str | None, site_url: str) -> str:
    """The HTML written at lang-prefixed ``source``, sending readers to lang-prefixed ``target``.

    The refresh and the visible link are relative, so the redirect works wherever the site is
    served (a preview, a sub-path); the canonical link is absolute, for search engines.
    """
    text = _TEXT[lang]
    # A file-style old path ('old.html') links from its folder.
    base = source if source.endswith("/") or not source else source.rpartition("/")[0] + "/"
    before, _, after = text["moved"].partition("{link}")
    return render(
        "redirect.html",
        lang=lang,
        csp=policy_text(REDIRECT_POLICY),
        referrer=REFERRER_POLICY,
        title=text["title"].format(title=title or target),
        canonical=absolute(site_url, target),
        href=relative(base if base != "/" else "", target),
        label=title or absolute(site_url, target),
        moved=(before, after),
        auto=text["auto"],
    ) + "\n"


def redirect_files(redirects: list[Redirect], site_url: str, titles: dict[tuple[str, str], str]) -> dict[str, str]:
    """Site-relative file path -> HTML, for every redirect in both languages.

    ``titles`` maps (lang, language-neutral target path) to the target's title in that language.
    """
    out: dict[str, str] = {}
    for r in all_redirects(redirects):
        for lang in LANGS:
            source, target = with_lang(lang, r.source), with_lang(lang, r.target)
            dest = source if source.endswith(".html") else f"{source}index.html"
            out[dest] = render_redirect(lang, source, target, titles.get((lang, r.target)), site_url)
    return out
