#pragma once
/// \file
/// EIP-1559's base fee: 1 gwei at genesis, then ±1/8 per block toward the target of half
/// the gas limit.

#include "tenet/node/chain/header.hpp"

namespace tenet::node {

/// The base fee of genesis (1 gwei, as anvil).
inline constexpr uint64_t kInitialBaseFee = 1'000'000'000;
/// The base fee of the block after `parent` (EIP-1559's formula, elasticity 2, change 1/8).
Word next_base_fee(const Header& parent);

}  // namespace tenet::node
