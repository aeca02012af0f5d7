#pragma once
/// \file
/// The host of the test runner: the in-memory journaled state plus every cheat code of
/// vm/include/tenet/vm/cheats.hpp with the semantics of language.md §11 and toolchain.md §5
/// (docs/testing.md, "Cheat codes"). It also records what a run did: `log(…)` payloads, the
/// call trace (when asked), and misuse (an expectation never met, a prank never used).
///
/// A run is one test call (or one call of an invariant sequence): begin_run(), the call,
/// finish_run(). Between runs reset_to_base() restores the state mark_base() recorded (after
/// the test contract's deployment and `setup()`), block fields and labels included.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/call_trace.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::runner {

/// Bytes of `log(…)` payloads one run keeps; later ones are dropped and counted.
inline constexpr size_t kMaxRunLogBytes = size_t{1} << 20;

/// The in-memory host with cheat codes.
class TestHost : public vm::JournaledHost {
 public:
  /// `vm` must be in test mode; `registry` (outliving the host) gives the zero values of a
  /// callee's results for an expected revert.
  TestHost(vm::Vm& vm, const ArtifactRegistry& registry, vm::TxContext context);
  ~TestHost() override;

  // ---- The Host interface (overrides) ----
  /// Applies prank and expect_revert to calls and creations the test contract makes, records
  /// the trace, then runs the call as JournaledHost does.
  vm::ExecResult call(const vm::Message& msg) override;
  /// Runs a cheat code; misuse answers Revert with `Error("vm.<name>: …")` as revert data.
  vm::ExecResult cheat(uint16_t id, std::span<const uint8_t> input,
                       const vm::Message& msg) override;
  /// Keeps the payload for run_logs() (up to kMaxRunLogBytes per run).
  void debug_log(const vm::Address& account, std::span<const uint8_t> data) override;

  // ---- Runs ----
  /// The account whose calls the cheat codes act on (the test contract).
  void set_test_contract(const vm::Address& test_contract);
  /// Records the current state, block fields and labels as the base every run starts from.
  void mark_base();
  /// Restores the base (state, block fields, labels) and forgets the last run.
  void reset_to_base();
  /// Starts a run: clears pending expectations, pranks, snapshots, logs, the trace and the
  /// rejection flag (state is left as it is).
  void begin_run();
  /// Ends a run whose call returned: the first misuse or unmet expectation as a message
  /// ("vm.expect_revert: no call or creation came after it", "vm.prank: no call or creation
  /// used it", "vm.expect_emit: Transfer(0x…, 0x…, 5) was never emitted"), or none.
  std::optional<std::string> finish_run();
  /// The message of this run's last cheat-code refusal or expect_revert mismatch (the
  /// `Error(message)` the compiled test reverts with), if any: how the runner tells the host's
  /// words from a contract's revert of the same shape.
  const std::optional<std::string>& refusal() const { return refusal_; }
  /// Whether `vm.assume(false)` rejected this run's input.
  bool rejected() const { return rejected_; }
  /// `log(…)` payloads (DEBUGLOG data) of this run, in order.
  const std::vector<std::vector<uint8_t>>& run_logs() const { return run_logs_; }
  /// Hands over this run's payloads (run_logs() is empty afterwards): the executor's outcome
  /// takes them without a copy per run.
  std::vector<std::vector<uint8_t>> take_run_logs() { return std::exchange(run_logs_, {}); }
  /// Payloads dropped because of kMaxRunLogBytes.
  size_t dropped_logs() const { return dropped_logs_; }

  /// Addresses of the successful creations (any depth, in order) since construction or the
  /// last reset_to_base(), including ones a failing frame later rolled back.
  const std::vector<vm::Address>& created() const { return created_; }

  // ---- Marks (what vm.snapshot records) ----
  /// A point to come back to: the journal position, the block fields and the labels.
  struct Mark {
    vm::Checkpoint checkpoint = 0;              ///< journal position
    vm::TxContext context;                      ///< block and transaction fields
    std::map<vm::Address, std::string> labels;  ///< vm.label names
  };
  /// The current point.
  Mark mark();
  /// Goes back to `m` (state, block fields, labels); later marks become meaningless.
  void restore(const Mark& m);

  // ---- Labels and the trace ----
  /// Names given by vm.label (setup's included), by address.
  const std::map<vm::Address, std::string>& labels() const { return labels_; }
  /// Whether calls are recorded in trace() (off by default).
  void record_trace(bool on) { record_trace_ = on; }
  /// The calls of this run (empty unless record_trace(true)).
  const CallTrace& trace() const { return trace_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool rejected_ = false;
  std::optional<std::string> refusal_;
  bool record_trace_ = false;
  size_t dropped_logs_ = 0;
  std::vector<std::vector<uint8_t>> run_logs_;
  std::vector<vm::Address> created_;
  std::map<vm::Address, std::string> labels_;
  CallTrace trace_;
};

}  // namespace tenet::runner
