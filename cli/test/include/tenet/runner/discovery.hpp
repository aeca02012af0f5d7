#pragma once
/// \file
/// The tests of a built project: one TestSuite per `test contract`, one TestCase per
/// `test fn`/`invariant fn`, in source order; and the `--match-*` filters.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tenet/abi/type.hpp"
#include "tenet/runner/runner_options.hpp"
#include "tenet/runner/test_result.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::runner {

/// One test function.
struct TestCase {
  std::string name;                      ///< "fuzz_transfer"
  std::string signature;                 ///< "fuzz_transfer(uint256)" (ABI canonical)
  TestKind kind = TestKind::Unit;        ///< unit, fuzz (has parameters) or invariant
  std::vector<abi::AbiType> params;      ///< ABI types of the parameters (fuzz)
  std::vector<std::string> param_names;  ///< their names, for printing counterexamples
  std::array<uint8_t, 4> selector{};     ///< selector of the signature
  uint32_t line = 0;                     ///< line of its declaration
};

/// One test contract, compiled.
struct TestSuite {
  std::string file;               ///< root-relative path of the .t.tn file
  std::string contract;           ///< the test contract's name
  std::vector<uint8_t> bytecode;  ///< its container (test mode), children embedded
  bool has_setup = false;         ///< declares `fn setup()`
  std::vector<TestCase> cases;    ///< test and invariant functions, in source order
};

/// `--match-test`, `--match-contract` (regular expressions searched in the name, as forge
/// does) and `--match-path` (a glob on the root-relative path).
class TestFilter {
 public:
  /// Compiles the filters of `options`; a bad regular expression is an error naming the flag.
  static vm::Result<TestFilter> from(const RunnerOptions& options);
  /// Whether the suite (file, contract) is selected.
  bool selects(const TestSuite& suite) const;
  /// Whether the case of a selected suite is selected.
  bool selects(const TestSuite& suite, const TestCase& test) const;

  ~TestFilter();
  TestFilter(TestFilter&&) noexcept;
  TestFilter& operator=(TestFilter&&) noexcept;

 private:
  TestFilter();
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
};

}  // namespace tenet::runner
