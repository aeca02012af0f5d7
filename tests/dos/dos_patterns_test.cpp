// The denial-of-service patterns (bench/dos/patterns.hpp) at a small budget: each is
// charged exactly the gas below, and holds at most the goal's memory per gas (64 MiB at
// the 30M block gas limit) at that budget. Deterministic: no timing. The bench
// (`make bench-dos`) measures the same patterns' time.
//
// The expected figures follow the gas schedule (docs/gas.md): when it changes, run
//   ./build/release/tests/tenet_dos_tests
// and paste the "actual:" lines the failures print into kExpected.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "tenet/vm/container.hpp"
#include "patterns.hpp"

namespace {

using tenet::dos::Pattern;
using tenet::vm::Status;

/// The budget every pattern runs at.
constexpr int64_t kTestGas = 2'000'000;
/// The goal: 64 MiB of native memory at the 30M block gas limit, as bytes per gas.
constexpr double kMaxBytesPerGas = 64.0 * 1024 * 1024 / 30'000'000;
/// A run that holds more than this is stopped (std::bad_alloc) and fails.
constexpr size_t kHardLimitBytes = size_t{256} << 20;
/// Contract code deployed for the distinct-contracts pattern: enough maximal contracts to
/// pass the per-transaction code limit, few enough to set up quickly under ASan.
constexpr size_t kMaxCodeBytes = size_t{2} << 20;

struct Expected {
  Status status;
  int64_t gas_used;
};

/// The one table of expected outcomes at kTestGas.
const std::map<std::string, Expected>& expected() {
  static const std::map<std::string, Expected> table = {
      // clang-format off
      {"arith_loop", {Status::OutOfGas, 2000000}},
      {"cold_calls_max_contracts", {Status::OutOfGas, 2000000}},
      {"warm_call_max_contract", {Status::Success, 1980096}},
      {"entry_large_frame", {Status::Success, 1803240}},
      {"return_large_repeat", {Status::Success, 1952512}},
      {"returndatacopy_large", {Status::Success, 1986271}},
      {"nested_calls_memory", {Status::Success, 644296}},
      {"nested_calls_memory_256k", {Status::Success, 1834624}},
      {"nested_calls_plain", {Status::Success, 42957}},
      {"internal_recursion_max_locals", {Status::OutOfGas, 2000000}},
      {"callf_max_locals", {Status::Success, 1900629}},
      {"call_codeless_cold", {Status::Success, 1971015}},
      {"memory_one_frame", {Status::OutOfGas, 2000000}},
      {"debuglog_64k", {Status::OutOfGas, 2000000}},
      {"log4_large", {Status::OutOfGas, 2000000}},
      {"log4_empty", {Status::Success, 1980738}},
      {"mcopy_large", {Status::Success, 1950364}},
      {"calldatacopy_large", {Status::Success, 1925819}},
      {"keccak_empty", {Status::Success, 1990020}},
      {"keccak_large", {Status::Success, 1821223}},
      {"sha256_empty", {Status::Success, 1990275}},
      {"sha256_large", {Status::Success, 1813667}},
      {"ecrecover_valid", {Status::Success, 1953781}},
      {"div_full", {Status::Success, 1990083}},
      {"mod_full", {Status::Success, 1990083}},
      {"sdiv_full", {Status::Success, 1990066}},
      {"smod_full", {Status::Success, 1990066}},
      {"addmod_full", {Status::Success, 1990125}},
      {"mulmod_full", {Status::Success, 1990221}},
      {"exp_32byte", {Status::Success, 1990009}},
      {"jumptable_random", {Status::Success, 1990025}},
      {"sstore_new_slots", {Status::Success, 1968422}},
      {"sload_cold", {Status::Success, 1992106}},
      {"balance_cold", {Status::Success, 1981080}},
      {"transfer_new_accounts", {Status::Success, 1958071}},
      {"create_small_children", {Status::Success, 1923407}},
      {"create_large_child", {Status::OutOfGas, 2000000}},
      // clang-format on
  };
  return table;
}

std::string status_enum(Status s) {
  switch (s) {
    case Status::Success:
      return "Status::Success";
    case Status::Revert:
      return "Status::Revert";
    case Status::OutOfGas:
      return "Status::OutOfGas";
    case Status::Trap:
      return "Status::Trap";
    case Status::Invalid:
      return "Status::Invalid";
  }
  return "?";
}

/// The pattern's name is the parameter, so the test names (and ctest's) are stable.
class DosPattern : public testing::TestWithParam<std::string> {};

const Pattern& pattern_named(const std::string& name) {
  for (const Pattern& p : tenet::dos::patterns())
    if (p.name == name) return p;
  throw std::invalid_argument("no pattern " + name);
}

TEST_P(DosPattern, GasAndMemoryAtSmallBudget) {
  const Pattern& p = pattern_named(GetParam());
  const tenet::dos::RunResult r =
      tenet::dos::run_pattern(p, kTestGas, {kHardLimitBytes, kMaxCodeBytes});
  ASSERT_FALSE(r.exhausted) << p.name << " held more than " << (kHardLimitBytes >> 20) << " MiB at "
                            << kTestGas << " gas";
  const std::string actual =
      "{\"" + p.name + "\", {" + status_enum(r.status) + ", " + std::to_string(r.gas_used) + "}},";
  const auto it = expected().find(p.name);
  if (it == expected().end()) FAIL() << "no expected figures; actual: " << actual;
  EXPECT_EQ(r.status, it->second.status) << "actual: " << actual << " " << r.reason;
  EXPECT_EQ(r.gas_used, it->second.gas_used) << "actual: " << actual;
  const double bytes_per_gas = static_cast<double>(r.peak_bytes) / static_cast<double>(kTestGas);
  EXPECT_LE(bytes_per_gas, kMaxBytesPerGas)
      << p.name << " held " << r.peak_bytes << " bytes at " << kTestGas << " gas";
}

std::vector<std::string> all_patterns() {
  std::vector<std::string> v;
  for (const Pattern& p : tenet::dos::patterns()) v.push_back(p.name);
  return v;
}

INSTANTIATE_TEST_SUITE_P(Patterns, DosPattern, testing::ValuesIn(all_patterns()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(DosAllocCounter, CountsLiveAndPeakBytes) {
  tenet::dos::reset_peak();
  const size_t before = tenet::dos::live_bytes();
  auto* block = new std::vector<char>(1 << 20);
  EXPECT_GE(tenet::dos::live_bytes(), before + (1 << 20));
  delete block;
  EXPECT_LT(tenet::dos::live_bytes(), before + 1024);
  EXPECT_GE(tenet::dos::peak_bytes(), before + (1 << 20));
}

}  // namespace

namespace {

/// A maximal container (ContainerLimits::kMaxContainerSize bytes, metadata padding) whose
/// only function is a `receive` that stops.
std::vector<uint8_t> maximal_receiver() {
  using namespace tenet::vm;
  Container c;
  c.receive = 0;
  FunctionInfo f;
  f.code_size = 1;
  f.flags = kFlagPayable;
  c.functions = {f};
  c.code = {0x00};  // STOP
  c.metadata.assign(ContainerLimits::kMaxContainerSize - serialize_container(c).size(), 0);
  return serialize_container(c);
}

TEST(DosCodeByReference, ACallDoesNotCopyTheCalleesCode) {
  // The "CALL of a contract with 1 MiB of code, repeatedly" copied the code on every
  // call. A call of a cached maximal contract must allocate far less than its code.
  using namespace tenet::vm;
  Vm vm;
  JournaledHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  ExecResult d = host.deploy(sender, maximal_receiver(), 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ASSERT_EQ(host.get_code_size(d.created), ContainerLimits::kMaxContainerSize);
  ASSERT_EQ(host.transact(sender, d.created, {}, 100'000).status, Status::Success);  // cached
  const size_t before = tenet::dos::live_bytes();
  tenet::dos::reset_peak();
  ASSERT_EQ(host.transact(sender, d.created, {}, 100'000).status, Status::Success);
  EXPECT_LT(tenet::dos::peak_bytes() - before, ContainerLimits::kMaxContainerSize / 4);
}

}  // namespace
