#!/usr/bin/env bash
# The voting example's story on a node: an authority opens a sealed ballot with a one-minute
# commit phase and a one-minute reveal phase and registers four voters; three of them commit,
# the fourth copies the first one's commitment; time passes (evm_increaseTime + evm_mine), the
# votes are opened and counted, the copy cannot be opened, and anyone finalizes the result.
# Usage: scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

# The voters' secret salts (in real use: 32 random bytes each, kept until the reveal).
SALT1=0x1111111111111111111111111111111111111111111111111111111111111111
SALT2=0x2222222222222222222222222222222222222222222222222222222222222222
SALT3=0x3333333333333333333333333333333333333333333333333333333333333333

scenario_begin

step "The authority (dev account 0) opens a ballot: commit for 60 s, then reveal for 60 s"
deploy Ballot "Budget 2027" 60 60
BALLOT=$ADDR
send "$BALLOT" add_proposal Parks
send "$BALLOT" add_proposal Libraries
send "$BALLOT" register_voter "$DEV1"
send "$BALLOT" register_voter "$DEV2"
send "$BALLOT" register_voter "$DEV3"
send "$BALLOT" register_voter "$DEV4"

step "Voters 1 and 4 seal votes for Libraries (1), voter 2 one for Parks (0)"
# Hashing through the ballot's view is for this demo; a real client hashes locally.
call "$BALLOT" commitment_of 1 "$SALT1" "$DEV1"
C1=$OUT
send "$BALLOT" commit "$C1" --from "$DEV1"
call "$BALLOT" commitment_of 0 "$SALT2" "$DEV2"
send "$BALLOT" commit "$OUT" --from "$DEV2"
call "$BALLOT" commitment_of 1 "$SALT3" "$DEV4"
send "$BALLOT" commit "$OUT" --from "$DEV4"

step "Voter 3 copies voter 1's commitment from the chain, hoping to vote like voter 1"
send "$BALLOT" commit "$C1" --from "$DEV3"

step "An unregistered account cannot vote; nobody can reveal yet"
send_reverts "$BALLOT" commit "$C1" --from "$DEV5"
send_reverts "$BALLOT" reveal 1 "$SALT1" --from "$DEV1"

step "The commit phase ends"
advance 61
call "$BALLOT" phase
expect "phase" "1"

step "Votes are opened and counted"
send "$BALLOT" reveal 1 "$SALT1" --from "$DEV1"
send "$BALLOT" reveal 0 "$SALT2" --from "$DEV2"
send "$BALLOT" reveal 1 "$SALT3" --from "$DEV4"

step "Voter 3 replays voter 1's now public choice and salt: the hash binds the voter, refused"
send_reverts "$BALLOT" reveal 1 "$SALT1" --from "$DEV3"
call "$BALLOT" tally
call "$BALLOT" leader

step "The reveal phase ends; anyone finalizes"
advance 61
send "$BALLOT" finalize --from "$DEV5"
call "$BALLOT" winner
expect "winner" "1"
call "$BALLOT" reveal_count
expect "reveal_count" "3"

scenario_end
