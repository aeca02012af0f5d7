#!/usr/bin/env bash
# Shrinks the saved compiler fuzz corpus to a small set of inputs that together reach every
# edge the whole corpus reaches. libFuzzer 14's -merge=1 adds inputs in size order (and
# keeps hundreds of small ones); this measures each input's edges alone (one merge step
# per input, ~0.3 s each) and keeps a greedy set cover. Files named regress-* (reproducers
# of fixed bugs) are always kept.
# Usage: compiler_corpus_minimise.sh <tenet_compiler_fuzz> <corpus directory>
set -euo pipefail
fuzzer=${1:?usage: compiler_corpus_minimise.sh <tenet_compiler_fuzz> <corpus directory>}
corpus=${2:?usage: compiler_corpus_minimise.sh <tenet_compiler_fuzz> <corpus directory>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One line per input: its path, then its edges.
for file in "$corpus"/*; do
  rm -rf "$work/empty" "$work/one" "$work/control"
  mkdir "$work/empty" "$work/one"
  cp "$file" "$work/one/"
  "$fuzzer" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=4096 \
    -merge_control_file="$work/control" "$work/empty" "$work/one" > /dev/null 2>&1 || true
  echo "$file $(grep '^FT' "$work/control" | cut -d' ' -f3-)"
done > "$work/edges"

# Greedy set cover: repeatedly keep the input that reaches the most edges not yet reached.
awk '
  { path[NR] = $1; edges[NR] = $0; sub(/^[^ ]*/, "", edges[NR]); gain[NR] = NF - 1 }
  END {
    while (1) {
      best = 0; best_gain = 0
      for (i = 1; i <= NR; i++) {
        if (!(i in gain) || gain[i] <= best_gain) continue  # gains only shrink
        m = split(edges[i], e, " "); g = 0
        for (k = 1; k <= m; k++) if (!(e[k] in reached)) g++
        gain[i] = g
        if (g > best_gain) { best_gain = g; best = i }
      }
      if (best == 0) break
      m = split(edges[best], e, " ")
      for (k = 1; k <= m; k++) reached[e[k]] = 1
      print path[best]
      delete gain[best]
    }
  }' "$work/edges" | sort > "$work/keep"

before=$(find "$corpus" -type f | wc -l)
find "$corpus" -type f -not -name 'regress-*' | sort | comm -23 - "$work/keep" | xargs -r rm -f
echo "$corpus: $before inputs, $(find "$corpus" -type f | wc -l) kept (every edge still reached)"
