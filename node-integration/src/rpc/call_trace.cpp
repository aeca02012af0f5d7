/// \file
/// Call traces (call_trace.hpp): a JournaledHost that opens and closes a frame around every
/// external call, and a VM tracer that gives the open frames their source lines.

#include "call_trace.hpp"

#include <algorithm>

#include "json_codec.hpp"
#include "tenet/node/chain/block_builder.hpp"
#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/state/trie_backend.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// Builds a CallTrace: the host opens and closes frames, the VM reports their instructions.
class TraceRecorder : public vm::Tracer {
 public:
  explicit TraceRecorder(const ArtifactIndex& artifacts) : artifacts_(artifacts) {}

  /// A frame starts (before the host runs it); `to` is the address it runs at, `code_hash`
  /// the code it is to run (none: the account has no code).
  void open(const vm::Message& msg, const Address& to, const std::optional<Hash256>& code_hash) {
    TraceFrame frame;
    frame.kind = msg.kind;
    frame.from = msg.sender;
    frame.to = to;
    frame.value = msg.value;
    frame.gas = static_cast<uint64_t>(std::max<int64_t>(msg.gas, 0));
    if (keep(msg.init_code.size() + msg.input.size())) {
      frame.input.assign(msg.init_code.begin(), msg.init_code.end());
      frame.input.insert(frame.input.end(), msg.input.begin(), msg.input.end());
    }
    frame.code_hash = code_hash;
    const std::size_t index = trace_.frames.size();
    if (!open_.empty()) trace_.frames[open_.back().index].calls.push_back(index);
    trace_.frames.push_back(std::move(frame));
    open_.push_back(OpenFrame{index, code_hash ? artifacts_.code(*code_hash) : nullptr, nullptr});
  }

  /// The innermost open frame ended with `result`.
  void close(const vm::ExecResult& result) {
    TraceFrame& frame = trace_.frames[open_.back().index];
    frame.status = result.status;
    frame.gas_used =
        frame.gas -
        std::min<uint64_t>(frame.gas, static_cast<uint64_t>(std::max<int64_t>(result.gas_left, 0)));
    if (keep(result.output.size())) frame.output = result.output;
    frame.reason = result.reason;
    if (const SourceMapEntry* e = open_.back().last_line)
      frame.source = SourceLine{open_.back().code->files[e->file], e->line};
    open_.pop_back();
  }

  void on_instruction(int depth, uint16_t /*function*/, uint32_t pc, vm::Op /*op*/,
                      int64_t /*gas_left*/, std::span<const vm::Word> /*stack*/) override {
    OpenFrame* f = at_depth(depth);
    if (!f || !f->code) return;
    if (const SourceMapEntry* entry = f->code->entry_at(pc)) f->last_line = entry;
  }

  /// The trace so far.
  CallTrace& trace() { return trace_; }
  /// Whether its input and output passed kMaxTraceDataBytes (what passed was not kept).
  bool over_limit() const { return over_limit_; }

 private:
  /// An open frame: its index, its code's artifact (null when unknown) and the sourceMap
  /// entry of its last instruction that has a line (null when none yet).
  struct OpenFrame {
    std::size_t index = 0;
    const ArtifactCode* code = nullptr;
    const SourceMapEntry* last_line = nullptr;
  };
  /// The open frame at call depth `depth` (the root is depth 0), or null.
  /// Counts `bytes` more of input or output; false (and over the limit from now on) when
  /// they would pass kMaxTraceDataBytes.
  bool keep(std::size_t bytes) {
    if (over_limit_ || bytes > kMaxTraceDataBytes - data_bytes_) {
      over_limit_ = true;
      return false;
    }
    data_bytes_ += bytes;
    return true;
  }
  OpenFrame* at_depth(int depth) {
    if (depth < 0 || static_cast<std::size_t>(depth) >= open_.size()) return nullptr;
    return &open_[static_cast<std::size_t>(depth)];
  }

  const ArtifactIndex& artifacts_;
  CallTrace trace_;
  std::vector<OpenFrame> open_;
  std::size_t data_bytes_ = 0;
  bool over_limit_ = false;
};

/// A JournaledHost recording its external frames into a TraceRecorder once recording starts.
class TracingHost : public vm::JournaledHost {
 public:
  using vm::JournaledHost::JournaledHost;

  /// Records the frames of every call from now on into `recorder`.
  void record(TraceRecorder* recorder) { recorder_ = recorder; }

  /// Runs the frame as JournaledHost does, between the recorder's open and close.
  vm::ExecResult call(const vm::Message& msg) override {
    if (!recorder_) return vm::JournaledHost::call(msg);
    Address to = msg.recipient;
    std::optional<Hash256> code_hash;
    if (msg.kind == vm::CallKind::Create) {  // the address JournaledHost's creation uses
      const vm::Account* sender = find_account(msg.sender);
      to = vm::create_address(msg.sender, sender ? sender->nonce : 0);
      code_hash = vm::keccak256(msg.init_code);
    } else if (const vm::Account* account = find_account(msg.recipient);
               account && !account->code.empty()) {
      code_hash = account->code_hash;
    }
    recorder_->open(msg, to, code_hash);
    vm::ExecResult result = vm::JournaledHost::call(msg);
    recorder_->close(result);
    return result;
  }

 private:
  TraceRecorder* recorder_ = nullptr;
};

/// The environment of the block `header` heads.
BlockEnv trace_env(const NodeService& service, const Header& header) {
  return existing_block_env(service.chain().store(), header,
                            Word{service.chain().genesis().chain_id});
}

/// A root frame for a run that stopped before its frame started (intrinsic gas, invalid
/// container).
TraceFrame trace_unstarted_root(const CallRequest& request, const TxOutcome& outcome) {
  TraceFrame root;
  root.kind = request.to ? vm::CallKind::Call : vm::CallKind::Create;
  root.from = request.from.value_or(Address{});
  root.to = request.to ? *request.to : outcome.contract_address.value_or(Address{});
  root.value = request.value;
  root.input = request.data;
  root.status = outcome.status;
  root.reason = outcome.reason;
  return root;
}

/// The refusal of a trace over kMaxTraceDataBytes.
MethodError trace_too_large() {
  return refused(RefusalKind::LimitExceeded, "the trace holds more than " +
                                                 std::to_string(kMaxTraceDataBytes >> 20) +
                                                 " MiB of input and output");
}

/// The "error" of a failed frame.
std::string trace_error(const TraceFrame& frame) {
  switch (frame.status) {
    case vm::Status::Success:
      return "";
    case vm::Status::Revert:
      return "execution reverted";
    case vm::Status::OutOfGas:
      return "out of gas";
    case vm::Status::Trap:
      return frame.reason.empty() ? "trap" : "trap: " + frame.reason;
    case vm::Status::Invalid:
      return frame.reason.empty() ? "invalid code" : "invalid code: " + frame.reason;
  }
  return "";
}

/// The "revertReason" of a reverted frame (the node's revert message without "execution
/// reverted: "), or "" when it has none.
std::string trace_revert_reason(const TraceFrame& frame, const ArtifactIndex& artifacts) {
  if (frame.status != vm::Status::Revert) return "";
  if (frame.output.empty()) return frame.reason;
  const std::string message = artifacts.revert_message(frame.output);
  const std::string_view prefix = "execution reverted: ";
  return message.starts_with(prefix) ? message.substr(prefix.size()) : "";
}

}  // namespace

Result<CallTrace, MethodError> trace_mined(const NodeService& service, const MinedTx& mined,
                                           const ArtifactIndex& artifacts) {
  const Chain& chain = service.chain();
  const std::optional<Header> parent = chain.header_by_hash(mined.block.header.parent_hash);
  const auto receipts = chain.receipts(mined.block_hash);
  if (!parent || !receipts || mined.index >= receipts->size())
    return internal_error("block " + std::to_string(mined.block.header.number) + " is incomplete");
  vm::Vm vm;
  TracingHost* host = nullptr;
  BlockBuilder builder(chain.store(), *parent, trace_env(service, mined.block.header), vm,
                       [&host](vm::Vm& v, const vm::TxContext& context, vm::StateBackend* backend) {
                         auto made = std::make_unique<TracingHost>(v, context, backend);
                         host = made.get();
                         return std::unique_ptr<vm::JournaledHost>(std::move(made));
                       });
  const auto replay_refused = [&](std::size_t i, const Refusal& r) {
    return internal_error("replaying transaction " + std::to_string(i) + " of block " +
                          std::to_string(mined.block.header.number) + ": " + r.message());
  };
  if (auto applied = builder.apply_overrides(mined.block.overrides); !applied)
    return replay_refused(0, applied.error());
  const Block& block = mined.block;
  for (std::size_t i = 0; i <= mined.index; ++i) {
    TraceRecorder recorder(artifacts);
    const bool traced = i == mined.index;
    if (traced) {
      host->record(&recorder);
      vm.set_tracer(&recorder);
    }
    auto receipt = builder.add(block.transactions[i], block.senders[i], block.impersonated[i]);
    vm.set_tracer(nullptr);
    if (!receipt) return replay_refused(i, receipt.error());
    if (traced && recorder.over_limit()) return trace_too_large();
    if (!traced) continue;
    const StoredReceipt& stored = (*receipts)[i];
    if ((*receipt)->gas_used != stored.gas_used || (*receipt)->success != stored.success ||
        recorder.trace().frames.empty()) {
      return internal_error("replaying transaction " + std::to_string(i) + " of block " +
                            std::to_string(block.header.number) +
                            " does not reproduce its receipt");
    }
    CallTrace trace = std::move(recorder.trace());
    trace.frames[0].gas = block.transactions[i].gas_limit;
    trace.frames[0].gas_used = stored.gas_used;
    return trace;
  }
  return internal_error("transaction index out of range");
}

Result<CallTrace, MethodError> trace_call(const NodeService& service, const CallRequest& request,
                                          const Header& at, const ArtifactIndex& artifacts) {
  const std::shared_ptr<const ChainHead> head = service.chain().head();
  const std::vector<StateOverride>* overlay = at == head->header ? head->pending.get() : nullptr;
  StateView view = service.chain().state_at(at);
  TrieBackend backend(view, overlay);
  const BlockEnv env = trace_env(service, at);
  vm::Vm vm;
  TracingHost host(vm, tx_context(env, request.from.value_or(Address{}), request.gas_price),
                   &backend);
  TraceRecorder recorder(artifacts);
  host.record(&recorder);
  vm.set_tracer(&recorder);
  const TxOutcome outcome = simulate_call(host, env, request);
  vm.set_tracer(nullptr);
  if (backend.failed()) return internal_error("state read failed: " + backend.error().message);
  if (recorder.over_limit()) return trace_too_large();
  CallTrace trace = std::move(recorder.trace());
  if (trace.frames.empty()) trace.frames.push_back(trace_unstarted_root(request, outcome));
  trace.frames[0].gas = request.gas.value_or(at.gas_limit);
  trace.frames[0].gas_used = outcome.gas_used;
  return trace;
}

json trace_json(const CallTrace& trace, const ArtifactIndex& artifacts, std::size_t index) {
  const TraceFrame& frame = trace.frames[index];
  json out = json::object();
  out["type"] = frame.kind == vm::CallKind::Create ? "CREATE" : "CALL";
  out["from"] = address_json(frame.from);
  out["to"] = address_json(frame.to);
  out["value"] = quantity_json(frame.value);
  out["gas"] = quantity_json(frame.gas);
  out["gasUsed"] = quantity_json(frame.gas_used);
  out["input"] = data_json(frame.input);
  out["output"] = data_json(frame.output);
  if (std::string error = trace_error(frame); !error.empty()) out["error"] = std::move(error);
  if (std::string reason = trace_revert_reason(frame, artifacts); !reason.empty())
    out["revertReason"] = std::move(reason);
  if (frame.code_hash) {
    if (const ArtifactCode* code = artifacts.code(*frame.code_hash))
      out["contract"] = code->contract;
  }
  if (frame.kind == vm::CallKind::Call && frame.code_hash) {
    if (auto signature = artifacts.function_signature(frame.input))
      out["function"] = std::move(*signature);
  }
  if (frame.source) out["source"] = frame.source->file + ":" + std::to_string(frame.source->line);
  json calls = json::array();
  for (std::size_t child : frame.calls) calls.push_back(trace_json(trace, artifacts, child));
  out["calls"] = std::move(calls);
  return out;
}

}  // namespace tenet::node::rpc
