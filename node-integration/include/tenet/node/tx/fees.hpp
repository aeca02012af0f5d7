#pragma once
/// \file
/// What a transaction pays: the gas price it is charged at a base fee, and the most it can cost.

#include <optional>

#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// The fee cap per gas: `gas_price` for types 0 and 1, `max_fee` for type 2.
Word fee_cap(const Transaction& tx);

/// The price per gas paid at `base_fee`: `gas_price` for types 0 and 1; min(max_fee, base_fee
/// + max_priority_fee) for type 2. Callers check fee_cap ≥ base_fee first.
Word effective_gas_price(const Transaction& tx, const Word& base_fee);

/// gas_limit × fee_cap + value, what the sender must hold; nullopt when it exceeds 2^256 - 1.
std::optional<Word> max_cost(const Transaction& tx);

}  // namespace tenet::node
