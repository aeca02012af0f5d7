#!/usr/bin/env bash
# The supply chain's story on a chain node: a manufacturer makes a product, a distributor and
# a retailer take custody in turn (each handoff is shipped, then accepted), a retailer's
# attempt to grab a product not shipped to it is refused, and the product's full trail is
# read back; then the retailer sells it and the manufacturer recalls it.
# Usage: scenario.sh [--rpc URL] [--tenet PATH] (see ../lib/scenario.sh).
source "$(dirname "$0")/../lib/scenario.sh"

# Roles are the contract's `Role` enum (an ABI uint8); the batch is the keccak256 of the
# off-chain batch record, keccak256("batch 2026-12 / line 4").
MANUFACTURER=1 DISTRIBUTOR=2 RETAILER=3
BATCH=0xbf2260fb8ca398161dcdaf17c96b5e88cc98daee73840e46df6d612daecac28c

scenario_begin

step "The owner (DEV0) deploys SupplyChain"
deploy SupplyChain
SC=$ADDR

step "The owner registers a manufacturer (DEV1), a distributor (DEV2) and a retailer (DEV3)"
send "$SC" register_party "$DEV1" $MANUFACTURER "Acme Pharma"
send "$SC" register_party "$DEV2" $DISTRIBUTOR "FastFreight"
send "$SC" register_party "$DEV3" $RETAILER "Corner Pharmacy"

step "The manufacturer creates a product: its id is the product count"
send "$SC" create_product "Vaccine X" $BATCH --from "$DEV1"
call "$SC" product_count
ID=$OUT

step "Manufacturer -> distributor: ship, then the distributor accepts custody"
send "$SC" ship "$ID" "$DEV2" --from "$DEV1"
send "$SC" accept_delivery "$ID" --from "$DEV2"

step "The retailer tries to take the product before it is shipped to it: refused"
send_reverts "$SC" accept_delivery "$ID" --from "$DEV3"

step "Distributor -> retailer: ship, then the retailer accepts (delivered)"
send "$SC" ship "$ID" "$DEV3" --from "$DEV2"
send "$SC" accept_delivery "$ID" --from "$DEV3"

step "The full trail: (status, actor, custodian, timestamp, block) per step"
call "$SC" history_length "$ID"
expect "history length" 5
for i in 0 1 2 3 4; do call "$SC" history_at "$ID" $i; done

step "The retailer sells the product to a consumer"
send "$SC" sell "$ID" --from "$DEV3"

step "The batch turns out to be bad: the manufacturer recalls the product, sold or not"
send "$SC" recall "$ID" "Batch 2026-12 contaminated" --from "$DEV1"
call "$SC" history_length "$ID"
expect "history length" 7

scenario_end
echo "SupplyChain at $SC"
