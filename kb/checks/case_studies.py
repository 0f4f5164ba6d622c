"""Case-study checks beyond the front-matter schema (kb/checks/frontmatter.py does the schema).

A case study is a folder case_studies/<id>/ holding en.md, cy.md and its images. These checks
make sure both languages are there, the folder is named after the id, images are in the folder
and described in both languages, sources are in the bibliography, the contact is not personal
data, and nothing from the template is left unfilled.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kb.core.messages import Param, msg
from kb.core.problem import Problem, problem, rule_message
from kb.model import BuildModel
from kb.sources.bibliography import Bibliography
from kb.sources.content import CASE_STUDIES_DIR, Asset, Site, SourcePage

RULES = (
    "case-study-files",
    "case-study-folder-id",
    "case-study-image",
    "case-study-image-alt",
    "case-study-source",
    "case-study-personal-data",
    "case-study-placeholder",
    "case-study-file-type",
)

# Pages published inside case-studies/ next to the case studies: an id must not take their URL.
RESERVED_IDS = frozenset({"themes", "regions", "index"})
LANG_FILES = {"en": "en.md", "cy": "cy.md"}

# Template placeholders look like [[Write the title here]].
PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]*\]\]")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# UK phone numbers as people write them: 01234 567890, +44 (0)29 2000 0000, 029-2000-0000.
PHONE = re.compile(r"^(tel:)?\+?[\d\s().-]{9,}$")
# ![alt](src "title") in Markdown, and <img ...> in HTML.
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'(].*?[\"')])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
HTML_ATTR = re.compile(r"""(?P<name>[a-zA-Z-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")


@dataclass(frozen=True)
class ImageRef:
    src: str
    alt: str
    line: int


def _body_lines(page: SourcePage) -> Iterator[tuple[int, str]]:
    """(line in the real file, text) for each body line, with code and HTML comments blanked."""
    for offset, text in enumerate(page.scan.lines):
        yield page.front.body_line + offset, text


def image_refs(page: SourcePage) -> list[ImageRef]:
    refs: list[ImageRef] = []
    body = page.body
    if "![" not in body and "<" not in body:
        return refs  # neither kind of image can be written without these
    for line, text in _body_lines(page):
        for m in MD_IMAGE.finditer(text):
            refs.append(ImageRef(m.group("src"), m.group("alt").strip(), line))
        for m in HTML_IMAGE.finditer(text):
            attrs = {
                a.group("name").lower(): a.group("dq") or a.group("sq") or a.group("bare") or ""
                for a in HTML_ATTR.finditer(m.group("attrs"))
            }
            refs.append(ImageRef(attrs.get("src", ""), attrs.get("alt", "").strip(), line))
    return refs


def _folder_of(page: SourcePage) -> str:
    return posixpath.dirname(page.path)


def _image_name(src: str) -> str | None:
    """The file name inside the case study's folder that ``src`` points at, or None if it leaves it."""
    path = src.split("#", 1)[0].split("?", 1)[0]
    norm = posixpath.normpath(path)
    if norm.startswith("../") or norm == ".." or norm.startswith("/"):
        return None
    return norm


def check_images(site: Site, page: SourcePage) -> list[Problem]:
    problems: list[Problem] = []
    folder = _folder_of(page)
    present = {
        posixpath.relpath(a.path, folder) for a in site.assets if a.path.startswith(folder + "/")
    }
    for ref in image_refs(page):
        if re.match(r"^([a-z][a-z0-9+.-]*:|//)", ref.src, re.I):
            problems.append(problem("case-study-image", page.path, ref.line, "web-address", src=ref.src, folder=folder))
            continue
        name = _image_name(ref.src)
        if name is None or name not in present:
            files: Param = ", ".join(sorted(present)) or msg("terms.none")
            key = "outside-folder" if name is None else "not-in-folder"
            problems.append(problem("case-study-image", page.path, ref.line, key, src=ref.src, folder=folder, files=files))
        if not ref.alt:
            problems.append(
                problem("case-study-image-alt", page.path, ref.line, "no-alt", src=ref.src, in_language=msg(f"terms.in-{page.lang}"))
            )
    return problems


# The raster image formats a case study may hold, by file name and by their first bytes. Nothing
# else is published from a case study's folder: an SVG, HTML or script file opened directly would
# run its code on the site's own origin, and a mislabelled file could be one of those in disguise.
IMAGE_TYPES: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WebP": (".webp",),
    "AVIF": (".avif",),
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def image_type(head: bytes) -> str | None:
    """The raster format a file's first 16 bytes announce, if it is one of IMAGE_TYPES."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:12] in (b"ftypavif", b"ftypavis"):
        return "AVIF"
    return None


def _type_by_name(name: str) -> str | None:
    lower = name.lower()
    return next((kind for kind, exts in IMAGE_TYPES.items() if lower.endswith(exts)), None)


def _unpublishable(asset: Asset) -> tuple[str, dict[str, Param]] | None:
    """Why a file in a case study's folder cannot be published (a KB106 message and its values); None if it can."""
    allowed = ", ".join(ext for exts in IMAGE_TYPES.values() for ext in exts)
    named = _type_by_name(asset.path)
    if named is None:
        return "not-an-image", {"allowed": allowed}
    try:
        size = asset.abs_path.stat().st_size
        with asset.abs_path.open("rb") as fh:
            found = image_type(fh.read(16))
    except OSError as err:
        return "unreadable", {"error": str(err.strerror)}
    if found != named:
        if found is None:
            return "not-image-content", {"named": named}
        return "other-format", {"named": named, "found": found}
    if size > MAX_IMAGE_BYTES:
        return "too-large", {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_IMAGE_BYTES // 1024 // 1024}
    return None


def check_asset_files(site: Site) -> list[Problem]:
    """Only raster images (by name and content, at most MAX_IMAGE_BYTES) sit beside en.md and cy.md."""
    problems: list[Problem] = []
    for asset in site.assets:
        why = _unpublishable(asset)
        if why is not None:
            key, values = why
            problems.append(problem("case-study-file-type", asset.path, 1, rule_message("case-study-file-type", key, path=asset.path, **values)))
    return problems


def check_image_pairs(page: SourcePage, other: SourcePage) -> list[Problem]:
    """An image shown in one language must be shown, and described, in the other too."""
    mine = {_image_name(r.src): r for r in image_refs(page)}
    theirs = {_image_name(r.src) for r in image_refs(other)}
    problems: list[Problem] = []
    for name, ref in mine.items():
        if name is not None and name not in theirs:
            problems.append(
                problem(
                    "case-study-image-alt", other.path, other.front.body_line, "not-in-other",
                    src=ref.src, other=f"{page.path}:{ref.line}", other_path=page.path,
                    language=msg(f"terms.lang-{other.lang}"), in_language=msg(f"terms.in-{other.lang}"),
                )
            )
    return problems


def bibliography_ids(bib: Bibliography) -> set[str] | None:
    """Ids in data/bibliography.yml, or None if it cannot be read (the citation checks report that)."""
    return bib.ids_written if bib.readable else None


def check_sources(page: SourcePage, known: set[str] | None) -> list[Problem]:
    sources = page.meta.get("sources")
    if known is None or not isinstance(sources, list):
        return []
    problems: list[Problem] = []
    for i, key in enumerate(sources):
        if isinstance(key, str) and key not in known and not PLACEHOLDER.search(key):
            problems.append(problem("case-study-source", page.path, page.front.line_of(f"sources.{i}"), "unknown", key=key))
    return problems


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every string in a front-matter value."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{key}.{i}")
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, f"{key}.{k}")


def check_personal_data(page: SourcePage) -> list[Problem]:
    problems: list[Problem] = []
    contact = page.meta.get("contact")
    if isinstance(contact, str) and not PLACEHOLDER.search(contact):
        text = contact.strip()
        if text.lower().startswith("mailto:") or EMAIL.search(text):
            what = "terms.is-email"
        elif text.lower().startswith("tel:") or PHONE.match(text):
            what = "terms.is-phone"
        else:
            what = ""
        if what:
            problems.append(
                problem("case-study-personal-data", page.path, page.front.line_of("contact"), "contact", contact=text, what=msg(what))
            )
    for key, text in _strings({k: v for k, v in page.meta.items() if k != "contact"}, ""):
        m = EMAIL.search(text) if "@" in text else None  # no address without an '@'
        if m:
            problems.append(
                problem(
                    "case-study-personal-data", page.path, page.front.line_of(key.lstrip(".")), "field-email",
                    field=key.lstrip("."), email=m.group(0),
                )
            )
    for line, text in _body_lines(page) if "@" in page.body else ():
        for m in EMAIL.finditer(text):
            problems.append(problem("case-study-personal-data", page.path, line, "text-email", email=m.group(0)))
    return problems


def check_placeholders(page: SourcePage) -> list[Problem]:
    """Every [[...]] the template left, at its line (YAML comments, which explain fields, are skipped)."""
    if page.text is None or "[[" not in page.text:
        return []  # masking and comment removal only blank or cut text: no '[[' anywhere, no placeholder
    lines: list[tuple[int, str]] = []
    if page.front.present:
        for number, text in enumerate(page.text.split("\n")[: page.front.body_line - 1], start=1):
            if not text.lstrip().startswith("#"):
                lines.append((number, re.sub(r"\s#\s.*$", "", text)))  # drop a trailing YAML comment
    lines += list(_body_lines(page))
    problems: list[Problem] = []
    for number, text in lines:
        for m in PLACEHOLDER.finditer(text):
            problems.append(problem("case-study-placeholder", page.path, number, "not-replaced", text=m.group(0)))
    return problems


def check_folder_id(page: SourcePage) -> list[Problem]:
    folder = posixpath.basename(_folder_of(page))
    page_id = page.page_id
    line = page.front.line_of("id")
    if folder in RESERVED_IDS:
        return [problem("case-study-folder-id", page.path, line, "reserved", folder=folder)]
    if page_id is None or page_id == folder or PLACEHOLDER.search(page_id):
        return []
    return [problem("case-study-folder-id", page.path, line, "differs", id=page_id, folder=folder)]


def check_files(site: Site) -> list[Problem]:
    """Each case-study folder has both en.md and cy.md."""
    base = site.root / CASE_STUDIES_DIR
    if not base.is_dir():
        return []
    problems: list[Problem] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        rel_folder = f"{CASE_STUDIES_DIR}/{folder.name}"
        present = {lang: (folder / name).is_file() for lang, name in LANG_FILES.items()}
        strays = sorted(p.name for p in folder.glob("*.md") if p.name not in LANG_FILES.values())
        stray_hint: Param = msg("terms.stray-files", files=", ".join(strays)) if strays else ""
        if not any(present.values()):
            problems.append(
                problem("case-study-files", rel_folder, 1, "neither", folder=rel_folder, name=folder.name, strays=stray_hint)
            )
            continue
        for lang, ok in present.items():
            # A missing language is KB040's (translation-missing, or pending: published with a banner);
            # this rule speaks only when a misnamed file is the likely reason.
            if ok or not strays:
                continue
            other = "cy" if lang == "en" else "en"
            missing = f"{rel_folder}/{LANG_FILES[lang]}"
            problems.append(
                problem(
                    "case-study-files", f"{rel_folder}/{LANG_FILES[other]}", 1, "missing",
                    version=msg(f"terms.version-{lang}"), missing=missing, in_language=msg(f"terms.in-{lang}"),
                    file=LANG_FILES[lang], strays=stray_hint,
                )
            )
    return problems


def check(model: BuildModel) -> list[Problem]:
    site = model.site
    problems = check_files(site) + check_asset_files(site)
    known = bibliography_ids(model.data.bibliography)
    for page in site.pages:
        if page.kind != "case-study" or page.text is None:
            continue
        problems += check_placeholders(page)
        problems += check_folder_id(page)
        problems += check_images(site, page)
        problems += check_sources(page, known)
        problems += check_personal_data(page)
        other = site.counterpart(page)
        if other is not None and other.text is not None:
            problems += check_image_pairs(page, other)
    return problems

