#pragma once
/// \file
/// Running the selected tests of a built project on a pool of worker threads (one Executor
/// each, stacks of kWorkerStackBytes), with results in a deterministic order whatever `-j` is.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "tenet/runner/executor.hpp"
#include "tenet/runner/project_build.hpp"
#include "tenet/runner/runner_options.hpp"
#include "tenet/runner/test_result.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::runner {

/// Hooks for what observes runs (coverage, gas report). Each is called on a worker thread
/// with that worker's index (0 … jobs−1); a hook keeps per-worker data and merges at the end.
struct RunHooks {
  /// Once per worker before its first run (e.g. install a coverage tracer on the executor).
  std::function<void(unsigned worker, Executor& executor)> on_worker_start;
  /// After every test call, with its outcome (its trace is recorded when `want_traces`):
  /// unit tests, every accepted fuzz run, every call of an invariant sequence (not replays,
  /// shrinking or invariant checks).
  std::function<void(unsigned worker, const TestSuite& suite, const RunOutcome& outcome)> on_run;
  /// Once per suite (on whichever worker built its base first: the base is deterministic),
  /// with each outcome of Executor::setup_runs() — the test contract's deployment and
  /// `setup()`: the gas report takes the deployments made in setup from it.
  std::function<void(const TestSuite& suite, const RunOutcome& outcome)> on_setup;
  /// Record a trace of every run for on_run (the gas report needs them).
  bool want_traces = false;
  /// Warnings about a test (a saved counterexample ignored or not saved:
  /// CampaignResult::warnings), "file:Contract test(): text", on the calling thread of
  /// run_tests, in result order, just before the suite's SuiteDone.
  std::function<void(const std::string& warning)> on_warning;
  /// The progress line of campaigns running longer than a second ("fuzz_transfer(uint256)
  /// 1200/10000 runs"), refreshed every 250 ms; "" when none runs any more (clear the line).
  /// Called on the calling thread of run_tests, never while a SuiteDone runs; only when
  /// RunnerOptions::progress.
  std::function<void(const std::string& line)> on_progress;
  /// The names vm.label gave addresses in the suite's traced runs (setup()'s included; the
  /// first name in test order wins), for render_trace: called just before the suite's
  /// SuiteDone when it has traces.
  std::function<void(const std::map<vm::Address, std::string>& labels)> on_suite_labels;
};

/// Called by run_tests when a suite's results are complete, in order (text output streams).
using SuiteDone = std::function<void(const SuiteResult& suite)>;

/// Runs the tests of `project` that `options` selects. An error only for bad usage (a bad
/// filter regular expression); failing tests are results.
vm::Result<RunResult> run_tests(const BuiltProject& project, const RunnerOptions& options,
                                const RunHooks& hooks = {}, const SuiteDone& on_suite = {});

}  // namespace tenet::runner
