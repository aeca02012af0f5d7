// The fixed facts of the test environment (toolchain.md §5; docs/testing.md).
#include "tenet/runner/environment.hpp"

#include <gtest/gtest.h>

#include "tenet/vm/address.hpp"

namespace tenet::runner {
namespace {

TEST(RunnerEnvironment, TestContractLandsWhereForgePutsIt) {
  EXPECT_EQ(vm::to_hex(test_contract_address()), "0x7fa9385be102ac3eac297483dd6233d62b3e1496");
}

TEST(RunnerEnvironment, BalanceIsTwoToTheNinetySix) {
  EXPECT_EQ(test_balance(), (vm::Word{0, uint64_t{1} << 32, 0, 0}));
  EXPECT_EQ(vm::to_hex(default_sender()), kDefaultSenderHex);
}

TEST(RunnerEnvironment, BlockFieldsStartAtOne) {
  const vm::TxContext c = initial_context(kDefaultTestGasLimit);
  EXPECT_EQ(c.number, 1u);
  EXPECT_EQ(c.timestamp, 1u);
  EXPECT_EQ(c.chain_id, vm::Word{31337});
  EXPECT_EQ(c.gas_limit, kDefaultTestGasLimit);
}

TEST(RunnerEnvironment, DifficultyOneAndBaseFeeZero) {  // language.md §9
  const vm::TxContext c = initial_context(kDefaultTestGasLimit);
  EXPECT_EQ(c.difficulty, vm::Word{1});
  EXPECT_EQ(c.base_fee, vm::Word{});
}

}  // namespace
}  // namespace tenet::runner
