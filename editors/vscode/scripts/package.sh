#!/usr/bin/env bash
# Packages the VS Code extension into a .vsix, with the glossa binary for the
# platform this runs on inside it (bin/<platform>-<arch>/glossa).
#
#   editors/vscode/scripts/package.sh [--binary PATH | --no-binary] [--out FILE] [--build-dir DIR] [--base-url URL]
#
# --binary     the glossa binary to ship (default: $GLOSSA_BIN, else the
#              repository's target/release/glossa, else target/debug/glossa)
# --no-binary  ship none: the extension then runs glossa from PATH
# --out        the .vsix to write (default: target/vscode/glossa-<version>-<target>.vsix)
# --build-dir  where to install the npm packages and build (default:
#              $TMPDIR/glossa-vscode-build); the source tree is left as it is
# --base-url   where the repository's editors/vscode/ folder is published, for
#              the README's images on the marketplace page; without it they
#              stay relative (they show in VS Code's extension view)
# Prints the path of the .vsix on its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$here/../.." && pwd)
binary=${GLOSSA_BIN:-}
ship=1
out=
build=${TMPDIR:-/tmp}/glossa-vscode-build
base_url=
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --no-binary) ship=0; shift ;;
    --out) out=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --base-url) base_url=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

version=$(node -p "require('$here/package.json').version")
# Node's platform-arch (the folder the extension looks in) and VS Code's target name.
platform=$(node -p "process.platform + '-' + process.arch")
case $platform in
  linux-arm) target=linux-armhf ;;
  *) target=$platform ;;
esac

if [ "$ship" = 1 ]; then
  if [ -z "$binary" ]; then
    for candidate in "$repo/target/release/glossa" "$repo/target/debug/glossa"; do
      if [ -x "$candidate" ]; then binary=$candidate; break; fi
    done
  fi
  if [ -z "$binary" ] || [ ! -x "$binary" ]; then
    echo "package.sh: no glossa binary to ship${binary:+ ($binary is not executable)}; run cargo build --release, pass --binary PATH, or --no-binary" >&2
    exit 2
  fi
  out=${out:-$repo/target/vscode/glossa-$version-$target.vsix}
else
  out=${out:-$repo/target/vscode/glossa-$version.vsix}
fi

mkdir -p "$build" "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

. "$here/scripts/stage.sh"
stage_sources
(cd "$build" && node esbuild.mjs >&2)

vsce_args=(package --no-dependencies --allow-missing-repository --out "$out")
if [ -n "$base_url" ]; then
  vsce_args+=(--baseContentUrl "$base_url" --baseImagesUrl "$base_url")
else
  vsce_args+=(--no-rewrite-relative-links)
fi
if [ "$ship" = 1 ]; then
  mkdir -p "$build/bin/$platform"
  cp "$binary" "$build/bin/$platform/glossa"
  chmod 755 "$build/bin/$platform/glossa"
  # A debug build carries its symbols: the extension does not need them.
  if command -v strip >/dev/null 2>&1; then strip "$build/bin/$platform/glossa" 2>/dev/null || true; fi
  vsce_args+=(--target "$target")
fi
(cd "$build" && ./node_modules/.bin/vsce "${vsce_args[@]}" >&2)
echo "$out"
