"""Every reliance on MkDocs's and mkdocs-static-i18n's internals, and the one build session, in one place.

Not a hook itself (mkdocs.yml does not list it): the hook modules import it. Measured on
MkDocs 1.6.1, ProperDocs 1.6.x and mkdocs-static-i18n 1.3.1; tests/test_i18n_bridge.py fails
loudly if an upgrade changes any of it. Moving to another renderer means rewriting this module and
the thin hooks; kb/ (the build model, checks and renderers) does not change.

- i18n builds the default language first, then re-runs the whole MkDocs build once per other
  language from inside its own on_post_build, with its ``building`` flag set, on the same config
  object. One build session (the build model and what the passes share) therefore lives on that
  object: a new build (``mkdocs serve`` after an edit) has a new config and a new session.
- i18n's on_files (priority -100) keeps only files whose abs_src_path lies inside docs_dir and
  re-creates every File from its src_path, so Welsh pages from docs_cy/ and case studies
  must be registered as virtual files inside docs_dir (``x.cy.md``, i18n's suffix structure) before
  it runs, and pointed back at their real files after it. MkDocs reads page sources only after on_files.
- i18n never changes config.site_dir: every File of a non-default language gets a dest_uri starting
  "<locale>/", while Material's static templates (404.html, sitemap.xml) are written to site_dir
  itself in EVERY language pass; the last pass (Welsh) wins unless we move them.
- Both cores: a full build of a large site runs each other language's pass as a second
  ``<renderer> build`` process (KB_BUILD_LANGUAGE=<lang>, its own output folder) started as the build
  begins, while this process builds the default language; i18n's pass for that language starts with
  ``current_language`` set to it and ``building`` set (so it nests nothing). This process then sets
  ``building`` itself before i18n's on_post_build (the other passes ran elsewhere), waits for them and
  merges their output into the staged site (kb.built.merge). Their log records come back as
  structured lines and are logged again here: one log, and --strict counts their warnings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.built.merge import OUTLINES, fill_anchor_pairs, merge_language, write_outlines
from kb.built.staging import BuildBusy, BuildLock, Holder, Staging, discard, stages
from kb.built.workers import Background, ChildCommand, record_line, usable_cores
from kb.core.messages import lang_from_env, text
from kb.core.problem import Problem
from kb.model import BuildModel, load_model
from kb.publish.items import SiteInfo
from kb.publish.language_switch import Heading
from kb.sources.content import DEFAULT_LANG, LANGS, Asset, Lang, SourcePage

I18N_PLUGIN = "i18n"

# --- Event priorities, named once (higher runs first) ------------------------------------------
# mkdocs-static-i18n runs its on_config, on_files, on_nav and on_post_build at this priority,
# and its on_page_context and on_template_context (which set config.extra.alternate) at the second.
I18N_PRIORITY = -100
I18N_CONTEXT_PRIORITY = 50
STAGE = 1000  # on_config: point site_dir at the staging folder before anything else reads it
TITLES = 100  # on_page_markdown: titles made plain text before other hooks and templates read them
CHECK = 90  # on_config (outer pass): the content checks, before site_dir is cleaned or written
NAV = I18N_PRIORITY + 180  # on_config: the navigation, before i18n reconfigures the config
MOUNT = I18N_PRIORITY + 150  # on_files: virtual files inside docs_dir, before i18n filters the files
UNMOUNT = I18N_PRIORITY - 10  # on_files: virtual files pointed back at their real sources, after i18n
ADDRESS = I18N_PRIORITY - 20  # on_files: id-derived addresses, once i18n made every language's File
AFTER_I18N_CONTEXT = I18N_CONTEXT_PRIORITY - 60  # on_page_context: after i18n set the page's alternates
PER_PASS_404 = I18N_PRIORITY + 50  # on_post_build (every pass): before i18n starts the next language
JOIN = I18N_PRIORITY + 10  # on_post_build (outer): other languages' processes merged, instead of i18n's passes
GENERATE = I18N_PRIORITY - 50  # on_post_build (outer): feeds, API, embeds, redirects, every language built
INDEX = I18N_PRIORITY - 100  # on_post_build (outer): the search index, over every file written so far
GATE = I18N_PRIORITY - 200  # on_post_build (outer): the built-site gates, when nothing more is written
INDEXED = I18N_PRIORITY - 300  # on_post_build (outer): the search index (run beside the gates) collected
PUBLISH = -1000  # on_post_build (outer): swap the staging folder into place, last of all

NOT_FOUND = "404.html"


def i18n_plugin(config: MkDocsConfig) -> Any:
    return config.plugins[I18N_PLUGIN]


def is_outer_pass(config: MkDocsConfig) -> bool:
    """True in the pass that runs the whole build: the first (default-language) pass, which i18n runs
    before its nested ones; never in another language's own process."""
    if worker_language() is not None:
        return False
    found = getattr(config, _SESSION_ATTRIBUTE, None)
    if found is not None and found.parallel:
        return True  # i18n's flag is set here only to stop it nesting the passes that ran elsewhere
    return not getattr(i18n_plugin(config), "building", False)


def current_language(config: MkDocsConfig) -> Lang:
    plugin = i18n_plugin(config)
    current = plugin.current_language or plugin.default_language
    return next((lang for lang in LANGS if lang == current), DEFAULT_LANG)


def build_languages(config: MkDocsConfig) -> list[str]:
    return list(i18n_plugin(config).build_languages)


def default_language(config: MkDocsConfig) -> str:
    return str(i18n_plugin(config).default_language)


# --- The build session ---------------------------------------------------------------------------


@dataclass
class Session:
    """What one build shares across its hooks and language passes."""

    model: BuildModel
    by_virtual: dict[str, SourcePage | Asset]  # virtual src_uri -> the source it stands for
    site_dir: str  # the outer pass's output folder
    # The default language's site_name, site_description and extra as mkdocs.yml gives them: i18n
    # overwrites them with each language's own in its pass and leaves the last one behind.
    defaults: dict[str, Any]
    staging: Staging | None = None
    default_404: bytes | None = None
    # The content checks' problems, for the preview's banners (kb.publish.preview).
    problems: list[Problem] = field(default_factory=list)
    # Built page path of a non-default-language page -> the default language's outline of it (kept
    # by the default pass for the later one, or for the merge when the passes run side by side).
    outlines: dict[str, list[Heading]] = field(default_factory=dict)
    # In another language's own process: built page path -> its own outline, for the merge.
    own_outlines: dict[str, list[Heading]] = field(default_factory=dict)
    # The other languages' passes running beside this one: language -> (process, output folder).
    parallel: bool = False
    workers: dict[str, tuple[ChildCommand, Path]] = field(default_factory=dict)
    background: dict[str, Background[Any]] = field(default_factory=dict)
    # Where the build's time went, step by step (hooks/timeline.py; KB_BUILD_TIMELINE writes it).
    timeline: list[tuple[str, float]] = field(default_factory=list)
    marked_at: float = field(default_factory=time.perf_counter)


_SESSION_ATTRIBUTE = "_kb_session"
# The one thing MkDocs tells hooks once per process, not per build: the command, and (for
# on_build_error, which gets no config) the staging of the build under way.
_PROCESS: dict[str, Any] = {"command": "build", "dirty": False, "staging": None, "session": None, "lock": None}
# Commands that write the output folder itself (serve builds into a temporary folder of its own).
LOCKED_COMMANDS = ("build", "gh-deploy")
# How long a build waits for another one writing the same folder before it gives up (seconds).
LOCK_WAIT = "KB_BUILD_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 600.0


def remember_command(command: str, dirty: bool) -> None:
    _PROCESS.update(command=command, dirty=dirty)


def is_preview() -> bool:
    """``mkdocs serve`` (scripts/build.sh serve): shows every page, problems and all; never fails.
    Strictness belongs to the build and the pull-request checks."""
    return bool(_PROCESS["command"] == "serve")


def never_strict(config: MkDocsConfig) -> bool:
    """The preview: stop counting warnings for --strict (mkdocs.yml sets ``strict: true``), so a plain
    ``mkdocs serve`` never stops at "Aborted with N warnings in strict mode!" and leaves the served
    pages stale. MkDocs adds its counter to the 'mkdocs' logger before the first on_config; removing
    it is the only way a hook can. True when the build would have been strict."""
    from mkdocs.utils import CountHandler

    was_strict = bool(config.strict)
    config.strict = False
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)
    return was_strict


def empty_preview_output(config: MkDocsConfig) -> None:
    """Preview, before a rebuild: the previous output moves aside in one rename and is deleted by a
    process of its own (kb.built.staging.discard). MkDocs empties the folder right after on_pre_build,
    file by file (a second or more on a busy disk), while its server holds every request."""
    site = Path(config.site_dir)
    if is_preview() and site.is_dir() and any(site.iterdir()):
        discard(site, site)
        site.mkdir(exist_ok=True)


def session(config: MkDocsConfig) -> Session:
    """This build's session, started (the sources read) on first use in the outer pass."""
    found = getattr(config, _SESSION_ATTRIBUTE, None)
    if found is None:
        model = load_model(Path(config.config_file_path).parent)
        by_virtual: dict[str, SourcePage | Asset] = {virtual_src(p): p for p in model.site.pages}
        by_virtual.update({virtual_asset(a, lang): a for a in model.site.assets for lang in LANGS})
        by_virtual.update({virtual_src(p): p for p in model.placeholders})
        defaults = {"site_name": config.site_name, "site_description": config.site_description or "",
                    "extra": dict(config.extra)}
        found = Session(model, by_virtual, str(config.site_dir), defaults)
        setattr(config, _SESSION_ATTRIBUTE, found)
        _PROCESS["session"] = found
    return found


def model(config: MkDocsConfig) -> BuildModel:
    return session(config).model


def stage(config: MkDocsConfig) -> None:
    """Outer pass: take the output folder's lock (one build at a time), then write this build to a
    staging folder (full builds only, see kb.built.staging)."""
    stop_detached_jobs()
    if _PROCESS["command"] in LOCKED_COMMANDS and _PROCESS["lock"] is None:
        _PROCESS["lock"] = _lock(config.site_dir)
    if stages(_PROCESS["command"], _PROCESS["dirty"]):
        staged = Staging.begin(config.site_dir)
        _PROCESS["staging"] = staged
        config.site_dir = os.fspath(staged.staging)
        session(config).staging = staged


def _lock(site_dir: str) -> BuildLock:
    lang = lang_from_env()
    raw = os.environ.get(LOCK_WAIT, "")
    wait = float(raw) if raw.replace(".", "", 1).isdigit() else DEFAULT_LOCK_WAIT
    name = Path(site_dir).name

    def waiting(holder: Holder) -> None:  # not a log warning: --strict would fail the build for waiting
        sys.stderr.write(
            text("build.waiting-for-lock", lang, site=name, pid=holder.pid, since=holder.since, wait=int(wait)) + "\n"
        )
        sys.stderr.flush()

    try:
        return BuildLock.acquire(site_dir, wait, waiting)
    except BuildBusy as busy:
        raise PluginError(
            text("build.lock-busy", lang, site=name, pid=busy.holder.pid, since=busy.holder.since,
                 waited=int(busy.waited), variable=LOCK_WAIT)
        ) from None


def release_lock() -> None:
    """The build is over (published, or failed and cleaned up): the next one may start."""
    held, _PROCESS["lock"] = _PROCESS["lock"], None
    if held is not None:
        held.release()


def display_name(config: MkDocsConfig) -> str:
    staged = session(config).staging
    return staged.display_name(config.site_dir) if staged else Path(config.site_dir).name


def abandon_staging() -> str | None:
    """After a failed build (no config then): stop the work in other processes, throw the staged output away."""
    shared = _PROCESS["session"]
    if isinstance(shared, Session):
        _stop_other_processes(shared)
    staged, _PROCESS["staging"] = _PROCESS["staging"], None
    return staged.abandon() if staged is not None else None


# --- Both cores: other languages' passes and the search index in other processes ------------------

WORKER_LANGUAGE = "KB_BUILD_LANGUAGE"  # set for a process that builds this one language
BUILD_JOBS = "KB_BUILD_JOBS"  # "1": one process, i18n's own way; "2": side by side whatever the site's size
# Source pages per language from which a second process pays for its start-up (~1.5 s: interpreter,
# MkDocs, Material, the model); smaller sites (the tests' fixtures) build in one process.
PARALLEL_MIN_PAGES = 150


def worker_language() -> str | None:
    return os.environ.get(WORKER_LANGUAGE) or None


def _wants_parallel(model: BuildModel, languages: int) -> bool:
    jobs = os.environ.get(BUILD_JOBS, "")
    if jobs.isdigit():
        return int(jobs) > 1
    cores = usable_cores()
    # A second process pays only on a core nobody else is using: on a machine already busy it adds
    # its start-up to the work and takes turns with the first.
    return cores > 1 and idle_cores(cores) >= 1 and len(model.site.pages) >= PARALLEL_MIN_PAGES * languages


def idle_cores(cores: int) -> float:
    """Cores left over by the machine's recent load (1-minute average); all of them if unknown."""
    try:
        return cores - os.getloadavg()[0]
    except OSError:
        return float(cores)


def _relog(level: int, name: str, message: str) -> None:
    if name == "mkdocs.commands.build" and level <= logging.INFO:
        return  # the other process's "Cleaning…", "Documentation built in…": this build reports its own
    logging.getLogger(name).log(level, message)


def _pass_through(text: str) -> None:
    if not text.startswith("Aborted with"):  # the other process's own verdict; this build gives one
        sys.stderr.write(text)


def start_other_languages(config: MkDocsConfig) -> None:
    """Outer pass of a staged build: start each other language's pass in its own process."""
    shared = session(config)
    others = [lang for lang in build_languages(config) if lang != default_language(config)]
    if shared.staging is None or not others or not _wants_parallel(shared.model, len(others) + 1):
        return
    renderer = type(config).__module__.split(".")[0]  # "mkdocs" (or a fork with the same command line)
    level = logging.getLogger("mkdocs").getEffectiveLevel()
    verbosity = ["-q"] if level > logging.WARNING else ["-v"] if level < logging.INFO else []
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    shared.parallel = True
    for lang in others:
        out = shared.staging.staging.with_name(f"{shared.staging.staging.name}-{lang}")
        shutil.rmtree(out, ignore_errors=True)
        argv = [sys.executable, "-m", renderer, "build", "--no-strict", "-f", os.path.abspath(config.config_file_path),
                "-d", os.fspath(out), *verbosity]
        child = ChildCommand(argv, {**os.environ, WORKER_LANGUAGE: lang}, root, _relog, _pass_through)
        shared.workers[lang] = (child.start(), out)


def begin_language_process(config: MkDocsConfig) -> None:
    """In another language's own process, before i18n's on_config: build that language only."""
    lang = worker_language()
    if lang is None:
        return
    session(config)  # the defaults are read before i18n rewrites them for this language
    plugin = i18n_plugin(config)
    plugin.current_language = lang
    plugin.building = True  # i18n nests no other pass


def forward_log_to_parent() -> None:
    """In another language's own process: log records go to the parent as structured lines."""
    if worker_language() is None:
        return

    class _Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sys.stderr.write(record_line(record.levelno, record.name, record.getMessage()))
            sys.stderr.flush()

    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler):  # the terminal's; MkDocs's warning counter stays
            logger.removeHandler(handler)
    logger.addHandler(_Forward())


def join_other_languages(config: MkDocsConfig) -> None:
    """Outer pass, before i18n's on_post_build: wait for the other languages' processes, merge their output."""
    shared = session(config)
    if not shared.parallel:
        return
    i18n_plugin(config).building = True  # their passes ran in their own processes
    site_dir = Path(config.site_dir)
    for lang, (child, out) in list(shared.workers.items()):
        code = child.wait()
        if code != 0:
            _stop_other_processes(shared)
            raise PluginError(f"The '{lang}' pages could not be built (see the messages above); nothing was published.")
        own = merge_language(out, site_dir, lang)
        fill_anchor_pairs(site_dir, own, shared.outlines)
        del shared.workers[lang]


def save_language_outlines(config: MkDocsConfig) -> None:
    """In another language's own process, once its pages are written: their outlines, for the merge."""
    if worker_language() is not None:
        write_outlines(Path(config.site_dir) / OUTLINES, session(config).own_outlines)


def page_outline(config: MkDocsConfig, page: Any, outline: list[Heading]) -> list[Heading] | None:
    """Record a page's heading outline; returns the default language's outline of it, when known.

    The default language is built first (or alongside): its outline is filed under the built path of
    each other-language version, where that version's pass (or the merge) looks it up.
    """
    shared = session(config)
    if current_language(config) == default_language(config):
        for version in page_alternates(page).values():
            if version is not page.file:
                shared.outlines[str(version.dest_uri)] = outline
        return None
    if worker_language() is not None:
        shared.own_outlines[str(page.file.dest_uri)] = outline
        return None
    return shared.outlines.get(str(page.file.dest_uri))


def in_background(config: MkDocsConfig, name: str, function: Callable[..., Any], *args: Any) -> None:
    """Run ``function(*args)`` in a fresh process when this build uses both cores or is the preview's,
    here otherwise; :func:`when_done` collects it."""
    shared = session(config)
    fresh = shared.parallel or is_preview()
    shared.background[name] = Background(function, *args) if fresh else Background.inline(function, *args)


def when_done(config: MkDocsConfig, name: str, finish: Callable[[Any], None]) -> None:
    """``finish(result)`` of a job started by :func:`in_background`: now (its exceptions are the build's),
    or — in the preview — once it is done, so the edited page is shown without waiting for it. The
    preview's next rebuild stops a job still running (it would read pages being rewritten)."""
    job = session(config).background.pop(name)
    if not is_preview():
        finish(job.result())
        return

    def wait() -> None:
        try:
            finish(job.result())
        except Exception as err:  # noqa: BLE001 - the page is already shown; say what is missing
            if not job.cancelled:
                logging.getLogger("mkdocs.plugins.kb").warning(f"{name}: {err}")

    _PROCESS.setdefault("detached", {})[name] = job
    threading.Thread(target=wait, name=f"kb-{name}", daemon=True).start()


def mark(config: MkDocsConfig, step: str) -> None:
    """The time since the last mark, as the time ``step`` took."""
    shared, now = session(config), time.perf_counter()
    shared.timeline.append((step, now - shared.marked_at))
    shared.marked_at = now


TIMELINE = "KB_BUILD_TIMELINE"  # a file to write the build's timeline to (bench/build_bench.py)


def write_timeline(config: MkDocsConfig) -> None:
    target = os.environ.get(TIMELINE)
    if target and is_outer_pass(config):
        steps = [{"step": step, "seconds": round(seconds, 3)} for step, seconds in session(config).timeline]
        Path(target).write_text(json.dumps({"parallel": session(config).parallel, "steps": steps}), encoding="utf-8")


def stop_detached_jobs() -> None:
    """Preview: a new rebuild starts; the previous one's unfinished jobs go."""
    for job in _PROCESS.pop("detached", {}).values():
        job.cancel()


def _stop_other_processes(shared: Session) -> None:
    for child, out in shared.workers.values():
        child.stop()
        shutil.rmtree(out, ignore_errors=True)
    shared.workers.clear()
    for job in shared.background.values():
        job.cancel()
    shared.background.clear()


# --- Pages and files -----------------------------------------------------------------------------


def virtual_src(page: SourcePage) -> str:
    """Where MkDocs (mkdocs-static-i18n, suffix structure) must believe the file lives."""
    if page.lang == DEFAULT_LANG:
        return page.rel
    return f"{page.rel[: -len('.md')]}.{page.lang}.md"


def virtual_asset(asset: Asset, lang: str) -> str:
    """A case study's image in each language's build: 'x/pic.gif' -> 'x/pic.cy.gif' (and 'x/pic.en.gif').

    With fallback_to_default off, i18n gives a language only the files suffixed with it (or, for the
    default language, unsuffixed): an unsuffixed image would exist in the English build only, and the
    Welsh page's link to it would break the strict build. Suffixing in every language also keeps a file
    named like 'poster.cy.png' in both (i18n would otherwise take it for Welsh only).
    """
    stem, dot, ext = asset.rel.rpartition(".")
    return f"{stem}.{lang}.{ext}" if dot and "/" not in ext else f"{asset.rel}.{lang}"


def source_of(config: MkDocsConfig, file: Any) -> SourcePage | Asset | None:
    """The knowledge-base source a MkDocs File (or a Page's file) stands for, if any."""
    src_uri = str(getattr(file, "file", file).src_uri)
    return session(config).by_virtual.get(src_uri)


def masked_markdown(source: SourcePage, markdown: str) -> str | None:
    """The checks' scan of the page (code blanked out) for the Markdown a hook is given, while that is
    still the page's own text; None once another hook changed it.

    i18n's on_page_markdown (priority 50) re-joins the lines, so the final newlines may be gone.
    """
    body = source.body
    if body.startswith(markdown) and not body[len(markdown) :].strip("\n"):
        return source.scan.masked[: len(markdown)]
    return None


def add_virtual_files(files: Files, config: MkDocsConfig) -> None:
    """Register Welsh pages, case studies and placeholders as if they lived inside docs_dir."""
    present = {f.src_uri for f in files}
    for src_uri in session(config).by_virtual:
        if src_uri not in present:  # docs/ English pages are already there
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))


def point_at_real_files(files: Files, config: MkDocsConfig) -> None:
    """After i18n re-created the Files, make each virtual one read and edit its real file."""
    by_virtual = session(config).by_virtual
    for file in files:
        source = by_virtual.get(file.src_uri)
        if source is None:
            continue
        file.abs_src_path = os.fspath(source.abs_path)
        file.edit_uri = source.path  # relative to repo_url + edit_uri (the repository root)


def page_alternates(page: Any) -> dict[str, Any]:
    """Language -> File of the same page in each language, as i18n computed them."""
    return dict(getattr(page.file, "alternates", {}) or {})


def file_versions(file: Any) -> list[Any]:
    """Every File i18n holds for this page (itself and its other-language versions)."""
    return list((getattr(file, "alternates", {}) or {}).values()) or [file]


def publish_at(file: File, dest_uri: str, config: MkDocsConfig) -> None:
    """Publish a page File at another address (kb.sources.urls: stable, id-derived URLs).

    MkDocs caches dest_uri, url and abs_dest_path separately, so all three are set; links,
    the navigation and i18n's language switcher read them later (on_nav, on_page_context).
    """
    file.dest_uri = dest_uri
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest_uri))


# --- Site settings and the end of the build --------------------------------------------------------


def language_setting(config: MkDocsConfig, lang: str, key: str) -> Any:
    """A language's own setting (site_name, extra, name…) from its i18n entry; the default
    language's falls back to mkdocs.yml's top-level one."""
    lang_config = i18n_plugin(config).get_language_config(lang)
    value = lang_config.get(key) if lang_config is not None else None
    if value or lang != default_language(config):
        return value
    return session(config).defaults.get(key)


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each built language's name in itself ("Cymraeg"), from the i18n languages in mkdocs.yml."""
    return {lang: str(language_setting(config, lang, "name") or lang) for lang in build_languages(config)}


def set_alternates(config: MkDocsConfig, links: list[dict[str, str]]) -> None:
    """What Material's <head> prints as hreflang links. i18n sets it both as an item and as an
    attribute of config.extra (a dict-like object), and templates read the attribute first."""
    config.extra["alternate"] = links
    setattr(config.extra, "alternate", links)  # noqa: B010 - an attribute, not the dict item


def site_info(config: MkDocsConfig) -> SiteInfo:
    """The site's address, and its name and description in each language (i18n's per-language settings)."""
    if not config.site_url:
        raise PluginError(text("build.no-site-url", lang_from_env()))
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for lang in LANGS:
        name = language_setting(config, lang, "site_name")
        desc = language_setting(config, lang, "site_description")
        if not name or not desc:
            raise PluginError(text("build.no-language-names", lang_from_env(), lang=lang))
        names[lang], descriptions[lang] = str(name), str(desc)
    url = str(config.site_url)
    return SiteInfo(url if url.endswith("/") else url + "/", names, descriptions)


def keep_each_languages_404(config: MkDocsConfig) -> None:
    """Every language pass writes site_dir/404.html; keep English there and Welsh under /cy/.

    Runs in each pass before i18n starts the next language (the default language first), so the
    default language's page is read before the Welsh pass overwrites it.
    """
    language = current_language(config)
    written = Path(config.site_dir) / NOT_FOUND
    if not written.is_file():
        return
    shared = session(config)
    if language == default_language(config):
        shared.default_404 = written.read_bytes()
        return
    target = Path(config.site_dir) / language / NOT_FOUND  # i18n's own rule: site_dir/<locale>
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(written, target)
    if shared.default_404 is not None:
        written.write_bytes(shared.default_404)


def pending_strict_warnings(config: MkDocsConfig) -> int:
    """Warnings counted so far by the running build that --strict will turn into a failure.

    MkDocs only raises its strict-mode Abort after on_post_build; a hook that publishes at the
    end of on_post_build must not publish a build that is about to fail.
    """
    from mkdocs.utils import CountHandler

    if not config.strict:
        return 0
    total = 0
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            total += sum(count for _level, count in handler.get_counts())
    return total
