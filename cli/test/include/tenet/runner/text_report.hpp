#pragma once
/// \file
/// The text `tenet test` prints (docs/testing.md), in forge's shape: a build line, the
/// fuzz seed, per suite "Ran N tests for FILE:Contract", one line per test (`[PASS]`,
/// `[FAIL: reason]`, gas or runs), the failure's source lines, operands, counterexample, logs
/// and traces, a suite result line; then a summary with the failing tests again.
/// Deterministic apart from durations ("finished in 1.23ms"); colours only when asked.

#include <map>
#include <string>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/project_build.hpp"
#include "tenet/runner/runner_options.hpp"
#include "tenet/runner/test_result.hpp"
#include "tenet/vm/address.hpp"

namespace tenet::runner {

/// How to print.
struct TextReportOptions {
  bool color = false;       ///< ANSI colours
  Verbosity verbosity = 0;  ///< `-vv`: logs of passing tests too
};

/// "Compiling 3 files with tenet -O2" or "No files changed, compilation skipped", and a
/// newline.
std::string build_line(const BuiltProject& project);

/// "Fuzz seed: N" and a newline (printed once per run).
std::string seed_line(uint64_t seed);

/// One test's line and, when it failed (or at -vv), its details.
std::string render_test(const TestResult& test, const ArtifactRegistry& registry,
                        const TextReportOptions& options,
                        const std::map<vm::Address, std::string>& labels = {});

/// A suite: "Ran N tests for FILE:Contract", its tests, "Suite result: …". `labels` name
/// addresses in traces (RunHooks::on_suite_labels).
std::string render_suite(const SuiteResult& suite, const ArtifactRegistry& registry,
                         const TextReportOptions& options,
                         const std::map<vm::Address, std::string>& labels = {});

/// The end: "Ran N test suites: P tests passed, F failed" and the failing tests again.
std::string render_summary(const RunResult& result, const TextReportOptions& options);

}  // namespace tenet::runner
