#!/usr/bin/env bash
# The token's story on a chain node: DEV0 deploys a capped token and holds the initial supply;
# DEV1 receives tokens and lets DEV2 spend some of them; DEV2 spends within the allowance and
# is refused beyond it; a stranger's mint and a mint above the cap are refused; the owner
# mints; a holder burns. Usage: scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

E18=000000000000000000                # 18 decimals: "1000$E18" is 1000 tokens
INITIAL=1000$E18
CAP=1000000$E18

scenario_begin

step "DEV0 deploys the token: 1000 TNT to itself, at most 1,000,000 TNT ever"
deploy Token '"Tenet Token"' TNT "$INITIAL" "$CAP" --from "$DEV0"
TOKEN=$ADDR
call "$TOKEN" "name()(string)"
expect "name" "Tenet Token"
call "$TOKEN" "decimals()(uint8)"
expect "decimals" "18"
call "$TOKEN" "totalSupply()(uint256)"
expect "total supply" "$INITIAL"
call "$TOKEN" "owner()(address)"

step "DEV0 sends 100 TNT to DEV1"
send "$TOKEN" "transfer(address,uint256)" "$DEV1" "100$E18" --from "$DEV0"
call "$TOKEN" "balanceOf(address)(uint256)" "$DEV1"
expect "DEV1's balance" "100$E18"

step "DEV1 lets DEV2 spend 40 TNT; DEV2 moves 30 TNT of them to DEV3"
send "$TOKEN" "approve(address,uint256)" "$DEV2" "40$E18" --from "$DEV1"
send "$TOKEN" "transferFrom(address,address,uint256)" "$DEV1" "$DEV3" "30$E18" --from "$DEV2"
call "$TOKEN" "allowance(address,address)(uint256)" "$DEV1" "$DEV2"
expect "allowance left" "10$E18"

step "DEV2 tries to move 20 TNT more: only 10 are allowed"
send_reverts "$TOKEN" "transferFrom(address,address,uint256)" "$DEV1" "$DEV3" "20$E18" --from "$DEV2"

step "DEV1 tries to mint: only the owner may"
send_reverts "$TOKEN" "mint(address,uint256)" "$DEV1" "1$E18" --from "$DEV1"

step "the owner mints 500 TNT to DEV1, then tries to pass the cap"
send "$TOKEN" "mint(address,uint256)" "$DEV1" "500$E18" --from "$DEV0"
send_reverts "$TOKEN" "mint(address,uint256)" "$DEV1" "$CAP" --from "$DEV0"

step "DEV3 burns 10 of its 30 TNT"
send "$TOKEN" "burn(uint256)" "10$E18" --from "$DEV3"
call "$TOKEN" "balanceOf(address)(uint256)" "$DEV3"
expect "DEV3's balance" "20$E18"
call "$TOKEN" "totalSupply()(uint256)"
expect "total supply" "1490$E18"

scenario_end
