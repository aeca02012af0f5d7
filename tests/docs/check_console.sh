#!/usr/bin/env bash
# Replays the terminal sessions of a guide (docs/getting-started.md) and checks that every
# command prints what the page shows (ctest: docs.getting_started).
#
# Usage: check_console.sh TENET SOURCE_DIR DOC.md
#
# Every ```console block of DOC is a session: a line `$ COMMAND` is run, the lines up to the
# next `$ ` line or the end of the block are its expected output (stdout and stderr as they
# interleave on a terminal). All blocks run in order, in one shell, in an empty scratch
# directory (so `cd` carries over), with `tenet` the binary under test. A chain node is
# started in memory on a free loopback port before the first command, stopped by its PID at
# the end, and `tenet deploy|send|call` are pointed at it with `--rpc` (the page's commands
# use the default http://127.0.0.1:8545 of `tenet init`'s tenet.toml). Output is compared
# after masking the test runner's timings (`finished in 12.34ms` → `finished in TIME`).
# Blocks of other kinds (```sh, ```text) are not run.
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
DOC=$3
source "$SRC/tests/cli/support/check.sh"
source "$SRC/scripts/lib/tenet_node.sh"
NODE_PID=""
trap '[[ -n "$NODE_PID" ]] && kill "$NODE_PID" 2> /dev/null; rm -rf "$WORK"' EXIT

# ---- The sessions: commands to $WORK/cmds/N, expected output to $WORK/want/N, and the
# page's line of each command to $WORK/line/N.
mkdir -p "$WORK/cmds" "$WORK/want" "$WORK/line" "$WORK/run"
awk -v dir="$WORK" '
  /^```console/ { inside = 1; next }
  inside && /^```/ { inside = 0; next }
  inside && /^\$ / { n++; print substr($0, 3) > (dir "/cmds/" n); printf "" > (dir "/want/" n);
                     print FNR > (dir "/line/" n); next }
  inside && n > 0 { print > (dir "/want/" n) }
' "$SRC/$DOC"
count=$(ls "$WORK/cmds" | wc -l)
[[ $count -gt 0 ]] || { echo "no console blocks in $DOC"; exit 1; }

# ---- The node.
start_tenet_node "$TENET" "$WORK/node.log" --in-memory
[[ -n "$RPC" ]] || { cat "$WORK/node.log"; echo "the node did not start"; exit 1; }

# ---- One shell runs every command, writing each one's output to $WORK/got/N.
mkdir -p "$WORK/got"
{
  echo 'tenet() { case $1 in deploy|send|call) "$TENET" "$@" --rpc "$RPC" ;; *) "$TENET" "$@" ;; esac; }'
  for i in $(seq "$count"); do
    echo "{ $(cat "$WORK/cmds/$i")
} > \"\$WORK/got/$i\" 2>&1"
  done
} > "$WORK/session.sh"
(cd "$WORK/run" && TENET=$TENET RPC=$RPC WORK=$WORK bash "$WORK/session.sh")

# CONSOLE_OUTPUT_DIR=DIR keeps what each command printed (DIR/N), for writing a page.
[[ -n "${CONSOLE_OUTPUT_DIR:-}" ]] && cp "$WORK"/got/* "$CONSOLE_OUTPUT_DIR"/
mask() { sed -E 's/finished in [0-9.]+(ms|s|µs)/finished in TIME/'; }
for i in $(seq "$count"); do
  check "$DOC:$(cat "$WORK/line/$i"): \$ $(cat "$WORK/cmds/$i")" \
    "$(mask < "$WORK/want/$i")" "$(mask < "$WORK/got/$i")"
done
echo "$DOC: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
