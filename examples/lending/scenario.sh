#!/usr/bin/env bash
# The lending pool's story on a chain node: a lender deposits, a borrower posts native coin
# and borrows up to the LTV (one more unit is refused with a decoded custom error), a year
# passes (evm_increaseTime + evm_mine), the owner lowers the price, and a liquidator repays
# part of the now under-collateralised debt for collateral plus the bonus.
# Usage: bash examples/lending/scenario.sh [--rpc URL] [--tenet PATH]
source "$(dirname "$0")/../lib/scenario.sh"

E18=000000000000000000
OWNER=$DEV0
LENDER=$DEV1
BORROWER=$DEV2
LIQUIDATOR=$DEV3

scenario_begin

step "The owner deploys the asset token and the pool (price: 2000 tokens per coin, ~10%/year)"
deploy LendToken '"Lend USD"' '"LUSD"' --from $OWNER
TOKEN=$ADDR
deploy LendingPool $TOKEN 2000$E18 3170979198 --from $OWNER
POOL=$ADDR

step "The owner mints tokens for the lender and the liquidator; each approves the pool"
send $TOKEN "mint(address,uint256)" $LENDER 100000$E18 --from $OWNER
send $TOKEN "mint(address,uint256)" $LIQUIDATOR 100000$E18 --from $OWNER
send $TOKEN "mint(address,uint256)" $BORROWER 2000$E18 --from $OWNER
for who in $LENDER $BORROWER $LIQUIDATOR; do
  send $TOKEN "approve(address,uint256)" $POOL 115792089237316195423570985008687907853269984665640564039457584007913129639935 --from $who
done

step "The lender deposits 100,000 tokens and gets as many shares"
send $POOL "deposit(uint256)" 100000$E18 --from $LENDER
call $POOL "shares(address)(uint256)" $LENDER
expect "lender shares" "100000$E18"

step "The borrower posts 10 coins (worth 20,000) and borrows the maximum, 75% of it"
send $POOL "supply_collateral()" --value 10ether --from $BORROWER
send $POOL "borrow(uint256)" 15000$E18 --from $BORROWER
call $POOL "debt_of(address)(uint256)" $BORROWER
expect "debt" "15000$E18"

step "One unit more is beyond the LTV: refused with a decoded custom error"
send_reverts $POOL "borrow(uint256)" 1 --from $BORROWER

step "A year passes"
advance 31536000
call $POOL "debt_of(address)(uint256)" $BORROWER
call $POOL "is_liquidatable(address)(bool)" $BORROWER
expect "still healthy after a year" "false"

step "Liquidating the healthy position is refused"
send_reverts $POOL "liquidate(address,uint256)" $BORROWER 1000$E18 --from $LIQUIDATOR

step "A stranger cannot move the price"
send_reverts $POOL "set_price(uint256)" 1$E18 --from $LIQUIDATOR

step "The owner lowers the price to 1,850 tokens per coin: the position passes the threshold"
send $POOL "set_price(uint256)" 1850$E18 --from $OWNER
call $POOL "is_liquidatable(address)(bool)" $BORROWER
expect "liquidatable after the price drop" "true"

step "The liquidator repays 8,000 of the debt (at most half) and takes collateral worth 8,400"
send_reverts $POOL "liquidate(address,uint256)" $BORROWER 9000$E18 --from $LIQUIDATOR
send $POOL "liquidate(address,uint256)" $BORROWER 8000$E18 --from $LIQUIDATOR
call $POOL "collateral(address)(uint256)" $BORROWER
call $POOL "is_liquidatable(address)(bool)" $BORROWER
expect "healthy again" "false"

step "The borrower repays the rest (with interest) and takes its collateral back"
send $POOL "repay(uint256)" 115792089237316195423570985008687907853269984665640564039457584007913129639935 --from $BORROWER
call $POOL "debt_of(address)(uint256)" $BORROWER
expect "no debt left" "0"
call $POOL "collateral(address)(uint256)" $BORROWER
send $POOL "withdraw_collateral(uint256)" "$OUT" --from $BORROWER

step "The lender withdraws every share: the deposit plus the interest"
send $POOL "withdraw(uint256)" 100000$E18 --from $LENDER
call $POOL "total_shares()(uint256)"
expect "no shares left" "0"

scenario_end
