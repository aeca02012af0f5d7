#include "tenet/runner/environment.hpp"

namespace tenet::runner {

vm::Address default_sender() {
  return *vm::parse_address(kDefaultSenderHex);
}

vm::Address test_contract_address() {
  return vm::create_address(default_sender(), kTestContractDeployNonce);
}

vm::Word test_balance() {
  return vm::Word{0, uint64_t{1} << 32, 0, 0};
}

vm::TxContext initial_context(uint64_t gas_limit) {
  vm::TxContext context;
  context.origin = default_sender();
  context.number = kStartBlockNumber;
  context.timestamp = kStartTimestamp;
  context.gas_limit = gas_limit;
  context.chain_id = vm::Word{kChainId};
  context.difficulty = vm::Word{kDifficulty};
  return context;
}

}  // namespace tenet::runner
