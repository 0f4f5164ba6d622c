"""Contributed Markdown may produce only allowlisted HTML (data/safe-html.yml); anything else is an error.

Contributors' Markdown is untrusted input: Python-Markdown passes raw HTML, attribute lists and link
targets through untouched, so a ``<script>``, an ``onclick=`` or a ``[x](javascript:...)`` would reach
every reader. Each one is reported with the file and line where it was written, never silently
stripped, so what the contributor sees in their file is what is published.

What is judged is the published HTML, not a guess at it: each body is rendered by the same
Python-Markdown as the build (kb.markdown.render), and the output is parsed by an HTML5 parser that
follows the specification browsers follow (lexbor, through selectolax), so comment, CDATA, attribute
list and parser tricks that fool a regular expression produce elements here exactly as they would in
a browser. Every element and attribute must be on the allowlist; every URL must use an allowed
scheme (nh3, the ammonia sanitiser, has the last word on URLs). A problem is mapped back to the
first line of the body that holds what the HTML came from (the tag, the attribute, the address).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
from markdown import Markdown
from selectolax.lexbor import LexborHTMLParser

from kb.core import yamlload
from kb.core.messages import Message, Param, msg
from kb.core.problem import Problem, problem, rule_message
from kb.markdown.complexity import code_ranges, too_deep
from kb.markdown.render import TooDeep, converter_for_root, render
from kb.model import BuildModel
from kb.sources.content import SourcePage
from kb.sources.data import SAFE_HTML

RULES = ("unsafe-html", "unsafe-url")
# Also reported by kb.built.sitecheck, for a script address that reaches a built page anyway.
UNSAFE_URL = RULES[1]

POLICY_FILE = Path("data") / "safe-html.yml"
# The project's own mkdocs.yml, for callers that judge one page without a site.
_REPO = Path(__file__).resolve().parents[2]

# Elements that are never allowed, with what they would do (a message in data/messages.yml).
_DANGEROUS = {
    "script": "terms.danger-runs",
    "style": "terms.danger-restyles",
    "iframe": "terms.danger-embeds-site",
    "frame": "terms.danger-embeds-site",
    "object": "terms.danger-embeds-plugin",
    "embed": "terms.danger-embeds-plugin",
    "form": "terms.danger-sends",
    "input": "terms.danger-asks",
    "link": "terms.danger-loads",
    "meta": "terms.danger-browser",
    "base": "terms.danger-base",
    "svg": "terms.danger-scripts",
    "math": "terms.danger-scripts",
}

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
    return policy_from_data(yamlload.safe_load(path.read_text(encoding="utf-8")))


# --- URLs --------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


@lru_cache(maxsize=16384)
def url_scheme(url: str) -> str | None:
    """The scheme a browser would see ('javascript' for 'java&#x09;script:...'), or None if relative.

    Cached: the built-site gate asks about every address on every page, and the navigation, header
    and footer repeat the same ones on each."""
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


# --- Judging the rendered HTML -----------------------------------------------------------------

# Elements an HTML5 parser creates around any fragment; they carry no attributes unless the
# fragment gave them some (a stray <body onload=...> adds its attributes to the real body).
_WRAPPERS = {"html", "head", "body"}
# What the tables extension writes for a column's alignment: the only style attribute allowed.
_ALIGN_STYLE = re.compile(r"text-align: (?:left|right|center);")


@dataclass(frozen=True)
class Bad:
    """One thing in the rendered HTML that is not allowed, and where to look for it in the source."""

    rule: str
    text: Message
    needles: tuple[str, ...]


class _LineFinder:
    """The line of the body where an element came from: the first occurrence of a needle outside code.

    Repeated needles (two <script> elements) map to successive occurrences, in document order.
    """

    def __init__(self, body: str, first_line: int) -> None:
        self.lower = body.lower()
        self.first = first_line
        self._starts = [m.end() for m in re.finditer("\n", body)]
        self._code = code_ranges(body)
        self._code_starts = [a for a, _ in self._code]
        self._cursor: dict[str, int] = {}

    def _in_code(self, pos: int) -> bool:
        i = bisect.bisect_right(self._code_starts, pos) - 1
        return i >= 0 and self._code[i][0] <= pos < self._code[i][1]

    def _find(self, needle: str, start: int) -> int:
        pos = self.lower.find(needle, start)
        while pos != -1 and self._in_code(pos):
            pos = self.lower.find(needle, self._code[bisect.bisect_right(self._code_starts, pos) - 1][1])
        return pos

    def line(self, needles: tuple[str, ...]) -> int:
        for raw in needles:
            needle = raw.lower()
            if not needle:
                continue
            pos = self._find(needle, self._cursor.get(needle, 0))
            if pos == -1:
                pos = self._find(needle, 0)
            if pos != -1:
                self._cursor[needle] = pos + 1
                return self.first + bisect.bisect_right(self._starts, pos)
        return self.first


def _shown(value: str, limit: int = 60) -> str:
    text = "".join(c if c >= " " else f"\\x{ord(c):02x}" for c in value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _element_problem(tag: str) -> Bad:
    policy = POLICY_FILE.as_posix()
    if tag in _DANGEROUS:
        text = rule_message("unsafe-html", "dangerous-element", name=tag, danger=msg(_DANGEROUS[tag]), policy=policy)
    else:
        text = rule_message("unsafe-html", "element-not-allowed", name=tag, policy=policy)
    return Bad("unsafe-html", text, (f"<{tag}", tag))


def _attribute_problems(tag: str, attrs: dict[str, str | None], policy: Policy) -> list[Bad]:
    out: list[Bad] = []
    allowed = policy.allowed_attributes(tag)
    where = msg("terms.where-element", name=tag)
    for name, raw_value in attrs.items():
        value = raw_value or ""
        if name.startswith("on"):
            out.append(Bad("unsafe-html", rule_message("unsafe-html", "event-handler", where=where, name=name), (f"{name}=", name)))
        elif name == "style" and tag in ("td", "th") and _ALIGN_STYLE.fullmatch(value):
            continue  # a table column's alignment, written by the tables extension
        elif name not in allowed or tag in _WRAPPERS:
            shown: Param = ", ".join(sorted(allowed)) or msg("terms.none")
            text = rule_message("unsafe-html", "attribute-not-allowed", name=tag, attr=name, allowed=shown)
            out.append(Bad("unsafe-html", text, (f"{name}=", name)))
        elif name in policy.url_attributes and not url_allowed(value, policy):
            scheme = url_scheme(value)
            at = msg("terms.where-element-attr", name=tag, attr=name)
            schemes = ", ".join(sorted(policy.url_schemes))
            if scheme:
                text = rule_message("unsafe-url", "scheme", where=at, scheme=scheme, shown=_shown(value), schemes=schemes)
            else:
                text = rule_message("unsafe-url", "address", where=at, shown=_shown(value), schemes=schemes)
            needles = (value, value[:20], f"{scheme or ''}:", f"<{tag}", "](" if tag == "a" else "![")
            out.append(Bad("unsafe-url", text, needles))
    return out


def judge_html(rendered: str, policy: Policy) -> list[Bad]:
    """Everything in HTML (a rendered body) that the allowlist does not allow, in document order."""
    if "<" not in rendered:
        return []
    tree = LexborHTMLParser(rendered)
    bad: list[Bad] = []
    root = tree.root
    if root is None:
        return []
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if not tag or tag.startswith(("-", "_", "#")):
            continue  # comments and other non-elements: browsers do not run them
        attrs = dict(node.attributes)
        if tag in _WRAPPERS:
            if attrs:
                bad.extend(_attribute_problems(tag, attrs, policy))
            continue
        if tag not in policy.tags:
            bad.append(_element_problem(tag))
            continue
        bad.extend(_attribute_problems(tag, attrs, policy))
    return bad


def check_page(page: SourcePage, policy: Policy, md: Markdown | None = None) -> list[Problem]:
    body = page.body
    if page.text is None or not body.strip():
        return []
    try:
        rendered = render(body, md or converter_for_root(_REPO))
    except TooDeep:
        return [too_deep(page.path, page.front.body_line)]
    finder = _LineFinder(body, page.front.body_line)
    return [problem(b.rule, page.path, finder.line(b.needles), b.text) for b in judge_html(rendered, policy)]


def check(model: BuildModel) -> list[Problem]:
    policy = policy_from_data(model.data.yaml(SAFE_HTML))
    md = converter_for_root(model.root)
    problems: list[Problem] = []
    for page in model.site.pages:
        problems.extend(check_page(page, policy, md))
    return problems
