#!/usr/bin/env bash
# Neovim's built-in LSP client against `tenet lsp` (lsp_test.lua), with the configuration
# users copy (editors/nvim/tenet.lua), headless and without any user configuration; at most
# 30 seconds. Usage: run.sh TENET SOURCE_DIR
set -uo pipefail
if ! command -v nvim > /dev/null; then
  echo "FAIL nvim not found: install Neovim (scripts/install-deps.sh installs Debian's neovim)"
  exit 1
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export TENET_BIN=$1 TENET_SOURCE=$2
export XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state \
  XDG_CACHE_HOME=$home/cache
timeout 30 nvim --headless -u NONE -i NONE -n -c "luafile $2/tests/editors/nvim/lsp_test.lua"
status=$?
if [[ $status -ne 0 ]]; then
  echo "FAIL nvim exited with status $status (124: timed out)"
  [[ -f $home/cache/nvim/lsp.log ]] && tail -n 20 "$home/cache/nvim/lsp.log"
fi
exit $status
