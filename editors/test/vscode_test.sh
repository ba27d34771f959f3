#!/usr/bin/env bash
# End-to-end test of the VS Code extension: package it (with $GLOSSA_BIN inside,
# as users get it), install the .vsix into code-server, open the fixture
# workspace in headless Chromium and drive it with playwright-core
# (vscode_test.js). Needs editors/test/setup.sh to have run.
# Artifacts in $ARTIFACTS: the .vsix, screenshots, code-server's log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ED=${EDTEST:-/tmp/edtest}
ARTIFACTS=${ARTIFACTS:-$repo/target/editor-artifacts}
CS=$ED/cs/node_modules/.bin/code-server
: "${GLOSSA_BIN:?GLOSSA_BIN must name the glossa binary}"
mkdir -p "$ARTIFACTS"

# The .vsix users would install on this platform, kept as a CI artifact.
name=$(node -p "const p = require('$repo/editors/vscode/package.json'); \
  p.name + '-' + p.version + '-' + process.platform + '-' + process.arch")
vsix=$("$repo/editors/vscode/scripts/package.sh" --binary "$GLOSSA_BIN" \
  --build-dir "$ED/vscode-build" --out "$ARTIFACTS/$name.vsix" 2>"$ED/vscode-package.log" | tail -1) || {
  cat "$ED/vscode-package.log" >&2; echo "FAIL: packaging the extension" >&2; exit 1; }
echo "ok: packaged $(basename "$vsix") ($(du -h "$vsix" | cut -f1))"

run=$(mktemp -d "$ED/vscode-run.XXXXXX")
ws=$run/workspace
cp -r "$here/fixtures/workspace" "$ws"
data=$run/data; exts=$run/extensions
mkdir -p "$data/User"
# No glossa.server.path: the extension must find the binary shipped inside it.
# deprecated-term raised to "error" checks that settings reach the server.
cat > "$data/User/settings.json" <<JSON
{
  "glossa.rules.deprecated-term": "error",
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "editor.hover.delay": 100,
  "editor.minimap.enabled": false
}
JSON
dirs=(--user-data-dir "$data" --extensions-dir "$exts")
"$CS" "${dirs[@]}" --install-extension "$vsix" >"$run/install.log" 2>&1 || {
  cat "$run/install.log" >&2; echo "FAIL: code-server --install-extension" >&2; exit 1; }
installed=$("$CS" "${dirs[@]}" --list-extensions --show-versions 2>/dev/null)
grep -q '^glossa\.glossa@' <<<"$installed" || { echo "FAIL: extension not installed: $installed" >&2; exit 1; }
echo "ok: installed $(grep '^glossa\.glossa@' <<<"$installed")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Its own process group, so that everything it starts is stopped with it.
setsid "$CS" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --config "$run/config.yaml" \
  "${dirs[@]}" "$ws" >"$run/code-server.log" 2>&1 &
cs_pid=$!
cleanup() {
  local status=$?
  kill -- "-$cs_pid" 2>/dev/null || kill "$cs_pid" 2>/dev/null || true
  cp "$run/code-server.log" "$ARTIFACTS/code-server.log" 2>/dev/null || true
  # Keep the run's folder for a look when the test failed.
  if [ "$status" -eq 0 ]; then rm -rf "$run"; else echo "kept $run" >&2; fi
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" || { cat "$run/code-server.log" >&2; echo "FAIL: code-server did not start" >&2; exit 1; }

CS_URL="http://127.0.0.1:$port" WS="$ws" ARTIFACTS="$ARTIFACTS" NODE_PATH="$ED/pw/node_modules" \
  timeout 240 node "$here/vscode_test.js"
