#pragma once
/// \file
/// Text for people: `log(…)` lines and call traces (`-vvv`), decoded with the registry.

#include <map>
#include <string>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/call_trace.hpp"
#include "tenet/vm/address.hpp"

namespace tenet::runner {

/// The `log(…)` lines of DEBUGLOG payloads, in order; operand records are skipped; an
/// undecodable payload prints as its hex.
std::vector<std::string> render_logs(const std::vector<std::vector<uint8_t>>& payloads);

/// The trace as indented lines: `[gas] Label::function(args)` / `└─ ← result` or
/// `← revert: reason`, creations as `→ new Name@0x…`, labels instead of addresses, "… N more
/// calls" when nodes were dropped. `color` adds ANSI colours.
std::vector<std::string> render_trace(const CallTrace& trace, const ArtifactRegistry& registry,
                                      const std::map<vm::Address, std::string>& labels,
                                      bool color = false);

}  // namespace tenet::runner
