/// \file
/// Ethereum's intrinsic gas (intrinsic_gas.hpp).

#include "tenet/node/tx/intrinsic_gas.hpp"

#include <algorithm>

namespace tenet::node {

uint64_t intrinsic_gas(const Transaction& tx) {
  uint64_t gas = kTxGas;
  const auto zeros = static_cast<uint64_t>(std::count(tx.data.begin(), tx.data.end(), uint8_t{0}));
  gas += zeros * kTxDataZeroGas + (tx.data.size() - zeros) * kTxDataNonZeroGas;
  if (!tx.to) gas += kTxCreateGas + (tx.data.size() + 31) / 32 * kInitCodeWordGas;
  for (const auto& entry : tx.access_list)
    gas += kAccessListAddressGas + entry.storage_keys.size() * kAccessListStorageKeyGas;
  return gas;
}

}  // namespace tenet::node
