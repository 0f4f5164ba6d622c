#!/usr/bin/env bash
# Set up (pinned test dependencies, Debian's chromium, npm packages) and run the whole test
# suite: linters, type checker, and pytest (unit, real-build integration and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check kb hooks tests bench
.venv/bin/mypy
# kb/ layers import only downward (contracts in pyproject.toml); the banner is noise, failures are not.
.venv/bin/lint-imports --no-cache > .lint-imports.log 2>&1 || { cat .lint-imports.log; exit 1; }
# Both cores: each test module runs on one worker (its built fixture sites are made once).
exec .venv/bin/pytest -n "${KB_TEST_WORKERS:-2}" --dist loadscope "$@"
