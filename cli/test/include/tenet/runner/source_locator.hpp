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
  std::optional<SourceLocation> location;      ///< innermost failing line
  std::vector<SourceLocation> called_from;     ///< outer frames, innermost first
  std::optional<ComparisonOperands> operands;  ///< from an operand record, if any
  std::vector<uint8_t> revert_data;            ///< the replay's final output (to compare builds)
  vm::Status status = vm::Status::Success;     ///< the replay's final status
};

/// Replays `run` from the base of `suite` on a fresh Executor (built with `options`, its
/// own Vm) and locates the failure. `root` is the project root (to read source lines; "std/…"
/// files from the stdlib directory).
LocatedFailure locate_failure(const TestSuite& suite, const ArtifactRegistry& registry,
                              const std::vector<ReplayCall>& run, const ExecutorOptions& options,
                              const std::filesystem::path& root);

}  // namespace tenet::runner
