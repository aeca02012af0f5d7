#pragma once
/// \file
/// The reason of a failed run, in words: the one place that turns a RunOutcome into
/// Failure::reason and Failure::revert (the location is added by the source locator).

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/executor.hpp"
#include "tenet/runner/test_result.hpp"

namespace tenet::runner {

/// The failure of `outcome` (which did not pass): "vm.assume rejected the input" (checked
/// first: a rejected run also reverts), a misuse message, "out of gas", "trap: <reason>",
/// "invalid code: <reason>", a cheat code's refusal as its bare text ("vm.expect_revert:
/// expected …, got …"), or the decoded revert data (custom errors of every known code,
/// `Error("msg")`, panics with their meaning).
Failure failure_of(const RunOutcome& outcome, const ArtifactRegistry& registry);

}  // namespace tenet::runner
