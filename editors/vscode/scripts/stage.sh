# Sourced by package.sh and check.sh: copies the extension's sources to
# $build and installs its npm packages there (again only when
# package-lock.json changed), so that the source tree stays as it is.
# Needs: $here (editors/vscode) and $build.
stage_sources() {
  mkdir -p "$build"
  rm -rf "$build/src" "$build/test" "$build/bin" "$build/dist" "$build/out" "$build/media"
  cp -r "$here/src" "$here/test" "$here/media" "$build/"
  local f
  for f in package.json package-lock.json tsconfig.json esbuild.mjs eslint.config.mjs .vscodeignore \
    README.md CHANGELOG.md LICENSE; do
    cp "$here/$f" "$build/$f"
  done
  local lock
  lock=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
  if [ ! -d "$build/node_modules" ] || [ "$(cat "$build/.lock-sha" 2>/dev/null)" != "$lock" ]; then
    (cd "$build" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$lock" > "$build/.lock-sha"
  fi
}
