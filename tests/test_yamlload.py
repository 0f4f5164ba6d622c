"""kb.core.yamlload gives exactly PyYAML's data, lines and error messages, only faster."""

from __future__ import annotations

import pytest
import yaml

from kb.core import yamlload
from kb.sources.bibliography import _StringDatesLoader

TEXT = """\
- id: llyw-2015
  title: "Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015"
  issued: {date-parts: [[2015, 4, 29]]}
  when: 2015-04-29
  flags: [yes, no, ~, 1_000, 0x1F, 1.5, .inf]
- id: gŵyl-â-ŷ
  note: |
    Testun ar ddwy
    linell
"""


def test_same_data_as_pyyaml() -> None:
    assert yamlload.safe_load(TEXT) == yaml.safe_load(TEXT)


def test_a_loader_subclass_keeps_its_resolvers() -> None:
    data = yamlload.safe_load(TEXT, _StringDatesLoader)
    assert data[0]["when"] == "2015-04-29"  # dates stay text for this loader
    assert yaml.safe_load(TEXT)[0]["when"] != "2015-04-29"


def test_compose_gives_the_same_lines() -> None:
    def lines(node: yaml.Node) -> list[tuple[str, int]]:
        out = [(node.tag, node.start_mark.line)]
        for child in node.value if isinstance(node.value, list) else []:
            for part in child if isinstance(child, tuple) else (child,):
                out += lines(part)
        return out

    node, data = yamlload.compose_and_load(TEXT, _StringDatesLoader)
    assert node is not None and lines(node) == lines(yaml.compose(TEXT, Loader=_StringDatesLoader))
    assert data == yaml.load(TEXT, Loader=_StringDatesLoader)  # noqa: S506 - a SafeLoader subclass
    assert yamlload.compose("") is None and yamlload.safe_load("") is None


@pytest.mark.parametrize("bad", ["a: [1, 2\nb: 3\n", "a: b: c\n", "- a\nb: c\n", "a: 'x\n", "a: 1\n\tb: 2\n"])
def test_errors_are_pyyaml_s_own(bad: str) -> None:
    with pytest.raises(yaml.YAMLError) as ours:
        yamlload.safe_load(bad)
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.safe_load(bad)
    assert str(ours.value) == str(theirs.value)
