#!/usr/bin/env bash
# CLI tests of the outputs of `tenet test` (toolchain.md §5 "Gas", "Output";
# docs/testing.md) on tests/cli/programs/coverage (three tests, one failing on
# purpose): --gas-report, --snapshot / --snapshot-check with [snapshot] tolerance, --json,
# --junit (valid against tests/cli/support/junit.xsd), --watch. Usage: test_outputs.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1
cp -r "$SRC/tests/cli/programs/coverage" p
rm -rf p/cache p/.gas-snapshot

# t ARGS…: runs tenet test on p with one worker; sets out, err, rc.
t() {
  "$TENET" test --root p -j 1 "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(cat "$WORK/.out")
  err=$(cat "$WORK/.err")
}

# ---- --gas-report: Meter's table (the test contract is left out)
t --gas-report
check "gas report" "1|| src/Meter.tn:Meter contract |                 |       |        |       |         |
|-----------------------------|-----------------|-------|--------|-------|---------|
| Deployment Cost             | Deployment Size |       |        |       |         |
| 161800                      | 649             |       |        |       |         |
| Function Name               | min             | avg   | median | max   | # calls |
| add                         | 22380           | 22380 | 22380  | 22380 | 1       |
| pick                        | 131             | 131   | 131    | 131   | 1       |
| sum_to                      | 270             | 270   | 270    | 270   | 1       |" \
  "$rc|$(sed -n '/^| src\/Meter.tn:Meter contract/,$p' <<<"$out")"
check "no test contract" "" "$(grep 'MeterTest contract' <<<"$out")"
one=$(sed -n '/^| src\/Meter.tn:Meter contract/,$p' <<<"$out")
"$TENET" test --root p -j 2 --gas-report > "$WORK/.out2" 2> /dev/null
check "gas report: same with -j 2" "$one" "$(sed -n '/^| src\/Meter.tn:Meter contract/,$p' "$WORK/.out2")"

# ---- --snapshot: passing tests only, sorted
t --snapshot
# (picks_wrongly fails: it is left out.)
check "snapshot written" "1|MeterTest:adds() (gas: 31509)
MeterTest:sums() (gas: 9399)" "$rc|$(cat p/.gas-snapshot)"
t --snapshot-check
check "snapshot-check unchanged" "" "$(grep -i snapshot <<<"$err")"
sed -i -E 's/(adds\(\) \(gas: )[0-9]+/\1100/' p/.gas-snapshot
t --snapshot-check
check "snapshot-check difference" "1|Gas snapshot differs from .gas-snapshot (tolerance 0%):
  MeterTest:adds() (gas: 100 → 31509, +31409.0%)" "$rc|$(grep -A1 'Gas snapshot differs' <<<"$err")"
printf '[project]\noptimizer = 2\n\n[snapshot]\ntolerance = 100000\n' > p/tenet.toml
t --snapshot-check
check "tolerance lets it pass" "" "$(grep 'MeterTest:adds()' <<<"$out$err")"
printf '[project]\noptimizer = 2\n' > p/tenet.toml

# ---- --json: §5's object
t --json
check "json rc and counts" "1|2|1" "$rc|$(jq .passed <<<"$out")|$(jq .failed <<<"$out")"
check "json failing test" '"fail"|"assertion failed: 10 != 20"|"tests/Meter.t.tn:19"|null' \
  "$(jq -c '.contracts.MeterTest.tests["picks_wrongly()"] | .status, .reason, .line, .counterexample' <<<"$out" | paste -sd'|')"
check "json passing test" '"pass"|null|"unit"' \
  "$(jq -c '.contracts.MeterTest.tests["adds()"] | .status, .reason, .kind' <<<"$out" | paste -sd'|')"

# ---- --junit FILE: valid JUnit XML
t --junit report.xml
check "junit written" "1" "$rc"
xml=$(xmllint --noout --schema "$SRC/tests/cli/support/junit.xsd" report.xml 2>&1); xrc=$?
check "junit valid" "0|report.xml validates" "$xrc|$xml"
check "junit failure" '      <failure message="assertion failed: 10 != 20">assertion failed: 10 != 20' \
  "$(grep '<failure' report.xml)"

# ---- --watch: a second run after a change of src/
"$TENET" test --root p -j 1 --watch > watch.out 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'Ran 1 test suite' watch.out && break; sleep 0.1; done
echo "// touched" >> p/src/Meter.tn
for _ in $(seq 1 100); do [[ $(grep -c 'Ran 1 test suite' watch.out) -ge 2 ]] && break; sleep 0.1; done
kill "$pid"; wait "$pid" 2>/dev/null
check "watch reran" "2" "$(grep -c 'Ran 1 test suite' watch.out)"

echo "tenet test outputs: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
