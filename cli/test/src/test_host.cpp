// The host of the test runner: cheat codes, pranks, expectations, snapshots, run logs and
// the call trace over the journaled state (test_host.hpp; docs/testing.md).
#include "tenet/runner/test_host.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "tenet/abi/revert.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/cheats.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::runner {
namespace {

/// The ABI encoding of `Error(message)`.
std::vector<uint8_t> error_data(const std::string& message) {
  std::vector<uint8_t> out = {0x08, 0xc3, 0x79, 0xa0};
  const auto word = [&](uint64_t v) {
    const auto be = vm::word_to_be(vm::Word{v});
    out.insert(out.end(), be.begin(), be.end());
  };
  word(32);
  word(message.size());
  out.insert(out.end(), message.begin(), message.end());
  out.resize(out.size() + (32 - message.size() % 32) % 32, 0);
  return out;
}

/// A refused cheat code: the compiled test reverts with `Error(message)`.
vm::ExecResult refuse(const vm::Message& msg, const std::string& message) {
  return vm::ExecResult{vm::Status::Revert, msg.gas, error_data(message), {}, message};
}

/// An answered cheat code.
vm::ExecResult answer(const vm::Message& msg, std::vector<uint8_t> output = {}) {
  return vm::ExecResult{vm::Status::Success, msg.gas, std::move(output), {}, {}};
}

/// A 32-byte big-endian word as bytes.
std::vector<uint8_t> word_bytes(const vm::Word& w) {
  const auto be = vm::word_to_be(w);
  return {be.begin(), be.end()};
}

/// Reads the standard ABI encoding of a cheat code's arguments; every read is bounds-checked
/// (nullopt when the encoding is short or its offsets point outside it).
class Args {
 public:
  explicit Args(std::span<const uint8_t> in) : in_(in) {}

  /// The word at byte `at`.
  std::optional<vm::Word> word_at(uint64_t at) const {
    if (at > in_.size() || in_.size() - at < 32) return std::nullopt;
    return vm::word_from_be(in_.data() + at);
  }
  /// Head word `index`.
  std::optional<vm::Word> word(size_t index) const { return word_at(32 * index); }
  /// The bytes (or string) whose offset is head word `index`.
  std::optional<std::span<const uint8_t>> bytes(size_t index) const {
    auto at = offset(index);
    if (!at) return std::nullopt;
    auto len = word_at(*at);
    if (!len || !len->fits_u64() || len->low64() > in_.size() - *at - 32) return std::nullopt;
    return in_.subspan(*at + 32, len->low64());
  }
  /// The bytes32[] whose offset is head word `index`.
  std::optional<std::vector<vm::Word>> words(size_t index) const {
    auto at = offset(index);
    if (!at) return std::nullopt;
    auto len = word_at(*at);
    if (!len || !len->fits_u64() || len->low64() > (in_.size() - *at - 32) / 32)
      return std::nullopt;
    std::vector<vm::Word> out;
    for (uint64_t i = 0; i < len->low64(); ++i) out.push_back(*word_at(*at + 32 + 32 * i));
    return out;
  }

 private:
  std::optional<uint64_t> offset(size_t index) const {
    auto w = word(index);
    if (!w || !w->fits_u64() || w->low64() > in_.size()) return std::nullopt;
    return w->low64();
  }
  std::span<const uint8_t> in_;
};

/// What an expected revert's outcome was, in the words of the mismatch message.
std::string describe_outcome(const vm::ExecResult& r, const ArtifactRegistry& registry) {
  switch (r.status) {
    case vm::Status::Success:
      return "success";
    case vm::Status::Revert:
      if (r.output.empty() && !r.reason.empty()) return "revert (" + r.reason + ")";
      return abi::describe_revert(abi::decode_revert(r.output, registry.errors()));
    case vm::Status::OutOfGas:
      return "out of gas";
    case vm::Status::Trap:
      return r.reason.empty() ? std::string("trap") : "trap: " + r.reason;
    case vm::Status::Invalid:
      return r.reason.empty() ? std::string("invalid code") : "invalid code: " + r.reason;
  }
  return "unknown outcome";
}

/// `Event(arg, …)` for a log whose topic 0 and indexed layout match a known event.
std::optional<std::string> describe_known_event(const abi::AbiEntry& event,
                                                std::span<const vm::Word> topics,
                                                std::span<const uint8_t> data) {
  auto types = abi::types_of(event.inputs);
  if (!types) return std::nullopt;
  std::vector<abi::AbiType> data_types;
  for (size_t i = 0; i < types->size(); ++i)
    if (!event.inputs[i].indexed.value_or(false)) data_types.push_back((*types)[i]);
  auto data_values = abi::decode_values(data_types, data);
  if (!data_values) return std::nullopt;
  std::vector<std::string> args;
  size_t topic = 1, value = 0;
  for (size_t i = 0; i < types->size(); ++i) {
    if (!event.inputs[i].indexed.value_or(false)) {
      args.push_back((*data_values)[value++]);
      continue;
    }
    const auto bytes = vm::word_to_be(topics[topic++]);
    if ((*types)[i].is_dynamic()) {  // a topic holds the hash of a dynamic value
      args.push_back(vm::hex_encode(bytes));
      continue;
    }
    auto v = abi::decode_values(std::span(&(*types)[i], 1), bytes);
    if (!v) return std::nullopt;
    args.push_back(v->front());
  }
  std::string out = event.name + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

/// A log as the expect_emit message names it: the decoded event when a known event matches,
/// else its topics and data in hex.
std::string describe_log(std::span<const vm::Word> topics, std::span<const uint8_t> data,
                         const ArtifactRegistry& registry) {
  if (!topics.empty()) {
    for (const abi::AbiEntry& e : registry.events()) {
      const size_t indexed = static_cast<size_t>(
          std::count_if(e.inputs.begin(), e.inputs.end(),
                        [](const abi::AbiParam& p) { return p.indexed.value_or(false); }));
      const std::string signature = abi::abi_signature(e);
      const vm::Hash256 topic0 = vm::keccak256(
          std::span(reinterpret_cast<const uint8_t*>(signature.data()), signature.size()));
      if (indexed + 1 != topics.size() || vm::word_from_be(topic0.data()) != topics[0]) continue;
      if (auto text = describe_known_event(e, topics, data)) return *text;
    }
  }
  std::string out = "a log with topics [";
  for (size_t i = 0; i < topics.size(); ++i)
    out += (i ? ", " : "") + vm::hex_encode(vm::word_to_be(topics[i]));
  return out + "] and data " + vm::hex_encode(data);
}

/// Keeps at most kMaxTraceBytes of `bytes`.
std::vector<uint8_t> capped(std::span<const uint8_t> bytes) {
  return {bytes.begin(),
          bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), kMaxTraceBytes))};
}

}  // namespace

/// The state of cheat codes within a run, and the base and snapshots.
struct TestHost::Impl {
  /// A prank: the sender it puts in, and the depth of the frame that asked for it.
  struct Prank {
    vm::Address sender;
    int depth = 0;
  };
  /// A pending vm.expect_revert.
  struct ExpectedRevert {
    bool exact = false;         ///< compare the revert data
    std::vector<uint8_t> data;  ///< the expected revert data
    int depth = 0;              ///< depth of the frame that asked
  };
  /// A vm.expect_emit not yet checked.
  struct ExpectedEmit {
    std::vector<vm::Word> topics;
    std::vector<uint8_t> data;
    size_t first_log = 0;  ///< logs().size() when it was asked for
  };

  Impl(TestHost& h, const ArtifactRegistry& r) : host(h), registry(r) {}

  TestHost& host;
  const ArtifactRegistry& registry;
  std::optional<vm::Address> test_contract;
  std::optional<Prank> prank;   ///< vm.prank, for the next call
  std::optional<Prank> sticky;  ///< vm.start_prank
  std::optional<ExpectedRevert> expected_revert;
  std::vector<ExpectedEmit> expected_emits;
  std::vector<std::optional<Mark>> snapshots;  ///< by id; nullopt once invalidated
  std::optional<Mark> base;
  bool last_creation_expected = false;  ///< the test's last creation was an expected revert
  size_t run_log_bytes = 0;
  std::vector<int> open_nodes;  ///< trace nodes of the frames running (-1: not recorded)

  /// Forgets everything a run set up.
  void clear_run() {
    prank.reset();
    sticky.reset();
    expected_revert.reset();
    expected_emits.clear();
    snapshots.clear();
    last_creation_expected = false;
    run_log_bytes = 0;
    open_nodes.clear();
    host.rejected_ = false;
    host.dropped_logs_ = 0;
    host.run_logs_.clear();
    host.trace_.clear();
  }

  /// Whether `msg` is a call or creation of the test contract's frame at `depth`.
  bool made_by_test_at(const vm::Message& msg, int depth) const {
    return test_contract && msg.sender == *test_contract && msg.depth == depth + 1;
  }

  vm::ExecResult run_cheat(uint16_t id, const Args& args, const vm::Message& msg);
  vm::ExecResult pranks(vm::Cheat cheat, const Args& args, const vm::Message& msg);
  vm::ExecResult state_cheat(vm::Cheat cheat, const Args& args, const vm::Message& msg);
  vm::ExecResult expectation(vm::Cheat cheat, const Args& args, const vm::Message& msg);
  vm::ExecResult keys(vm::Cheat cheat, const Args& args, const vm::Message& msg);
  vm::ExecResult snapshots_cheat(vm::Cheat cheat, const Args& args, const vm::Message& msg);
  vm::ExecResult settle(const ExpectedRevert& expected, bool matched, const vm::Message& msg,
                        const vm::Hash256& callee, vm::Checkpoint before, vm::ExecResult r);
  int open_node(const vm::Message& msg, bool pranked);
  void close_node(int node, const vm::ExecResult& r, bool expected);
};

TestHost::TestHost(vm::Vm& vm, const ArtifactRegistry& registry, vm::TxContext context)
    : vm::JournaledHost(vm, context), impl_(std::make_unique<Impl>(*this, registry)) {}

TestHost::~TestHost() = default;

// ---- Runs ------------------------------------------------------------------------------

void TestHost::set_test_contract(const vm::Address& test_contract) {
  impl_->test_contract = test_contract;
}

TestHost::Mark TestHost::mark() {
  return Mark{checkpoint(), tx_context(), labels_};
}

void TestHost::restore(const Mark& m) {
  rollback(m.checkpoint);
  set_context(m.context);
  labels_ = m.labels;
  for (auto& e : impl_->expected_emits) e.first_log = std::min(e.first_log, logs().size());
}

void TestHost::mark_base() {
  impl_->base = mark();
}

void TestHost::reset_to_base() {
  if (impl_->base) restore(*impl_->base);
  created_.clear();
  impl_->clear_run();
}

void TestHost::begin_run() {
  impl_->clear_run();
  refusal_.reset();
}

std::optional<std::string> TestHost::finish_run() {
  Impl& s = *impl_;
  if (s.expected_revert) return "vm.expect_revert: no call or creation came after it";
  if (s.prank) return "vm.prank: no call or creation used it";
  const auto& all = logs();
  size_t next = 0;  // expectations are met in order: each by a log after the previous one's
  for (const Impl::ExpectedEmit& e : s.expected_emits) {
    const size_t from = std::min(std::max(next, e.first_log), all.size());
    auto it = std::find_if(
        all.begin() + static_cast<std::ptrdiff_t>(from), all.end(),
        [&](const vm::LogEntry& log) { return log.topics == e.topics && log.data == e.data; });
    if (it == all.end())
      return "vm.expect_emit: " + describe_log(e.topics, e.data, s.registry) + " was never emitted";
    next = static_cast<size_t>(it - all.begin()) + 1;
  }
  return std::nullopt;
}

void TestHost::debug_log(const vm::Address& account, std::span<const uint8_t> data) {
  (void)account;
  if (impl_->run_log_bytes + data.size() > kMaxRunLogBytes) {
    ++dropped_logs_;
    return;
  }
  impl_->run_log_bytes += data.size();
  run_logs_.emplace_back(data.begin(), data.end());
}

// ---- Calls -------------------------------------------------------------------------------

vm::ExecResult TestHost::call(const vm::Message& msg) {
  Impl& s = *impl_;
  vm::Message m = msg;
  bool pranked = false;
  if (s.prank && s.made_by_test_at(msg, s.prank->depth)) {
    m.sender = s.prank->sender;
    s.prank.reset();
    pranked = true;
  } else if (s.sticky && s.made_by_test_at(msg, s.sticky->depth)) {
    m.sender = s.sticky->sender;
    pranked = true;
  }
  std::optional<Impl::ExpectedRevert> expected;
  if (s.expected_revert && s.made_by_test_at(msg, s.expected_revert->depth))
    expected = std::exchange(s.expected_revert, std::nullopt);
  vm::Hash256 callee{};
  if (m.kind == vm::CallKind::Call) {
    if (const vm::Account* a = find_account(m.recipient)) callee = a->code_hash;
  }
  const int node = record_trace_ ? s.open_node(m, pranked) : -1;
  const vm::Checkpoint before = checkpoint();
  vm::ExecResult r = vm::JournaledHost::call(m);
  if (r.status == vm::Status::Success && m.kind == vm::CallKind::Create)
    created_.push_back(r.created);
  const bool was_expected =
      expected && (expected->exact ? r.status == vm::Status::Revert && r.output == expected->data
                                   : r.status != vm::Status::Success);
  if (record_trace_) s.close_node(node, r, was_expected);
  if (m.kind == vm::CallKind::Create && s.test_contract && msg.sender == *s.test_contract)
    s.last_creation_expected = was_expected;
  if (!expected) return r;
  vm::ExecResult answer = s.settle(*expected, was_expected, m, callee, before, std::move(r));
  if (!was_expected) refusal_ = answer.reason;
  return answer;
}

/// The answer to the call an expect_revert applied to: on a match, success with the zero values
/// of the callee's results (a creation: the zero address); otherwise the call's changes are
/// undone and the answer is a revert saying what was expected and what happened.
vm::ExecResult TestHost::Impl::settle(const ExpectedRevert& expected, bool matched,
                                      const vm::Message& msg, const vm::Hash256& callee,
                                      vm::Checkpoint before, vm::ExecResult r) {
  if (matched) {
    vm::ExecResult ok{vm::Status::Success, r.gas_left, {}, {}, {}};
    if (msg.kind == vm::CallKind::Call) ok.output = registry.zero_results(callee, msg.input);
    return ok;
  }
  host.rollback(before);
  const std::string want =
      expected.exact ? abi::describe_revert(abi::decode_revert(expected.data, registry.errors()))
                     : std::string("any revert");
  const std::string message =
      "vm.expect_revert: expected " + want + ", got " + describe_outcome(r, registry);
  return vm::ExecResult{vm::Status::Revert, r.gas_left, error_data(message), {}, message};
}

int TestHost::Impl::open_node(const vm::Message& msg, bool pranked) {
  CallTrace& trace = host.trace_;
  if (trace.nodes.size() >= kMaxTraceNodes) {
    ++trace.dropped;
    open_nodes.push_back(-1);
    return -1;
  }
  CallNode n;
  n.kind = msg.kind;
  n.depth = msg.depth;
  n.sender = msg.sender;
  n.recipient = msg.recipient;
  n.value = msg.value;
  if (msg.kind == vm::CallKind::Create) {
    n.code_hash = vm::keccak256(msg.init_code);
  } else if (const vm::Account* a = host.find_account(msg.recipient)) {
    n.code_hash = a->code_hash;
  }
  n.input = capped(msg.input);
  n.input_size = msg.input.size();
  n.gas_limit = msg.gas;
  n.pranked = pranked;
  n.parent = -1;
  for (auto it = open_nodes.rbegin(); it != open_nodes.rend(); ++it) {
    if (*it >= 0) {
      n.parent = *it;
      break;
    }
  }
  trace.nodes.push_back(std::move(n));
  const int index = static_cast<int>(trace.nodes.size() - 1);
  open_nodes.push_back(index);
  return index;
}

void TestHost::Impl::close_node(int node, const vm::ExecResult& r, bool expected) {
  if (!open_nodes.empty()) open_nodes.pop_back();
  if (node < 0) return;
  CallNode& n = host.trace_.nodes[static_cast<size_t>(node)];
  n.status = r.status;
  n.output = capped(r.output);
  n.output_size = r.output.size();
  n.gas_used = n.gas_limit - r.gas_left;
  n.expected_revert = expected;
  if (n.kind == vm::CallKind::Create) n.recipient = r.created;
}

// ---- Cheat codes -----------------------------------------------------------------------

vm::ExecResult TestHost::cheat(uint16_t id, std::span<const uint8_t> input,
                               const vm::Message& msg) {
  vm::ExecResult r = impl_->run_cheat(id, Args(input), msg);
  if (r.status == vm::Status::Revert) refusal_ = r.reason;
  return r;
}

vm::ExecResult TestHost::Impl::run_cheat(uint16_t id, const Args& args, const vm::Message& msg) {
  if (id == static_cast<uint16_t>(vm::Cheat::expected_revert_taken))
    return answer(msg, word_bytes(vm::Word{last_creation_expected ? 1u : 0u}));
  const auto info = vm::cheat_by_id(id);
  if (!info) return refuse(msg, "vm: unknown cheat code " + std::to_string(id));
  switch (info->cheat) {
    case vm::Cheat::prank:
    case vm::Cheat::start_prank:
    case vm::Cheat::stop_prank:
      return pranks(info->cheat, args, msg);
    case vm::Cheat::deal:
    case vm::Cheat::warp:
    case vm::Cheat::roll:
    case vm::Cheat::label:
      return state_cheat(info->cheat, args, msg);
    case vm::Cheat::expect_revert:
    case vm::Cheat::expect_emit:
    case vm::Cheat::assume:
      return expectation(info->cheat, args, msg);
    case vm::Cheat::addr:
    case vm::Cheat::sign:
      return keys(info->cheat, args, msg);
    case vm::Cheat::snapshot:
    case vm::Cheat::revert_to:
      return snapshots_cheat(info->cheat, args, msg);
    default:
      break;
  }
  return refuse(msg, std::string(info->name) + ": not supported by this host");
}

/// The refusal of arguments that do not decode.
vm::ExecResult malformed(vm::Cheat cheat, const vm::Message& msg) {
  return refuse(msg, std::string(vm::cheat_by_id(static_cast<uint16_t>(cheat))->name) +
                         ": malformed arguments");
}

vm::ExecResult TestHost::Impl::pranks(vm::Cheat cheat, const Args& args, const vm::Message& msg) {
  if (cheat == vm::Cheat::stop_prank) {
    if (!sticky) return refuse(msg, "vm.stop_prank: no start_prank is active");
    sticky.reset();
    return answer(msg);
  }
  auto who = args.word(0);
  if (!who) return malformed(cheat, msg);
  const Prank p{vm::to_address(*who), msg.depth};
  if (cheat == vm::Cheat::start_prank) {
    sticky = p;
    return answer(msg);
  }
  if (prank) return refuse(msg, "vm.prank: one is already pending");
  prank = p;
  return answer(msg);
}

vm::ExecResult TestHost::Impl::state_cheat(vm::Cheat cheat, const Args& args,
                                           const vm::Message& msg) {
  auto first = args.word(0);
  if (!first) return malformed(cheat, msg);
  vm::TxContext context = host.tx_context();
  switch (cheat) {
    case vm::Cheat::deal: {
      auto amount = args.word(1);
      if (!amount) return malformed(cheat, msg);
      host.set_balance(vm::to_address(*first), *amount);
      break;
    }
    case vm::Cheat::warp:
    case vm::Cheat::roll: {
      if (!first->fits_u64()) return malformed(cheat, msg);
      (cheat == vm::Cheat::warp ? context.timestamp : context.number) = first->low64();
      host.set_context(context);
      break;
    }
    default: {  // label
      auto name = args.bytes(1);
      if (!name) return malformed(cheat, msg);
      host.labels_[vm::to_address(*first)] = std::string(name->begin(), name->end());
      break;
    }
  }
  return answer(msg);
}

vm::ExecResult TestHost::Impl::expectation(vm::Cheat cheat, const Args& args,
                                           const vm::Message& msg) {
  if (cheat == vm::Cheat::assume) {
    auto condition = args.word(0);
    if (!condition) return malformed(cheat, msg);
    if (!condition->is_zero()) return answer(msg);
    host.rejected_ = true;
    return refuse(msg, "vm.assume: input rejected");
  }
  if (cheat == vm::Cheat::expect_emit) {
    auto topics = args.words(0);
    auto data = args.bytes(1);
    if (!topics || !data) return malformed(cheat, msg);
    expected_emits.push_back(
        ExpectedEmit{std::move(*topics), {data->begin(), data->end()}, host.logs().size()});
    return answer(msg);
  }
  auto exact = args.word(0);
  auto data = args.bytes(1);
  if (!exact || !data) return malformed(cheat, msg);
  if (expected_revert) return refuse(msg, "vm.expect_revert: one is already pending");
  expected_revert = ExpectedRevert{!exact->is_zero(), {data->begin(), data->end()}, msg.depth};
  return answer(msg);
}

vm::ExecResult TestHost::Impl::keys(vm::Cheat cheat, const Args& args, const vm::Message& msg) {
  auto key = args.word(0);
  if (!key) return malformed(cheat, msg);
  const vm::Hash256 private_key = vm::word_to_be(*key);
  if (cheat == vm::Cheat::addr) {
    auto address = vm::address_of(private_key);
    if (!address) return refuse(msg, "vm.addr: invalid private key");
    return answer(msg, word_bytes(vm::to_word(*address)));
  }
  auto digest = args.word(1);
  if (!digest) return malformed(cheat, msg);
  auto signature = vm::sign(private_key, vm::word_to_be(*digest));
  if (!signature) return refuse(msg, "vm.sign: invalid private key");
  std::vector<uint8_t> out = word_bytes(vm::Word{signature->v});
  out.insert(out.end(), signature->r.begin(), signature->r.end());
  out.insert(out.end(), signature->s.begin(), signature->s.end());
  return answer(msg, std::move(out));
}

vm::ExecResult TestHost::Impl::snapshots_cheat(vm::Cheat cheat, const Args& args,
                                               const vm::Message& msg) {
  if (cheat == vm::Cheat::snapshot) {
    snapshots.push_back(host.mark());
    return answer(msg, word_bytes(vm::Word{snapshots.size() - 1}));
  }
  auto id = args.word(0);
  if (!id) return malformed(cheat, msg);
  if (!id->fits_u64() || id->low64() >= snapshots.size() || !snapshots[id->low64()])
    return refuse(msg, "vm.revert_to: no snapshot " + vm::to_decimal(*id));
  const size_t index = id->low64();
  host.restore(*snapshots[index]);
  for (size_t i = index + 1; i < snapshots.size(); ++i) snapshots[i].reset();
  return answer(msg);
}

}  // namespace tenet::runner
