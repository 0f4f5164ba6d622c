"""Fail loudly if an upgrade of mkdocs-static-i18n or MkDocs breaks what hooks/_i18n_bridge.py relies on."""

import logging
import sys
import time
from pathlib import Path

from fixture_pages import minimal_site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler
from mkdocs_static_i18n import suffix
from mkdocs_static_i18n.plugin import I18n
from sitebuilder import make_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import _i18n_bridge as bridge  # noqa: E402

from kb.sources.content import load_site  # noqa: E402


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, _ = cfg.validate()
    assert not errors
    return cfg


def test_i18n_events_run_at_the_priority_the_bridge_names():
    for event in (I18n.on_config, I18n.on_files, I18n.on_nav, I18n.on_post_build):
        assert getattr(event, "mkdocs_priority", None) == bridge.I18N_PRIORITY
    # Our mounting brackets i18n's on_files; the per-pass 404 runs before i18n starts the next language.
    assert bridge.MOUNT > bridge.I18N_PRIORITY > bridge.UNMOUNT > bridge.ADDRESS
    assert bridge.PER_PASS_404 > bridge.I18N_PRIORITY > bridge.GENERATE > bridge.INDEX > bridge.GATE > bridge.PUBLISH
    # Both cores: the other languages' processes are merged just before i18n would nest their passes,
    # and the search index (run beside the gates) is collected after them, before publishing.
    assert bridge.PER_PASS_404 > bridge.JOIN > bridge.I18N_PRIORITY
    assert bridge.GATE > bridge.INDEXED > bridge.PUBLISH


def test_i18n_builds_the_language_it_is_given_and_nests_nothing_when_building(tmp_path):
    """What a language's own process relies on (bridge.begin_language_process)."""
    plugin = I18n()
    plugin.load_config({"languages": [{"locale": "en", "default": True, "name": "English"},
                                      {"locale": "cy", "name": "Cymraeg"}]})
    plugin.current_language, plugin.building = "cy", True
    cfg = _config(tmp_path)
    plugin.on_config(cfg)
    assert plugin.current_language == "cy" and not plugin.is_default_language_build
    plugin.on_post_build(cfg)  # returns at once: no nested build of any language
    assert plugin.current_language == "cy" and plugin.building is True


def test_i18n_plugin_has_the_state_the_bridge_reads():
    plugin = I18n()
    assert plugin.building is False and plugin.current_language is None


def test_suffix_files_map_to_the_language_folder(tmp_path):
    cfg = _config(tmp_path)
    f = File("guides/gŵyl.cy.md", cfg.docs_dir, cfg.site_dir, True)
    out = suffix.create_i18n_file(f, "cy", "en", ["en", "cy"], cfg)
    assert out.locale == "cy"
    assert Path(out.dest_path).as_posix() == "cy/guides/gŵyl/index.html"
    idx = suffix.create_i18n_file(
        File("case-studies/x/index.cy.md", cfg.docs_dir, cfg.site_dir, True), "cy", "en", ["en", "cy"], cfg
    )
    assert Path(idx.dest_path).as_posix() == "cy/case-studies/x/index.html"


def test_virtual_paths_follow_the_suffix_convention(tmp_path):
    site = load_site(make_site(tmp_path, minimal_site()))
    cy = site.get("cy", "guides/community.md")
    en = site.get("en", "case-studies/gwyl-gymunedol/index.md")
    assert cy is not None and bridge.virtual_src(cy) == "guides/community.cy.md"
    assert en is not None and bridge.virtual_src(en) == "case-studies/gwyl-gymunedol/index.md"


def test_virtual_files_are_pointed_back_at_their_real_sources(tmp_path):
    root = make_site(tmp_path / "repo", minimal_site())
    cfg = _config(root)
    files = Files([])
    bridge.add_virtual_files(files, cfg)
    virtual = next(f for f in files if f.src_uri == "guides/community.cy.md")
    assert Path(virtual.abs_src_path).parent.parent == Path(cfg.docs_dir)
    bridge.point_at_real_files(files, cfg)
    assert virtual.abs_src_path == str(root / "docs_cy" / "guides" / "community.md")
    assert virtual.edit_uri == "docs_cy/guides/community.md"
    assert bridge.source_of(cfg, virtual) is bridge.model(cfg).site.get("cy", "guides/community.md")


def test_one_session_per_config_object(tmp_path):
    root = make_site(tmp_path / "repo", minimal_site())
    cfg = _config(root)
    assert bridge.session(cfg) is bridge.session(cfg)
    assert bridge.session(_config(root)) is not bridge.session(cfg)  # a new build (serve) starts afresh


def test_the_preview_stops_the_strict_warning_counter_mkdocs_added(tmp_path):
    # MkDocs's build() adds a CountHandler to the 'mkdocs' logger when config.strict, before on_config;
    # the preview removes it, so no warning or error can stop a rebuild (tests/test_serve.py end to end).
    cfg = _config(tmp_path)
    cfg.strict = True
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        assert bridge.never_strict(cfg) is True and not cfg.strict
        logging.getLogger("mkdocs.plugins.kb").error("docs/x.md:1: error KB020 citation-unknown-key: …")
        assert counter.get_counts() == []
        assert counter not in logging.getLogger("mkdocs").handlers
        assert bridge.never_strict(cfg) is False
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def test_the_preview_sets_its_previous_output_aside_in_one_step(tmp_path):
    cfg = _config(tmp_path)
    site = Path(cfg.site_dir)
    (site / "cy" / "guides").mkdir(parents=True)
    (site / "cy" / "guides" / "index.html").write_text("<p>tŷ</p>", encoding="utf-8")
    bridge.empty_preview_output(cfg)  # a build: MkDocs cleans it as always
    assert (site / "cy" / "guides" / "index.html").is_file()
    bridge.remember_command("serve", False)
    try:
        bridge.empty_preview_output(cfg)
    finally:
        bridge.remember_command("build", False)
    assert site.is_dir() and list(site.iterdir()) == []
    deadline = time.monotonic() + 30  # deleted by a process of its own, not waited for
    while list(tmp_path.glob(".site.trash-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(".site.trash-*")) == []
