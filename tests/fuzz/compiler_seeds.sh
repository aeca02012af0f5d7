#!/usr/bin/env bash
# Writes the compiler fuzz target's seeds into the directory $1: every .tn program of the
# test suites, the conformance suite, the examples and the standard library, each as one
# optimisation-level digit (0, 1, 2 in turn) followed by the program. A relative import
# (`import "./x.tn";`, `import { A } from "../x.tn";`) is replaced by the imported file's
# text, since the harness reads no file besides std/ (tests/fuzz/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: compiler_seeds.sh <output directory>}
mkdir -p "$out"

# Prints $1 with each relative import replaced by the imported file (one level deep;
# the inlined file's own relative imports are dropped). An item imported under another
# name (`import { A as B } from "./x.tn";`) is renamed B in the inlined text.
inline_imports() {
  local dir
  dir=$(dirname "$1")
  awk -v dir="$dir" '
    # line with every whole-word key of `alias` replaced by its value
    function rename(line,    out, word) {
      out = ""
      while (match(line, /[A-Za-z_][A-Za-z0-9_]*/)) {
        word = substr(line, RSTART, RLENGTH)
        out = out substr(line, 1, RSTART - 1) ((word in alias) ? alias[word] : word)
        line = substr(line, RSTART + RLENGTH)
      }
      return out line
    }
    /^[ \t]*import .*"\.\.?\/[^"]*"/ {
      split("", alias)
      if (match($0, /\{[^}]*\}/)) {
        n = split(substr($0, RSTART + 1, RLENGTH - 2), items, ",")
        for (i = 1; i <= n; i++)
          if (split(items[i], w, " ") == 3 && w[2] == "as") alias[w[1]] = w[3]
      }
      match($0, /"\.\.?\/[^"]*"/)
      path = dir "/" substr($0, RSTART + 1, RLENGTH - 2)
      if ((getline line < path) > 0) {
        do { if (line !~ /^[ \t]*import .*"\.\.?\//) print rename(line) } while ((getline line < path) > 0)
        close(path)
        next
      }
    }
    { print }' "$1"
}

n=0
while IFS= read -r file; do
  name=${file#"$root"/}
  { printf '%d' $((n % 3)); inline_imports "$file"; } > "$out/${name//\//_}"
  n=$((n + 1))
done < <(find "$root/tests/programs/valid" "$root/tests/programs/sema_valid" \
              "$root/tests/programs/invalid" "$root/tests/programs/sema_invalid" \
              "$root/tests/conformance/programs" "$root/examples" "$root/stdlib" \
              -name '*.tn' | sort)
echo "$n seeds in $out"
