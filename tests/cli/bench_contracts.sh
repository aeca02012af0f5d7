#!/usr/bin/env bash
# The four benchmark contracts of bench/contracts/ (docs/compiler.md, Performance) compile
# and give the right results at -O0 and -O2 with small inputs, so `make bench` and
# `make bench-peers` keep measuring correct code. Expected values were computed in
# JavaScript (BigInt and ethers.keccak256), as bench/peers/run.mjs does for the large
# inputs. Usage: bench_contracts.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
C="$2/bench/contracts"
passed=0
failed=0

# expect NAME EXPECTED-LINES ARGS…: runs `tenet run ARGS…` and compares its status and
# returns/revert lines.
expect() {
  local name=$1 expected=$2
  shift 2
  local actual
  actual=$("$TENET" run "$@" 2>&1 | grep -E '^(status|returns|revert):')
  if [[ "$actual" == "$expected" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$name" "$expected" "$actual"
  fi
}

ok() { printf 'status:      success\nreturns:     %s' "$1"; }

for level in 0 2; do
  expect "ArithLoop.loop(0) -O$level" "$(ok 1)" "$C/ArithLoop.tn" -O$level --sig "loop(uint256)" 0
  expect "ArithLoop.loop(1000) -O$level" \
    "$(ok 85859725389224193794083146513686419235925012399459909109375534339044133004225)" \
    "$C/ArithLoop.tn" -O$level --sig "loop(uint256)" 1000
  expect "Fib.fib(0) -O$level" "$(ok 0)" "$C/Fib.tn" -O$level --sig "fib(uint256)" 0
  expect "Fib.fib(1) -O$level" "$(ok 1)" "$C/Fib.tn" -O$level --sig "fib(uint256)" 1
  expect "Fib.fib(100) -O$level" "$(ok 354224848179261915075)" "$C/Fib.tn" -O$level --sig "fib(uint256)" 100
  expect "KeccakChain.chain(0) -O$level" "$(ok 0x0000000000000000000000000000000000000000000000000000000000000000)" \
    "$C/KeccakChain.tn" -O$level --sig "chain(uint256)" 0
  expect "KeccakChain.chain(3) -O$level" "$(ok 0x356e5a2cc1eba076e650ac7473fccc37952b46bc2e419a200cec0c451dce2336)" \
    "$C/KeccakChain.tn" -O$level --sig "chain(uint256)" 3
  expect "Token.transfer_batch(20, 1) -O$level" "$(ok 980)" \
    "$C/Token.tn" -O$level --args 1000 --sig "transfer_batch(uint256,uint256)" 20 1
  expect "Token.transfer_batch(20, 1) short -O$level" \
    "$(printf 'status:      revert\nrevert:      InsufficientBalance(0, 1)')" \
    "$C/Token.tn" -O$level --args 10 --sig "transfer_batch(uint256,uint256)" 20 1
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
