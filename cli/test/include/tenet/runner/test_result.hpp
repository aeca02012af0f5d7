#pragma once
/// \file
/// What running tests produced: the one data model every reporter (text, JSON, JUnit,
/// snapshot, gas report) reads. Reporters never look at the VM or the host.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tenet/abi/revert.hpp"
#include "tenet/runner/call_trace.hpp"

namespace tenet::runner {

/// The kind of a test function.
enum class TestKind {
  Unit,       ///< `test fn` without parameters
  Fuzz,       ///< `test fn` with parameters
  Invariant,  ///< `invariant fn`
};

/// Pass or fail.
enum class TestStatus { Pass, Fail };

/// A place in the sources.
struct SourceLocation {
  std::string file;          ///< root-relative path ("src/Token.tn"); std files as "std/…"
  uint32_t line = 0;         ///< 1-based
  uint32_t column = 0;       ///< 1-based, 0 when unknown
  std::string text;          ///< the line's text, trimmed
  bool approximate = false;  ///< from optimised code only (the -O0 replay did not confirm it)
};

/// The two sides of a failed comparison (`require(bal >= amount)` failed: 3 >= 5).
struct ComparisonOperands {
  std::string op;        ///< ">=", "==", …
  std::string lhs;       ///< the left operand's value, formatted as `log` formats it
  std::string rhs;       ///< the right operand's value
  SourceLocation where;  ///< the comparison
};

/// Why a test (or a suite's setup) failed.
struct Failure {
  /// One line: `InsufficientBalance(1000, 1001)`, `Error("not owner")`,
  /// `Panic(0x11): arithmetic overflow or underflow`, `assertion failed: 3 != 5`, `out of gas`,
  /// `vm.expect_revert: expected Error("x"), got success`, `invariant supply_is_constant broken`.
  std::string reason;
  std::optional<abi::DecodedRevert> revert;    ///< when the reason came from revert data
  std::optional<SourceLocation> location;      ///< where it failed, innermost frame
  std::vector<SourceLocation> called_from;     ///< the calls leading there, innermost first
  std::optional<ComparisonOperands> operands;  ///< when the failing condition was a comparison
};

/// One call of a counterexample: `Token.transfer(0x…, 5)` from a sender.
struct CounterexampleCall {
  std::string sender;    ///< 0x address (invariant sequences; empty for a fuzz test's own call)
  std::string target;    ///< contract name or address
  std::string function;  ///< function name
  std::vector<std::string> args;  ///< argument texts (abi::encode_values' syntax)
};

/// A minimal failing input: the test's own arguments (fuzz) or a call sequence (invariant).
struct Counterexample {
  std::vector<CounterexampleCall> calls;  ///< one call for a fuzz test; the sequence for invariants
};

/// The result of one test function.
struct TestResult {
  std::string name;       ///< "transfer_moves_balance"
  std::string signature;  ///< "transfer_moves_balance()" / "fuzz_transfer(uint256)"
  TestKind kind = TestKind::Unit;
  TestStatus status = TestStatus::Pass;
  std::optional<Failure> failure;                ///< set when failed
  uint64_t gas = 0;                              ///< unit: gas of the test call; fuzz: mean
  uint64_t gas_median = 0;                       ///< fuzz: median gas of the runs
  uint64_t runs = 0;                             ///< fuzz/invariant: runs made (accepted inputs)
  uint64_t rejects = 0;                          ///< fuzz: inputs vm.assume rejected
  uint64_t calls = 0;                            ///< invariant: calls made in all sequences
  uint64_t seed = 0;                             ///< the fuzz seed used
  std::optional<Counterexample> counterexample;  ///< fuzz/invariant failures
  bool replayed = false;                         ///< the failure came from a saved counterexample
  std::vector<std::string> logs;                 ///< `log(…)` lines of the reported run, in order
  std::shared_ptr<const CallTrace> trace;        ///< the reported run's calls, when asked for
  double duration_ms = 0;                        ///< wall clock
};

/// The results of one test contract.
struct SuiteResult {
  std::string file;                      ///< root-relative path of the .t.tn file
  std::string contract;                  ///< the test contract's name
  std::optional<Failure> setup_failure;  ///< `setup()` failed: every test failed with it
  std::vector<std::string> setup_logs;   ///< `log(…)` lines of setup()
  std::vector<TestResult> tests;         ///< in source order
  double duration_ms = 0;                ///< wall clock of the whole suite
};

/// The whole run.
struct RunResult {
  std::vector<SuiteResult> suites;  ///< in file order, then source order
  uint64_t seed = 0;                ///< the fuzz seed
  size_t passed = 0;                ///< tests that passed
  size_t failed = 0;                ///< tests that failed
  double duration_ms = 0;           ///< wall clock of the run (build excluded)
};

}  // namespace tenet::runner
