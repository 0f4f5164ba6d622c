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
# The checking core (kb/) is installed in place so hooks, CLI and tests import the same code.
.venv/bin/pip install -q --no-deps -e .
