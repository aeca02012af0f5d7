#!/usr/bin/env bash
# make demo: the whole toolchain on the standard library and the examples, end to end.
#   1. `tenet test` over stdlib/ and every examples/*/ project (a summary line each);
#   2. `tenet node` in memory on a free loopback port;
#   3. the supply-chain example deployed with `tenet deploy` and its story played with
#      `tenet send` / `tenet call` (examples/supply-chain/scenario.sh), events decoded;
#   4. an ethers.js script reading the product's trail from the same node and verifying a
#      storage value with eth_getProof (examples/supply-chain/scripts/trail.mjs);
#   5. the node stopped by its PID, and a summary.
# Any step that fails stops the demo with a message naming it (exit 1).
# Usage: scripts/demo.sh [TENET]   (default build/release/cli/tenet)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tenet_node.sh
ROOT=$PWD
TENET=${1:-build/release/cli/tenet}
TENET=$(cd "$(dirname "$TENET")" && pwd)/$(basename "$TENET")
export TENET_STDLIB=${TENET_STDLIB:-$ROOT/stdlib}
JOBS=${JOBS:-$(nproc)}
START=$(date +%s)
NODE_PID=""
SCRATCH=$(mktemp -d)

cleanup() {
  if [[ -n "$NODE_PID" ]]; then kill -TERM "$NODE_PID" 2> /dev/null && wait "$NODE_PID" 2> /dev/null; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

bold() { if [[ -t 1 ]]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
step() { echo; bold "== $*"; }
die() {
  echo >&2
  echo "make demo failed: $*" >&2
  exit 1
}

[[ -x "$TENET" ]] || die "no tenet binary at $TENET (run 'make build')"

# ---- 1. every project's tests
step "1. tenet test: the standard library and every example"
# DEMO_PROJECTS="stdlib examples/token" narrows the list (the repository's ctest of the demo
# does, since every project's tests have ctest entries of their own).
if [[ -n "${DEMO_PROJECTS:-}" ]]; then
  read -r -a projects <<< "$DEMO_PROJECTS"
else
  projects=(stdlib)
  for toml in examples/*/tenet.toml; do projects+=("$(dirname "$toml")"); done
fi
# Each project runs in a copy (the source tree gets no cache/ or out/), JOBS at a time; the
# lines are printed in the projects' order.
test_project() {
  local project=$1 log=$2
  local copy
  copy=$SCRATCH/test/$(tr / _ <<< "$project")
  mkdir -p "$SCRATCH/test" && cp -r "$project" "$copy" && rm -rf "$copy/cache" "$copy/out"
  local t0=$SECONDS
  "$TENET" test --root "$copy" > "$log" 2>&1
  local rc=$?
  echo "$rc $((SECONDS - t0))" > "$log.rc"
}
export -f test_project
export TENET SCRATCH
printf '%s\n' "${projects[@]}" | xargs -P "$JOBS" -I{} bash -c \
  'test_project "$1" "$SCRATCH/$(tr / _ <<< "$1").log"' _ {}
failed_projects=()
total_tests=0
for project in "${projects[@]}"; do
  log=$SCRATCH/$(tr / _ <<< "$project").log
  read -r rc secs < "$log.rc"
  summary=$(grep -E '^Ran [0-9]+ test suites?:' "$log" | tail -n 1)
  printf '  %-26s %s (%ss)\n' "$project" "${summary:-no summary}" "$secs"
  if [[ $rc -ne 0 ]]; then
    failed_projects+=("$project")
    sed 's/^/    /' "$log" | tail -n 40
  fi
  n=$(sed -nE 's/^Ran [0-9]+ test suites?: ([0-9]+) tests? passed.*/\1/p' <<< "$summary")
  total_tests=$((total_tests + ${n:-0}))
done
[[ ${#failed_projects[@]} -eq 0 ]] || die "tenet test failed in: ${failed_projects[*]} (output above)"

# ---- 2. a node
step "2. tenet node: a development chain in memory on a free loopback port"
start_tenet_node "$TENET" "$SCRATCH/node.log" --in-memory
[[ -n "$RPC" ]] || { cat "$SCRATCH/node.log" >&2; die "the node did not start"; }
echo "  first dev account: $(grep -m 1 '^(0) 0x' "$SCRATCH/node.log")"
echo "  $(grep -m 1 '^Listening on' "$SCRATCH/node.log") (pid $NODE_PID)"

# ---- 3. the supply-chain story with tenet deploy / send / call
step "3. the supply chain on the node: tenet deploy, send and call"
bash examples/supply-chain/scenario.sh --rpc "$RPC" --tenet "$TENET" | tee "$SCRATCH/story.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || die "the supply-chain story stopped (output above)"
CONTRACT=$(sed -n 's/^ *deployed: *SupplyChain at //p' "$SCRATCH/story.log" | head -n 1)
[[ -n "$CONTRACT" ]] || die "no SupplyChain address in the story's output"
events=$(grep -c '^ *event: ' "$SCRATCH/story.log")

# ---- 4. ethers.js against the same node
step "4. ethers.js: the product's trail, and a storage value proven with eth_getProof"
SCRIPTS=examples/supply-chain/scripts
if [[ ! -d $SCRIPTS/node_modules/ethers ]]; then
  (cd "$SCRIPTS" && npm ci --silent --no-audit --no-fund) || die "npm ci in $SCRIPTS failed (ethers is needed)"
fi
node "$SCRIPTS/trail.mjs" "$RPC" "$CONTRACT" | tee "$SCRATCH/trail.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || die "the ethers script failed (output above)"
grep -q '^proof verified' "$SCRATCH/trail.log" || die "the ethers script did not verify the proof"

# ---- 5. stop the node, summary
step "5. stop the node (pid $NODE_PID)"
kill -TERM "$NODE_PID" && wait "$NODE_PID"
rc=$?
NODE_PID=""
tail -n 1 "$SCRATCH/node.log" | sed 's/^/  /'
[[ $rc -eq 0 ]] || die "the node exited with $rc"

step "summary"
echo "  tests:       $total_tests passed in ${#projects[@]} projects: ${projects[*]}"
echo "  chain:       SupplyChain at $CONTRACT, $events events decoded by tenet send"
echo "  ethers.js:   trail read, $(grep -m1 '^proof verified' "$SCRATCH/trail.log")"
echo "  time:        $(($(date +%s) - START)) s"
