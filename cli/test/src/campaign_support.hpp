#pragma once
// What the fuzz and invariant campaigns share (private to cli/test/src): the kind of a
// failure ("still fails" while shrinking), call data, gas statistics.

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "tenet/abi/type.hpp"
#include "tenet/runner/campaign.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::runner::detail {

/// Executions a fuzz test's shrinking may make.
inline constexpr uint64_t kFuzzShrinkExecutions = 1000;
/// Sequence replays an invariant's shrinking may make.
inline constexpr uint64_t kInvariantShrinkExecutions = 2000;

/// The kind of a failed run: its status, and for a revert the error's selector (a panic's
/// code too), or "misuse". Two failures of one kind may differ in their values
/// (`assertion failed: 1001 != 1000` and `… 1002 != 1000`).
std::string failure_kind(const RunOutcome& outcome);

/// selector ‖ abi::encode_values(types, texts).
vm::Result<std::vector<uint8_t>> call_data(const std::array<uint8_t, 4>& selector,
                                           std::span<const abi::AbiType> types,
                                           std::span<const std::string> texts);

/// Sets result.gas to the mean and result.gas_median to the median of `gas` (0 when empty;
/// the mean of the two middle values for an even count, rounded down).
void set_gas_stats(TestResult& result, std::vector<uint64_t> gas);

/// The result of a campaign before it runs: the test's name, signature, kind and seed.
TestResult campaign_result(const TestCase& test, uint64_t seed);

/// Where the campaign of `test` saves its counterexample (empty when `store` is empty).
std::filesystem::path campaign_store_path(const std::filesystem::path& store,
                                          const TestSuite& suite, const TestCase& test);

}  // namespace tenet::runner::detail
