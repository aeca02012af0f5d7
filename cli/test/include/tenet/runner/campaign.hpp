#pragma once
/// \file
/// Fuzz and invariant campaigns (toolchain.md §5 "Fuzzing", "Invariants"; docs/testing.md):
/// the interface between the scheduler, which owns the workers, and the campaigns, which
/// generate inputs, run them on a worker's Executor, shrink a failure and save it. A
/// campaign is deterministic: its inputs depend only on the seed, the suite and the test,
/// never on the thread, `-j` or time.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/executor.hpp"
#include "tenet/runner/test_result.hpp"
#include "tenet/vm/address.hpp"

namespace tenet::runner {

/// Settings of fuzz tests ([test] in tenet.toml, overridden by the command line).
struct FuzzSettings {
  uint64_t runs = 256;           ///< accepted inputs per test
  uint64_t seed = 0;             ///< the seed
  uint64_t max_rejects = 65536;  ///< rejected inputs allowed before the test fails
  std::filesystem::path store;   ///< where counterexamples are saved (ROOT/cache/fuzz)
  /// Called after every accepted run (not for replays of saved inputs or shrinking), with
  /// its outcome: the gas report counts the calls of fuzz runs through it.
  std::function<void(const RunOutcome&)> on_run;
};

/// Settings of invariant tests ([invariant] in tenet.toml).
struct InvariantSettings {
  uint64_t runs = 256;          ///< sequences
  uint64_t depth = 15;          ///< calls per sequence
  bool fail_on_revert = false;  ///< a reverting call fails the invariant test
  uint64_t seed = 0;            ///< the seed (the fuzz seed)
  std::filesystem::path store;  ///< where broken sequences are saved (ROOT/cache/fuzz)
  /// Called after every call of a random sequence (not for invariant checks, replays of
  /// saved sequences or shrinking), with its outcome: the gas report counts them.
  std::function<void(const RunOutcome&)> on_run;
};

/// One call to replay: from `sender` to `to` with `calldata`. A fuzz test's failing run is
/// one call of the test contract from the default sender; an invariant's is its sequence
/// followed by the invariant's check (`is_check`, made with Executor::probe).
struct ReplayCall {
  vm::Address sender;             ///< msg.sender
  vm::Address to;                 ///< the callee
  std::vector<uint8_t> calldata;  ///< selector and arguments
  bool is_check = false;          ///< an invariant check (probe), not a sequence call
};

/// What a campaign produced.
struct CampaignResult {
  /// status, runs, rejects, calls, seed, gas (mean) and gas_median, counterexample (shrunk),
  /// replayed, and on failure Failure::reason/revert from failure_of (no location: the
  /// caller replays `failing_run` for lines, logs and trace).
  TestResult result;
  /// The shrunk failing run, from the base state: replaying it reproduces the failure.
  std::vector<ReplayCall> failing_run;
  /// The last passing run (for -vvvv traces of a passing campaign).
  std::vector<ReplayCall> last_run;
  /// Things the user should know that did not fail the test: a saved counterexample that
  /// was ignored (too large, malformed, another signature, arguments that no longer fit)
  /// or could not be saved. One line each, without a trailing newline.
  std::vector<std::string> warnings;
};

/// Live counters a progress line reads from another thread.
struct CampaignProgress {
  std::atomic<uint64_t> runs{0};    ///< runs done
  std::atomic<uint64_t> target{0};  ///< runs planned
};

/// Runs the fuzz test `test` of `suite` on `executor` (its base already installed): saved
/// counterexamples first, then fresh inputs; shrinks and saves a failure.
CampaignResult run_fuzz_campaign(Executor& executor, const TestSuite& suite, const TestCase& test,
                                 const FuzzSettings& settings, const ArtifactRegistry& registry,
                                 CampaignProgress* progress = nullptr);

/// Runs the invariant test `test` of `suite` on `executor` (its base already installed).
CampaignResult run_invariant_campaign(Executor& executor, const TestSuite& suite,
                                      const TestCase& test, const InvariantSettings& settings,
                                      const ArtifactRegistry& registry,
                                      CampaignProgress* progress = nullptr);

}  // namespace tenet::runner
