#!/usr/bin/env bash
# `make demo` must run to the end: scripts/demo.sh exits 0 (a regression test for the
# SIGPIPE exit of `--trace | head` under pipefail). Usage: demo_script.sh TENET SOURCE_DIR
set -uo pipefail
out=$(bash "$2/scripts/demo.sh" "$1" 2>&1); rc=$?
if [[ $rc -eq 0 ]] && grep -q "compiler front end: a program with mistakes" <<<"$out"; then
  echo "1 passed, 0 failed"
else
  printf '%s\n' "$out" | tail -n 30
  echo "demo exited with $rc"
  echo "0 passed, 1 failed"
  exit 1
fi
