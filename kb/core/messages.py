"""The message catalogue: every sentence the checks and commands print, in English and Welsh.

Messages are data (``data/messages.yml``): each has an ``en`` and a ``cy`` text with the same
named parameters, written ``{name}``, and a check's message also says how to fix the problem
(``fix``). Code never writes a sentence for contributors; it names a message and gives the
values, and the text is chosen when the message is shown, in the contributor's language
(``--lang``, ``KB_LANG`` or the locale). A value can itself be a message (a language name, "did
you mean ...?"), shown in the same language, so no English fragment ends up in a Welsh sentence.

Keys: ``KB003.not-in-vocabulary`` for a rule's messages (under the rule's id), ``terms.lang-cy``
for shared words, ``check.summary``, ``parity.…`` and so on for the commands and the build.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Union

import yaml

# yaml.CSafeLoader (libyaml, in C) when PyYAML was built with it; the same documents, several times faster.
FAST_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lang = Literal["en", "cy"]
LANGS: tuple[Lang, ...] = ("en", "cy")
CATALOGUE_FILE = Path(__file__).resolve().parents[2] / "data" / "messages.yml"

# A parameter's value: plain text or a number (shown as given: ids, paths, quoted values),
# another message (words that need translating) or words from data in both languages (Texts),
# shown in the same language as the message.
Param = Union[str, int, "Message", "Texts", "Joined"]


@dataclass(frozen=True)
class Texts:
    """Words that come from data files in both languages (a schema's description, a label)."""

    en: str
    cy: str

    def render(self, lang: Lang = "en") -> str:
        return self.cy if lang == "cy" else self.en


@dataclass(frozen=True)
class Joined:
    """Several values shown as one, separated by commas (a list of translated words)."""

    items: tuple[Param, ...]
    separator: str = ", "

    def render(self, lang: Lang = "en") -> str:
        return self.separator.join(_show(item, lang) for item in self.items)


def _show(value: Param, lang: Lang) -> str:
    return value.render(lang) if isinstance(value, Message | Texts | Joined) else str(value)


@dataclass(frozen=True)
class Entry:
    """One catalogue message: its texts by language, and how to fix it (rule messages)."""

    key: str
    text: dict[str, str]
    fix: dict[str, str]

    def params(self, lang: str) -> set[str]:
        return template_params(self.text.get(lang, "")) | template_params(self.fix.get(lang, ""))


def template_params(template: str) -> set[str]:
    """The ``{name}`` parameters a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class BrokenCatalogue(Exception):
    """data/messages.yml or data/rules.yml cannot be read: nothing can be reported in words, so this
    says so in both languages itself (the command line and the build print it, never a traceback)."""

    def __init__(self, path: Path, err: BaseException, line: int | None = None) -> None:
        mark = getattr(err, "problem_mark", None)
        self.path = path
        self.line = line or (mark.line + 1 if mark is not None else 1)
        if isinstance(err, UnicodeDecodeError):
            self.line = err.object[: err.start].count(b"\n") + 1
        self.detail = str(getattr(err, "problem", None) or err) or type(err).__name__
        shown = f"data/{path.name}"
        # The rule's id and name are written here, not read: the file that holds them is what is broken.
        super().__init__(
            f"{shown}:{self.line}: error KB107 data-file: the file cannot be read ({self.detail}); the checks cannot "
            f"say anything without it. Restore it from git (git checkout -- {shown}) and make your change again.\n"
            f"{shown}:{self.line}: gwall KB107 data-file: ni ellir darllen y ffeil ({self.detail}); ni all y gwiriadau "
            f"ddweud dim hebddi. Adferwch hi o git (git checkout -- {shown}) a gwnewch eich newid eto."
        )


def read_catalogue_file(path: Path) -> Any:
    """The parsed YAML of data/messages.yml or data/rules.yml; BrokenCatalogue if it cannot be read."""
    try:
        # libyaml's parser where it is installed: the catalogue is large and every process reads it.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_SAFE_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as err:
        raise BrokenCatalogue(path, err) from None


def _line_of(path: Path, group: str, name: str) -> int:
    """The line of ``name:`` under ``group:`` in a catalogue file (1 when it cannot be found)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{group}:")), 0)
    return next((i + 1 for i in range(start, len(lines)) if lines[i].strip().startswith(f"{name}:")), start + 1)


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Entry]:
    raw = read_catalogue_file(path)
    if not raw:
        raise BrokenCatalogue(path, ValueError("the file is empty"))
    out: dict[str, Entry] = {}
    try:
        for group, messages in raw.items():
            for name, spec in (messages or {}).items():
                fix = spec.get("fix") or {}
                key = f"{group}.{name}"
                # Every message in both languages, here rather than as a traceback where it is shown.
                lacking: list[str] = [lang for lang in LANGS if not isinstance(spec.get(lang), str)]
                lacking += [f"fix: {lang}" for lang in LANGS if fix and not isinstance(fix.get(lang), str)]
                if lacking:
                    what = ValueError(f"the message '{name}' under '{group}' has no text for {', '.join(lacking)}")
                    raise BrokenCatalogue(path, what, _line_of(path, str(group), str(name)))
                out[key] = Entry(
                    key,
                    {lang: str(spec[lang]) for lang in LANGS if lang in spec},
                    {lang: str(fix[lang]) for lang in LANGS if lang in fix},
                )
    except (AttributeError, TypeError) as err:
        raise BrokenCatalogue(path, ValueError(f"not a catalogue of messages: {err}")) from None
    return out


def catalogue() -> dict[str, Entry]:
    """Every message by key, read once from data/messages.yml."""
    return _load(CATALOGUE_FILE)


class MissingMessage(KeyError):
    """A developer's mistake (the tests catch it): a message the catalogue does not have."""

    def report(self) -> str:
        """The mistake as a problem line of data/messages.yml in both languages (no traceback)."""
        what = self.args[0] if self.args else ""
        return (
            f"data/messages.yml:1: error KB107 data-file: {what} Or restore the file from git "
            "(git checkout -- data/messages.yml).\n"
            f"data/messages.yml:1: gwall KB107 data-file: {what} Neu adferwch y ffeil o git "
            "(git checkout -- data/messages.yml)."
        )


def entry(key: str) -> Entry:
    try:
        return catalogue()[key]
    except KeyError:
        group, _, name = key.partition(".")
        raise MissingMessage(
            f"data/messages.yml has no message '{name}' under '{group}'. Add it there with 'en', 'cy' "
            f"(and, for a rule, 'fix: {{en: …, cy: …}}'), using the same {{named}} parameters in both languages."
        ) from None


@dataclass(frozen=True)
class Message:
    """A catalogue message with its values, shown later in whichever language is wanted."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def _values(self, lang: Lang) -> dict[str, str]:
        return {name: _show(value, lang) for name, value in self.params}

    def render(self, lang: Lang = "en") -> str:
        return _fill(entry(self.key).text, lang, self._values(lang), self.key)

    def render_fix(self, lang: Lang = "en") -> str:
        fix = entry(self.key).fix
        return _fill(fix, lang, self._values(lang), self.key) if fix else ""

    def full(self, lang: Lang = "en") -> str:
        """What is wrong and how to fix it, as one line."""
        fix = self.render_fix(lang)
        return f"{self.render(lang)} {fix}" if fix else self.render(lang)


def _fill(texts: dict[str, str], lang: Lang, values: Mapping[str, str], key: str) -> str:
    template = texts.get(lang) or texts["en"]  # the catalogue test makes sure Welsh is never missing
    try:
        return template.format_map(values)
    except KeyError as err:
        raise MissingMessage(f"the message '{key}' needs the value {err} ({lang}: {template!r})") from None


def msg(key: str, /, **params: Param) -> Message:
    """A message from the catalogue with named values: ``msg("terms.lang-cy")``."""
    entry(key)  # fail where the message is made, not where it is shown
    return Message(key, tuple(sorted(params.items())))


def text(key: str, lang: Lang = "en", /, **params: Param) -> str:
    """A catalogue message rendered straight away (commands printing to the terminal)."""
    return msg(key, **params).render(lang)


def lang_from_env(environ: Mapping[str, str] | None = None) -> Lang:
    """The contributor's language: KB_LANG if set, else Welsh when the locale is Welsh (cy_GB...)."""
    env = os.environ if environ is None else environ
    wanted = env.get("KB_LANG", "").strip().lower()
    if not wanted:
        wanted = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE") if env.get(k)), "")
    return "cy" if wanted.lower().startswith("cy") else "en"
