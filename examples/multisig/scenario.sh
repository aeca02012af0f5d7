#!/usr/bin/env bash
# The multisig story on a chain node: a 2-of-3 wallet (DEV1, DEV2, DEV3) is funded with
# 5 ether and pays 1 ether to DEV5 once two owners confirmed; an outsider's confirmation
# and a replay are refused; then the owners raise the threshold to 3 with a transaction of
# the wallet to itself.
# Usage: bash examples/multisig/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

scenario_begin

step "deploy a wallet: owners DEV1, DEV2, DEV3, threshold 2"
deploy Multisig "[$DEV1,$DEV2,$DEV3]" 2
WALLET=$ADDR
call "$WALLET" "threshold()"
expect "threshold" "2"

step "fund the wallet with 5 ether (a plain transfer runs its receive)"
send "$WALLET" --value 5ether --from "$DEV4"
call "$WALLET" "balance()"
expect "the wallet holds 5 ether" "5000000000000000000"

step "DEV1 submits a transfer of 1 ether to DEV5 (and confirms it)"
balance "$DEV5"
expect "DEV5 starts with 10000 ether" "0x21e19e0c9bab2400000"
send "$WALLET" "submit(address,uint256,bytes)" "$DEV5" 1000000000000000000 0x --from "$DEV1"
call "$WALLET" "confirmations(uint256)" 0
expect "one confirmation" "1"

step "DEV6 is no owner: its confirmation is refused"
send_reverts "$WALLET" "confirm(uint256)" 0 --from "$DEV6"

step "one confirmation is not enough"
send_reverts "$WALLET" "execute(uint256)" 0 --from "$DEV1"

step "DEV2 confirms; DEV3 executes"
send "$WALLET" "confirm(uint256)" 0 --from "$DEV2"
send "$WALLET" "execute(uint256)" 0 --from "$DEV3"
call "$WALLET" "balance()"
expect "the wallet holds 4 ether" "4000000000000000000"
balance "$DEV5"
expect "DEV5 has 10001 ether" "0x21e27c1806e59a40000"

step "the executed transaction cannot run again"
send_reverts "$WALLET" "execute(uint256)" 0 --from "$DEV2"

step "an owner cannot change the threshold alone"
send_reverts "$WALLET" "change_threshold(uint256)" 3 --from "$DEV1"

step "the owners raise the threshold to 3 through the wallet itself"
# The call data of change_threshold(3): its selector (the first 4 bytes of
# keccak256("change_threshold(uint256)")) and the argument as a 32-byte word.
RAISE=0x3c823333$(printf '%064x' 3)
send "$WALLET" "submit(address,uint256,bytes)" "$WALLET" 0 "$RAISE" --from "$DEV1"
send "$WALLET" "confirm(uint256)" 1 --from "$DEV3"
send "$WALLET" "execute(uint256)" 1 --from "$DEV1"
call "$WALLET" "threshold()"
expect "threshold" "3"

scenario_end
