"""The parity report: every English/Welsh pair and its state, as a page of the site or for a terminal."""

from __future__ import annotations

import posixpath

from kb.core.messages import text
from kb.core.plaintext import markdown_text
from kb.publish.templating import fragment
from kb.sources.content import Lang
from kb.sources.pairs import STATES, PairStatus
from kb.sources.parity_config import ParityConfig, format_date

REPORT_MARKER = "<!-- kb:parity-report -->"


def report_markdown(rows: list[PairStatus], config: ParityConfig, lang: Lang, from_rel: str) -> str:
    """The parity report as a Markdown table in ``lang``, with links relative to the page at ``from_rel``."""
    counts = {state: sum(1 for s in rows if s.state == state) for state in STATES}
    lab = config.labels.get(lang, {})

    def label(key: str) -> str:
        return str(lab.get(key) or config.label("en", key))

    lines = [
        label("summary").format(total=len(rows), **counts),
        "",
        f"| {label('page')} | {label('en')} | {label('cy')} | {label('state')} | {label('changed')} |",
        "| --- | --- | --- | --- | --- |",
    ]
    base = posixpath.dirname(from_rel)
    for s in rows:
        target = posixpath.relpath(s.rel, base) if base else s.rel
        title, title_lang = s.title(lang)
        # A title in the other language is marked as such (WCAG 3.1.2, language of parts).
        marked = f'{{ lang="{title_lang}" }}' if title_lang != lang else ""
        if s.state != "missing" or lang in s.pages:
            page = f"[{markdown_text(title)}]({target}){marked}"
        else:
            page = fragment("other-language.html", lang=title_lang, text=title) if marked else markdown_text(title)
        state = label(s.state) + (f" ({format_date(s.pending_date, lang, config)})" if s.pending_date else "")
        changed = ", ".join(f"`{c.path}`" for c in s.changes) or label("none")
        lines.append(f"| {page} | `{s.paths['en']}` | `{s.paths['cy']}` | {state} | {changed} |")
    return "\n".join(lines) + "\n"


def report_text(rows: list[PairStatus], config: ParityConfig, with_diff: bool = False, lang: Lang = "en") -> str:
    """The same report for a terminal, in ``lang`` (the state words are the site report's labels)."""

    def label(key: str) -> str:
        return str(config.label(lang, key))

    width = max([len(s.rel) for s in rows] + [len(label("page"))])
    state_width = max([len(label(s)) for s in STATES] + [len(label("state"))])
    indent = " " * (width + state_width + 4)
    out = [f"{label('page').ljust(width)}  {label('state').ljust(state_width)}  {label('en')} / {label('cy')}"]
    for s in rows:
        extra = ""
        if s.pending_date:
            extra = " " + text("parity.requested", lang, date=format_date(s.pending_date, lang, config))
        extra += "".join(f"\n{indent}" + text("parity.changed", lang, path=c.path, line=c.first_line) for c in s.changes)
        out.append(f"{s.rel.ljust(width)}  {label(s.state).ljust(state_width)}  {s.paths['en']} / {s.paths['cy']}{extra}")
        if with_diff:
            for c in s.changes:
                if c.old is None:
                    key = "parity.shallow-history" if c.shallow else "parity.no-history"
                    out.append("    " + text(key, lang, path=c.path, date=s.marked or ""))
                out.extend("    " + line for line in c.diff())
    counts = {state: sum(1 for s in rows if s.state == state) for state in STATES}
    out.append(label("summary").format(total=len(rows), **counts))
    return "\n".join(out) + "\n"
