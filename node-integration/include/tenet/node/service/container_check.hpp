#pragma once
/// \file
/// The container checks a deployment passes at submission, and anvil_setCode with it: the
/// framing within 24,576 bytes, validation without cheat codes, and the same for every child
/// container (vm::validate does not descend into children). A failure is refused with
/// "invalid container: <rule>: <detail>" (children: "child N: " before the rule), and costs
/// nothing: no fee, no nonce.

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// Checks the container at the start of `data` (a deployment: constructor arguments may
/// follow). With `whole`, nothing may follow it (code set by anvil_setCode).
Result<bool, Refusal> check_deployment_container(ByteView data, bool whole);

}  // namespace tenet::node
