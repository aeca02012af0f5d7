# Sourced by every example's scenario.sh: the helpers that deploy an example to a chain node
# and drive its story with `tenet deploy`, `tenet send` and `tenet call`, printing each
# command and its output. Any step that does not end as the story says stops the script with
# a message naming the step (exit 1).
#
# The example's scenario.sh sets nothing before sourcing this file; it then calls
#   scenario_begin           build the project, and start a node unless --rpc URL was given
#   step "TITLE"             a heading
#   deploy NAME [ARGS…]      `tenet deploy`; sets ADDR to the new contract's address
#   send ADDR SIG [ARGS…]    `tenet send`, which must succeed (options such as --from go last)
#   send_reverts ADDR SIG …  `tenet send` that must revert (nothing is mined: the estimate fails)
#   call ADDR SIG [ARGS…]    `tenet call`; its output also in OUT
#   expect "WHAT" "TEXT"     OUT must equal TEXT
#   rpc METHOD 'PARAMS'      one JSON-RPC call (curl); its result (JSON) in OUT
#   advance SECONDS          the node's clock moved on (evm_increaseTime) and a block mined
#   balance ACCOUNT          the account's balance in wei (hex, as the node answers) in OUT
#   latest_timestamp         the latest block's timestamp (decimal) in OUT
# and the script ends with `scenario_end`.
#
# Usage of every scenario.sh: scenario.sh [--rpc URL] [--tenet PATH]
#   --rpc URL     use a running node (its first dev accounts must be anvil's, as `tenet node`'s)
#   --tenet PATH  the tenet binary (default: $TENET, else `tenet` on PATH, else the
#                 repository's build/release/cli/tenet)
# Without --rpc a node is started in memory on a free loopback port and stopped by its PID.

set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/tenet_node.sh"

SCENARIO_PROJECT=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
SCENARIO_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RPC=""
NODE_PID=""
NODE_LOG=""
OUT=""
ADDR=""

# The node's first dev accounts (anvil's "test test … junk" mnemonic).
DEV0=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
DEV1=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
DEV2=0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC
DEV3=0x90F79bf6EB2c4f870365E785982E1f101E93b906
DEV4=0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65
DEV5=0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc
DEV6=0x976EA74026E726554dB657fA54763abd0C3a0aa9
DEV7=0x14dC79964da2C08b23698B3D3cc7Ca32193d9955
DEV8=0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f
DEV9=0xa0Ee7A142d267C1f36714E4a8F75612F20a79720

while [[ $# -gt 0 ]]; do
  case $1 in
    --rpc) RPC=${2:?--rpc needs a URL}; shift 2 ;;
    --tenet) TENET=${2:?--tenet needs a path}; shift 2 ;;
    *) echo "usage: $(basename "${BASH_SOURCE[1]}") [--rpc URL] [--tenet PATH]" >&2; exit 2 ;;
  esac
done
if [[ -z "${TENET:-}" ]]; then
  if command -v tenet > /dev/null; then TENET=tenet; else TENET=$SCENARIO_REPO/build/release/cli/tenet; fi
fi

_bold() { if [[ -t 1 ]]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }

# fail MESSAGE: stops the scenario.
fail() {
  echo "scenario $(basename "$SCENARIO_PROJECT"): $*" >&2
  exit 1
}

_stop_node() {
  if [[ -n "$NODE_PID" ]]; then
    kill -TERM "$NODE_PID" 2> /dev/null && wait "$NODE_PID" 2> /dev/null
    NODE_PID=""
  fi
  [[ -n "$NODE_LOG" ]] && rm -f "$NODE_LOG"
}

scenario_begin() {
  trap _stop_node EXIT
  "$TENET" --version > /dev/null 2>&1 || fail "no tenet binary at '$TENET' (build it with 'make build', or pass --tenet PATH)"
  _bold "== build $(basename "$SCENARIO_PROJECT")"
  "$TENET" build --root "$SCENARIO_PROJECT" > /dev/null || fail "tenet build failed"
  if [[ -z "$RPC" ]]; then
    NODE_LOG=$(mktemp)
    start_tenet_node "$TENET" "$NODE_LOG" --in-memory
    [[ -n "$RPC" ]] || { cat "$NODE_LOG" >&2; fail "the node did not start"; }
    echo "node: $RPC (pid $NODE_PID, in memory)"
  else
    echo "node: $RPC"
  fi
}

scenario_end() {
  _bold "== $(basename "$SCENARIO_PROJECT"): scenario complete"
  _stop_node
}

step() { echo; _bold "-- $*"; }

# _run EXPECTED_RC SUBCOMMAND ARGS…: runs and prints one tenet command; sets OUT.
_run() {
  local want=$1
  shift
  local shown="" arg
  for arg in "$@"; do  # each argument as a shell would need it typed
    if [[ $arg =~ ^[A-Za-z0-9_./:,=+@%-]+$ ]]; then shown+=" $arg"; else shown+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  echo "\$ tenet$shown"
  OUT=$("$TENET" "$@" --rpc "$RPC" --root "$SCENARIO_PROJECT" 2>&1)
  local rc=$?
  [[ -n "$OUT" ]] && printf '%s\n' "$OUT" | sed 's/^/  /'
  if [[ $rc -ne $want ]]; then
    if [[ $want -eq 0 ]]; then fail "'tenet $*' failed (exit $rc)"; fi
    fail "'tenet $*' was expected to revert, and exited $rc"
  fi
}

deploy() {
  _run 0 deploy "$@"
  ADDR=$(printf '%s\n' "$OUT" | sed -n 's/^deployed: *[A-Za-z0-9_]* at //p')
  [[ -n "$ADDR" ]] || fail "no address in the output of 'tenet deploy $*'"
}
send() { _run 0 send "$@"; }
send_reverts() { _run 1 send "$@"; }
call() { _run 0 call "$@"; }

expect() {
  [[ "$OUT" == "$2" ]] || fail "$1: expected '$2', got '$OUT'"
}

# _rpc_result METHOD PARAMS: the "result" of one JSON-RPC call, as JSON (quiet).
_rpc_result() {
  local reply
  reply=$(curl -s -X POST -H 'content-type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$RPC") \
    || fail "$1: the node did not answer"
  [[ $reply == *'"result":'* ]] || fail "$1: $reply"
  printf '%s\n' "$reply" | sed -E 's/.*"result":(.*)}$/\1/'
}

rpc() {
  echo "\$ curl $RPC $1 $2"
  OUT=$(_rpc_result "$1" "$2") || exit 1
  echo "  $OUT"
}

advance() {
  rpc evm_increaseTime "[$1]"
  rpc evm_mine '[]'
}

balance() {
  echo "\$ curl $RPC eth_getBalance [\"$1\", \"latest\"]"
  OUT=$(_rpc_result eth_getBalance "[\"$1\",\"latest\"]" | tr -d '"') || exit 1
  echo "  $OUT"
}

latest_timestamp() {
  OUT=$(_rpc_result eth_getBlockByNumber '["latest",false]' | sed -n 's/.*"timestamp":"\(0x[0-9a-fA-F]*\)".*/\1/p')
  [[ -n "$OUT" ]] || fail "no timestamp in the latest block"
  OUT=$((OUT))
}
