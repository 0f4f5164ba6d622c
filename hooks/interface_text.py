"""Interface words in each language's pass that MkDocs's Markdown extensions print (kb.publish.interface_text).

The heading anchors' title ("Permanent link" by default) is an option of Python-Markdown's toc
extension, which mkdocs.yml sets once for every language: this sets it per pass.
"""

from __future__ import annotations

import _i18n_bridge as bridge
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb.publish.interface_text import INTERFACE_FILE, interface_text, text


@event_priority(bridge.NAV)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Before i18n reconfigures the pass; the same config object serves every language pass.
    strings = interface_text(bridge.model(config).data.yaml(INTERFACE_FILE))
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = text(strings, "permalink_title", bridge.current_language(config))
    return config
