#pragma once
/// \file
/// The checks of a decoded transaction that need no state (Shanghai rules, Ethereum's order).

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// Refuses a transaction no state can accept: nonce 2^64 - 1 (EIP-2681) "invalid transaction:
/// nonce has max value"; type 2 with max_priority_fee > max_fee "invalid transaction: max
/// priority fee per gas higher than max fee per gas"; gas limit × fee cap above 2^256 - 1
/// "insufficient funds for gas * price + value: gas limit × fee cap overflows 256 bits" (adding
/// the value may overflow: Ethereum accepts that, and no balance pays it: max_cost); gas limit
/// below intrinsic_gas "intrinsic gas too low: have G, want I". Not checked here: the chain id, the
/// signature (recover_sender), the container of a deployment and the recipient's code part of the
/// intrinsic gas (the node).
Result<bool, Refusal> check_transaction(const Transaction& tx);

}  // namespace tenet::node
