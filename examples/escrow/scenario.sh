#!/usr/bin/env bash
# The escrow story on a chain node: DEV1 buys from DEV2 with DEV3 as the arbiter. The buyer
# deposits 1 ether; the seller cannot take it, the buyer cannot take it back before the
# deadline, and the buyer releases it to the seller — once. A second deal is refunded once
# its deadline has passed (the node's clock is moved on), and a third is disputed by the
# seller and split by the arbiter.
# Usage: bash examples/escrow/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

BUYER=$DEV1
SELLER=$DEV2
ARBITER=$DEV3

scenario_begin

# The deadline: an hour after the latest block's timestamp (the node's clock, not ours).
latest_timestamp
DEADLINE=$((OUT + 3600))

step "deploy the escrow: buyer DEV1, seller DEV2, arbiter DEV3, price 1 ether, deadline in an hour"
deploy Escrow "$BUYER" "$SELLER" "$ARBITER" 1000000000000000000 "$DEADLINE"
ESCROW=$ADDR
call "$ESCROW" "state()"
expect "a new escrow awaits the deposit" "0"

step "the seller cannot deposit (only the buyer)"
send_reverts "$ESCROW" "deposit()" --from "$SELLER" --value 1ether

step "the buyer must deposit exactly the price"
send_reverts "$ESCROW" "deposit()" --from "$BUYER" --value 0.5ether

step "the buyer deposits 1 ether"
send "$ESCROW" "deposit()" --from "$BUYER" --value 1ether
call "$ESCROW" "held()"
expect "the escrow holds the price" "1000000000000000000"
call "$ESCROW" "state()"
expect "funded" "1"

step "nobody can refund before the deadline"
send_reverts "$ESCROW" "refund()" --from "$BUYER"

step "the seller cannot release the deposit to itself"
send_reverts "$ESCROW" "release()" --from "$SELLER"

step "the buyer releases the deposit to the seller"
send "$ESCROW" "release()" --from "$BUYER"
call "$ESCROW" "held()"
expect "the escrow is empty" "0"
call "$ESCROW" "state()"
expect "released" "3"

step "a second release is refused"
send_reverts "$ESCROW" "release()" --from "$BUYER"

step "a second deal: the buyer deposits, nobody releases"
deploy Escrow "$BUYER" "$SELLER" "$ARBITER" 1000000000000000000 "$DEADLINE"
SECOND=$ADDR
send "$SECOND" "deposit()" --from "$BUYER" --value 1ether

step "an hour and a second later (the node's clock), anyone refunds the buyer"
advance 3601
send "$SECOND" "refund()" --from "$ARBITER"
call "$SECOND" "state()"
expect "refunded" "4"

step "a third deal: the seller disputes, the arbiter gives it a quarter and the buyer the rest"
latest_timestamp
DEADLINE=$((OUT + 3600))
deploy Escrow "$BUYER" "$SELLER" "$ARBITER" 1000000000000000000 "$DEADLINE"
THIRD=$ADDR
send "$THIRD" "deposit()" --from "$BUYER" --value 1ether
send "$THIRD" "dispute()" --from "$SELLER"
send_reverts "$THIRD" "release()" --from "$BUYER"
send "$THIRD" "resolve(uint256)" 250000000000000000 --from "$ARBITER"
call "$THIRD" "state()"
expect "resolved" "5"

step "a deal desk opens escrows with the caller as the buyer"
deploy DealFactory
DESK=$ADDR
send "$DESK" "open_deal" "($SELLER,$ARBITER,2000000000000000000,$DEADLINE)" --from "$BUYER"
call "$DESK" "deal_count()"
expect "one deal" "1"
send_reverts "$DESK" "pause()" --from "$BUYER"

scenario_end
