"""Compiled theme templates kept in memory for the life of the process.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n one for every language
pass, so each build compiled Material's and our templates (about fifty) once per language, and the
preview compiled them all again after every save: about a sixth of a preview rebuild's time. Jinja
compiles a template to Python code; this cache keeps that code (Jinja's own bytecode format) and
hands it to the next environment that asks for the same template file.

Safe by construction: Jinja reuses the code only when the template's source is unchanged (it keeps a
checksum of the source beside the code), and the key also names everything about the environment
that changes what a template compiles to (syntax, extensions, the filters and tests it knows), so
two differently configured environments never share code. Nothing is written to disk.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

# At most this many compiled templates (Material has about 120, a site uses about 50): a long
# preview session that edits templates never grows without bound.
MAX_TEMPLATES = 1000


def environment_key(env: Environment) -> str:
    """What, besides the source, decides the code a template compiles to in ``env``."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
              env.keep_trailing_newline, env.optimized, env.is_async)
    return repr((syntax, sorted(env.extensions), repr(env.autoescape), env.finalize is not None,
                 env.undefined.__qualname__, sorted(env.filters), sorted(env.tests)))


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache interface over a dictionary, keyed by template file and environment."""

    def __init__(self, max_templates: int = MAX_TEMPLATES) -> None:
        self.max_templates = max_templates
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(name, filename) + "|" + environment_key(environment)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source changed since

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key not in self.code and len(self.code) >= self.max_templates:
            self.code.pop(next(iter(self.code)))  # the oldest
        self.code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.code.clear()


# One per process: both language passes of a one-process build, and every rebuild of the preview
# (MkDocs reloads the hook modules on each rebuild, not kb), share it.
THEME_TEMPLATES = MemoryBytecodeCache()
