#!/usr/bin/env bash
# CLI tests of `tenet coverage` (toolchain.md §5 "Coverage", docs/testing.md) on
# tests/cli/programs/coverage, whose numbers EXPECTED.md counts by hand: the summary table,
# lcov.info (exact, and accepted by genhtml), the HTML pages, -j 1 = -j 2, filters, a failing
# test still writes coverage (exit 1), bad usage exits 2. Usage: coverage.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1
cp -r "$SRC/tests/cli/programs/coverage" p
rm -rf p/cache p/lcov.info p/coverage

# c ARGS…: runs tenet coverage on p; sets out (the report: from the header line on), err, rc.
c() {
  "$TENET" coverage --root p "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(sed -n '/^lines and branches measured/,$p' "$WORK/.out")
  err=$(cat "$WORK/.err")
}

HEADER="lines and branches measured on -O2 bytecode; a line the optimiser merged away is not counted; branches are the conditional jumps that remain"
WARNING="warning: branches of Idle are not counted: no test contract deploys it"

# ---- summary (the default): a failing test still reports, exit 1
c -j 1
check "summary" "1|$HEADER
| File         | Lines          | Branches      |
|--------------|----------------|---------------|
| src/Idle.tn  | 0.00% (0/3)    | -             |
| src/Meter.tn | 91.67% (11/12) | 50.00% (9/18) |
| Total        | 73.33% (11/15) | 50.00% (9/18) ||$WARNING" "$rc|$out|$err"
check "test results are printed" "[FAIL: assertion failed: 10 != 20] picks_wrongly() (gas: 10411)" \
  "$(grep -m1 picks_wrongly "$WORK/.out")"

# ---- lcov: exact tracefile, written to ROOT/lcov.info
c -j 1 --report lcov
check "lcov run" "1|$HEADER
wrote p/lcov.info" "$rc|$out"
check "lcov.info" "TN:
SF:src/Idle.tn
DA:3,0
DA:4,0
DA:7,0
BRF:0
BRH:0
LF:3
LH:0
end_of_record
TN:
SF:src/Meter.tn
DA:3,0
DA:5,1
DA:6,1
DA:9,1
DA:10,1
DA:13,1
DA:16,4
DA:17,3
DA:18,3
DA:20,1
DA:23,3
DA:25,2
BRDA:3,0,0,-
BRDA:3,0,1,-
BRDA:5,0,0,1
BRDA:5,0,1,0
BRDA:6,0,0,1
BRDA:6,0,1,0
BRDA:9,0,0,0
BRDA:9,0,1,1
BRDA:13,0,0,1
BRDA:13,0,1,0
BRDA:16,0,0,0
BRDA:16,0,1,1
BRDA:16,1,0,2
BRDA:16,1,1,1
BRDA:17,0,0,0
BRDA:17,0,1,3
BRDA:23,0,0,1
BRDA:23,0,1,0
BRF:18
BRH:9
LF:12
LH:11
end_of_record" "$(cat p/lcov.info)"
one=$(cat p/lcov.info)

# genhtml (Debian lcov) accepts it, and agrees on the totals.
if command -v genhtml > /dev/null; then
  gh=$(cd p && genhtml --branch-coverage --output-directory "$WORK/genhtml" lcov.info 2>&1); ghrc=$?
  check "genhtml accepts lcov.info" "0|  lines......: 73.3% (11 of 15 lines)|  branches...: 50.0% (9 of 18 branches)" \
    "$ghrc|$(grep '  lines\.\.\.' <<<"$gh")|$(grep '  branches\.\.' <<<"$gh")"
else
  check "genhtml is installed (scripts/install-deps.sh)" "genhtml" "missing"
fi

# ---- the same coverage whatever -j
c -j 2 --report lcov
check "-j 2 = -j 1" "$one" "$(cat p/lcov.info)"

# ---- html: own pages under ROOT/coverage
c -j 1 --report html
check "html run" "1|$HEADER
wrote p/coverage/index.html (3 pages)" "$rc|$out"
check "index row" '<tr><td><a href="src/Meter.tn.html">src/Meter.tn</a></td><td>91.67% (11/12)</td><td>50.00% (9/18)</td></tr>' \
  "$(grep 'src/Meter.tn.html' p/coverage/index.html)"
check "file page: the loop line" '<tr class="part"><td>16</td><td>4</td><td>3/4</td><td>        while i &lt; n {</td></tr>' \
  "$(grep '<td>16</td>' p/coverage/src/Meter.tn.html)"
check "file page: a merged-away line" '<tr><td>7</td><td></td><td></td><td>            return 0;</td></tr>' \
  "$(grep '<td>7</td>' p/coverage/src/Meter.tn.html)"

# ---- filters: only `adds` (which passes): exit 0, only add's lines
c -j 1 --match-test '^adds$'
check "--match-test: lines 5, 6, 9, 10; branches at 5, 6, 9" "0|| src/Meter.tn | 33.33% (4/12) | 16.67% (3/18) |" "$rc|$(grep 'src/Meter.tn' <<<"$out")"
c --match-test nothing_matches
check "no test matches" "1|error: no tests match the filters" "$rc|$(tail -n 1 <<<"$err")"

# ---- bad usage
c --report xml
check "--report xml" "2" "$rc"
c --match-contract '[a-'
check "bad regex" "2" "$rc"

echo "tenet coverage: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
