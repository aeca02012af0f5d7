#!/usr/bin/env bash
# CLI tests for `tenet node`, `tenet deploy`, `tenet call` and `tenet send` (docs/cli.md):
# a node in memory on a port the system chooses (read from "Listening on"), the sample
# project's Token deployed, called and sent to, with hashes masked: decoded results, events
# and reverts (estimated: nothing sent; mined with --gas: from the receipt), local signing
# with --key, value units, [rpc] local of tenet.toml, exit codes 0/1/2, SIGTERM and SIGINT →
# "stopped" and exit 0, --no-mining + evm_mine and --block-time, and --verify of a data directory. Nodes are stopped by their PID. Usage: node_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
SAMPLE="$SRC/tests/cli/programs/project"
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
source "$SRC/scripts/lib/tenet_node.sh"
NODE_PID=""
trap '[[ -n "$NODE_PID" ]] && kill -9 "$NODE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

DEV0=0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266
DEV1=0x70997970c51812dc3a010c7d01b50e0d17dc79c8
DEV1_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
TOKEN=0x5fbdb2315678afecb367f032d93f642f64180aa3  # CREATE(DEV0, nonce 0)
FRESH=0x00000000000000000000000000000000000000bb

# t ARGS…: runs tenet; sets out (hashes masked), err, rc.
t() {
  "$TENET" "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(sed -E 's/0x[0-9a-f]{64}/0xHASH/g' "$WORK/.out")
  err=$(cat "$WORK/.err")
}

# stop_node [SIGNAL]: SIGTERM (or SIGNAL) to NODE_PID; sets stop_rc to its exit code.
stop_node() {
  kill "-${1:-TERM}" "$NODE_PID"
  wait "$NODE_PID"
  stop_rc=$?
  NODE_PID=""
}

cp -r "$SAMPLE" project
(cd project && "$TENET" build > /dev/null) || { echo "FAIL: tenet build"; exit 1; }
start_tenet_node "$TENET" node.log --in-memory
check "banner: first account" "(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000.000000000000000000 ETH)" \
  "$(grep -m1 '^(0) 0x' node.log)"
check "banner: first key" "(0) 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" \
  "$(grep '^(0) 0x' node.log | sed -n 2p)"
check "banner: listening" "1" "$(grep -c '^Listening on 127.0.0.1:[1-9][0-9]*$' node.log)"
cd project || exit 1

# ---- deploy
t deploy Token 1000 --rpc "$RPC"
check "deploy" "0|transaction: 0xHASH
block:       1
status:      success
gas used:    111125
event:       Transfer(from: 0x0000000000000000000000000000000000000000, to: $DEV0, amount: 1000)
deployed:    Token at $TOKEN|" "$rc|$out|$err"
t deploy Token --rpc "$RPC"
check "deploy: missing constructor argument" "2|error: constructor arguments: 'Token(uint256)' takes 1 argument(s), 0 given" "$rc|$err"
t deploy Nope --rpc "$RPC"
check "deploy: unknown contract" "2|error: no artifact of 'Nope' in out (run \`tenet build\`)" "$rc|$err"

# ---- call
t call $TOKEN "balanceOf(address)(uint256)" $DEV0 --rpc "$RPC"
check "call with result types" "0|1000|" "$rc|$out|$err"
t call $TOKEN "balanceOf(address)" $DEV0 --rpc "$RPC"
check "call, result types from the artifact" "0|1000|" "$rc|$out|$err"
t call $TOKEN total_supply --rpc "$RPC"
check "call by name" "0|1000|" "$rc|$out|$err"
t call $TOKEN "transfer(address,uint256)" $DEV1 5000 --rpc "$RPC"
check "call: decoded revert (eth_call from the zero address)" "1|error: call reverted: InsufficientBalance(0, 5000)" "$rc|$err"
t call $TOKEN "transfer(address,uint256)" $DEV1 5000 --from $DEV0 --rpc "$RPC"
check "call --from" "1|error: call reverted: InsufficientBalance(1000, 5000)" "$rc|$err"
t call 0x00000000000000000000000000000000000000aa "balanceOf(address)(uint256)" $DEV0 --rpc "$RPC"
check "call: no code" "1|error: call failed: 0x00000000000000000000000000000000000000aa has no code" "$rc|$err"
t call $TOKEN "balanceOf(address)(uint256)" --rpc "$RPC"
check "call: argument count" "2|error: 'balanceOf(address)' takes 1 argument(s), 0 given" "$rc|$err"

# ---- send
t send $TOKEN "transfer(address,uint256)" $DEV1 10 --rpc "$RPC"
check "send" "0|transaction: 0xHASH
block:       2
status:      success
gas used:    56806
event:       Transfer(from: $DEV0, to: $DEV1, amount: 10)|" "$rc|$out|$err"
t call $TOKEN "balanceOf(address)" $DEV1 --rpc "$RPC"
check "send: balance moved" "0|10" "$rc|$out"
t send $TOKEN transfer $DEV0 3 --rpc "$RPC" --key $DEV1_KEY
check "send --key (local type-2 signature)" "0|transaction: 0xHASH
block:       3
status:      success
gas used:    39706
event:       Transfer(from: $DEV1, to: $DEV0, amount: 3)|" "$rc|$out|$err"
t send $TOKEN "transfer(address,uint256)" $DEV1 5000 --rpc "$RPC"
check "send: estimate reverts, nothing sent" "1||error: transaction reverted: InsufficientBalance(993, 5000)" "$rc|$out|$err"
t send $TOKEN "transfer(address,uint256)" $DEV1 5000 --rpc "$RPC" --gas 100000
check "send --gas: mined reverted, revert from the receipt" "1|transaction: 0xHASH
block:       4
status:      reverted
gas used:    29875
revert:      InsufficientBalance(993, 5000)|" "$rc|$out|$err"
t send $FRESH --value 1.5ether --rpc "$RPC"
check "send: value transfer" "0|transaction: 0xHASH
block:       5
status:      success
gas used:    21000|" "$rc|$out|$err"
balance=$(curl -s -X POST -H 'content-type: application/json' \
  --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[\"$FRESH\",\"latest\"]}" "$RPC")
check "send: 1.5 ether arrived" '{"id":1,"jsonrpc":"2.0","result":"0x14d1120d7b160000"}' "$balance"
t send $DEV1 --value 2.5foo --rpc "$RPC"
check "send: bad value" "2|error: --value: '2.5foo' is not an amount (wei, or 1.5ether, 20gwei)" "$rc|$err"
t send $DEV1 --value 1 --key 0x12 --rpc "$RPC"
check "send: bad key" "2|error: --key: not a 32-byte hex private key" "$rc|$err"
t send $DEV1 --value 1 --key $DEV1_KEY --from $DEV0 --rpc "$RPC"
check "send: --key and --from" "2" "$rc"
t send nowhere --rpc "$RPC"
check "send: bad address" "2|error: 'nowhere' is not an address" "$rc|$err"
t send $DEV1 --value 100000ether --gas 21000 --rpc "$RPC"
check "send: refused by the node" "1|error: transaction failed: insufficient funds for gas * price + value" "$rc|${err%%: balance*}"
# Without --gas the estimate refuses it the same way (not as a revert), nothing sent.
t send $DEV1 --value 100000ether --rpc "$RPC"
check "send: unaffordable value, estimated" "1|error: transaction failed: insufficient funds for gas * price + value: address $DEV0" "$rc|${err%% have *}"
t send $DEV1 --value 1 --rpc https://127.0.0.1:1
check "send: bad URL" "2|error: --rpc: 'https://127.0.0.1:1' uses https, which is not supported" "$rc|$err"
# [rpc] local of tenet.toml when there is no --rpc
printf '\n[rpc]\nlocal = "%s"\n' "$RPC" >> tenet.toml
t call $TOKEN "balanceOf(address)(uint256)" $DEV1
check "call via [rpc] local" "0|7|" "$rc|$out|$err"
cd "$WORK" || exit 1

# ---- SIGTERM stops the node: "stopped", exit 0; then nothing answers.
stop_node
check "node: SIGTERM" "0|stopped" "$stop_rc|$(tail -n 1 node.log)"
t call $TOKEN "balanceOf(address)(uint256)" $DEV0 --rpc "$RPC"
check "call: node gone" "1|error: cannot reach $RPC: connection refused" "$rc|$err"

# ---- Mining flags: --no-mining pools a send until evm_mine; --block-time mines on a timer.
rpc_call() {
  curl -s -X POST -H 'content-type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$RPC"
}
start_tenet_node "$TENET" manual.log --in-memory --no-mining
"$TENET" send $DEV1 --value 1 --rpc "$RPC" > manual.out 2>&1 &
SEND_PID=$!
for _ in $(seq 100); do
  [[ "$(rpc_call eth_getTransactionCount "[\"$DEV0\",\"pending\"]")" == *'"0x1"'* ]] && break
  sleep 0.1
done
check "--no-mining: pooled, not mined" '{"id":1,"jsonrpc":"2.0","result":"0x0"}' "$(rpc_call eth_blockNumber '[]')"
rpc_call evm_mine '[]' > /dev/null
wait $SEND_PID
send_rc=$?
check "--no-mining: evm_mine mines it, the send's receipt follows" "0|block: 1|status: success" \
  "$send_rc|$(grep '^block:' manual.out | tr -s ' ')|$(grep '^status:' manual.out | tr -s ' ')"
stop_node
start_tenet_node "$TENET" interval.log --in-memory --block-time 1
t send $DEV1 --value 1 --rpc "$RPC"
check "--block-time 1: the timer's block mines the send" "0|status: success" "$rc|$(grep '^status:' <<< "$out" | tr -s ' ')"
stop_node

# ---- --verify
t node --verify --in-memory
check "node --verify --in-memory" "2|error: --verify replays a data directory; it cannot be used with --in-memory" "$rc|$err"
t node --verify --data-dir "$WORK/none"
check "node --verify without a chain" "1|error: no chain in $WORK/none" "$rc|$err"
start_tenet_node "$TENET" disk.log --data-dir "$WORK/chain"
t send $DEV1 --value 1gwei --rpc "$RPC"
check "disk node: send" "0" "$rc"
stop_node INT
check "disk node: SIGINT" "0|stopped" "$stop_rc|$(tail -n 1 disk.log)"
t node --verify --data-dir "$WORK/chain"
check "node --verify" "0|verified 2 blocks of $WORK/chain|" "$rc|$out|$err"

echo "node commands: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
