"""Placeholders for pages whose translation is pending: never a silent fall-back to the other language.

A page declaring ``translation: {pending: DATE}`` is published in the other language too, inside
that language's interface, as: a banner in that language saying it is not yet translated (with
the date it was requested) and linking to the original; then the original content wrapped in an
element carrying the original's ``lang`` (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from kb.publish.templating import render
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
    return render(
        "placeholder.md",
        front=yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000),
        banner_class=BANNER_CLASS,
        title=str(config.label(lang, "banner_title")),
        text=str(config.label(lang, "banner")).format(date=date),
        link=str(config.label(lang, "banner_link")),
        original_url=original_url,
        original_lang=original.lang,
        lang=lang,
        body=original.body.strip("\n"),
    ) + "\n"


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
