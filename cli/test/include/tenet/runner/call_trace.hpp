#pragma once
/// \file
/// The external calls and creations of one test run, as a tree: what `-vvv`/`-vvvv` print
/// and what the gas report aggregates. Recorded by TestHost (when enabled) in call order;
/// bounded (kMaxTraceNodes, input and output bytes capped) so a long campaign at -vvvv
/// keeps its memory.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/message.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::runner {

/// Nodes a trace keeps; later calls are counted in CallTrace::dropped.
inline constexpr size_t kMaxTraceNodes = 10'000;
/// Bytes of input or output a node keeps (the rest is cut; `*_size` has the full size).
inline constexpr size_t kMaxTraceBytes = 4096;

/// One external call or creation.
struct CallNode {
  vm::CallKind kind = vm::CallKind::Call;  ///< call or creation
  int depth = 0;                           ///< 0 = the test call (or a setup/invariant call) itself
  vm::Address sender;                      ///< msg.sender (after any prank)
  vm::Address recipient;       ///< the callee, or the created address (zero if it failed)
  vm::Word value;              ///< value sent
  vm::Hash256 code_hash{};     ///< the code that ran (the init container for a creation)
  std::vector<uint8_t> input;  ///< call data / constructor arguments (capped)
  size_t input_size = 0;       ///< uncapped size
  vm::Status status = vm::Status::Success;  ///< the outcome the callee produced
  std::vector<uint8_t> output;              ///< return or revert data (capped)
  size_t output_size = 0;                   ///< uncapped size
  int64_t gas_limit = 0;                    ///< gas given to the frame
  int64_t gas_used = 0;                     ///< gas_limit − gas_left
  bool pranked = false;                     ///< msg.sender came from prank/start_prank
  bool expected_revert = false;  ///< it reverted as vm.expect_revert asked; answered as success
  int parent = -1;               ///< index of the calling node, -1 for a root
};

/// The calls of one run, in the order they started (a parent before its children).
struct CallTrace {
  std::vector<CallNode> nodes;  ///< at most kMaxTraceNodes
  size_t dropped = 0;           ///< calls not recorded because of the cap
  /// Forgets everything.
  void clear() {
    nodes.clear();
    dropped = 0;
  }
};

}  // namespace tenet::runner
