// EIP-1559's base fee update. The first three cases are geth's TestCalcBaseFee table
// (InitialBaseFee 1 gwei, parent gas limit 20,000,000), checked by hand:
// target 10,000,000; 9,000,000 used → 1e9 − 1e9 × 1e6 / 1e7 / 8 = 987,500,000;
// 11,000,000 used → 1e9 + 12,500,000 = 1,012,500,000.

#include "tenet/node/chain/base_fee.hpp"

#include <gtest/gtest.h>

namespace tenet::node {
namespace {

Word base_fee_after(uint64_t parent_base_fee, uint64_t gas_limit, uint64_t gas_used) {
  Header parent;
  parent.base_fee = Word{parent_base_fee};
  parent.gas_limit = gas_limit;
  parent.gas_used = gas_used;
  return next_base_fee(parent);
}

TEST(BaseFee, GethTable) {
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 20'000'000, 10'000'000), Word{1'000'000'000});
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 20'000'000, 9'000'000), Word{987'500'000});
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 20'000'000, 11'000'000), Word{1'012'500'000});
}

TEST(BaseFee, EmptyAndFullBlocksMoveOneEighth) {
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 30'000'000, 0), Word{875'000'000});
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 30'000'000, 30'000'000), Word{1'125'000'000});
  // A 21,000-gas transfer in a 30M block: 1e9 − 1e9 × 14,979,000 / 15e6 / 8 = 875,175,000.
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 30'000'000, 21'000), Word{875'175'000});
}

TEST(BaseFee, IncreaseIsAtLeastOneAndDecreaseMayBeZero) {
  EXPECT_EQ(base_fee_after(7, 30'000'000, 15'000'001), Word{8});
  EXPECT_EQ(base_fee_after(7, 30'000'000, 14'999'999), Word{7});
  EXPECT_EQ(base_fee_after(0, 30'000'000, 0), Word{0});
  EXPECT_EQ(base_fee_after(0, 30'000'000, 30'000'000), Word{1});
}

TEST(BaseFee, TinyGasLimitKeepsTheFee) {
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 1, 1), Word{kInitialBaseFee});
  EXPECT_EQ(base_fee_after(kInitialBaseFee, 0, 0), Word{kInitialBaseFee});
}

}  // namespace
}  // namespace tenet::node
