"""Placeholders for pages whose translation is pending: never a silent fall-back to the other language.

A page declaring ``translation: {pending: DATE}`` is published in the other language too, inside
that language's interface, as: a banner in that language saying it is not yet translated (with
the date it was requested) and linking to the original; then the original content wrapped in an
element carrying the original's ``lang`` (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import yaml

from kb.sources.content import LANGS, Lang, Site, SourcePage, other_lang, pending_since
from kb.sources.frontmatter import FrontMatter
from kb.sources.parity_config import ParityConfig, format_date

# Stands for the URL of the original page; the build replaces it once URLs are known.
ORIGINAL_URL = "kb-original-page-url"
BANNER_CLASS = "kb-untranslated"


@dataclass
class PlaceholderPage(SourcePage):
    """A page shown in ``lang`` whose content is still the ``original`` in the other language."""

    original: SourcePage | None = None


def placeholder_markdown(original: SourcePage, lang: Lang, config: ParityConfig, original_url: str = ORIGINAL_URL) -> str:
    """The Markdown published in ``lang`` while ``original`` (in the other language) waits for translation."""
    date = format_date(pending_since(original) or "", lang, config)
    meta = dict(original.meta)
    meta.pop("translation", None)
    # Templates can tell a placeholder from a translation, and which language its content is in.
    meta["kb_placeholder"] = {"content_lang": original.lang, "original": original.path, "requested": pending_since(original)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    title = escape(str(config.label(lang, "banner_title")))
    text = escape(str(config.label(lang, "banner")).format(date=date))
    link = str(config.label(lang, "banner_link"))
    body = original.body.strip("\n")
    return (
        f"---\n{front}---\n\n"
        f'<div class="admonition warning {BANNER_CLASS}" role="note" markdown="1">\n'
        f'<p class="admonition-title">{title}</p>\n\n'
        f"{text}\n\n"
        # hreflang says where the link goes; lang says the link text itself is in this page's language.
        f'[{link}]({original_url}){{ hreflang="{original.lang}" lang="{lang}" }}\n\n'
        f"</div>\n\n"
        f'<div lang="{original.lang}" markdown="1">\n\n'
        f"{body}\n\n"
        f"</div>\n"
    )


def placeholder_pages(site: Site, config: ParityConfig) -> list[PlaceholderPage]:
    """One placeholder for each pending page, in the language it is missing from."""
    out: list[PlaceholderPage] = []
    for page in site.pages:
        if page.text is None or not pending_since(page):
            continue
        lang = other_lang(page.lang)
        if lang not in LANGS or site.get(lang, page.rel) is not None:
            continue
        text = placeholder_markdown(page, lang, config)
        front = FrontMatter(dict(page.meta), body=page.body, body_line=page.front.body_line, present=True)
        out.append(
            PlaceholderPage(lang, page.rel, page.path, page.abs_path, page.kind, text, front, original=page)
        )
    return out
