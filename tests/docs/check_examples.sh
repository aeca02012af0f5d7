#!/usr/bin/env bash
# Keeps the language reference from drifting from the compiler: every ```tenet block of
# docs/language.md and docs/coming-from-solidity.md is compiled, and the blocks holding a
# `test contract` are run with `tenet test` (ctest: docs.language_examples).
#
# Usage: check_examples.sh TENET SOURCE_DIR [DOC.md…]   (default: the two pages above)
#
# Block conventions (the info string after ```tenet is invisible on a rendered page):
#   ```tenet                  a complete file: compiled; with a `test contract`, its tests run
#   ```tenet #name            the same, with a stable id (tests/docs/pending-1.1.txt uses ids)
#   ```tenet fragment: WHY    not compiled (WHY is required: say why it cannot be a program)
#   // expect-error: MESSAGE  in a block: compiling it must fail with an error containing
#                             MESSAGE — on that line when the marker follows code on a line,
#                             anywhere when the marker is a line of its own
#   // file: NAME             a block of several files (imports): each such line starts file
#                             NAME; a test block's test file must end in .t.tn
# Blocks whose id is listed in tests/docs/pending-1.1.txt (language 1.1 features not merged
# yet) are skipped and counted; the check notes those that compile now.
#
# All compiled blocks form one generated project built and tested by one `tenet test`
# (test contract names must therefore be unique across the pages); an expect-error block
# is one `tenet compile`. Failures name the block's place (docs/language.md:LINE) and show
# the compiler's or runner's output with generated paths mapped back to the page's lines.
# Warnings fail the check too: an example should be clean.
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
shift 2
DOCS=("$@")
[[ ${#DOCS[@]} -eq 0 ]] && DOCS=(docs/language.md docs/coming-from-solidity.md)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PENDING=$HERE/pending-1.1.txt

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P=$WORK/project
mkdir -p "$P/src" "$P/tests"

cd "$SRC" || exit 1
if ! awk -v out="$P" -f "$HERE/extract_examples.awk" "$PENDING" "${DOCS[@]}"; then
  echo "FAIL: the pages' blocks are malformed (above)"
  exit 1
fi

# Maps the generated paths in text on stdin to the page's places (src/language_L12.tn:3:5
# → docs/language.md:14:5).
to_doc() {
  awk -F'|' 'NR == FNR { doc[$1] = $2; off[$1] = $3; next }
    {
      line = $0; outl = ""
      while (match(line, /(\.\/)?(src|tests|errors|pending)\/[A-Za-z0-9_.\/-]+\.tn(:[0-9]+)?/)) {
        m = substr(line, RSTART, RLENGTH)
        outl = outl substr(line, 1, RSTART - 1)
        line = substr(line, RSTART + RLENGTH)
        p = m; n = ""
        if (match(p, /:[0-9]+$/)) { n = substr(p, RSTART + 1); p = substr(p, 1, RSTART - 1) }
        sub(/^\.\//, "", p)
        if (p in doc) outl = outl doc[p] ":" (off[p] + (n != "" ? n : 0))
        else outl = outl m
      }
      print outl line
    }' "$P/lines.txt" -
}

failed=0
fail() {  # fail PLACE WHAT [OUTPUT]
  failed=$((failed + 1))
  printf 'FAIL %s: %s\n' "$1" "$2"
  [[ -n "${3:-}" ]] && printf '%s\n' "$3" | to_doc | sed 's/^/    /'
}

# expected_error FILE DOC LINE MESSAGE EXPECT_LINE: compiling FILE must fail with an error
# containing MESSAGE (on page line EXPECT_LINE unless 0). Sets `why` and `out` when not.
expected_error() {
  out=$(cd "$P" && "$TENET" compile "$1" -O 0 2>&1 >/dev/null)
  local rc=$? hit
  if [[ $rc -ne 1 ]]; then
    why="expected the error '$4', but compiling exited with $rc"
    return 1
  fi
  # Diagnostic lines only (the source line shown under one holds the marker itself).
  hit=$(awk -v w="$4" '/^[^ ]+:[0-9]+:[0-9]+: error: / && index(substr($0, index($0, ": error: ") + 9), w)' \
        <<<"$out" | to_doc | head -n 1)
  if [[ -z "$hit" ]]; then
    why="expected an error containing '$4'"
    return 1
  elif [[ $5 -ne 0 && "$hit" != "$2:$5:"* ]]; then
    why="expected the error '$4' on line $5"
    return 1
  fi
  return 0
}

declare -A count=()
pending=()
while IFS='|' read -r kind id doc line what expect_line files; do
  count[$kind]=$((${count[$kind]:-0} + 1))
  case $kind in
    error) expected_error "${files%% *}" "$doc" "$line" "$what" "$expect_line" || fail "$doc:$line" "$why" "$out" ;;
    pending-*) pending+=("$kind|$id|$doc|$line|$what|$expect_line|$files") ;;
  esac
done < "$P/blocks.txt"

# The compiled blocks: one project, one `tenet test`. A sentinel test keeps a page without
# test blocks from failing with "no tests found".
printf '[project]\nsrc = "src"\ntests = "tests"\nout = "out"\noptimizer = 2\n\n[test]\nfuzz_runs = 32\nfuzz_seed = 0\n\n[invariant]\nruns = 16\n' \
  > "$P/tenet.toml"
printf 'test contract DocsSentinel {\n    test fn runs() {}\n}\n' > "$P/tests/zz_sentinel.t.tn"
out=$(cd "$P" && "$TENET" test -j 2 2>"$WORK/stderr")
rc=$?
err=$(cat "$WORK/stderr")
if [[ $rc -ne 0 ]]; then
  if [[ -n "$err" ]]; then
    fail "build" "the examples do not compile" "$err"
  fi
  # Each failing test: its block is the file named in the suite header.
  failing=$(awk '/^Failing tests:/ { exit } /^Ran [0-9]+ tests? for / { suite = $NF } /^\[FAIL/ { print suite ": " $0 }' <<<"$out")
  [[ -n "$failing" ]] && fail "tests" "example tests fail" "$failing"$'\n'"$out"
  [[ -z "$err" && -z "$failing" ]] && fail "tests" "tenet test exited with $rc" "$out"
elif grep -q 'warning:' <<<"$err"; then
  fail "build" "the examples compile with warnings" "$err"
fi
tests_run=$(grep -o '[0-9]* tests passed' <<<"$out" | head -n 1)

# Pending blocks: skipped, counted, and tried so the list can shrink as features land (an
# expect-error block is ready when its error is the expected one).
ready=()
for entry in "${pending[@]}"; do
  IFS='|' read -r kind id doc line what expect_line files <<<"$entry"
  ok=1
  if [[ $kind == pending-error ]]; then
    expected_error "${files%% *}" "$doc" "$line" "$what" "$expect_line" || ok=0
  else
    for f in $files; do
      [[ $f == *.tn ]] || continue
      (cd "$P" && "$TENET" compile "$f" -O 0 >/dev/null 2>&1) || ok=0
    done
  fi
  [[ $ok -eq 1 ]] && ready+=("$id ($doc:$line)")
done

echo "docs examples: ${count[program]:-0} programs and ${count[test]:-0} test blocks compiled (${tests_run:-no tests run}), ${count[error]:-0} expected errors checked, ${count[fragment]:-0} fragments skipped"
if [[ ${#pending[@]} -gt 0 ]]; then
  echo "${#pending[@]} examples wait for 1.1 features (tests/docs/pending-1.1.txt)"
  for n in "${ready[@]}"; do echo "  note: pending example $n passes now: remove it from pending-1.1.txt"; done
fi
if [[ $failed -ne 0 ]]; then
  echo "$failed check(s) failed"
  exit 1
fi
echo "ok"
