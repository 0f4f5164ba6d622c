"""Property test (hypothesis): a hostile string in ANY field is refused at path:line or published only escaped.

Every front-matter field of every content type (guide, case study, plain page, resource), fields of
a bibliography entry and a vocabulary's labels get a hostile value at once (markup, attribute
break-outs, template syntax, CDATA and comment ends, control and bidirectional characters, URL
schemes, Markdown). ``kb check`` must refuse some of them, each at the line of its own field and
nowhere else, with no traceback; the site with the values it accepted must then check clean and
build, and no built page, feed, API file or embed card may carry an element or attribute they made,
an evaluated template expression, ill-formed XML or invalid JSON. One real build per example, a few
examples (derandomised, so CI sees the same ones): fast enough for every run.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from fixture_pages import minimal_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resource_fixtures import files as resource_files
from selectolax.lexbor import LexborHTMLParser
from sitebuilder import FIXTURE_BIBLIOGRAPHY, REPO, build, make_site

from kb.checks import check_root
from kb.model import load_model

MARK = "kbinj"  # any element, attribute or evaluated expression the values make carries this
FRAGMENTS = [
    f"<script>{MARK}()</script>", f"<img src=x onerror={MARK}()>", f"<{MARK}>", f"</title><{MARK}>",
    f'" data-{MARK}="1', f"' data-{MARK}='1", f'"><{MARK} x="', f"{{{{ '{MARK}' ~ 'jinja' }}}}", "{% raw %}", "{#",
    "&amp;", f"&#60;{MARK}&#62;", "]]>", "<![CDATA[", "<!--", "-->", "\x0b", "\x00", "\u202e", "\u2066", "\x85",
    f"javascript:{MARK}()", f"[x](javascript:{MARK}())", f"![x](data:text/html,{MARK})", "`", "**", "_", "\\", "%",
    "\n", "Gŵyl ŷ â'r tŷ", "#", "&", "<", ">", ": ", "- ", "@", "[@wfg-act-2015]", f"${{{MARK}}}", "\u2028", "\ufeff",
    f"&{MARK}", "'", '"', "{", "}", "|", "*", "[[ placeholder ]]", "x" * 300, " ",
]
# What a plain-text field may hold (no tag, reference or control character): these reach the
# published pages, so they test the escaping rather than the refusal.
QUIET_FRAGMENTS = [
    f'" data-{MARK}="1', f"' data-{MARK}='1", f"{{{{ '{MARK}' ~ 'jinja' }}}}", "{% raw %}", "{#", "]]>", "-->",
    f"javascript:{MARK}()", f"[x](javascript:{MARK}())", "`", "**", "_", "\\", "%", "Gŵyl ŷ â'r tŷ", "#", "&",
    "< ", " >", ": ", "@", f"${{{MARK}}}", "'", '"', "{", "}", "|", "*", " ", "x" * 30, f"&{MARK}",
]
HOSTILE = st.one_of(
    st.lists(st.sampled_from(QUIET_FRAGMENTS), min_size=2, max_size=6).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map("".join),
)

LANG_SPECIFIC = {"title", "summary", "organisations", "what_changed", "what_learned"}
STRUCTURAL = {"id", "type", "translation"}  # what pairs and identifies a page, not text it shows
RESOURCE_ID = "adnodd-prawf"
PAGES = {  # content type -> its English and Welsh files in the fixture
    "guide": ("docs/guides/community.md", "docs_cy/guides/community.md"),
    "case-study": ("case_studies/gwyl-gymunedol/en.md", "case_studies/gwyl-gymunedol/cy.md"),
    "page": ("docs/index.md", "docs_cy/index.md"),
    "resource": (f"docs/resources/{RESOURCE_ID}.md", f"docs_cy/resources/{RESOURCE_ID}.md"),
}
BIBLIOGRAPHY_FIELDS = [("title",), ("author", 0, "literal"), ("publisher",), ("container-title",), ("note",), ("URL",)]
VOCABULARY = "data/vocabularies/themes.yml"


@dataclass(frozen=True)
class Target:
    file: str
    path: tuple[Any, ...]  # keys and indexes inside the file's front matter or data


def _base_files() -> dict[str, str]:
    files = dict(minimal_site())
    files.update(resource_files(RESOURCE_ID))
    files["data/bibliography.yml"] = FIXTURE_BIBLIOGRAPHY
    files[VOCABULARY] = (REPO / VOCABULARY).read_text(encoding="utf-8")
    return files


BASE = _base_files()
SCHEMAS = load_model(REPO).data.schemas


def _split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def targets() -> list[Target]:
    """Every field of every content type's schema, in both language files, and the data-file fields."""
    out: list[Target] = []
    for type_name, files in PAGES.items():
        for name, spec in SCHEMAS[type_name]["properties"].items():
            if name in STRUCTURAL:
                continue
            index = (0,) if spec.get("type") == "array" else ()
            out += [Target(file, (name, *index)) for file in files]
    out += [Target("data/bibliography.yml", (0, *path)) for path in BIBLIOGRAPHY_FIELDS]
    terms = yaml.safe_load(BASE[VOCABULARY])["terms"]
    term = next(i for i, t in enumerate(terms) if t["id"] == "community-action")
    out += [Target(VOCABULARY, ("terms", term, lang)) for lang in ("en", "cy")]
    return out


TARGETS = targets()


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        if isinstance(data, dict) and step not in data:
            data[step] = [] if isinstance(path[path.index(step) + 1], int) else {}
        data = data[step]
    last = path[-1]
    if isinstance(data, list):
        data[last:last + 1] = [value]
    else:
        data[last] = value


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)


def _spans(text: str, first_line: int, paths: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], range]:
    """Each path's lines in YAML ``text`` (1-based, from ``first_line``): its innermost key to its value's end."""
    root = yaml.compose(text)
    out: dict[tuple[Any, ...], range] = {}
    for path in paths:
        node, start = root, None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                key, node = next((k, v) for k, v in node.value if k.value == str(step))
                start = key.start_mark.line
            else:
                node = node.value[step]
                start = node.start_mark.line if start is None else start
        end = node.end_mark.line
        if node.end_mark.column == 0 and end > (start or 0):
            end -= 1  # a block value ends at the start of the next line
        out[path] = range(first_line + (start or 0), first_line + max(end, start or 0) + 1)
    return out


def write_site(root: Path, values: dict[Target, str]) -> dict[Target, tuple[str, range]]:
    """The fixture with ``values`` in their fields; where each field is written (path, lines)."""
    files: dict[str, str | bytes] = dict(BASE)
    where: dict[Target, tuple[str, range]] = {}
    for file in sorted({t.file for t in values}):
        mine = {t: v for t, v in values.items() if t.file == file}
        is_page = file.endswith(".md")
        data, body = _split(BASE[file]) if is_page else (yaml.safe_load(BASE[file]), "")
        for target, value in mine.items():
            _set(data, target.path, value)
        text = _dump(data)
        files[file] = f"---\n{text}---\n{body}" if is_page else text
        spans = _spans(text, 2 if is_page else 1, [t.path for t in mine])
        where.update({t: (file, spans[t.path]) for t in mine})
    make_site(root, files)
    return where


def _values(draw_one: Any) -> dict[Target, str]:
    """One hostile value per field; a language-neutral field has the same value in both languages."""
    out: dict[Target, str] = {}
    for target in TARGETS:
        twin = next((t for t in out if t.path == target.path and t.file != target.file
                     and PAGES_OF.get(t.file) == PAGES_OF.get(target.file)), None)
        if twin is not None and target.path[0] not in LANG_SPECIFIC:
            out[target] = out[twin]
        else:
            out[target] = draw_one()
    return out


PAGES_OF = {file: type_name for type_name, files in PAGES.items() for file in files}


def assert_only_escaped(site: Path) -> None:
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".csv", ".js"):
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        assert f"{MARK}jinja" not in text, f"{where}: a template expression from a field was evaluated"
        if path.suffix == ".html":
            for node in LexborHTMLParser(text).css("*"):
                assert MARK not in node.tag, f"{where}: element <{node.tag}> made by a field"
                made = [name for name in node.attributes if MARK in name]
                assert not made, f"{where}: attribute {made} on <{node.tag}> made by a field"
        elif path.suffix == ".xml":
            for element in ET.fromstring(text.encode("utf-8")).iter():
                assert MARK not in str(element.tag), f"{where}: element made by a field"
        elif path.suffix == ".json":
            try:
                json.loads(text)
            except ValueError as err:
                raise AssertionError(f"{where} is not valid JSON ({err}): {text[:200]!r}") from None


@settings(max_examples=4, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_every_field_is_refused_at_its_line_or_published_escaped(data: st.DataObject) -> None:
    values = _values(lambda: data.draw(HOSTILE))
    with tempfile.TemporaryDirectory() as tmp:
        where = write_site(Path(tmp) / "all", values)
        _, problems = check_root(Path(tmp) / "all")
        errors = [p for p in problems if p.is_error]
        refused: set[Target] = set()
        for p in errors:
            hit = {t for t, (file, lines) in where.items() if file == p.path and p.line in lines}
            assert hit, f"a problem at a line no hostile value is on: {p.format()}"
            refused |= hit
        accepted = {t: v for t, v in values.items() if t not in refused}
        # The same fields of a pair stay together (a value refused in one file is left out of both).
        accepted = {t: v for t, v in accepted.items()
                    if not any(r.path == t.path and PAGES_OF.get(r.file, r.file) == PAGES_OF.get(t.file, t.file)
                               for r in refused)}
        root = Path(tmp) / "accepted"
        write_site(root, accepted)
        _, again = check_root(root)
        assert [p.format() for p in again if p.is_error] == []
        result = build(root)
        assert result.returncode == 0 and "Traceback" not in result.output, result.output[-3000:]
        assert_only_escaped(result.site)
        for target, value in accepted.items():
            if target.path == ("title",) and PAGES_OF.get(target.file) == "guide":
                lang_dir = "cy/" if target.file.startswith("docs_cy") else ""
                page = LexborHTMLParser((result.site / f"{lang_dir}guides/community/index.html").read_text("utf-8"))
                shown = re.sub(r"\s+", " ", page.css_first("title").text()).strip()
                assert re.sub(r"\s+", " ", value).strip() in shown or not value.strip()


def test_the_targets_cover_every_field_of_every_content_type():
    covered = {(PAGES_OF[t.file], t.path[0]) for t in TARGETS if t.file in PAGES_OF}
    for type_name in PAGES:
        fields = set(SCHEMAS[type_name]["properties"]) - STRUCTURAL
        assert fields and {f for (kind, f) in covered if kind == type_name} == fields
