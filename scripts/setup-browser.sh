#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium and playwright-core
# (which drives the system Chromium; it never downloads a browser of its own).
# Idempotent; prints the directory holding node_modules/playwright-core.
set -euo pipefail
deps="${GLOSSA_TEST_DEPS:-/tmp/glossa-test-deps}"
if ! command -v chromium >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
fi
if [ ! -d "$deps/pw/node_modules/playwright-core" ]; then
  mkdir -p "$deps/pw"
  (cd "$deps/pw" && npm install --silent --no-audit --no-fund playwright-core@1 >&2)
fi
echo "$deps/pw"
