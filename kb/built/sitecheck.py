"""Checks on the built site (the folder MkDocs wrote), in plain Python: no MkDocs, no network.

- every internal link, and its ``#anchor``, resolves to a file and an id in the built site;
- every image has alternative text;
- every external link is a well-formed http(s) address (it is not fetched);
- no page loads a resource (style sheet, script, font, image, frame) from another host: every file a
  page needs comes from this site, so visitors' addresses go to no one else and nothing breaks
  where another host is unreachable;
- every page declares its language in ``<html lang>``, and links to the other language's version
  carry ``lang`` so screen readers pronounce "Cymraeg" / "English" correctly;
- every source page was written in both languages (or as its pending-translation placeholder);
- no page carries active content that is not the site's own (kb.built.gate: event handlers, inline or
  foreign scripts, javascript:/data: addresses, meta refresh outside redirect pages).

Problems name the source page (and the line the link is on, when it can be found) and the built
file, so a contributor can fix the Markdown rather than the HTML.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from kb.built.gate import active_content
from kb.built.raw_citations import unrendered_citations, unrendered_problem
from kb.checks.safe_html import UNSAFE_URL, url_scheme
from kb.core.messages import Joined, Message, Param, msg
from kb.core.problem import Problem, problem, rule_message, sort_problems
from kb.sources.content import DEFAULT_LANG, LANGS, Site, SourcePage

RULES = (
    "broken-link",
    "broken-anchor",
    "image-alt",
    "malformed-url",
    "missing-output",
    "page-language",
    "third-party-resource",
    "active-content",  # found by kb.built.gate, reported here with the source page and line
)

# Which attribute of which element holds a link the reader's browser follows or loads.
_LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
               "iframe": "src", "audio": "src", "video": "src", "embed": "src", "object": "data", "track": "src"}
# <link rel=...> values that are hints to connect somewhere, not files of this site.
_HINT_RELS = {"preconnect", "dns-prefetch", "preload", "prefetch"}
# What the browser fetches by itself as the page loads (a link is only fetched if the reader follows
# it): these elements, and <link> with one of these rel values (hints included: a preconnect alone
# already tells another host who is reading).
_RESOURCE_TAGS = {"img", "script", "source", "iframe", "audio", "video", "embed", "object", "track"}
_RESOURCE_RELS = _HINT_RELS | {"stylesheet", "modulepreload", "icon", "shortcut", "apple-touch-icon",
                               "mask-icon", "manifest", "prerender"}
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SKIPPED_SCHEMES = {"mailto", "tel", "data", "blob", "about"}


@dataclass
class Link:
    line: int
    tag: str
    url: str
    rel: str = ""
    hreflang: str = ""
    lang: str = ""


@dataclass
class BuiltPage:
    """What the checks need from one built HTML file."""

    rel: str  # path inside the site folder, "cy/guides/x/index.html"
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    images_without_alt: list[tuple[int, str]] = field(default_factory=list)


# Elements whose address the checks follow, as one CSS selector list (lexbor matches it in C).
# Every <img> (with a src or not) once: lexbor returns an element once for each selector it matches.
_LINKS_AND_IMAGES = ", ".join(f"{tag}[{attr}]" for tag, attr in _LINK_ATTRS.items() if tag != "img") + ", img"


class _Lines:
    """Line numbers of things found in a page's text, searched for in document order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0  # where the last thing was found
        self.next = 0  # where to look for the next
        # Newlines are counted as the search moves on (it only moves forward), in C (str.count):
        # listing every newline's position first took about a tenth of the site check's time.
        self._counted_to = 0
        self._newlines = 0

    def of(self, needle: str) -> int:
        """The line of the next occurrence of ``needle`` (else of the last thing found)."""
        found = self.text.find(needle, self.next) if needle else -1
        if found == -1 and needle:
            found = self.text.find(html.escape(needle, quote=True), self.next)
        if found != -1:
            self.at, self.next = found, found + 1  # the same address again is further on
        end = self.at + 1  # the newlines up to and including the position found
        if end > self._counted_to:
            self._newlines += self.text.count("\n", self._counted_to, end)
            self._counted_to = end
        return self._newlines + 1


def parse_built_page(rel: str, text: str, tree: LexborHTMLParser | None = None) -> BuiltPage:
    """What the checks need from one built page, read from its HTML5 parse (the same ``tree`` the
    active-content gate reads, so each built page is parsed once)."""
    tree = tree if tree is not None else LexborHTMLParser(text)
    page = BuiltPage(rel)
    root = tree.css_first("html")
    if root is not None:
        page.lang = root.attributes.get("lang") or ""
    page.ids.update(str(n.attributes["id"]) for n in tree.css("[id]") if n.attributes.get("id") is not None)
    page.ids.update(str(n.attributes["name"]) for n in tree.css("a[name]") if n.attributes.get("name") is not None)
    lines = _Lines(text)
    for node in tree.css(_LINKS_AND_IMAGES):
        tag, a = node.tag or "", node.attributes
        attr = _LINK_ATTRS.get(tag)
        if attr is not None and attr in a:
            url = (a[attr] or "").strip()
            page.links.append(Link(lines.of(url), tag, url, a.get("rel") or "", a.get("hreflang") or "", a.get("lang") or ""))
        if tag == "img" and not (a.get("alt") or "").strip() and not (
            a.get("aria-hidden") == "true" or a.get("role") in ("presentation", "none")
        ):
            src = a.get("src") or ""
            page.images_without_alt.append((lines.of(src), src))
    return page


def list_files(site_dir: Path) -> set[str]:
    """Every file in the site folder, as '/'-separated paths relative to it."""
    out: set[str] = set()
    for folder, _dirs, names in os.walk(site_dir):
        base = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if base == "." else base + "/"
        out.update(prefix + name for name in names)
    return out


def output_of(rel: str, lang: str, default_lang: str = DEFAULT_LANG) -> str:
    """The HTML file a source page becomes (directory URLs): 'guides/x.md' -> 'guides/x/index.html'."""
    stem = rel[: -len(".md")]
    if stem == "index" or stem.endswith("/index") or stem == "README" or stem.endswith("/README"):
        out = stem.rpartition("/")[0]
        out = f"{out}/index.html" if out else "index.html"
    else:
        out = f"{stem}/index.html"
    return out if lang == default_lang else f"{lang}/{out}"


@dataclass
class SourceMap:
    """Built file -> the source page it came from (the other language's page for a placeholder)."""

    by_output: dict[str, SourcePage]

    @classmethod
    def of(cls, site: Site | None) -> SourceMap:
        out: dict[str, SourcePage] = {}
        if site is not None:
            for page in site.pages:
                out.setdefault(output_of(page.rel, page.lang), page)
            for page in site.pages:  # placeholders: the page whose translation is pending
                for lang in LANGS:
                    out.setdefault(output_of(page.rel, lang), page)
        return cls(out)

    def source(self, built_rel: str) -> SourcePage | None:
        return self.by_output.get(built_rel)


def _line_in_source(page: SourcePage, needles: Iterable[str]) -> int | None:
    """The first line of the page's Markdown body that contains one of the needles."""
    if not page.text:
        return None
    lines = page.text.split("\n")
    first = max(page.front.body_line - 1, 0)
    for needle in needles:
        if not needle:
            continue
        for i in range(first, len(lines)):
            if needle in lines[i]:
                return i + 1
    return None


def _needles(url: str) -> list[str]:
    """Pieces of a built URL that are likely to appear in the Markdown link it came from."""
    parts = urlsplit(url)
    out = []
    if parts.fragment:
        out.append("#" + parts.fragment)
    segments = [s for s in parts.path.split("/") if s and s not in ("..", ".", "index.html")]
    if segments:
        last = segments[-1]
        out.append(last)
        if last.endswith(".html"):
            out.append(last[: -len(".html")])
    if parts.netloc:
        out.append(parts.netloc)
    return out


def external_url_problem(url: str) -> Message | None:
    """Why an absolute http(s) address is not well formed, or None if it is."""
    if any(c.isspace() for c in url):
        return msg("terms.url-space")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        return msg("terms.url-unreadable", error=str(err))
    if parts.scheme not in ("http", "https"):
        return msg("terms.url-scheme", scheme=parts.scheme)
    host = parts.hostname or ""
    if not host:
        return msg("terms.url-no-host-slashes")
    if port == 0:
        return msg("terms.url-port-zero")
    if host == "localhost" or re.fullmatch(r"[0-9.]+", host) or host.startswith("["):
        return msg("terms.url-local")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return msg("terms.url-bad-host", host=host)
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        return msg("terms.url-bad-domain", host=host)
    return None


@dataclass
class SiteChecker:
    site_dir: Path
    site: Site | None = None
    # Path of the site's root on the server (from site_url): "/" or "/kb/".
    base_path: str = "/"
    site_url: str = ""
    langs: tuple[str, ...] = LANGS
    default_lang: str = DEFAULT_LANG
    display_dir: str = ""
    # Lang-prefixed paths of the redirect pages (kb.publish.redirects.redirect_paths): a meta refresh
    # belongs there and nowhere else.
    redirect_paths: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.base_path.endswith("/"):
            self.base_path += "/"
        self.display_dir = self.display_dir or self.site_dir.name
        self.sources = SourceMap.of(self.site)
        self.files: set[str] = set()
        self.pages: dict[str, BuiltPage] = {}
        self.problems: list[Problem] = []
        # Problems that come from the theme (the same on many pages) are reported once.
        # (rule, what it is about) -> (rule, path, line, message key, values, count).
        self._template_problems: dict[tuple[str, str], tuple[str, str, int, str, dict[str, Param], int]] = {}
        self._reports = 0  # problems reported so far, counting the ones merged into another
        # The navigation, header and footer repeat the same links on every page (~100 a page), so
        # what does not depend on the page is worked out once: each address's scheme, the
        # addresses found good, and the (file, anchor) pairs found to exist.
        self._schemes: dict[str, str | None] = {}
        self._good_urls: set[str] = set()
        self._good_targets: set[tuple[str, str]] = set()

    # --- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        self.files = list_files(self.site_dir)
        redirects = self._redirect_pages()
        for rel in sorted(self.files):
            if rel.endswith(".html"):
                text = (self.site_dir / rel).read_text(encoding="utf-8", errors="replace")
                tree = LexborHTMLParser(text)  # the one parse, shared with the active-content gate
                self.pages[rel] = parse_built_page(rel, text, tree)
                # The gate (kb.built.gate) judges the same page independently of the checks.
                for found in active_content(rel, text, rel in redirects, self.base_path, self.site_url, tree):
                    self._report("active-content", rel, found.line, found.key, found.needle, values=found.params)
                self._check_raw_citations(rel, text)

    def _redirect_pages(self) -> set[str]:
        """The built files that are redirect pages (the only ones a meta refresh belongs on)."""
        return {p if p.endswith(".html") else f"{p}index.html" for p in self.redirect_paths}

    def _check_raw_citations(self, rel: str, text: str) -> None:
        """KB122: a citation key shown as text (kb.built.raw_citations), at its line in the Markdown."""
        for built_line, raw in unrendered_citations(text):
            source = self.sources.source(rel)
            line = _line_in_source(source, [raw, raw.split(",")[0].split(";")[0].rstrip("]")]) if source else None
            path, at = (source.path, line) if source is not None and line is not None else (
                f"{self.display_dir}/{rel}", built_line)
            self.problems.append(unrendered_problem(path, at, raw, f"{self.display_dir}/{rel}"))

    # --- reporting ---------------------------------------------------------------------------

    def _report(self, rule: str, built: str, built_line: int, key: str, url: str = "",
                from_template: bool = False, same_as: str = "", values: dict[str, Param] | None = None,
                **params: Param) -> None:
        """A problem found in the built page ``built``; its message (``key``, under the rule's id in
        data/messages.yml, with ``values`` and ``params``) ends with ``{where}``, which says where."""
        params = {**(values or {}), **params}
        self._reports += 1
        shown = f"{self.display_dir}/{built}"
        source = self.sources.source(built)
        line = _line_in_source(source, _needles(url)) if (source and url) else None
        if source is not None and not from_template and (line is not None or not url):
            where = msg("terms.built-page", page=shown)
            text = rule_message(rule, key, where=where, **params)
            self.problems.append(problem(rule, source.path, line or source.front.body_line, text))
            return
        # Not written in the page's Markdown: the theme or a generated page made it; say so once.
        same = (rule, same_as or rule_message(rule, key, where="", **params).render())
        if same in self._template_problems:
            *first, count = self._template_problems[same]
            self._template_problems[same] = (*first, count + 1)  # type: ignore[assignment]
            return
        if source is not None:
            where = msg("terms.built-line-from", page=shown, line=built_line, source=source.path)
        else:
            where = msg("terms.built-line", page=shown, line=built_line)
        self._template_problems[same] = (rule, shown, built_line, key, {**params, "where": where}, 1)

    def _flush_template_problems(self) -> None:
        for rule, path, line, key, params, count in self._template_problems.values():
            if count > 1:
                where = params["where"]
                params = {**params, "where": Joined((where, msg("terms.same-elsewhere", count=count - 1)), "")}
            self.problems.append(problem(rule, path, line, rule_message(rule, key, **params)))
        self._template_problems.clear()

    # --- checks ------------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        if not self.files:
            self.load()
        for page in self.pages.values():
            self._check_language(page)
            for link in page.links:
                self._check_link(page, link)
            for line, src in page.images_without_alt:
                self._report("image-alt", page.rel, line, "no-alt", src, src=src)
        self._check_outputs()
        self._flush_template_problems()
        return sort_problems(self.problems)

    def _page_lang(self, rel: str) -> str:
        first = rel.split("/", 1)[0]
        return first if first in self.langs and "/" in rel else self.default_lang

    def _check_language(self, page: BuiltPage) -> None:
        expected = self._page_lang(page.rel)
        if page.lang.split("-")[0].lower() != expected:
            self._report("page-language", page.rel, 1, "html-lang", from_template=True, lang=page.lang, expected=expected)
        for link in page.links:
            if link.tag == "a" and link.hreflang and link.hreflang != expected and not link.lang:
                self._report(
                    "page-language", page.rel, link.line, "switch-lang",
                    from_template=True, same_as=f"hreflang={link.hreflang}", hreflang=link.hreflang, link=link.url,
                )

    def _internal_path(self, page_rel: str, url: str) -> tuple[str, str] | None:
        """(path inside the site folder, fragment) for an internal URL, or None if it leaves the site."""
        if self.site_url and url.startswith(self.site_url):
            url = self.base_path + url[len(self.site_url):]
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        if not path:
            full = self.base_path + page_rel
        elif path.startswith("/"):
            full = path
        else:
            folder = page_rel.rpartition("/")[0]
            full = self.base_path + (folder + "/" if folder else "") + path
        # posixpath is ~10x faster than urljoin over the thousands of links on every built page.
        normal = posixpath.normpath(full)
        if normal.startswith("//"):
            normal = normal[1:]
        if full.endswith("/") and not normal.endswith("/"):
            normal += "/"
        if not (normal + "/").startswith(self.base_path) and normal != self.base_path.rstrip("/"):
            return None
        inside = normal[len(self.base_path):] if len(normal) >= len(self.base_path) else ""
        # unquote leaves a string without '%' as it is; skipping the call matters at 100,000 links.
        return (unquote(inside) if "%" in inside else inside), (unquote(fragment) if "%" in fragment else fragment)

    def _resolve(self, target: str) -> str | None:
        """The file a server would send for this path, or None."""
        if target == "" or target.endswith("/"):
            target += "index.html"
        if target in self.files:
            return target
        if target + "/index.html" in self.files:
            return target + "/index.html"
        return None

    def _loads_resource(self, link: Link) -> bool:
        if link.tag == "link":
            return bool(set(link.rel.lower().split()) & _RESOURCE_RELS)
        return link.tag in _RESOURCE_TAGS

    def _check_resource_host(self, page: BuiltPage, link: Link) -> bool:
        """False (and a problem) when the page makes the browser fetch from another host."""
        url = link.url
        if not (url.startswith("//") or url[:8].lower().startswith(("http://", "https://"))):
            return True
        if self.site_url and url.startswith(self.site_url):
            return True
        host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname or url
        self._report("third-party-resource", page.rel, link.line, "other-host", url, same_as=url, link=url, host=host)
        return False

    def _check_link(self, page: BuiltPage, link: Link) -> None:
        url = link.url
        if not url:
            return
        if self._loads_resource(link) and not self._check_resource_host(page, link):
            return
        if link.tag == "link" and set(link.rel.split()) & _HINT_RELS:
            return
        try:
            scheme = self._schemes[url]
        except KeyError:
            scheme = self._schemes[url] = url_scheme(url)
        internal = scheme is None or (self.site_url != "" and url.startswith(self.site_url))
        if scheme in ("javascript", "vbscript"):
            self._report(UNSAFE_URL, page.rel, link.line, "built-scheme", url, scheme=scheme, shown=url[:60])
            return
        if not internal or url.startswith("//"):
            # Whether the address is well formed does not depend on the page it is on.
            if url not in self._good_urls:
                reports = self._reports
                self._check_address(page, link, scheme, internal)
                if self._reports == reports:
                    self._good_urls.add(url)
            return
        resolved_path = self._internal_path(page.rel, url)
        if resolved_path is None:
            self._report("broken-link", page.rel, link.line, "outside", url, link=url)
            return
        if resolved_path in self._good_targets:
            return
        reports = self._reports
        self._check_target(page, link, *resolved_path)
        if self._reports == reports:
            self._good_targets.add(resolved_path)

    def _check_address(self, page: BuiltPage, link: Link, scheme: str | None, internal: bool) -> None:
        """An external address, or a scheme-relative one ('//host/...')."""
        url = link.url
        if not internal:
            if scheme in _SKIPPED_SCHEMES or scheme not in ("http", "https"):
                return
            why = external_url_problem(url)
            if why:
                self._report("malformed-url", page.rel, link.line, "external", url, link=url, why=why)
            return
        why = external_url_problem("https:" + url)  # internal by its scheme, so '//host/...'
        if why:
            self._report("malformed-url", page.rel, link.line, "scheme-relative", url, link=url, why=why)

    def _check_target(self, page: BuiltPage, link: Link, target: str, fragment: str) -> None:
        """An internal link's file (path inside the site folder) and its anchor exist."""
        url = link.url
        resolved = self._resolve(target)
        if resolved is None:
            self._report("broken-link", page.rel, link.line, "missing-target", url, same_as=target, link=url, target=target or "/")
            return
        if fragment and resolved.endswith(".html"):
            target_page = self.pages.get(resolved)
            if target_page is not None and fragment not in target_page.ids:
                self._report(
                    "broken-anchor", page.rel, link.line, "missing-anchor", url,
                    same_as=f"{resolved}#{fragment}", link=url, fragment=fragment, page=resolved,
                )

    def _check_outputs(self) -> None:
        """Every source page in every language, or its placeholder; the count is in the message."""
        if self.site is None:
            return
        rels: dict[str, SourcePage] = {}
        for page in self.site.pages:
            rels.setdefault(page.rel, page)
        for rel, any_page in sorted(rels.items()):
            for lang in self.langs:
                out = output_of(rel, lang, self.default_lang)
                if out in self.files:
                    continue
                source = self.site.get(lang, rel) or any_page  # type: ignore[arg-type]
                self.problems.append(
                    problem("missing-output", source.path, 1, "not-written", rel=rel, lang=lang, out=f"{self.display_dir}/{out}")
                )


def check_site_dir(site_dir: Path, site: Site | None = None, site_url: str = "", display_dir: str = "",
                   redirect_paths: Iterable[str] = ()) -> list[Problem]:
    base_path = urlsplit(site_url).path or "/" if site_url else "/"
    checker = SiteChecker(site_dir, site, base_path=base_path, site_url=site_url.rstrip("/") + "/" if site_url else "",
                          display_dir=display_dir, redirect_paths=frozenset(redirect_paths))
    return checker.run()


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV gives its default, other tags give None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
        for name in names[:-1]:
            if isinstance(name, str) and os.environ.get(name):
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    name = loader.construct_scalar(node)  # type: ignore[arg-type]
    return os.environ.get(str(name))


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from_config(root: Path) -> str:
    """site_url from the repository's mkdocs.yml ('' when there is none)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return ""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - safe subclass
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""
