#!/usr/bin/env bash
# `tenet fmt` (docs/cli.md "tenet fmt"): in place, --check, --root, FILES, stdin, the
# exclusion list, bad input (a file that does not parse, an unreadable file, no .tn files,
# unknown options) with exact messages and exit codes, and `tenet init` projects come out
# formatted. Usage: fmt_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

UGLY='contract C{ pub x:u256; fn f(a:u256)->u256{return a+1;} }'
PRETTY='contract C { pub x: u256; fn f(a: u256) -> u256 { return a + 1; } }'

# ---- stdin to stdout
out=$(printf '%s\n' "$UGLY" | "$TENET" fmt -); rc=$?
check "stdin" "0|$PRETTY" "$rc|$out"
out=$(printf '%s\n' "$UGLY" | "$TENET" fmt --check -); rc=$?
check "stdin --check, would change" "1|<stdin>" "$rc|$out"
out=$(printf '%s\n' "$PRETTY" | "$TENET" fmt --check -); rc=$?
check "stdin --check, formatted" "0|" "$rc|$out"

# ---- a project: src/ and tests/ of the project in the working directory
"$TENET" init "$WORK/proj" >/dev/null
out=$(cd "$WORK/proj" && "$TENET" fmt --check); rc=$?
check "tenet init projects come out formatted" "0|" "$rc|$out"
printf '%s\n' "$UGLY" >"$WORK/proj/src/C.tn"
printf '%s\n' "$UGLY" >"$WORK/proj/tests/D.t.tn"
out=$(cd "$WORK/proj" && "$TENET" fmt --check); rc=$?
check "project --check lists what would change" "1|src/C.tn
tests/D.t.tn" "$rc|$out"
check "--check writes nothing" "$UGLY" "$(cat "$WORK/proj/src/C.tn")"
out=$(cd "$WORK/proj" && "$TENET" fmt); rc=$?
check "project: formats in place, lists what changed" "0|src/C.tn
tests/D.t.tn" "$rc|$out"
check "the file is formatted" "$PRETTY" "$(cat "$WORK/proj/src/C.tn")"
out=$(cd "$WORK/proj" && "$TENET" fmt); rc=$?
check "formatting again changes nothing" "0|" "$rc|$out"
mkdir -p "$WORK/flat/tests"
printf '[project]\nsrc = "."\n' >"$WORK/flat/tenet.toml"
printf '%s\n' "$UGLY" >"$WORK/flat/tests/E.t.tn"
out=$(cd "$WORK/flat" && "$TENET" fmt --check); rc=$?
check "src = \".\" holds tests/: each file once" "1|tests/E.t.tn" "$rc|$out"
err=$(cd "$WORK" && "$TENET" fmt 2>&1 >/dev/null); rc=$?
check "no project here" "1|error: no tenet.toml in . (run \`tenet init\`)" "$rc|$err"

# ---- --root DIR: every .tn file below it, the exclusion list honoured
mkdir -p "$WORK/tree/a/b" "$WORK/tree/skip" "$WORK/tree/.hidden"
printf '%s\n' "$UGLY" >"$WORK/tree/a/b/one.tn"
printf '%s\n' "$UGLY" >"$WORK/tree/skip/two.tn"
printf '%s\n' "$UGLY" >"$WORK/tree/.hidden/three.tn"
printf '%s\n' "$UGLY" >"$WORK/tree/four.tn"
printf '# fixtures\nskip/\n*.tn\n' >"$WORK/tree/.tenetfmt-ignore"
out=$("$TENET" fmt --check --root "$WORK/tree"); rc=$?
check "--root: excluded files and hidden directories are skipped" "1|$WORK/tree/a/b/one.tn" "$rc|$out"
printf 'skip/\n' >"$WORK/tree/.tenetfmt-ignore"
out=$("$TENET" fmt --root "$WORK/tree"); rc=$?
check "--root formats in place" "0|$WORK/tree/a/b/one.tn
$WORK/tree/four.tn" "$rc|$out"
check "an excluded file is left alone" "$UGLY" "$(cat "$WORK/tree/skip/two.tn")"

# ---- FILES
printf '%s\n' "$UGLY" >"$WORK/x.tn"
out=$("$TENET" fmt --check "$WORK/x.tn" "$WORK/tree/four.tn"); rc=$?
check "FILES --check" "1|$WORK/x.tn" "$rc|$out"

# ---- bad input
printf 'contract C {\n    fn f() { let x = ; }\n}\n' >"$WORK/bad.tn"
cp "$WORK/bad.tn" "$WORK/bad.orig"
out=$("$TENET" fmt "$WORK/bad.tn" "$WORK/x.tn" 2>"$WORK/err"); rc=$?
check "a file that does not parse: its diagnostics, the others still formatted" \
  "1|$WORK/x.tn|$WORK/bad.tn:2:22: error: expected an expression, found ';'
    fn f() { let x = ; }
                     ^" "$rc|$out|$(cat "$WORK/err")"
check "a file that does not parse is left untouched" "" "$(cmp "$WORK/bad.tn" "$WORK/bad.orig")"
err=$(printf 'fn (' | "$TENET" fmt - 2>&1 >/dev/null); rc=$?
check "stdin that does not parse" "1|<stdin>:1:4: error: expected a name, found '('" \
  "$rc|$(head -n 1 <<<"$err")"
err=$("$TENET" fmt "$WORK/missing.tn" 2>&1 >/dev/null); rc=$?
check "an unreadable file" "1|error: cannot read '$WORK/missing.tn': no such file" "$rc|$err"
mkdir -p "$WORK/empty"
err=$("$TENET" fmt --root "$WORK/empty" 2>&1 >/dev/null); rc=$?
check "a directory with no .tn files" "1|error: no Tenet sources (.tn) under $WORK/empty" "$rc|$err"
err=$("$TENET" fmt --root "$WORK/nowhere" 2>&1 >/dev/null); rc=$?
check "--root that is no directory" "1|error: no directory $WORK/nowhere" "$rc|$err"
err=$("$TENET" fmt --root "$WORK/tree" "$WORK/x.tn" 2>&1 >/dev/null); rc=$?
check "--root and FILES" "2|error: give either --root DIR or FILES, not both" "$rc|$err"
err=$("$TENET" fmt --frobnicate 2>&1 >/dev/null); rc=$?
check "unknown option" "2|The following argument was not expected: --frobnicate" \
  "$rc|$(head -n 1 <<<"$err")"

echo "fmt commands: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
