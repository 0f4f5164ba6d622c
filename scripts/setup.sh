#!/usr/bin/env bash
# Create .venv with the pinned build (and, with --dev, test) dependencies. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/pip install -q -r requirements-dev.txt
else
  .venv/bin/pip install -q -r requirements.txt
fi
# The checking core (kb/) is importable in place (a .pth file naming this folder), so hooks, the
# CLI and tests use the same code without an editable-install build step.
site_packages=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
pwd > "$site_packages/kb-repo.pth"
