/// \file
/// Stateless transaction checks (validity.hpp).

#include "tenet/node/tx/validity.hpp"

#include <cstdint>
#include <string>

#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"

namespace tenet::node {

Result<bool, Refusal> check_transaction(const Transaction& tx) {
  if (tx.nonce == UINT64_MAX)
    return Refusal{RefusalKind::InvalidTransaction, "nonce has max value"};
  if (tx.type == TxType::DynamicFee && vm::lt(tx.max_fee, tx.max_priority_fee))
    return Refusal{RefusalKind::InvalidTransaction,
                   "max priority fee per gas higher than max fee per gas"};
  if (vm::mul_overflows(Word{tx.gas_limit}, fee_cap(tx)))
    return Refusal{RefusalKind::InsufficientFunds, "gas limit × fee cap overflows 256 bits"};
  const uint64_t intrinsic = intrinsic_gas(tx);
  if (tx.gas_limit < intrinsic)
    return Refusal{RefusalKind::IntrinsicGasTooLow,
                   "have " + std::to_string(tx.gas_limit) + ", want " + std::to_string(intrinsic)};
  return true;
}

}  // namespace tenet::node
