#!/usr/bin/env bash
# The conformance suite's ctest entry: ethers.js computes the expectations from the cases
# (tests/ethers/conformance_expect.mjs), then the harness runs every case at -O0 and -O2.
# Usage: run.sh HARNESS SOURCE_DIR [GoogleTest flags, e.g. --gtest_filter='*token*']
# Needs node; installs tests/ethers/node_modules with `npm ci` (the pinned lock file)
# when it is missing.
set -uo pipefail
HARNESS=$1
SRC=$2
shift 2
ETHERS="$SRC/tests/ethers"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node is not installed (needed to compute the expectations with ethers.js)"
  exit 1
fi
if [[ ! -d "$ETHERS/node_modules/ethers" ]]; then
  (cd "$ETHERS" && npm ci --silent --no-audit --no-fund) || { echo "FAIL: npm ci in $ETHERS"; exit 1; }
fi
node "$ETHERS/conformance_expect.mjs" "$SRC/tests/conformance/cases" "$WORK/expect.json" || {
  echo "FAIL: the cases could not be turned into expectations"
  exit 1
}
"$HARNESS" "$WORK/expect.json" "$@"
