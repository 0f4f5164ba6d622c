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

from kb.core.messages import Message, msg
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


def address_problem(url: str) -> Message | None:
    """What is wrong with the shape of an https address, or None. ('' or non-https: the schema's.)"""
    if not _SCHEMA_SHAPE.match(url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if "@" in parts.netloc:
        return msg("terms.address-credentials")
    if not host:
        return msg("terms.address-no-site")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return msg("terms.address-ip")
    except ValueError:
        pass
    if any(host == h or host.endswith("." + h) for h in _PLACEHOLDER_HOSTS) or host.endswith(".example"):
        return msg("terms.address-placeholder", host=host)
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return msg("terms.address-bad-host", host=host)
    if parts.port is not None and parts.port != 443:
        return msg("terms.address-port", port=parts.port)
    return None


def _check_address(page: SourcePage) -> list[Problem]:
    url = page.meta.get("url")
    if not isinstance(url, str):
        return []
    wrong = address_problem(url)
    if wrong is None:
        return []
    return [problem("resource-address", page.path, page.front.line_of("url"), "cannot-be-right", url=url, why=wrong)]


def _check_source(page: SourcePage, bib: Bibliography, claimed: dict[str, SourcePage]) -> list[Problem]:
    key = page.meta.get("source")
    if not isinstance(key, str):
        return []
    line = page.front.line_of("source")
    entry = bib.get(key)
    if entry is None:
        close = bib.suggest(key)
        suggestion = msg("terms.did-you-mean", value=close) if close else ""
        return [problem("resource-source", page.path, line, "unknown", key=key, suggestion=suggestion)]
    problems: list[Problem] = []
    other = claimed.get(key)
    if other is not None and other.rel != page.rel:
        problems.append(
            problem("resource-source", page.path, line, "claimed", key=key, other=other.path)
        )
    claimed.setdefault(key, page)
    listed, given = entry.data.get("URL"), page.meta.get("url")
    if isinstance(listed, str) and isinstance(given, str) and listed != given:
        problems.append(
            problem(
                "resource-source", page.path, page.front.line_of("url"), "address-differs",
                given=given, key=key, where=f"data/bibliography.yml:{entry.line_of('URL')}", listed=listed,
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
