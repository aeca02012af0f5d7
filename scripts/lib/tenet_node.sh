# Sourced by scripts that need a chain node of their own (scripts/demo.sh, the examples'
# scenario.sh, tests that start one): `tenet node` on a port the system chooses, found from
# the node's "Listening on HOST:PORT" line, and stopped by its PID (never by name).

# start_tenet_node TENET LOG [ARGS…]: starts `TENET node --port 0 ARGS…` in the background,
# its output in LOG, and waits (at most 30 s) until it listens. Sets NODE_PID, and RPC to
# http://HOST:PORT — or to "" when the node did not start (LOG says why).
start_tenet_node() {
  local tenet=$1 log=$2
  shift 2
  "$tenet" node --port 0 "$@" > "$log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 300); do
    grep -qs '^Listening on ' "$log" && break
    kill -0 "$NODE_PID" 2> /dev/null || break
    sleep 0.1
  done
  RPC=""
  if grep -qs '^Listening on ' "$log"; then RPC="http://$(sed -n 's/^Listening on //p' "$log")"; fi
}
