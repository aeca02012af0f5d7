#pragma once
/// \file
/// Where a failing run failed, in the sources: the run is replayed (deterministically) with an
/// instruction tracer; the innermost frame whose revert produced the test's failure gives the
/// line (its last conditional jump or the reverting instruction), the frames above it the
/// "called from" lines; comparison operand records (instrumented -O0 builds) give the operands.

#include <filesystem>
#include <optional>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/campaign.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/executor.hpp"
#include "tenet/runner/test_result.hpp"

namespace tenet::runner {

/// Where a run failed.
struct LocatedFailure {
  std::optional<SourceLocation> location;  ///< innermost failing line
  /// The calls leading there (the instruction of each outer frame that made the call),
  /// innermost first; consecutive calls from one line (a recursion) appear once.
  std::vector<SourceLocation> called_from;
  std::optional<ComparisonOperands> operands;  ///< from an operand record, if any
  std::vector<uint8_t> revert_data;            ///< the replay's final output (to compare builds)
  vm::Status status = vm::Status::Success;     ///< the replay's final status
  /// Call depth of the frame the failure came from (the innermost frame whose revert data
  /// its callers passed on unchanged): 0 = the test contract's own frame; -1 when the run
  /// did not fail or no frame was traced.
  int origin_depth = -1;
  /// How that frame ended (Revert, OutOfGas, Trap, …): the test frame may revert with empty
  /// data because a callee ran out of gas.
  vm::Status origin_status = vm::Status::Success;
};

/// Replays `run` from the base of `suite` on a fresh Executor (built with `options`, its
/// own Vm) and locates the failure. `root` is the project root (to read source lines; "std/…"
/// files from the stdlib directory).
LocatedFailure locate_failure(const TestSuite& suite, const ArtifactRegistry& registry,
                              const std::vector<ReplayCall>& run, const ExecutorOptions& options,
                              const std::filesystem::path& root);

}  // namespace tenet::runner
