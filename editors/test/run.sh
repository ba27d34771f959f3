#!/usr/bin/env bash
# All editor tests: Neovim (Debian's 0.7 and a newer build), Emacs + eglot,
# VS Code (code-server in headless Chromium), the VS Code extension's unit
# tests, the Zed extension's tests, and the Helix, Zed, Sublime Text and
# Kakoune snippets against `glossa lsp`.
#
#   GLOSSA_BIN=/abs/path/to/glossa editors/test/run.sh [NAME-FILTER]
#
# Installs what it needs first (setup.sh, idempotent; everything that is not
# an apt package goes under $EDTEST, default /tmp/edtest). Prints one line per
# test and "N passed, N failed"; exits non-zero when a test failed. Logs and
# the VS Code screenshots and .vsix go to target/editor-artifacts/.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export EDTEST=${EDTEST:-/tmp/edtest}
ED=$EDTEST
export ARTIFACTS=${ARTIFACTS:-$repo/target/editor-artifacts}
filter=${1:-}

if [ -z "${GLOSSA_BIN:-}" ] && [ -x "$repo/target/debug/glossa" ]; then
  GLOSSA_BIN=$repo/target/debug/glossa
fi
if [ -z "${GLOSSA_BIN:-}" ] || [ ! -x "$GLOSSA_BIN" ]; then
  echo "run.sh: set GLOSSA_BIN to the glossa binary (cargo build first)" >&2
  exit 2
fi
GLOSSA_BIN=$(cd "$(dirname "$GLOSSA_BIN")" && pwd)/$(basename "$GLOSSA_BIN")
export GLOSSA_BIN

mkdir -p "$ARTIFACTS/logs"
if ! "$here/setup.sh" >"$ARTIFACTS/logs/setup.log" 2>&1; then
  tail -20 "$ARTIFACTS/logs/setup.log"
  echo "FAIL setup (see $ARTIFACTS/logs/setup.log)"
  echo "0 passed, 1 failed"
  exit 1
fi

# The snippets and Emacs find `glossa` on PATH, as users' editors do.
mkdir -p "$ED/bin"
rm -rf "$ED/xdg/state"   # Neovim's lsp.log of earlier runs
ln -sf "$GLOSSA_BIN" "$ED/bin/glossa"
export PATH="$ED/bin:$PATH"
# Neovim and the server keep their state and caches away from the user's.
export XDG_CONFIG_HOME=$ED/xdg/config XDG_DATA_HOME=$ED/xdg/data XDG_STATE_HOME=$ED/xdg/state \
  XDG_CACHE_HOME=$ED/xdg/cache

passed=0
failed=0
failures=()

# A fresh copy of the fixture workspace per test: the tests edit files in it.
workspace() {
  local ws
  ws=$(mktemp -d "$ED/ws.XXXXXX")
  cp -r "$here/fixtures/workspace/." "$ws/"
  echo "$ws"
}

run() { # name, command...
  local name=$1; shift
  if [ -n "$filter" ] && [[ $name != *$filter* ]]; then return; fi
  local log="$ARTIFACTS/logs/${name//[^A-Za-z0-9.]/-}.log"
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAIL $name ($((SECONDS - start)) s)"
    tail -25 "$log" | sed 's/^/    /'
  fi
}

nvim_test() { # nvim binary, backend
  local ws; ws=$(workspace)
  (cd "$repo" && WS=$ws BACKEND=$2 timeout 90 "$1" --headless --clean --cmd "set rtp+=$repo/editors/nvim" \
    -c "lua local ok, e = pcall(dofile, '$here/nvim_test.lua') if not ok then io.stderr:write('FAIL: ' .. tostring(e) .. '\n') vim.cmd('cquit 2') end" \
    "$ws/doc.md")
  local status=$?
  rm -rf "$ws"
  return $status
}

emacs_test() {
  local ws; ws=$(workspace)
  WS=$ws SNIPPET=$repo/editors/emacs/glossa-eglot.el timeout 90 emacs --batch -l "$here/emacs_test.el"
  local status=$?
  rm -rf "$ws"
  return $status
}

snippet_test() { # helix | zed | sublime | kakoune
  local ws; ws=$(workspace)
  WS=$ws timeout 90 python3 "$here/snippets_test.py" "$1"
  local status=$?
  rm -rf "$ws"
  return $status
}

zed_test() {
  (cd "$repo/editors/zed" && export CARGO_TARGET_DIR=$ED/zed-target &&
    cargo fmt --check &&
    timeout 600 cargo clippy --quiet --locked --all-targets -- -D warnings &&
    timeout 600 cargo test --quiet --locked)
}

NEW_NVIM=$ED/nvim-venv/bin/nvim
run "neovim plugin formatting (stylua)" env NODE_PATH="$ED/stylua/node_modules" node "$here/stylua_check.cjs" \
  "$repo"/editors/nvim/lua/glossa/*.lua "$repo/editors/nvim/plugin/glossa.lua" "$here/nvim_test.lua"
run "neovim 0.7 (vim.lsp.start_client)" nvim_test /usr/bin/nvim start_client
run "neovim 0.12 (vim.lsp.config)" nvim_test "$NEW_NVIM" config
run "neovim 0.12 (vim.lsp.start)" nvim_test "$NEW_NVIM" start
run "emacs eglot" emacs_test
run "vscode extension unit tests" "$repo/editors/vscode/scripts/check.sh" --build-dir "$ED/vscode-build"
run "vscode in code-server" timeout 400 "$here/vscode_test.sh"
run "zed extension (fmt, clippy, unit tests)" zed_test
for snippet in helix zed sublime kakoune; do
  run "$snippet snippet" snippet_test "$snippet"
done

echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]} (logs in $ARTIFACTS/logs)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
