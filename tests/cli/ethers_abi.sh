#!/usr/bin/env bash
# Cross-check of the ABI against ethers.js v6 (docs/abi.md). Every valid program of the
# compiler corpus, the examples of language.md (tests/ethers/programs: §6, §8, §11), the
# tuple-heavy tests/ethers/programs/shapes.tn and every example project's source
# compile with --emit abi to JSON that ethers' Interface accepts, and the selectors,
# event topics and error selectors ethers computes from that JSON equal the compiler's
# own (--emit selectors).
# Usage: ethers_abi.sh TENET SOURCE_DIR. Needs node; installs tests/ethers/node_modules
# with `npm ci` (the pinned lock file) when it is missing.
set -uo pipefail
TENET=$1
SRC=$2
ETHERS="$SRC/tests/ethers"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node is not installed (needed for the ethers.js cross-check)"
  exit 1
fi
if [[ ! -d "$ETHERS/node_modules/ethers" ]]; then
  (cd "$ETHERS" && npm ci --silent --no-audit --no-fund) || { echo "FAIL: npm ci in $ETHERS"; exit 1; }
fi

shopt -s nullglob
programs=("$SRC"/tests/programs/valid/*.tn "$ETHERS"/programs/*.tn "$ETHERS"/programs/*/*.tn
          "$SRC"/examples/*/src/*.tn)
passed=0
failed=0
for program in "${programs[@]}"; do
  name=${program#"$SRC"/}
  if ! "$TENET" compile "$program" --emit abi > "$WORK/abi.json" 2> "$WORK/err"; then
    failed=$((failed + 1)); echo "FAIL $name: --emit abi"; cat "$WORK/err"; continue
  fi
  if ! "$TENET" compile "$program" --emit selectors > "$WORK/ours" 2> "$WORK/err"; then
    failed=$((failed + 1)); echo "FAIL $name: --emit selectors"; cat "$WORK/err"; continue
  fi
  if ! node "$ETHERS/check_abi.mjs" "$WORK/abi.json" > "$WORK/theirs" 2> "$WORK/err"; then
    failed=$((failed + 1)); echo "FAIL $name: ethers rejected the ABI"; cat "$WORK/err"; continue
  fi
  if ! diff -u "$WORK/theirs" "$WORK/ours" > "$WORK/diff"; then
    failed=$((failed + 1)); echo "FAIL $name: ethers (-) and tenet (+) disagree"; cat "$WORK/diff"; continue
  fi
  passed=$((passed + 1))
done

if [[ ${#programs[@]} -eq 0 ]]; then echo "FAIL: no programs found under $SRC"; exit 1; fi
echo "ethers ABI cross-check: $passed passed, $failed failed (${#programs[@]} programs)"
[[ $failed -eq 0 ]]
