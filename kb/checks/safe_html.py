"""Contributed Markdown may contain only allowlisted HTML (data/safe-html.yml); anything else is an error.

Contributors' Markdown is untrusted input: Python-Markdown passes raw HTML and link targets through
untouched, so a ``<script>``, an ``onclick=`` or a ``[x](javascript:...)`` would reach every reader.
Each one is reported with the file and line where it was written, never silently stripped, so what
the contributor sees in their file is what is published.

nh3 (the ammonia sanitiser) is the judge of what is allowed: every HTML start tag and every URL is
put through ``nh3.clean`` with the allowlist, and whatever nh3 would remove is an error. This module
finds the tags and URLs with their lines and explains the problem in the contributor's terms.

What is not inspected: fenced code blocks (``` or ~~~) and inline code spans, which Markdown
shows as text. Indented (four-space) code blocks ARE inspected, because in lists and admonitions
the same indentation is ordinary content; use a fenced block to show an HTML example.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nh3
import yaml

from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.sources.content import SourcePage
from kb.sources.data import SAFE_HTML

RULES = ("unsafe-html", "unsafe-url")
# Also reported by kb.built.sitecheck, for a script address that reaches a built page anyway.
UNSAFE_URL = RULES[1]

POLICY_FILE = Path("data") / "safe-html.yml"

# Elements that are never allowed, with what they would do, for the message.
_DANGEROUS = {
    "script": "runs a program in every reader's browser",
    "style": "restyles the whole page",
    "iframe": "embeds another website inside the page",
    "frame": "embeds another website inside the page",
    "object": "embeds a plug-in or another document",
    "embed": "embeds a plug-in or another document",
    "form": "sends readers' input somewhere",
    "input": "asks readers for input",
    "link": "loads files from elsewhere",
    "meta": "changes how the browser treats the page",
    "base": "changes where every link on the page goes",
    "svg": "can carry scripts",
    "math": "can carry scripts",
}

# Parents an element needs for the HTML parser inside nh3 to keep it (a lone <td> is dropped).
_CONTEXT = {
    "td": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "th": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "tr": ("<table><tbody>", "</tbody></table>"),
    "tbody": ("<table>", "</table>"),
    "thead": ("<table>", "</table>"),
    "tfoot": ("<table>", "</table>"),
    "caption": ("<table>", "</table>"),
    "colgroup": ("<table>", "</table>"),
    "col": ("<table><colgroup>", "</colgroup></table>"),
}

_VOID = {"br", "hr", "img", "col"}


@dataclass(frozen=True)
class Policy:
    tags: frozenset[str]
    generic_attributes: frozenset[str]
    attributes: dict[str, frozenset[str]]
    url_attributes: frozenset[str]
    url_schemes: frozenset[str]

    def allowed_attributes(self, tag: str) -> frozenset[str]:
        return self.generic_attributes | self.attributes.get(tag, frozenset())

    @property
    def any_attribute(self) -> frozenset[str]:
        out = set(self.generic_attributes)
        for names in self.attributes.values():
            out |= names
        return frozenset(out)

    def nh3_attributes(self) -> dict[str, set[str]]:
        attrs: dict[str, set[str]] = {tag: set(names) for tag, names in self.attributes.items()}
        attrs["*"] = set(self.generic_attributes)
        return attrs


def policy_from_data(raw: dict[str, Any]) -> Policy:
    """The allowlist from data/safe-html.yml's parsed YAML."""
    return Policy(
        tags=frozenset(raw["tags"]),
        generic_attributes=frozenset(raw.get("generic_attributes", [])),
        attributes={tag: frozenset(names) for tag, names in (raw.get("attributes") or {}).items()},
        url_attributes=frozenset(raw.get("url_attributes", [])),
        url_schemes=frozenset(raw.get("url_schemes", [])),
    )


def load_policy(path: Path) -> Policy:
    with path.open(encoding="utf-8") as fh:
        return policy_from_data(yaml.safe_load(fh))


# --- Finding what Markdown shows as code -----------------------------------------------------

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _blank(text: str) -> str:
    """The same text with everything but line breaks turned into spaces (keeps offsets and lines)."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """``body`` with fenced code blocks and code spans blanked out; offsets and lines unchanged."""
    if "`" not in body and "~" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        opened = _FENCE_OPEN.match(lines[i])
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = opened.group(1)
            closer = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
            end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), None)
            # An unclosed fence is inspected as ordinary text: better a false alarm than a bypass.
            if end is not None:
                out.extend(_blank(line) for line in lines[i : end + 1])
                i = end + 1
                continue
        out.append(lines[i])
        i += 1
    return _mask_code_spans("\n".join(out))


_BACKTICKS = re.compile(r"`+")


def _mask_code_spans(text: str) -> str:
    if "`" not in text:
        return text
    chars = list(text)
    pos = 0
    while True:
        opener = _BACKTICKS.search(text, pos)
        if opener is None:
            break
        if opener.start() > 0 and text[opener.start() - 1] == "\\":
            pos = opener.end()
            continue
        width = len(opener.group())
        closer = None
        for candidate in _BACKTICKS.finditer(text, opener.end()):
            if len(candidate.group()) == width:
                closer = candidate
                break
        # A code span never crosses a blank line (a paragraph break).
        if closer is None or _BLANK_LINE.search(text, opener.end(), closer.start()):
            pos = opener.end()
            continue
        for k in range(opener.start(), closer.end()):
            if chars[k] != "\n":
                chars[k] = " "
        pos = closer.end()
    return "".join(chars)


# --- URLs --------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see ('javascript' for 'java&#x09;script:...'), or None if relative."""
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(url))
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


# A relative address of plain characters (no scheme, no entity, no space): what most links are.
# nh3 keeps every such address whatever the schemes (tests/test_safe_html.py checks this).
_PLAIN_RELATIVE = re.compile(r"[A-Za-z0-9._~/#-]+\Z")


def url_allowed(url: str, policy: Policy) -> bool:
    if _PLAIN_RELATIVE.match(url):
        return True
    return _url_allowed(url, policy.url_schemes)


@lru_cache(maxsize=4096)
def _url_allowed(url: str, url_schemes: frozenset[str]) -> bool:
    # Pages link the same addresses again and again: each is judged once per set of schemes.
    scheme = url_scheme(url)
    if scheme is not None and scheme not in url_schemes:
        return False
    # nh3 has the last word: a URL it would drop from a link is not allowed either.
    probe = f'<a href="{html.escape(html.unescape(url), quote=True)}">x</a>'
    return "href=" in nh3.clean(probe, tags={"a"}, attributes={"a": {"href"}}, url_schemes=set(url_schemes),
                                link_rel=None)


# --- Scanning ----------------------------------------------------------------------------------


@dataclass
class _Tag:
    offset: int
    name: str
    attrs: list[tuple[str, str | None]]
    raw: str


class _TagFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_Tag] = []
        self._line_starts = [0]

    def feed_text(self, text: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        offset = self._line_starts[line - 1] + col
        self.tags.append(_Tag(offset, tag, attrs, self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


class _Lines:
    """Offset in the body -> line in the real file."""

    def __init__(self, text: str, first_line: int) -> None:
        self._starts = [m.end() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_right(self._starts, offset)


_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL_AUTOLINK = re.compile(r"<[^\s<>@/]+@[^\s<>@]+>")
# [text](dest ...) and ![alt](dest ...); dest may be wrapped in <...>.
_INLINE_LINK = re.compile(r"\]\([ \t]*(?:<([^>\n]*)>|([^\s()]+(?:\([^\s)]*\)[^\s()]*)*))")
# [label]: dest (a reference definition).
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
# { .class #id key=value } attribute lists (the attr_list extension).
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]*=[^}\n]*)\}")
_ATTR_PAIR = re.compile(r"([^\s=\"'{}]+)=(\"[^\"]*\"|'[^']*'|[^\s}]+)")


def _nh3_clean_tag(tag: _Tag, policy: Policy) -> dict[str, str | None] | None:
    """The attributes nh3 keeps on this start tag, or None if it drops the element."""
    before, after = _CONTEXT.get(tag.name, ("", ""))
    closing = "" if tag.name in _VOID else f"</{tag.name}>"
    cleaned = nh3.clean(
        f"{before}{tag.raw}{closing}{after}",
        tags=set(policy.tags),
        attributes=policy.nh3_attributes(),
        url_schemes=set(policy.url_schemes),
        link_rel=None,
        strip_comments=False,
    )
    finder = _TagFinder()
    finder.feed_text(cleaned)
    for found in finder.tags:
        if found.name == tag.name:
            return dict(found.attrs)
    return None


class _PageScanner:
    def __init__(self, page: SourcePage, policy: Policy) -> None:
        self.page = page
        self.policy = policy
        self.problems: list[Problem] = []

    def report(self, rule: str, offset: int, message: str, hint: str) -> None:
        self.problems.append(problem(rule, self.page.path, self.lines.line(offset), message, hint))

    def scan(self) -> list[Problem]:
        body = self.page.body
        if not body:
            return []
        self.lines = _Lines(body, self.page.front.body_line)
        text = mask_code(body)
        text = self._autolinks(text)
        if "](" in text or "]:" in text:
            self._markdown_links(text)
        if "{" in text:
            self._attr_lists(text)
        if "<" in text:
            finder = _TagFinder()
            finder.feed_text(text)
            for tag in finder.tags:
                self._check_tag(tag)
        return self.problems

    def _url(self, offset: int, url: str, where: str) -> None:
        if url_allowed(url, self.policy):
            return
        scheme = url_scheme(url) or "this kind of"
        shown = "".join(c if c >= " " else f"\\x{ord(c):02x}" for c in url)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        self.report(
            "unsafe-url",
            offset,
            f"{where} uses a '{scheme}:' address ('{shown}'), which could run code or hide content in readers' browsers.",
            "Link to a web page (https://...) or to another page or image in the knowledge base instead; "
            f"allowed kinds of address: {', '.join(sorted(self.policy.url_schemes))}, and relative links.",
        )

    def _autolinks(self, text: str) -> str:
        """Check <scheme:...> autolinks, then blank them so the HTML scan does not see them as tags."""
        if "<" not in text:
            return text

        def check(m: re.Match[str]) -> str:
            self._url(m.start(), m.group(1), "a link written as <...>")
            return _blank(m.group())

        text = _AUTOLINK.sub(check, text)
        return _EMAIL_AUTOLINK.sub(lambda m: _blank(m.group()), text)

    def _markdown_links(self, text: str) -> None:
        for m in _INLINE_LINK.finditer(text):
            dest = m.group(1) if m.group(1) is not None else m.group(2)
            opener = text.rfind("[", 0, m.start())
            kind = "an image" if opener > 0 and text[opener - 1] == "!" else "a link"
            self._url(m.start(), dest or "", f"{kind} [...](...)")
        for m in _REF_DEF.finditer(text):
            dest = m.group(1) if m.group(1) is not None else m.group(2)
            self._url(m.start(), dest or "", "a link reference definition [...]:")

    def _attr_lists(self, text: str) -> None:
        allowed = self.policy.any_attribute
        for block in _ATTR_LIST.finditer(text):
            for pair in _ATTR_PAIR.finditer(block.group(1)):
                name = pair.group(1).lower()
                value = pair.group(2).strip("\"'")
                offset = block.start()
                if name.startswith("on"):
                    self._event_handler(offset, name, "an attribute list { ... }")
                elif name not in allowed:
                    self.report(
                        "unsafe-html",
                        offset,
                        f"the attribute list {{ ... }} sets '{name}', which is not allowed.",
                        f"Remove '{name}=...'; allowed attributes are listed in {POLICY_FILE.as_posix()}.",
                    )
                elif name in self.policy.url_attributes:
                    self._url(offset, value, f"the attribute list {{ ... }} ({name}=)")

    def _event_handler(self, offset: int, name: str, where: str) -> None:
        self.report(
            "unsafe-html",
            offset,
            f"{where} has the event-handler attribute '{name}', which would run a program in readers' browsers.",
            f"Remove '{name}=...'; pages in the knowledge base cannot run code.",
        )

    def _check_tag(self, tag: _Tag) -> None:
        name = tag.name
        if name not in self.policy.tags:
            if name in _DANGEROUS:
                message = f"the HTML element <{name}> {_DANGEROUS[name]}, so it is never allowed."
            else:
                message = f"the HTML element <{name}> is not on the allowlist."
            self.report(
                "unsafe-html",
                tag.offset,
                message,
                f"Remove <{name}> (write it in Markdown, or ask a maintainer); allowed elements are listed in "
                f"{POLICY_FILE.as_posix()}. To show HTML as an example, put it in `backticks` or a ``` code block.",
            )
            return
        own_problem = False
        allowed = self.policy.allowed_attributes(name)
        for attr, value in tag.attrs:
            if attr.startswith("on"):
                self._event_handler(tag.offset, attr, f"the HTML element <{name}>")
                own_problem = True
            elif attr not in allowed:
                self.report(
                    "unsafe-html",
                    tag.offset,
                    f"the HTML element <{name}> has the attribute '{attr}', which is not allowed on it.",
                    f"Remove '{attr}=...'; allowed: {', '.join(sorted(allowed))}.",
                )
                own_problem = True
            elif attr in self.policy.url_attributes and value is not None and not url_allowed(value, self.policy):
                self._url(tag.offset, value, f"the HTML element <{name}> ({attr}=)")
                own_problem = True
        if own_problem:
            return
        # nh3 has the last word: anything it would strip that the rules above did not explain.
        kept = _nh3_clean_tag(tag, self.policy)
        original = {a: v for a, v in tag.attrs}
        if kept is None:
            self.report(
                "unsafe-html",
                tag.offset,
                f"the HTML element <{name}> would be removed by the HTML sanitiser here ('{tag.raw[:60]}').",
                "Check that it is closed and placed where HTML allows it, or write it in Markdown.",
            )
            return
        for attr, value in original.items():
            if attr not in kept or (value or "") != (kept[attr] or ""):
                self.report(
                    "unsafe-html",
                    tag.offset,
                    f"the HTML sanitiser would remove or change '{attr}' on <{name}> ('{(value or '')[:60]}').",
                    "Remove the attribute, or use a plain relative or https:// address.",
                )


def check_page(page: SourcePage, policy: Policy) -> list[Problem]:
    return _PageScanner(page, policy).scan()


def check(model: BuildModel) -> list[Problem]:
    policy = policy_from_data(model.data.yaml(SAFE_HTML))
    problems: list[Problem] = []
    for page in model.site.pages:
        problems.extend(check_page(page, policy))
    return problems
