#pragma once
/// \file
/// The denial-of-service patterns (docs/vm.md, "Denial-of-service bench"): adversarial
/// programs that each spend a gas budget as effectively as they can on one resource of
/// the node (time or native memory). Each pattern deploys its contracts outside the
/// measured region and yields one transaction; run_pattern() runs it on a VM with a cold
/// code cache and measures wall time and peak native memory. Shared by the runner
/// (tenet_dos_bench) and the tests (tenet_dos_tests); sizes come from the VM's own
/// limits (ContainerLimits, kMaxCallDepth), so the patterns follow the VM when they change.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/message.hpp"

namespace tenet::dos {

/// Where a pattern's contracts live while it is set up.
struct SetupWorld {
  vm::Vm& vm;               ///< the VM that validates deployments
  vm::JournaledHost& host;  ///< the state the contracts are deployed to
  vm::Address sender;       ///< a funded account that deploys and sends the transaction
  size_t max_code_bytes;    ///< the most contract code a pattern deploys (set-up time)
};

/// The transaction a pattern sends: to `to` with call data `input`.
struct Transaction {
  vm::Address to;
  std::vector<uint8_t> input;
};

/// The resource a pattern spends.
enum class Resource { Time, Memory };

/// One adversarial pattern.
struct Pattern {
  std::string name;         ///< short identifier (`keccak_large`)
  Resource resource;        ///< what it attacks
  std::string description;  ///< one line
  /// Deploys the pattern's contracts for a run at `gas` and returns its transaction.
  std::function<Transaction(SetupWorld&, int64_t gas)> prepare;
};

/// Every pattern, the arithmetic loop (the baseline unit) first.
const std::vector<Pattern>& patterns();

/// The name of the baseline pattern (bench/programs/arith_loop.tasm).
inline constexpr const char* kBaselinePattern = "arith_loop";

/// One measured run.
struct RunResult {
  vm::Status status = vm::Status::Success;
  int64_t gas_limit = 0;     ///< the budget the transaction was sent with
  int64_t gas_used = 0;      ///< gas_limit − gas left
  uint64_t nanoseconds = 0;  ///< wall time of the transaction
  size_t peak_bytes = 0;     ///< peak native heap over the transaction, above its start
  std::string reason;        ///< the VM's diagnostic for a trap or invalid outcome
  bool exhausted = false;    ///< stopped by the allocation ceiling (alloc_counter.hpp)
  bool reduced = false;      ///< run_pattern_bounded stopped below the requested budget
};

/// How a pattern is run.
struct RunOptions {
  /// With a value, an allocation that would hold more than this many bytes above the
  /// start of the transaction ends the run with `exhausted` set.
  size_t limit_bytes = 0;
  /// The most contract code a pattern deploys (the distinct-contracts pattern deploys as
  /// many maximal contracts as its budget can reach, up to this).
  size_t max_code_bytes = size_t{16} << 20;
};

/// Sets `pattern` up at `gas` (a fresh state and a fresh VM, so the code cache is cold),
/// then runs its transaction once, measuring time and memory (alloc_counter.hpp: the
/// executable must link counting_new.cpp).
RunResult run_pattern(const Pattern& pattern, int64_t gas, const RunOptions& options = {});

/// Runs `pattern` at growing budgets from `start_gas` (×2 each step) up to `gas`, stopping
/// before a step whose projected peak (the last peak scaled by the budget ratio) would
/// exceed `ceiling_bytes`, or after a step that hit the hard limit (2 × ceiling): the last
/// complete run is returned, with `reduced` set if it is below `gas`. Keeps a pattern that holds
/// memory per gas from exhausting the machine that measures it.
RunResult run_pattern_bounded(const Pattern& pattern, int64_t gas, size_t ceiling_bytes,
                              const RunOptions& options = {}, int64_t start_gas = 10'000);

}  // namespace tenet::dos
