"""kb/publish/uitext.py: interface strings in both languages, never a silent fall-back."""

import re
from pathlib import Path

import pytest
import yaml

from kb.publish.uitext import load_ui_text

REPO = Path(__file__).resolve().parent.parent


def test_counted_uses_the_singular_key_for_one(tmp_path: Path) -> None:
    (tmp_path / "ui.yml").write_text(
        "en: {n_x: '{n} things', n_x_one: one thing}\ncy: {n_x: '{n} peth', n_x_one: un peth}\n", encoding="utf-8"
    )
    ui = load_ui_text(tmp_path, "ui.yml")
    assert ui.counted("n_x", 1, "cy") == "un peth"
    assert ui.counted("n_x", 5, "cy") == "5 peth"


def test_a_missing_welsh_string_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "ui.yml").write_text("en: {hello: Hello}\ncy: {}\n", encoding="utf-8")
    with pytest.raises(KeyError, match="ui.yml has no 'hello' for language 'cy'"):
        load_ui_text(tmp_path, "ui.yml")("hello", "cy")


def test_library_strings_exist_in_both_languages_with_the_same_fields() -> None:
    raw = yaml.safe_load((REPO / "data/ui/library.yml").read_text(encoding="utf-8"))
    assert set(raw["en"]) == set(raw["cy"])
    for key, text in raw["en"].items():
        assert str(raw["cy"][key]).strip(), key
        assert set(re.findall(r"\{\w+\}", str(text))) == set(re.findall(r"\{\w+\}", str(raw["cy"][key]))), key
