// EIP-1559's base fee update (base_fee.hpp).

#include "tenet/node/chain/base_fee.hpp"

namespace tenet::node {

namespace {
constexpr uint64_t kElasticityMultiplier = 2;
constexpr uint64_t kBaseFeeMaxChangeDenominator = 8;
}  // namespace

Word next_base_fee(const Header& parent) {
  const uint64_t target = parent.gas_limit / kElasticityMultiplier;
  if (target == 0 || parent.gas_used == target) return parent.base_fee;
  if (parent.gas_used > target) {
    const Word delta =
        vm::udiv(vm::udiv(vm::mul(parent.base_fee, Word{parent.gas_used - target}), Word{target}),
                 Word{kBaseFeeMaxChangeDenominator});
    return vm::add(parent.base_fee, delta.is_zero() ? Word{1} : delta);
  }
  const Word delta =
      vm::udiv(vm::udiv(vm::mul(parent.base_fee, Word{target - parent.gas_used}), Word{target}),
               Word{kBaseFeeMaxChangeDenominator});
  return vm::sub(parent.base_fee, delta);
}

}  // namespace tenet::node
