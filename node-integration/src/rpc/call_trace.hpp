#pragma once
/// \file
/// Call traces (tenet_traceTransaction, tenet_traceCall): every external frame of one run —
/// kind, from, to, value, gas, input, output, how it ended — with the code it ran and the
/// source line of its last instruction that has one (when an artifact knows the code). A
/// mined transaction is replayed in its block (BlockBuilder: the block's overrides, then the
/// transactions before it); an eth_call request runs as eth_call does.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "methods.hpp"
#include "tenet/node/rpc/artifacts.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::node::rpc {

/// One external frame of a trace.
struct TraceFrame {
  vm::CallKind kind = vm::CallKind::Call;
  Address from;
  /// The account called, or the address a creation deploys to (named even when it fails).
  Address to;
  Word value;
  /// Gas given to the frame (the root: the transaction's gas limit) and gas it used (the
  /// root: the receipt's gasUsed, intrinsic gas included).
  uint64_t gas = 0;
  uint64_t gas_used = 0;
  /// Call data; for a creation the container followed by the constructor arguments.
  Bytes input;
  /// Return data, or revert data.
  Bytes output;
  vm::Status status = vm::Status::Success;
  /// The VM's reason for a trap, invalid code or VM-level refusal.
  std::string reason;
  /// The keccak256 of the code it runs (for a creation: of the container deployed); none for
  /// an account without code.
  std::optional<Hash256> code_hash;
  /// The source line of its last instruction that has one (code known to the artifacts).
  std::optional<SourceLine> source;
  /// Its nested frames, in order, as indices into CallTrace::frames.
  std::vector<std::size_t> calls;
};

/// The most bytes of input and output one trace keeps (its frames' together; the JSON is
/// about twice as large). A larger trace is refused: a transaction can call with the same
/// megabyte of memory thousands of times.
inline constexpr std::size_t kMaxTraceDataBytes = std::size_t{8} << 20;

/// A trace: the frames in the order they started, the first the root.
struct CallTrace {
  std::vector<TraceFrame> frames;
};

/// The trace of the mined transaction `mined` (replayed on the calling thread with a fresh
/// VM). Errors: -32005 "limit exceeded: …" over kMaxTraceDataBytes; -32603 "internal error:
/// …" when the parent block is missing or the replay does not reproduce the stored receipt
/// (damaged data).
Result<CallTrace, MethodError> trace_mined(const NodeService& service, const MinedTx& mined,
                                           const ArtifactIndex& artifacts);

/// The trace of eth_call `request` on the state after `at` (with the pending overrides when
/// `at` is the head). Errors: over kMaxTraceDataBytes, as above; a failed state read.
Result<CallTrace, MethodError> trace_call(const NodeService& service, const CallRequest& request,
                                          const Header& at, const ArtifactIndex& artifacts);

/// The JSON of frame `index` of `trace` and its nested frames (docs/node/rpc.md, "Traces").
nlohmann::json trace_json(const CallTrace& trace, const ArtifactIndex& artifacts,
                          std::size_t index = 0);

}  // namespace tenet::node::rpc
