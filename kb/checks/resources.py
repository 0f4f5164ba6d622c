"""Resource checks beyond the front-matter schema: the resource's address has the shape of a real
public web address (KB132), and its bibliography entry exists, agrees on the address and describes
no other resource (KB133).

Both language versions carry the same facts (parity KB042 compares them), so each problem is
reported once, on the English version when there is one.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from kb.core.problem import Problem, problem
from kb.model import BuildModel
from kb.sources.bibliography import Bibliography
from kb.sources.content import Site, SourcePage
from kb.sources.urls import content_type

RULES = ("resource-address", "resource-source")
TYPE = "resource"
# What the schema already refuses (KB001): anything but https:// followed by no spaces.
_SCHEMA_SHAPE = re.compile(r"^https://[^\s]+$")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Hosts that stand for "some site" in examples and templates, never a real resource.
_PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost")


def _one_version_each(site: Site) -> list[SourcePage]:
    chosen: dict[str, SourcePage] = {}
    for page in site.pages:
        if page.text is None or content_type(page) != TYPE:
            continue
        if page.rel not in chosen or page.lang == "en":
            chosen[page.rel] = page
    return list(chosen.values())


def address_problem(url: str) -> str | None:
    """What is wrong with the shape of an https address, or None. ('' or non-https: the schema's.)"""
    if not _SCHEMA_SHAPE.match(url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if "@" in parts.netloc:
        return "it contains a user name or password before the site's name"
    if not host:
        return "it has no site name after 'https://'"
    try:
        ipaddress.ip_address(host.strip("[]"))
        return "it names a computer by its number (IP address), not a public site name"
    except ValueError:
        pass
    if any(host == h or host.endswith("." + h) for h in _PLACEHOLDER_HOSTS) or host.endswith(".example"):
        return f"'{host}' is a placeholder used in examples, not a real site"
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return f"'{host}' is not a valid site name (like www.example.wales)"
    if parts.port is not None and parts.port != 443:
        return f"it asks for port {parts.port}; public web addresses do not need one"
    return None


def _check_address(page: SourcePage) -> list[Problem]:
    url = page.meta.get("url")
    if not isinstance(url, str):
        return []
    wrong = address_problem(url)
    if wrong is None:
        return []
    return [
        problem(
            "resource-address",
            page.path,
            page.front.line_of("url"),
            f"the address '{url}' cannot be right: {wrong}.",
            "Copy the address from the browser's address bar on the publisher's own page for the resource, "
            "or leave 'url' out if you cannot confirm it.",
        )
    ]


def _check_source(page: SourcePage, bib: Bibliography, claimed: dict[str, SourcePage]) -> list[Problem]:
    key = page.meta.get("source")
    if not isinstance(key, str):
        return []
    line = page.front.line_of("source")
    entry = bib.get(key)
    if entry is None:
        close = bib.suggest(key)
        hint = f" Did you mean '{close}'?" if close else ""
        return [
            problem(
                "resource-source",
                page.path,
                line,
                f"'source' is '{key}', which is not an entry in data/bibliography.yml.{hint}",
                "Give the id of the resource's entry in data/bibliography.yml, or add the entry there with its real details.",
            )
        ]
    problems: list[Problem] = []
    other = claimed.get(key)
    if other is not None and other.rel != page.rel:
        problems.append(
            problem(
                "resource-source",
                page.path,
                line,
                f"the bibliography entry '{key}' already describes the resource {other.path}.",
                "One resource page per bibliography entry: merge the two pages, or point 'source' at the right entry.",
            )
        )
    claimed.setdefault(key, page)
    listed, given = entry.data.get("URL"), page.meta.get("url")
    if isinstance(listed, str) and isinstance(given, str) and listed != given:
        problems.append(
            problem(
                "resource-source",
                page.path,
                page.front.line_of("url"),
                f"the address '{given}' differs from the one in the bibliography entry '{key}' "
                f"(data/bibliography.yml:{entry.line_of('URL')}: '{listed}').",
                "Use the same address in both places, after checking which one is right.",
            )
        )
    return problems


def check_resources(site: Site, bib: Bibliography) -> list[Problem]:
    pages = _one_version_each(site)
    claimed: dict[str, SourcePage] = {}
    problems: list[Problem] = []
    for page in sorted(pages, key=lambda p: p.path):
        problems.extend(_check_address(page))
        problems.extend(_check_source(page, bib, claimed))
    return problems


def check(model: BuildModel) -> list[Problem]:
    return check_resources(model.site, model.data.bibliography)
