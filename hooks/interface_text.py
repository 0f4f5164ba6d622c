"""Interface words in each language's pass that MkDocs's Markdown extensions print (kb.publish.interface_text).

The heading anchors' title ("Permanent link" by default) is an option of Python-Markdown's toc
extension, which mkdocs.yml sets once for every language: this sets it per pass.
"""

from __future__ import annotations

import _i18n_bridge as bridge
import _kb_state as state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb.publish.interface_text import load_interface_text, text


@event_priority(80)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After i18n_mount (priority 100) loaded the sources, so state.current() knows the root.
    strings = load_interface_text(state.current().root)
    lang = bridge.current_language(config)
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = text(strings, "permalink_title", lang)
    return config
