"""kb.publish.template_cache: compiled templates shared between environments, never stale, never mixed."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from kb.publish.template_cache import MemoryBytecodeCache


class CountingEnvironment(Environment):
    """An environment that counts the templates it had to compile itself."""

    compiled = 0

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def environment(templates: dict[str, str], cache: MemoryBytecodeCache, **options: Any) -> Environment:
    return CountingEnvironment(loader=DictLoader(templates), bytecode_cache=cache, **options)


def test_a_second_environment_uses_the_first_ones_compiled_templates() -> None:
    cache = MemoryBytecodeCache()
    templates = {"tudalen.html": "<p lang=\"cy\">{{ teitl }} – {{ 'ŵyl' | upper }}</p>"}
    CountingEnvironment.compiled = 0
    first = environment(templates, cache).get_template("tudalen.html").render(teitl="Tŷ â gardd")
    second = environment(templates, cache).get_template("tudalen.html").render(teitl="Tŷ â gardd")
    assert first == second == '<p lang="cy">Tŷ â gardd – ŴYL</p>'
    assert CountingEnvironment.compiled == 1


def test_a_changed_template_is_compiled_again() -> None:
    cache = MemoryBytecodeCache()
    CountingEnvironment.compiled = 0
    old = environment({"t.html": "hen: {{ gair }}"}, cache).get_template("t.html").render(gair="gymuned")
    new = environment({"t.html": "newydd: {{ gair }}"}, cache).get_template("t.html").render(gair="gymuned")
    assert (old, new) == ("hen: gymuned", "newydd: gymuned")
    assert CountingEnvironment.compiled == 2


def test_environments_configured_differently_never_share_code() -> None:
    # trim_blocks changes the compiled code: each environment must get its own.
    cache = MemoryBytecodeCache()
    templates = {"t.html": "{% if true %}\nŷ{% endif %}"}
    plain = environment(templates, cache).get_template("t.html").render()
    trimmed = environment(templates, cache, trim_blocks=True).get_template("t.html").render()
    filtered_env = environment(templates, cache)
    filtered_env.filters["treiglo"] = lambda word: word
    with_filter = filtered_env.get_template("t.html").render()
    assert (plain, trimmed, with_filter) == ("\nŷ", "ŷ", "\nŷ")
    assert len(cache.code) == 3


def test_the_cache_is_bounded() -> None:
    cache = MemoryBytecodeCache(max_templates=2)
    templates = {f"{n}.html": f"{n}: {{{{ x }}}}" for n in ("un", "dau", "tri")}
    env = environment(templates, cache)
    assert [env.get_template(name).render(x="â") for name in templates] == ["un: â", "dau: â", "tri: â"]
    assert len(cache.code) == 2
