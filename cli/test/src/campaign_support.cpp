// What the campaigns share (campaign_support.hpp).
#include "campaign_support.hpp"

#include <algorithm>

#include "tenet/abi/values.hpp"
#include "tenet/runner/counterexample_store.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::runner::detail {

std::string failure_kind(const RunOutcome& outcome) {
  const vm::ExecResult& r = outcome.result;
  if (r.status == vm::Status::Success) return outcome.misuse ? "misuse" : "success";
  if (r.status != vm::Status::Revert) return "status " + std::to_string(static_cast<int>(r.status));
  static constexpr std::array<uint8_t, 4> kPanic{0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)
  const bool panic =
      r.output.size() >= 36 && std::equal(kPanic.begin(), kPanic.end(), r.output.begin());
  const size_t key = panic ? 36 : std::min<size_t>(4, r.output.size());
  return "revert " + vm::hex_encode(std::span<const uint8_t>(r.output.data(), key));
}

vm::Result<std::vector<uint8_t>> call_data(const std::array<uint8_t, 4>& selector,
                                           std::span<const abi::AbiType> types,
                                           std::span<const std::string> texts) {
  auto args = abi::encode_values(types, texts);
  if (!args) return args.error();
  std::vector<uint8_t> data(selector.begin(), selector.end());
  data.insert(data.end(), args->begin(), args->end());
  return data;
}

void set_gas_stats(TestResult& result, std::vector<uint64_t> gas) {
  if (gas.empty()) return;
  uint64_t sum = 0;  // gas ≤ the test gas limit per run: no overflow below 10^9 runs
  for (uint64_t g : gas) sum += g;
  result.gas = sum / gas.size();
  std::sort(gas.begin(), gas.end());
  const size_t n = gas.size();
  const uint64_t a = gas[(n - 1) / 2], b = gas[n / 2];
  result.gas_median = a / 2 + b / 2 + (a & b & 1);
}

TestResult campaign_result(const TestCase& test, uint64_t seed) {
  TestResult r;
  r.name = test.name;
  r.signature = test.signature;
  r.kind = test.kind;
  r.seed = seed;
  return r;
}

std::filesystem::path campaign_store_path(const std::filesystem::path& store,
                                          const TestSuite& suite, const TestCase& test) {
  if (store.empty()) return {};
  return counterexample_path(store, suite.file, suite.contract, test.signature);
}

}  // namespace tenet::runner::detail
