#!/usr/bin/env bash
# CLI tests of `tenet test` (toolchain.md §5, docs/testing.md): a new project's tests
# pass, tests/programs/token_project passes, a failing test prints its reason and source lines, a warm run
# compiles nothing, a build error runs nothing (exit 1), bad usage exits 2, filters, --rerun,
# and -j 1 and -j 2 print the same. Durations are masked. Usage: test_runner.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1

# t ARGS…: runs tenet test; sets out (durations masked), err, rc.
t() {
  "$TENET" test "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(sed -E 's/[0-9]+\.[0-9]+ms/…ms/g' "$WORK/.out")
  err=$(cat "$WORK/.err")
}

# ---- tenet init, then tenet test: passes; the second run compiles nothing
"$TENET" init fresh > /dev/null
t --root fresh
check "init project passes" "0|Compiling 2 files with tenet -O2
Fuzz seed: 0

Ran 4 tests for tests/Counter.t.tn:CounterTest
[PASS] starts_at_the_initial_count() (gas: 12101)
[PASS] increment_adds() (gas: 17197)
[PASS] only_the_owner_resets() (gas: 22585)
[PASS] fuzz_increment(uint64) (runs: 256, μ: 17029, ~: 17226)
Suite result: ok. 4 passed; 0 failed; finished in …ms

Ran 1 test suite: 4 tests passed, 0 failed|" "$rc|$out|$err"
t --root fresh
check "warm run" "0|No files changed, compilation skipped" "$rc|$(head -n 1 <<<"$out")"
check "warm run, same results" "[PASS] fuzz_increment(uint64) (runs: 256, μ: 17029, ~: 17226)" \
  "$(grep fuzz_increment <<<"$out")"
# Changing a source recompiles it and the test importing it.
sed -i 's/self.count += by;/self.count = self.count + by;/' fresh/src/Counter.tn
t --root fresh
check "changed source" "0|Compiling 2 files with tenet -O2" "$rc|$(head -n 1 <<<"$out")"
t --root fresh -O0
check "-O0 is built apart" "0|Compiling 2 files with tenet -O0" "$rc|$(head -n 1 <<<"$out")"

# ---- tests/programs/token_project (the hand-written ERC-20 that examples/token was)
cp -r "$SRC/tests/programs/token_project" token
rm -rf token/cache
t --root token
check "token project" "0|4 passed; 0 failed" "$rc|$(grep -o '[0-9]* passed; [0-9]* failed' <<<"$out")"

# ---- failing tests: reason, source lines, logs, counterexample; exit 1
cp -r "$SRC/tests/cli/programs/runner" runner
t --root runner
check "failing tests" "1|$(cat "$SRC/tests/cli/programs/runner/EXPECTED.txt")|" "$rc|$out|$err"
t --root runner -j 1
one=$out
t --root runner -j 2
check "-j 1 and -j 2 print the same" "$one" "$out"
t --root runner -j 2 -O0
# Gas differs between levels; statuses, reasons and lines do not.
strip_gas() { grep -v -e '^Compiling' -e '^No files' -e '^Suite result' <<<"$1" | sed -E 's/ \((gas|runs): .*\)$//'; }
check "-O0: same failures" "$(strip_gas "$one")" "$(strip_gas "$out")"

# ---- -vvv: the trace of a failing test; -vvvv: of passing ones too
t --root runner -vvv --match-test take_too_much
check "-vvv" "1|[FAIL: Short(10, 11)] take_too_much() (gas: 11219)
    at src/Bank.tn:14: revert Short(self.total, n);
    called from tests/Bank.t.tn:16: self.bank.take(11);
    \`if (n > self.total)\` held: 11 > 10
  Traces:
    [11219] BankTest::take_too_much()
    ├─ [2311] Bank::take(11)
    │  └─ ← revert: Short(10, 11)
    └─ ← revert: Short(10, 11)" "$rc|$(sed -n '/^\[FAIL/,/^Suite/{/^Suite/q;p}' <<<"$out")"
t --root runner -vvv --match-test take_some
check "-vvv: no trace of a passing test" "0|0" "$rc|$(grep -c Traces <<<"$out")"
t --root runner -vvvv --match-test take_some
check "-vvvv: traces of passing tests" "0|1" "$rc|$(grep -c Traces <<<"$out")"

# ---- the acceptance project: same output with -j 1 and -j 2 (fuzz and invariants included)
# (cache/ removed before each run: saved counterexamples are replayed first, as they should.)
cp -r "$SRC/tests/cli/programs/testproj" testproj
rm -rf testproj/cache
t --root testproj -j 1
one=$out
rm -rf testproj/cache
t --root testproj -j 2
check "testproj: -j 1 and -j 2 print the same" "$one" "$out"
check "testproj: totals" "1|Ran 10 test suites: 45 tests passed, 39 failed" "$rc|$(grep '^Ran 10' <<<"$out")"

# ---- filters
t --root runner --match-test '^take_(some|nothing)$'
check "--match-test" "1|[PASS] take_some() (gas: 14657)
[FAIL: Error(\"nothing to take\")] take_nothing() (gas: 9217)" "$rc|$(grep '^\[' <<<"$out" | head -n 2)"
t --root runner --match-contract Other
check "--match-contract" "0|Ran 1 test for tests/Other.t.tn:OtherTest" "$rc|$(grep '^Ran 1 test for' <<<"$out")"
t --root runner --match-path 'tests/Other*'
check "--match-path" "0|1 test suite: 1 test passed, 0 failed" "$rc|$(grep -o '1 test suite.*' <<<"$out")"
t --root runner --match-test nothing_has_this_name
check "nothing selected" "1|error: no tests match the filters" "$rc|$err"

# ---- --rerun: only the tests that failed last time
t --root runner
check "test-failures record" "tests/Bank.t.tn:BankTest:fuzz_take(uint256)
tests/Bank.t.tn:BankTest:logs_then_fails()
tests/Bank.t.tn:BankTest:take_nothing()
tests/Bank.t.tn:BankTest:take_too_much()" "$(cat runner/cache/test-failures)"
t --root runner --rerun
check "--rerun" "1|Ran 4 tests for tests/Bank.t.tn:BankTest" "$rc|$(grep '^Ran 4' <<<"$out")"
t --root runner --match-contract Other
t --root runner --rerun
check "--rerun after a passing run runs everything" "1|Ran 5 tests for tests/Bank.t.tn:BankTest" \
  "$rc|$(grep '^Ran 5' <<<"$out")"

# ---- --json (only JSON on stdout), --junit, --gas-report, --snapshot, --snapshot-check
t --root runner --json
check "--json" "1|{\"BankTest\":{\"take_some()\":\"pass\",\"take_too_much()\":\"fail\",\"take_nothing()\":\"fail\",\"logs_then_fails()\":\"fail\",\"fuzz_take(uint256)\":\"fail\"},\"OtherTest\":{\"one()\":\"pass\"}}|2|4" \
  "$rc|$(jq -c '.contracts | map_values(.tests | map_values(.status))' "$WORK/.out")|$(jq .passed "$WORK/.out")|$(jq .failed "$WORK/.out")"
check "--json: reason and line" '"Short(10, 11)"|"src/Bank.tn:14"' \
  "$(jq -c '.contracts.BankTest.tests["take_too_much()"] | .reason, .line' "$WORK/.out" | paste -sd'|')"
t --root runner --junit report.xml --match-contract Other
check "--junit" "0|1" "$rc|$(grep -c '<testcase' report.xml)"
t --root token --gas-report
check "--gas-report" "0|1" "$rc|$(grep -c '^| transfer ' <<<"$out")"
check "--gas-report prints no traces" "0" "$(grep -c Traces <<<"$out")"
t --root token --snapshot
check "--snapshot" "0|TokenTest:transfer_moves_balance() (gas: 56310)" "$rc|$(grep transfer_moves token/.gas-snapshot)"
t --root token --snapshot-check
check "--snapshot-check" "0|" "$rc|$err"
sed -i 's/(gas: 56310)/(gas: 56000)/' token/.gas-snapshot
t --root token --snapshot-check
check "--snapshot-check, changed" "1" "$rc"

# ---- bad usage: exit 2, nothing built
t --root runner --match-test '('
check "bad --match-test" "2|error: --match-test: invalid regular expression '(': Unmatched marking parenthesis ( or \\(." "$rc|$err"
t --root runner --match-contract '[a-'
check "bad --match-contract" "2" "$rc"
t --root runner -O3
check "-O3" "2" "$rc"
t --root runner --snapshot --snapshot-check
check "--snapshot with --snapshot-check" "2|error: --snapshot and --snapshot-check exclude each other" "$rc|$err"
t --root runner --json --junit x.xml
check "--json with --junit" "2|error: --json and --junit exclude each other" "$rc|$err"

# ---- build errors: diagnostics, exit 1, nothing run
cp -r "$SRC/tests/cli/programs/testproj_compile_error" broken
t --root broken
check "compile error" "1||broken/tests/bad.t.tn:9:23: error: type mismatch: expected u256, found bool
        let n: u256 = true;
                      ^~~~
error: build failed; no tests run" "$rc|$out|$err"
t --root nowhere
check "no tenet.toml" "1|error: no tenet.toml in nowhere (run \`tenet init\`)" "$rc|$err"
mkdir empty && printf '[project]\n' > empty/tenet.toml
t --root empty
check "no tests" "1|error: no tests found (test contracts in tests/**/*.t.tn)" "$rc|$err"

echo "tenet test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
