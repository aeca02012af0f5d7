# Sourced by the CLI test scripts (tests/cli/*.sh): a scratch directory $WORK removed on
# exit, the pass/fail counters and `check NAME EXPECTED ACTUAL`, which counts a pass when
# the two texts are equal and prints both otherwise.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3"
  fi
}
