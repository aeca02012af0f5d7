#!/usr/bin/env bash
# Figures in docs/cli.md, README.md, stdlib/README.md, the examples' READMEs and the
# cookbook (docs/cookbook/) come from the tool. Two forms are checked:
# - a fenced block right after `<!-- output of: COMMAND -->` is exactly what COMMAND
#   prints (run with bash from the source tree; `tenet` is the binary under test, $OUT
#   a scratch directory);
# - a command line in a ```sh block ending in `# returns: …` or `# revert: …` (or
#   followed by such a comment line) prints that line (`$T`, `tenet` and build/release/cli/tenet are the binary under test).
# And every gas figure (a number of 3+ digits on a line that says gas, or a "…(…)": N
# estimate) must sit in a checked block; the documented default limits (30000000 and
# `[test] gas_limit`) are settings, not figures. Usage: doc_figures.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

run_doc_command() {  # run_doc_command COMMAND: its stdout, from the source tree
  rm -rf "$WORK/out" && mkdir -p "$WORK/out"
  (cd "$SRC" && OUT="$WORK/out" TENET="$TENET" bash -c 'tenet() { "$TENET" "$@"; }; '"$1" 2>/dev/null)
}

docs=(docs/cli.md README.md stdlib/README.md)
for page in "$SRC"/examples/*/README.md "$SRC"/docs/cookbook/*.md; do docs+=("${page#"$SRC"/}"); done
for doc in "${docs[@]}"; do
  # ---- Blocks marked `<!-- output of: … -->`: split into $WORK/blocks/N.{cmd,txt}.
  rm -rf "$WORK/blocks" && mkdir -p "$WORK/blocks"
  awk -v dir="$WORK/blocks" '
    match($0, /^<!-- output of: .* -->$/) { n++; cmd = substr($0, 17, length($0) - 20);
      print cmd > (dir "/" n ".cmd"); printf "" > (dir "/" n ".txt"); want_fence = 1; next }
    want_fence && /^```/ { want_fence = 0; inside = 1; next }
    inside && /^```/ { inside = 0; next }
    inside { print > (dir "/" n ".txt") }
    # Gas figures outside checked blocks.
    !inside && ((tolower($0) ~ /gas/ && $0 ~ /[^0-9x.][0-9][0-9][0-9]+/ && $0 !~ /30000000/ &&
                 $0 !~ /^gas_limit = 1_000_000_000 /) ||
                $0 ~ /"[A-Za-z_]+\([^)]*\)": *[0-9]/ || $0 ~ /^[A-Za-z_]+(\([^)]*\))? +[0-9][0-9][0-9]/) {
      print FILENAME ":" FNR ": " $0 > (dir "/unchecked") }
  ' "$SRC/$doc"
  blocks=0
  for cmd_file in "$WORK"/blocks/*.cmd; do
    [[ -e $cmd_file ]] || continue
    blocks=$((blocks + 1))
    cmd=$(cat "$cmd_file")
    check "$doc: output of: $cmd" "$(cat "${cmd_file%.cmd}.txt")" "$(run_doc_command "$cmd")"
  done
  check "$doc: gas figures only in checked blocks" "" \
    "$(sed "s|^$SRC/||" "$WORK/blocks/unchecked" 2>/dev/null)"

  # ---- `COMMAND   # returns: …` lines (continuation lines joined).
  awk '
    /^```sh/ { sh = 1; next }
    /^```/ { sh = 0; line = ""; next }
    sh { if (line != "") { sub(/^ +/, " "); } line = line $0;
         if (line ~ /\\$/) { sub(/\\$/, "", line); next }
         if (line ~ /^# (returns|revert):/) print prev " " line;     # on the next line
         else if (line ~ /# (returns|revert):/) print line;
         if (line !~ /^#/) prev = line;
         line = "" }
  ' "$SRC/$doc" > "$WORK/comments"
  comments=0
  while IFS= read -r line; do
    comments=$((comments + 1))
    cmd=${line%%#*}
    want=$(sed -E 's/.*# (returns|revert): *//' <<<"$line")
    label=$(sed -E 's/.*# (returns|revert):.*/\1/' <<<"$line")
    cmd=$(sed -E 's#^ *(\$T|build/release/cli/tenet|tenet) #tenet #' <<<"$cmd")
    got=$(run_doc_command "$cmd" | sed -nE "s/^$label: +//p")
    check "$doc: $cmd" "$want" "$got"
  done < "$WORK/comments"
  echo "$doc: $blocks output blocks, $comments result comments"
done

echo "doc figures: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
