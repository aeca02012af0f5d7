#!/usr/bin/env bash
# The land-registry story on a chain node: the registrar (DEV0) deploys the registry, makes
# DEV4 a notary and registers a parcel to alice (DEV1). Alice sells it to bob (DEV2): she
# cannot name a second buyer, bob accepts, the notary approves, and a replay of the approval
# is refused. A dispute then freezes the title until the registrar settles it; the history
# shows both holders.
# Usage: bash examples/land-registry/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

NOTARY_ROLE=0x014df5ee2861d7f34562399ffa112fc59b51f810d2b875c3609ba0c31ac873d0
# keccak256(abi.encode("North Meadows", 17)): parcel_id("North Meadows", 17)
PARCEL=0xc51d936efcc88f929b83ba2b7d9ae5adb9c0e1a88e4d639c6ca40318d6a66560
# keccak256("deed of sale, North Meadows 17"): the signed deed stays off chain
DEED=0x0fb3fe8378c977001f08f0e97897f46d16451581f5731493d3e8a034673dde07
# keccak256("claim: boundary of North Meadows 17 contested by carol"): the claim's document
CLAIM=0xa6ffd60a2ef021d35c7d2c735fb69e76eb4ec2d583a02dbfc837259863a17b98

scenario_begin

step "the registrar deploys the registry, appoints a notary and registers alice's title"
deploy LandRegistry
REG=$ADDR
send "$REG" grantRole "$NOTARY_ROLE" "$DEV4"
send "$REG" register "$PARCEL" "$DEV1"

step "alice asks for transfer 1 to bob; naming a second buyer reverts with a decoded error"
send "$REG" request_transfer "$PARCEL" "$DEV2" "$DEED" --from "$DEV1"
send_reverts "$REG" request_transfer "$PARCEL" "$DEV3" "$DEED" --from "$DEV1"
[[ "$OUT" == *"TransferPending("* ]] || fail "expected TransferPending"

step "bob accepts, the notary approves transfer 1; replaying the approval is refused"
send "$REG" accept_transfer "$PARCEL" 1 --from "$DEV2"
send "$REG" approve_transfer "$PARCEL" 1 --from "$DEV4"
send_reverts "$REG" approve_transfer "$PARCEL" 1 --from "$DEV4"
[[ "$OUT" == *"NoPendingTransfer("* ]] || fail "expected NoPendingTransfer"
call "$REG" holder_of "$PARCEL"
expect "holder" "$(printf '%s' "$DEV2" | tr 'A-F' 'a-f')"

step "a dispute freezes the title: bob cannot sell until the registrar settles it"
send "$REG" raise_dispute "$PARCEL" "$CLAIM" --from "$DEV4"
send_reverts "$REG" request_transfer "$PARCEL" "$DEV3" "$DEED" --from "$DEV2"
[[ "$OUT" == *"TitleFrozen("* ]] || fail "expected TitleFrozen"
send "$REG" settle_dispute "$PARCEL" "$DEV2"

step "the full ownership history"
call "$REG" history_length "$PARCEL"
expect "history length" "2"
call "$REG" history_page "$PARCEL" 0 10
call "$REG" history_at "$PARCEL" 1

scenario_end
