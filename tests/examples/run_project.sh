#!/usr/bin/env bash
# Runs `tenet test` on a project (a copy, so the source tree gets no cache/) at each level of
# LEVELS (default "-O2 -O0"), and checks the exit status and the summary line: every
# `test fn` and `invariant fn` declared under its tests/ ran and passed, in one suite per
# `test contract`. Usage: run_project.sh TENET SOURCE_DIR PROJECT [LEVELS] (e.g. stdlib)
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
PROJECT=$3
LEVELS=${4:--O2 -O0}
source "$SRC/tests/cli/support/check.sh"
cd "$WORK" || exit 1

cp -r "$SRC/$PROJECT" project
rm -rf project/cache project/out

# The expected counts, from the test sources themselves.
tests=$(cat project/tests/*.t.tn | grep -cE '^[[:space:]]*(test|invariant) fn ')
suites=$(cat project/tests/*.t.tn | grep -cE '^[[:space:]]*test contract ')
plural() { if [[ $1 -eq 1 ]]; then echo "$1 $2"; else echo "$1 $2s"; fi; }
summary="Ran $(plural "$suites" "test suite"): $(plural "$tests" test) passed, 0 failed"

for level in $LEVELS; do
  "$TENET" test --root project "$level" > out.txt 2> err.txt
  rc=$?
  check "$PROJECT $level" "0|$summary|" "$rc|$(grep '^Ran [0-9]* test suites*:' out.txt)|$(cat err.txt)"
  [[ $rc -eq 0 ]] || cat out.txt
done

echo "$PROJECT: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
