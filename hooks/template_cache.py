"""Theme templates compiled once per process, not once per language pass and again after every save
in the preview: each new Jinja environment gets the process's cache of compiled templates
(kb.publish.template_cache, which reuses code only for an unchanged source and an equal environment)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from kb.publish.template_cache import THEME_TEMPLATES


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = THEME_TEMPLATES
    return env
