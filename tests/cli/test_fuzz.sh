#!/usr/bin/env bash
# CLI tests of fuzz tests and invariants (toolchain.md §5 "Fuzzing", "Invariants";
# docs/testing.md): the same seed gives the same output twice and with -j 1 or -j 2,
# --fuzz-seed changes the inputs but not the shrunk counterexample, a counterexample is saved
# under cache/fuzz and replayed first, a passing test deletes it, an oversized saved file is
# ignored. Durations are masked. Usage: test_fuzz.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1
cp -r "$SRC/tests/cli/programs/fuzz" p
rm -rf p/cache

# t ARGS…: runs tenet test on p with -vv after forgetting saved counterexamples; sets out
# (durations masked) and rc.
t() {
  rm -rf p/cache/fuzz
  keep "$@"
}
# keep ARGS…: the same, keeping saved counterexamples.
keep() {
  "$TENET" test --root p -vv "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(sed -E 's/[0-9]+\.[0-9]+ms/…ms/g' "$WORK/.out")
  body=$(tail -n +2 <<<"$out")  # without the compilation line (warm runs compile nothing)
}
SAVED="p/cache/fuzz/tests/fuzz.t.tn/FuzzTest/fuzz_at_most_1000(uint64).json"

# ---- same seed, same output: twice, and with -j 1 and -j 2
t
first=$body
check "fails (exit 1)" "1" "$rc"
check "seed printed" "Fuzz seed: 0" "$(grep 'Fuzz seed' <<<"$out")"
check "shrunk counterexamples" "    counterexample: fuzz_at_most_1000(1001) (seed: 0)
    counterexample (2 calls, seed: 0):
      → Lock.arm()
      → Lock.open()" "$(grep -E 'counterexample|→' <<<"$out" | sed -E 's/^ *0x[0-9a-f]{40} →/      →/')"
t
check "same seed, same output" "$first" "$body"
t -j 1
one=$body
t -j 2
check "-j 1 and -j 2 print the same" "$one" "$body"
check "-j 2 as the default run" "$first" "$body"

# ---- another seed: other inputs (the logged last input), the same counterexample
logs0=$(grep -A1 'Logs:' <<<"$first" | tail -n 1)
t --fuzz-seed 1
check "seed 1 printed" "Fuzz seed: 1" "$(grep 'Fuzz seed' <<<"$out")"
logs1=$(grep -A1 'Logs:' <<<"$out" | tail -n 1)
check "other seed, other inputs" "differ" "$([[ -n "$logs0" && "$logs0" != "$logs1" ]] && echo differ || echo "same: $logs0")"
check "other seed, same counterexample" "    counterexample: fuzz_at_most_1000(1001) (seed: 1)" \
  "$(grep 'counterexample: fuzz_at_most_1000' <<<"$out")"
t --fuzz-seed 1
check "seed 1 twice" "$logs1" "$(grep -A1 'Logs:' <<<"$out" | tail -n 1)"

# ---- saved, replayed first, deleted when the test passes
t
check "counterexample saved" '{
  "args": [
    "1001"
  ],
  "seed": 0,
  "signature": "fuzz_at_most_1000(uint64)"
}' "$(cat "$SAVED" 2>&1)"
check "invariant sequence saved" "2" \
  "$(grep -c '"function"' p/cache/fuzz/tests/fuzz.t.tn/LockTest/'stays_closed().json')"
keep
check "replayed first" "    counterexample: fuzz_at_most_1000(1001) (seed: 0, replayed)
    counterexample (2 calls, seed: 0, replayed):" "$(grep 'counterexample' <<<"$out")"
# A saved input is replayed whatever the seed of this run.
printf '{"seed": 5, "signature": "fuzz_at_most_1000(uint64)", "args": ["77777"]}\n' > "$SAVED"
keep
check "saved input replayed as it is" \
  "    counterexample: fuzz_at_most_1000(77777) (seed: 0, replayed)" \
  "$(grep 'counterexample: fuzz_at_most_1000' <<<"$out")"
# Larger than 64 KiB: ignored; the campaign runs and saves a fresh counterexample.
head -c 70000 /dev/zero | tr '\0' ' ' > "$SAVED"
keep
check "oversized file ignored" "    counterexample: fuzz_at_most_1000(1001) (seed: 0)" \
  "$(grep 'counterexample: fuzz_at_most_1000' <<<"$out")"
check "then replaced" '"1001"' "$(grep -o '"1001"' "$SAVED")"
printf 'not json' > "$SAVED"
keep
check "malformed file ignored" "    counterexample: fuzz_at_most_1000(1001) (seed: 0)" \
  "$(grep 'counterexample: fuzz_at_most_1000' <<<"$out")"
# The test fixed: it passes and its file is deleted.
sed -i 's/assert_le(n, 1000);/assert_le(n, 18446744073709551615);/' p/tests/fuzz.t.tn
keep --match-test fuzz_at_most_1000
check "fixed test passes" "0" "$rc"
check "its file is deleted" "gone" "$([[ -e "$SAVED" ]] && echo present || echo gone)"

echo "test_fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
