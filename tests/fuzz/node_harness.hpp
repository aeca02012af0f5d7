#pragma once
/// \file
/// The node fuzz harness: one input → one of the node's readers of untrusted bytes (what a
/// peer or client controls): strict RLP, raw transactions (decode, hash, sender recovery,
/// stateless checks), EIP-1186 proof verification and the JSON-RPC handler. The libFuzzer target
/// (node_fuzz.cpp, `make fuzz-node`) and the corpus replay (node_fuzz_replay.cpp, ctest
/// fuzz.node_corpus) both call it, so a reproducer saved in tests/fuzz/node_corpus/ is replayed by
/// `make test`.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tenet::fuzz {

/// What one input exercised.
struct NodeOutcome {
  /// The decoder accepted the input (else it refused it cleanly); for JSON-RPC, some
  /// response has a result.
  bool accepted = false;
  /// Defects: a decoder that accepted bytes it cannot give back unchanged, or whose results
  /// contradict each other. An input with a defect is a bug to fix.
  std::vector<std::string> defects;
};

/// Runs one input. The first byte (mod 4) chooses the target, the rest is its input:
/// 0 — rlp::decode; an accepted item re-encoded from its parts must equal the input
///     (canonical form is unique);
/// 1 — decode_transaction; an accepted transaction must encode back to the input, and its
///     hash, signing hash, sender recovery, stateless checks and intrinsic gas must not fail
///     in any way but a refusal;
/// 2 — verify_proof: the rest split at 0xff 0xfe into root (32 bytes, zero-padded), key and
///     proof nodes; a proof it accepts must prove the same answer again;
/// 3 — RpcHandler::handle of an in-memory node (automine, the default dev accounts; started
///     afresh every 1,000 such inputs; automine turned back on after each input): the answer
///     must be valid JSON — empty only when every request is a notification — made of
///     JSON-RPC 2.0 responses ("jsonrpc": "2.0", an id, exactly one of result and error, an
///     error with an integer code and a string message). Bit 2 of the first byte (7, 15, …)
///     sends it as a WebSocket request (eth_subscribe works; after every input the
///     subscriptions' notifications due must be JSON-RPC 2.0 eth_subscription notifications
///     with params.subscription and params.result), bit 3 (11, 15, …) from a remote peer
///     (privileged methods refused).
/// Never throws, never crashes for any input.
NodeOutcome run_node_input(std::span<const uint8_t> input);

}  // namespace tenet::fuzz
