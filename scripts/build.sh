#!/usr/bin/env bash
# Set up (pinned build dependencies in .venv) and build the site into site/, both languages,
# with every content check and the search index. `scripts/build.sh serve` serves it live instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-}" = "serve" ]; then
  # The preview never stops on a content problem (it shows it on the page); the build and CI are strict.
  exec .venv/bin/mkdocs serve --no-strict "${@:2}"
fi
exec .venv/bin/mkdocs build --strict "$@"
