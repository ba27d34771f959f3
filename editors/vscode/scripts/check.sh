#!/usr/bin/env bash
# Type-checks (tsc --noEmit, strict), lints (eslint) and unit-tests (node's
# test runner) the VS Code extension in a copy of its sources.
#
#   editors/vscode/scripts/check.sh [--build-dir DIR]   (default: $TMPDIR/glossa-vscode-build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${TMPDIR:-/tmp}/glossa-vscode-build
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "check.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
. "$here/scripts/stage.sh"
stage_sources
cd "$build"
echo "--- tsc --noEmit"
./node_modules/.bin/tsc --noEmit
echo "--- eslint"
./node_modules/.bin/eslint src test
echo "--- unit tests"
node esbuild.mjs --tests
node --test out/test/
