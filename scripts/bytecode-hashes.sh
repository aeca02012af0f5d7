#!/usr/bin/env bash
# Prints one line per (program, contract, optimisation level): the SHA-256 of the bytecode
# `tenet compile --emit bytecode` writes, or of its diagnostics when the program is refused.
# Used to show that a refactoring leaves every program's bytecode byte-identical:
#   scripts/bytecode-hashes.sh build/release/cli/tenet > before.txt   # (at the old commit)
#   scripts/bytecode-hashes.sh build/release/cli/tenet | diff before.txt -
# Programs: every .tn under tests/, examples/, bench/ and stdlib/ that is not an
# intentionally invalid fixture; with the compiler test binary as second argument, also
# every program the end-to-end tests compile from inline source (lines marked "inline").
set -uo pipefail
tenet=$(realpath "${1:?usage: bytecode-hashes.sh TENET [TENET_COMPILER_TESTS]}")
tests=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
if [ -n "$tests" ]; then
  log=$(mktemp)
  TENET_BYTECODE_LOG=$log "$tests" --gtest_filter='*E2e*:*E2E*' >/dev/null 2>&1
  sed 's/^/inline /' "$log" | LC_ALL=C sort -u
  rm -f "$log"
fi
find tests examples bench stdlib -name '*.tn' -not -path '*/node_modules/*' \
  -not -path '*/invalid/*' -not -path '*/sema_invalid/*' -not -path '*/programs/diagnostics/*' \
  | LC_ALL=C sort | while read -r file; do
  names=$(grep -oE '^[[:space:]]*(test[[:space:]]+)?contract[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' "$file" \
          | awk '{print $NF}' | LC_ALL=C sort -u)
  [ -z "$names" ] && continue
  for name in $names; do
    for level in 0 1 2; do
      # Warnings name the file's path, which a refactoring may move: hash stdout only.
      if out=$("$tenet" compile "$file" --emit bytecode -O"$level" --contract "$name" 2>/dev/null); then
        h=$(printf '%s' "$out" | sha256sum | cut -c1-16)
      else
        h="refused:$("$tenet" compile "$file" --emit bytecode -O"$level" --contract "$name" 2>&1 \
                     | sed "s|$PWD/||g; s|$file|FILE|g" | sha256sum | cut -c1-16)"
      fi
      # A file's path may change in a refactoring; its name and contents identify it.
      echo "$(basename "$file") $(sha256sum < "$file" | cut -c1-12) $name O$level $h"
    done
  done
done | LC_ALL=C sort
