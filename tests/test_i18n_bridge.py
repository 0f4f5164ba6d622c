"""Fail loudly if an upgrade of mkdocs-static-i18n or MkDocs breaks what hooks/_i18n_bridge.py relies on."""

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs_static_i18n import suffix
from mkdocs_static_i18n.plugin import I18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import _i18n_bridge as bridge  # noqa: E402


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, _ = cfg.validate()
    assert not errors
    return cfg


def test_i18n_files_event_runs_at_the_priority_the_bridge_assumes():
    assert getattr(I18n.on_files, "mkdocs_priority", None) == bridge.I18N_FILES_PRIORITY


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


def test_virtual_files_are_pointed_back_at_their_real_sources(tmp_path):
    from kb.sources.content import SourcePage

    cfg = _config(tmp_path)
    real = tmp_path / "docs_cy" / "a.md"
    page = SourcePage("cy", "a.md", "docs_cy/a.md", real, "page")
    from mkdocs.structure.files import Files

    files = Files([])
    bridge.add_virtual_files(files, cfg, [page], [])
    [virtual] = list(files)
    assert virtual.src_uri == "a.cy.md" and Path(virtual.abs_src_path).parent == Path(cfg.docs_dir)
    bridge.point_at_real_files(files, {"a.cy.md": page})
    assert virtual.abs_src_path == str(real) and virtual.edit_uri == "docs_cy/a.md"
