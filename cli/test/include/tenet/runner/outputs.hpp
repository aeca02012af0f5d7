#pragma once
/// \file
/// The machine-readable and aggregate outputs of a test run: the gas report, `.gas-snapshot`,
/// JUnit XML, JSON, and `--watch`. The text report is in text_report.hpp.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/runner.hpp"
#include "tenet/runner/test_result.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::runner {

/// `--gas-report`: per contract and function, calls, min, mean, median, max gas; deployment
/// cost and size. Fill it through hooks() while tests run, print with render().
class GasReport {
 public:
  /// `registry` outlives the report; `jobs` workers.
  GasReport(const ArtifactRegistry& registry, unsigned jobs);
  ~GasReport();
  /// Hooks that record every call of every run (test contracts excluded).
  RunHooks hooks();
  /// The report as a table (forge's shape), one per contract, sorted by name.
  std::string render(bool color = false) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The `.gas-snapshot` text of a run: `Contract:test() (gas: N)` per passing unit test,
/// `Contract:test(uint256) (runs: N, μ: M, ~: D)` per fuzz test, sorted.
std::string gas_snapshot(const RunResult& result);

/// Compares `expected` (the file's text) with `actual` (gas_snapshot of this run): the lines
/// that differ beyond `tolerance_percent`, each "Contract:test() (gas: 100 → 120, +20.0%)";
/// empty when they match.
std::vector<std::string> compare_gas_snapshot(const std::string& expected,
                                              const std::string& actual, double tolerance_percent);

/// A call of an invariant's counterexample as text: `Token.transfer(0x…, 5) from 0x…` (the
/// target and the sender when known).
std::string counterexample_call_text(const CounterexampleCall& call);

/// A fuzz test's own failing call as text, without target or sender: `fuzz_transfer(1001)`.
std::string fuzz_call_text(const CounterexampleCall& call);

/// JUnit XML of the run (one testsuite per test contract).
std::string junit_xml(const RunResult& result);

/// The `--json` object of toolchain.md §5.
std::string json_report(const RunResult& result);

/// Runs `run_once` now and again whenever a file under ROOT/src, ROOT/tests or ROOT/tenet.toml
/// changes (polling every 250 ms), until `stop()` returns true. Returns the last exit code.
int watch(const std::filesystem::path& root, const std::function<int()>& run_once,
          const std::function<bool()>& stop);

}  // namespace tenet::runner
