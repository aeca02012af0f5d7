#!/usr/bin/env bash
# The insurance example's story on a node: an insurer opens a health pool with capital and a
# product, appoints an assessor, two members buy policies and claim with evidence hashes; a
# reused evidence hash and a self-approval are refused, an approved claim is paid at once, a
# forged claim is flagged and its member shut out; the insurer cannot withdraw the money the
# policies may still need until, a year later, they have expired and their reserve is released.
# Usage: scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

ETHER=1000000000000000000
YEAR=31536000
# keccak256("ASSESSOR_ROLE")
ASSESSOR_ROLE=0x9f4de61ee0a27bbb9b31d54eb4763d20f594fd4e21db4df58a141f10a97b3567
# Hashes of the evidence bundles the members keep off chain (and share with the assessor).
EVIDENCE1=0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1
EVIDENCE3=0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3
EVIDENCE4=0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4
EVIDENCE5=0xe5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5
# A reason code from the insurer's catalogue.
FORGED=0x00000000000000000000000000000000000000000000000000000000000f0a6e

scenario_begin

step "The insurer (dev account 0) opens the pool with 20 ether and a product"
deploy HealthPool --value 20ether
POOL=$ADDR
send "$POOL" add_product Basic "$ETHER" 10000000000000000000 "$YEAR"
send "$POOL" "grantRole(bytes32,address)" "$ASSESSOR_ROLE" "$DEV9"

step "Members 1 and 3 buy a policy (premium 1 ether, coverage 10 ether, one year)"
send "$POOL" buy_policy 0 --value 1ether --from "$DEV1"
send "$POOL" buy_policy 0 --value 1ether --from "$DEV3"

step "Member 1 claims 2 ether; only the hash of the evidence goes on chain"
send "$POOL" submit_claim 2000000000000000000 "$EVIDENCE1" --from "$DEV1"

step "Member 1 reuses the evidence hash; member 1 approves their own claim: refused"
send_reverts "$POOL" submit_claim 2000000000000000000 "$EVIDENCE1" --from "$DEV1"
send_reverts "$POOL" approve_claim 1 --from "$DEV1"

step "The assessor approves: the payout goes out in the same transaction"
send "$POOL" approve_claim 1 --from "$DEV9"
call "$POOL" remaining_coverage "$DEV1"
expect "remaining coverage" "8000000000000000000"
call "$POOL" total_paid
expect "total paid" "2000000000000000000"

step "Member 3 claims 9 ether with forged evidence; the assessor flags the claim"
send "$POOL" submit_claim 9000000000000000000 "$EVIDENCE3" --from "$DEV3"
send "$POOL" flag_claim 2 "$FORGED" --from "$DEV9"
send_reverts "$POOL" submit_claim "$ETHER" "$EVIDENCE4" --from "$DEV3"
call "$POOL" is_covered "$DEV3"
expect "member 3 covered" "false"

step "The insurer may take only what the policies cannot need: 20 held, 8 + 10 reserved"
call "$POOL" total_reserved
expect "reserved" "18000000000000000000"
call "$POOL" free_funds
expect "free funds" "2000000000000000000"
send_reverts "$POOL" withdraw_surplus "$DEV0" 3000000000000000000

step "A year later the policies have expired; their reserve is released"
advance $((YEAR + 1))
send_reverts "$POOL" submit_claim "$ETHER" "$EVIDENCE5" --from "$DEV1"
send "$POOL" release_reserve "$DEV1"
send "$POOL" release_reserve "$DEV3"
call "$POOL" free_funds
expect "free funds" "20000000000000000000"

scenario_end
