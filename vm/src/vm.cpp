#include "tenet/vm/vm.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <list>
#include <unordered_map>
#include <unordered_set>

#include "interpreter.hpp"
#include "program.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::vm {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Success:
      return "success";
    case Status::Revert:
      return "revert";
    case Status::OutOfGas:
      return "out-of-gas";
    case Status::Trap:
      return "trap";
    case Status::Invalid:
      return "invalid";
  }
  return "invalid";
}

std::array<uint8_t, 4> reentrancy_selector() {
  return selector_of("Reentrancy()");
}

std::vector<uint8_t> panic_data(uint8_t code) {
  std::vector<uint8_t> out(4 + 32, 0);
  const auto sel = selector_of("Panic(uint256)");
  std::copy(sel.begin(), sel.end(), out.begin());
  out.back() = code;
  return out;
}

namespace {

struct HashKey {
  size_t operator()(const Hash256& h) const {
    size_t v;
    std::memcpy(&v, h.data(), sizeof v);
    return v;
  }
};

ExecResult refuse(const Message& msg, std::vector<uint8_t> data, std::string reason) {
  return ExecResult{Status::Revert, msg.gas, std::move(data), {}, std::move(reason)};
}

}  // namespace

/// Decoded programs by code hash: the cache between transactions, the programs held by the
/// running transaction, and the record of code hashes this VM has validated.
struct Vm::Impl {
  using ProgramPtr = std::shared_ptr<const Program>;

  /// How many validated code hashes are remembered (~100 bytes each: ~1.6 MiB at most).
  static constexpr size_t kValidatedRecordSize = 1 << 14;

  explicit Impl(size_t capacity) : capacity(capacity) {}

  /// Starts a transaction when no frame runs (the outermost execute).
  void enter() {
    if (active++ == 0) {
      held.clear();
      transaction_code = 0;
    }
  }
  /// Ends the transaction when the outermost frame returns: its programs are released
  /// (those still in the cache stay there).
  void leave() {
    if (--active == 0) held.clear();
  }

  /// The transaction's slot for `hash` (null until loaded). The first time `hash` is met
  /// in the transaction, `size` bytes of code count against kMaxTransactionCode when
  /// `limited`; null (no slot) when they would pass it.
  ProgramPtr* admit(const Hash256& hash, size_t size, bool limited) {
    auto [it, first] = held.try_emplace(hash);
    if (first && limited) {
      if (transaction_code + size > kMaxTransactionCode) {
        held.erase(it);
        return nullptr;
      }
      transaction_code += size;
    }
    return &it->second;
  }

  /// The program for `code` (whose keccak256 is `hash`) into the transaction's `slot`:
  /// already there, else cached, else parsed and decoded — validated unless this VM
  /// validated it before.
  Result<ProgramPtr> load(ProgramPtr& slot, std::span<const uint8_t> code, const Hash256& hash,
                          const ValidationOptions& options) {
    if (slot) return slot;
    if (auto it = index.find(hash); it != index.end()) {
      lru.splice(lru.begin(), lru, it->second);
      return slot = it->second->program;
    }
    const Trust trust = validated.contains(hash) ? Trust::Validated : Trust::Validate;
    auto prog = load_program(code, options, trust);
    ++counts.loaded;
    if (trust == Trust::Validate) ++counts.validated;
    if (!prog) return prog.error();
    if (trust == Trust::Validate) remember_validated(hash);
    insert(hash, *prog);
    return slot = *prog;
  }

  /// Adds a program to the cache and evicts the least recently used down to the bound.
  void insert(const Hash256& hash, const ProgramPtr& prog) {
    const size_t size = prog->memory_bytes();
    lru.push_front(Entry{hash, prog, size});
    index[hash] = lru.begin();
    bytes += size;
    while (bytes > capacity && !lru.empty()) {
      bytes -= lru.back().bytes;
      index.erase(lru.back().hash);
      lru.pop_back();
    }
  }

  void remember_validated(const Hash256& hash) {
    if (!validated.insert(hash).second) return;
    validated_order.push_back(hash);
    if (validated_order.size() > kValidatedRecordSize) {
      validated.erase(validated_order.front());
      validated_order.pop_front();
    }
  }

  struct Entry {
    Hash256 hash;
    ProgramPtr program;
    size_t bytes = 0;  ///< program->memory_bytes()
  };

  size_t capacity;  ///< VmOptions::code_cache_bytes
  std::list<Entry> lru;
  std::unordered_map<Hash256, std::list<Entry>::iterator, HashKey> index;
  size_t bytes = 0;  ///< sum of Entry::bytes
  /// The running transaction's programs by code hash (null: admitted, not loaded).
  std::unordered_map<Hash256, ProgramPtr, HashKey> held;
  size_t transaction_code = 0;  ///< code bytes admitted in the running transaction
  int active = 0;               ///< frames running (nested executes)
  std::unordered_set<Hash256, HashKey> validated;
  std::deque<Hash256> validated_order;  ///< oldest first
  LoadCounts counts;
};

namespace {

/// Marks the extent of one Vm::execute for the transaction bookkeeping.
class ActiveFrame {
 public:
  explicit ActiveFrame(Vm::Impl& impl) : impl_(impl) { impl_.enter(); }
  ~ActiveFrame() { impl_.leave(); }
  ActiveFrame(const ActiveFrame&) = delete;
  ActiveFrame& operator=(const ActiveFrame&) = delete;

 private:
  Vm::Impl& impl_;
};

}  // namespace

Vm::Vm(VmOptions options)
    : options_(options), impl_(std::make_unique<Impl>(options.code_cache_bytes)) {}
Vm::~Vm() = default;

size_t Vm::code_cache_bytes_used() const {
  return impl_->bytes;
}
Vm::LoadCounts Vm::load_counts() const {
  return impl_->counts;
}
size_t Vm::transaction_code_bytes() const {
  return impl_->transaction_code;
}

ExecResult Vm::execute(Host& host, const Message& msg, std::span<const uint8_t> code,
                       const Hash256& code_hash) {
  ActiveFrame active(*impl_);
  // Test mode (the test host, never a chain) has no per-transaction code limit: one test
  // contract may be larger than it.
  Impl::ProgramPtr* slot = impl_->admit(code_hash, code.size(), !options_.test_mode);
  if (!slot) return ExecResult{Status::Trap, 0, {}, {}, std::string(kTransactionCodeLimitReason)};
  auto loaded = impl_->load(*slot, code, code_hash, ValidationOptions{options_.test_mode});
  if (!loaded) return ExecResult{Status::Invalid, 0, {}, {}, loaded.error().message};
  const Program& prog = **loaded;
  const Container& c = prog.container;
  const bool has_value = !msg.value.is_zero();

  uint16_t function = kNoFunction;
  if (msg.kind == CallKind::Create) {
    function = c.constructor;
    if (function == kNoFunction) {
      if (has_value)
        return refuse(msg, {}, "the contract has no constructor and cannot accept value");
      return ExecResult{Status::Success, msg.gas, {}, {}, {}};
    }
  } else {
    if (msg.input.empty()) {
      function = c.receive;
      if (function == kNoFunction)
        return refuse(msg, {}, "empty call data and no receive function");
    } else {
      if (msg.input.size() < 4) return refuse(msg, {}, "call data shorter than a 4-byte selector");
      auto it = std::lower_bound(c.exports.begin(), c.exports.end(), msg.input.first(4),
                                 [](const ExportEntry& e, std::span<const uint8_t> sel) {
                                   return std::memcmp(e.selector.data(), sel.data(), 4) < 0;
                                 });
      if (it == c.exports.end() || std::memcmp(it->selector.data(), msg.input.data(), 4) != 0)
        return refuse(msg, {}, "no function with selector " + hex_encode(msg.input.first(4)));
      function = it->function;
    }
    const FunctionInfo& fn = c.functions[function];
    if (!fn.is_reentrant()) {
      for (const Message* p = msg.parent; p; p = p->parent) {
        if (p->recipient == msg.recipient) {
          const auto sel = reentrancy_selector();
          return refuse(msg, {sel.begin(), sel.end()},
                        "re-entrant call into " + to_hex(msg.recipient));
        }
      }
    }
  }
  const FunctionInfo& fn = c.functions[function];
  if (has_value && !fn.is_payable()) return refuse(msg, {}, "the function is not payable");

  Frame frame{host, msg, prog, function, msg.is_static || fn.is_view()};
  if (tracer_) {
    tracer_->on_frame(msg.depth, code_hash);
    return interpret_traced(frame, *tracer_);
  }
  return interpret(frame);
}

}  // namespace tenet::vm
