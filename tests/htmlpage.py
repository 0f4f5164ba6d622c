"""The one way tests read HTML: an HTML5 parser (lexbor, through selectolax), as browsers parse it.

    page = Html.file(site / "cy/index.html")
    page.lang, page.ids, page.attrs("link[rel=alternate][hreflang]"), page.text("aside"), page.lang_at("h1")
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode


class Html:
    def __init__(self, text: str) -> None:
        self.tree = LexborHTMLParser(text)

    @classmethod
    def file(cls, path: Path) -> Html:
        return cls(path.read_text(encoding="utf-8"))

    @property
    def lang(self) -> str:
        """The page's <html lang>."""
        root = self.tree.css_first("html")
        return (root.attributes.get("lang") or "") if root is not None else ""

    @property
    def ids(self) -> set[str]:
        return {str(n.attributes["id"]) for n in self.tree.css("[id]") if n.attributes.get("id")}

    def nodes(self, selector: str) -> list[LexborNode]:
        return list(self.tree.css(selector))

    def attrs(self, selector: str) -> list[dict[str, str]]:
        """The attributes of every element the CSS selector matches, in document order."""
        return [{k: v or "" for k, v in n.attributes.items()} for n in self.tree.css(selector)]

    def first(self, selector: str) -> dict[str, str] | None:
        found = self.attrs(selector)
        return found[0] if found else None

    def text(self, selector: str = "body") -> str:
        """The text of every element the selector matches, joined."""
        return "".join(n.text() for n in self.tree.css(selector))

    def lang_at(self, selector: str) -> str | None:
        """The language in force at the first matching element (its own lang or its nearest ancestor's)."""
        node = self.tree.css_first(selector)
        while node is not None:
            lang = node.attributes.get("lang") if node.tag != "-undef" else None
            if lang:
                return str(lang)
            node = node.parent
        return None
