#pragma once
/// \file
/// Ethereum's intrinsic gas of a transaction (Shanghai rules) — what it costs before any code
/// runs. The node adds `vm::cold_code_cost(size of the recipient's code)` for a call
/// (docs/vm.md): that part depends on state and is not here.

#include <cstdint>

#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// The base cost of every transaction.
inline constexpr uint64_t kTxGas = 21'000;
/// The extra cost of a deployment (no `to`).
inline constexpr uint64_t kTxCreateGas = 32'000;
/// Per zero byte of data.
inline constexpr uint64_t kTxDataZeroGas = 4;
/// Per non-zero byte of data (EIP-2028).
inline constexpr uint64_t kTxDataNonZeroGas = 16;
/// Per 32-byte word of a deployment's init code (EIP-3860).
inline constexpr uint64_t kInitCodeWordGas = 2;
/// Per access-list address (EIP-2930).
inline constexpr uint64_t kAccessListAddressGas = 2'400;
/// Per access-list storage key (EIP-2930).
inline constexpr uint64_t kAccessListStorageKeyGas = 1'900;

/// 21,000; + 32,000 and 2 per started 32-byte word of data for a deployment; 4 per zero and
/// 16 per non-zero data byte; 2,400 per access-list address and 1,900 per storage key.
uint64_t intrinsic_gas(const Transaction& tx);

}  // namespace tenet::node
