// `.gas-snapshot` text and `--snapshot-check`'s comparison (toolchain.md §5 "Gas").
#include <gtest/gtest.h>

#include "runner/outputs_fixture.hpp"
#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

using ::tenet::runner::testing::sample_run;
using Lines = std::vector<std::string>;

TEST(GasSnapshot, OneLinePerPassingTestSortedByContractThenSignature) {
  EXPECT_EQ(gas_snapshot(sample_run()),
            "AVaultTest:deposit() (gas: 900)\n"
            "TokenTest:fuzz_transfer(uint256) (runs: 256, μ: 51000, ~: 51210)\n"
            "TokenTest:supply_is_constant() (runs: 256, calls: 3840, reverts: 3)\n"
            "TokenTest:transfer_moves_balance() (gas: 51234)\n");
}

TEST(GasSnapshot, EmptyRunIsEmptyText) {
  EXPECT_EQ(gas_snapshot(RunResult{}), "");
}

TEST(GasSnapshotCompare, SameTextHasNoDifferences) {
  const std::string text = gas_snapshot(sample_run());
  EXPECT_EQ(compare_gas_snapshot(text, text, 0), Lines{});
}

TEST(GasSnapshotCompare, ChangedGasIsReportedWithPercent) {
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 100)\n", "A:t() (gas: 120)\n", 0),
            Lines{"A:t() (gas: 100 → 120, +20.0%)"});
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 200)\n", "A:t() (gas: 150)\n", 0),
            Lines{"A:t() (gas: 200 → 150, -25.0%)"});
}

TEST(GasSnapshotCompare, ToleranceAllowsSmallChanges) {
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 1000)\n", "A:t() (gas: 1010)\n", 1.0), Lines{});
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 1000)\n", "A:t() (gas: 1011)\n", 1.0),
            Lines{"A:t() (gas: 1000 → 1011, +1.1%)"});
}

TEST(GasSnapshotCompare, FuzzLinesCompareEachMeasure) {
  EXPECT_EQ(compare_gas_snapshot("A:f(uint256) (runs: 256, μ: 100, ~: 90)\n",
                                 "A:f(uint256) (runs: 256, μ: 110, ~: 90)\n", 5),
            Lines{"A:f(uint256) (μ: 100 → 110, +10.0%)"});
  EXPECT_EQ(compare_gas_snapshot("A:f(uint256) (runs: 256, μ: 100, ~: 90)\n",
                                 "A:f(uint256) (runs: 10, μ: 110, ~: 90)\n", 0),
            Lines{"A:f(uint256) (runs: 256 → 10, -96.1%; μ: 100 → 110, +10.0%)"});
}

TEST(GasSnapshotCompare, AddedAndRemovedLinesAreDifferences) {
  EXPECT_EQ(compare_gas_snapshot("A:gone() (gas: 5)\nA:kept() (gas: 7)\n",
                                 "A:kept() (gas: 7)\nA:new() (gas: 9)\n", 50),
            (Lines{"A:gone() (gas: 5): in the snapshot, not in this run",
                   "A:new() (gas: 9): new in this run, not in the snapshot"}));
}

TEST(GasSnapshotCompare, KindChangeAndZeroAreDifferences) {
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 0)\n", "A:t() (gas: 4)\n", 100),
            Lines{"A:t() (gas: 0 → 4)"});
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 5)\n", "A:t() (runs: 1, μ: 5, ~: 5)\n", 100),
            Lines{"A:t(): was `A:t() (gas: 5)`, now `A:t() (runs: 1, μ: 5, ~: 5)`"});
}

TEST(GasSnapshotCompare, BlankLinesAndCarriageReturnsAreIgnored) {
  EXPECT_EQ(compare_gas_snapshot("A:t() (gas: 5)\r\n\n", "A:t() (gas: 5)\n", 0), Lines{});
}

}  // namespace
}  // namespace tenet::runner
