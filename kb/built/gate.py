"""The last gate before publishing: no built page may carry code that did not come from our own files.

Independent of the content checks (kb.checks.safe_html judges each page's Markdown as rendered;
this judges the finished pages, theme and generated parts included), so a gap in one is not a
hole in the site. Each built HTML file is parsed with an HTML5 parser (lexbor, as browsers parse)
and refused if it has:

- an event-handler attribute (``onclick``, ``onerror``, ...) on any element;
- a ``<script>`` that runs code and is not one of the site's own script files (under ``assets/``
  or Pagefind's ``pagefind/``); inline data (``type="application/json"``) is not code;
- a ``javascript:``, ``vbscript:`` or ``data:`` address in a link, a source or a form action;
- a ``<meta http-equiv="refresh">`` anywhere but a redirect page (data/redirects.yml).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from kb.checks.safe_html import url_scheme
from kb.core.messages import Param

# Where the site's own scripts live: the theme's and ours (assets/), and the search engine's.
OWN_SCRIPT_DIRS = ("assets/", "pagefind/")
# <script type> values that hold data, which browsers never run.
_DATA_TYPES = {"application/json", "application/ld+json"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
              "ping", "codebase", "srcset", "imagesrcset"}
_BAD_SCHEMES = {"javascript", "vbscript", "data"}
_REFRESH = re.compile(r"refresh", re.I)


@dataclass(frozen=True)
class Active:
    """One piece of active content in a built page."""

    line: int  # 1-based line in the built file
    key: str  # its KB103 active-content message in data/messages.yml
    needle: str  # what to look for in the source Markdown
    params: dict[str, Param] = field(default_factory=dict)


def _line_of(text: str, needle: str, start_hint: int = 0) -> int:
    pos = text.find(needle, start_hint) if needle else -1
    if pos == -1 and needle:
        pos = text.lower().find(needle.lower())
    return text.count("\n", 0, pos) + 1 if pos != -1 else 1


def _other_host(src: str, site_url: str) -> bool:
    if site_url and src.startswith(site_url):
        return False
    return src.startswith("//") or src[:8].lower().startswith(("http://", "https://"))


def _own_script(page_rel: str, src: str, base_path: str, site_url: str) -> bool:
    """True when ``src`` is a file of this site under one of OWN_SCRIPT_DIRS."""
    if site_url and src.startswith(site_url):
        src = base_path + src[len(site_url):]
    if url_scheme(src) is not None or src.startswith("//"):
        return False
    path = src.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        if not path.startswith(base_path):
            return False
        inside = path[len(base_path):]
    else:
        folder = posixpath.dirname(page_rel)
        inside = posixpath.normpath(posixpath.join(folder, path))
    return not inside.startswith("../") and inside.startswith(OWN_SCRIPT_DIRS)


def active_content(page_rel: str, text: str, redirect_page: bool = False, base_path: str = "/",
                   site_url: str = "", tree: LexborHTMLParser | None = None) -> list[Active]:
    """Everything in one built HTML file that could run code or send the reader elsewhere unasked.

    ``tree``: the page's HTML5 parse, when the caller has it (kb.built.sitecheck parses each page once).
    """
    if "<" not in text:
        return []
    tree = tree if tree is not None else LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return []
    found: list[Active] = []
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if not tag or tag.startswith(("-", "_", "#")):
            continue
        attrs = node.attributes
        for name, value in attrs.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(Active(_line_of(text, f"{name}="), "event-handler", name, {"tag": tag, "name": name}))
            elif name in _URL_ATTRS and value:
                scheme = url_scheme(value.split(",")[0].strip() if name.endswith("srcset") else value)
                if scheme in ("javascript", "vbscript") and tag in ("a", "area") and name == "href":
                    continue  # the link check reports these (KB091 unsafe-url), once is enough
                if scheme in _BAD_SCHEMES:
                    found.append(Active(
                        _line_of(text, value[:30]), "bad-scheme", value[:30],
                        {"tag": tag, "name": name, "scheme": scheme, "shown": value[:60]},
                    ))
        if tag == "script":
            src = attrs.get("src")
            kind = (attrs.get("type") or "").strip().lower()
            if src is None:
                if kind not in _DATA_TYPES:
                    found.append(Active(_line_of(text, (node.text() or "")[:40]), "inline-script", "<script"))
            elif _other_host(src, site_url):
                continue  # the third-party check reports it (KB170 third-party-resource)
            elif not _own_script(page_rel, src, base_path, site_url):
                found.append(Active(
                    _line_of(text, src), "foreign-script", src, {"src": src[:80], "folders": " / ".join(OWN_SCRIPT_DIRS)}
                ))
        elif tag == "meta" and _REFRESH.fullmatch((attrs.get("http-equiv") or "").strip()) and not redirect_page:
            found.append(Active(_line_of(text, "refresh"), "meta-refresh", "refresh"))
    return found
