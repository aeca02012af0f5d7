#pragma once
/// \file
/// Runs the calls of one test suite on one thread: owns a test-mode Vm and a TestHost, builds
/// the suite's base state (the test contract deployed by the default sender at
/// test_contract_address() with test_balance(), then `setup()`), and runs each test call on a
/// fresh copy of it. One Executor per worker thread (a Vm is not thread-safe); the base is
/// built again on each worker, deterministically, so no state crosses threads.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/call_trace.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/test_host.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::runner {

/// How an Executor runs calls.
struct ExecutorOptions {
  uint64_t gas_limit = 1'000'000'000;  ///< gas of each test call ([test] gas_limit)
  bool record_trace = false;           ///< record each run's calls (RunOutcome::trace)
};

/// The outcome of one call made by the runner (a test, setup, an invariant sequence's call or
/// check).
struct RunOutcome {
  vm::ExecResult result;                   ///< the call's own outcome
  std::optional<std::string> misuse;       ///< TestHost::finish_run's message, if any
  bool rejected = false;                   ///< vm.assume rejected the input
  std::optional<std::string> refusal;      ///< TestHost::refusal of the call, if any
  uint64_t gas_used = 0;                   ///< gas limit − gas left
  std::vector<std::vector<uint8_t>> logs;  ///< DEBUGLOG payloads of the call, in order
  std::shared_ptr<const CallTrace> trace;  ///< when ExecutorOptions::record_trace
  /// Succeeded, met every expectation and was not rejected.
  bool passed() const { return result.status == vm::Status::Success && !misuse && !rejected; }
};

/// One worker's VM and host for one suite at a time.
class Executor {
 public:
  /// `registry` outlives the executor.
  Executor(const ArtifactRegistry& registry, ExecutorOptions options);
  ~Executor();

  /// Builds the base of `suite` (deploy, fund, setup). Returns the failing step's outcome when
  /// the deployment or `setup()` failed (its logs included), else none.
  std::optional<RunOutcome> install(const TestSuite& suite);
  /// The contracts created during deployment and setup (any depth; the test contract
  /// excluded; creations a failing frame undid left out), in creation order: the targets of
  /// invariant sequences.
  const std::vector<vm::Address>& created_in_setup() const { return created_; }
  /// The outcomes of the last successful install(): the test contract's deployment, then
  /// `setup()` if the suite has one (with their traces when ExecutorOptions::record_trace).
  const std::vector<RunOutcome>& setup_runs() const { return setup_runs_; }

  /// Calls the test contract with `calldata` from the default sender on a fresh copy of the
  /// base (reset, begin_run, call, finish_run). Only after an install() that succeeded.
  RunOutcome run(std::span<const uint8_t> calldata);

  // ---- Invariant sequences ----
  /// Restores the base without running anything.
  void reset();
  /// Calls `to` from `sender` on the current state (no reset), as its own transaction.
  RunOutcome call(const vm::Address& sender, const vm::Address& to,
                  std::span<const uint8_t> calldata);
  /// Calls the test contract from the default sender and rolls the state back afterwards
  /// (an invariant check).
  RunOutcome probe(std::span<const uint8_t> calldata);

  /// Installs (or removes) an instruction tracer on the VM (source lines, coverage).
  void set_tracer(vm::Tracer* tracer);
  /// The host (labels, state inspection).
  TestHost& host();
  /// The VM.
  vm::Vm& vm();
  /// The options.
  const ExecutorOptions& options() const { return options_; }

 private:
  /// The outcome of a call that just returned: gas used, misuse, logs, trace.
  RunOutcome finish(vm::ExecResult result);
  /// The gas of one call.
  int64_t gas() const;

  ExecutorOptions options_;
  std::unique_ptr<vm::Vm> vm_;
  std::unique_ptr<TestHost> host_;
  const ArtifactRegistry& registry_;
  std::vector<vm::Address> created_;
  std::vector<RunOutcome> setup_runs_;
};

}  // namespace tenet::runner
