"""Safe by construction: titles reach Material as HTML text, and every page declares its security policy.

Material prints a page's title without escaping (header, navigation, <title>, footer); the checks
refuse markup in titles (kb.checks.plain_text), and handing titles over already escaped makes any
title safe whatever the checks miss. The Content-Security-Policy and referrer policy come from
kb.publish.csp; overrides/main.html puts them first in every page's <head>.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.core.plaintext import html_text
from kb.publish.csp import PAGE_POLICY, REFERRER_POLICY, policy_text


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["kb_csp"] = {"policy": policy_text(PAGE_POLICY), "referrer": REFERRER_POLICY}
    return env


@event_priority(bridge.TITLES)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Before every other hook, and before any template reads the title (all pages are read first).
    if "title" in page.meta:
        page.meta["title"] = html_text(page.meta["title"])
    return markdown
