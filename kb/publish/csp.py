"""The Content-Security-Policy and referrer policy every published HTML file declares.

A ``<meta http-equiv="Content-Security-Policy">`` is the static site's own second line of defence:
if markup ever slipped past the checks and the built-site gate, the browser still refuses to run
it. Pages run only the site's own script files ('self': Material's bundle and our assets, which
hold no inline script; kb.built.gate refuses any inline one), never inline scripts or event-handler
attributes. 'wasm-unsafe-eval' lets Pagefind's search engine compile its WebAssembly; it allows no
JavaScript eval. Styles may be inline: Material sets element styles from its script, and styles run
no code. Embed cards and redirect pages run no script at all.

The referrer policy sends the page's address only to this site's own pages: readers following a
link to another website do not tell it what they were reading.

(A policy in <meta> cannot set frame-ancestors; partners are meant to frame the embed cards.)
"""

from __future__ import annotations

REFERRER_POLICY = "same-origin"

_COMMON = {
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

PAGE_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    **_COMMON,
}

# Self-contained cards (inline CSS, no scripts, links that open the full page).
CARD_POLICY: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'none'",
    "style-src": "'unsafe-inline'",
    "img-src": "'self'",
    **_COMMON,
    "form-action": "'none'",
}

# Redirect pages: a meta refresh and a link, nothing else.
REDIRECT_POLICY: dict[str, str] = {**CARD_POLICY, "style-src": "'none'"}


def policy_text(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def meta_tags(policy: dict[str, str]) -> str:
    """The two <meta> elements, for HTML the project writes itself (cards, redirects)."""
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy_text(policy)}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">\n'
    )
