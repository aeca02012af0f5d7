/// \file
/// Gas prices and maximum cost (fees.hpp).

#include "tenet/node/tx/fees.hpp"

namespace tenet::node {

Word fee_cap(const Transaction& tx) {
  return tx.type == TxType::DynamicFee ? tx.max_fee : tx.gas_price;
}

Word effective_gas_price(const Transaction& tx, const Word& base_fee) {
  if (tx.type != TxType::DynamicFee) return tx.gas_price;
  bool carry = false;
  const Word with_tip = vm::add_carry(base_fee, tx.max_priority_fee, carry);
  if (carry || vm::lt(tx.max_fee, with_tip)) return tx.max_fee;
  return with_tip;
}

std::optional<Word> max_cost(const Transaction& tx) {
  const Word cap = fee_cap(tx);
  if (vm::mul_overflows(Word{tx.gas_limit}, cap)) return std::nullopt;
  bool carry = false;
  const Word total = vm::add_carry(vm::mul(Word{tx.gas_limit}, cap), tx.value, carry);
  if (carry) return std::nullopt;
  return total;
}

}  // namespace tenet::node
