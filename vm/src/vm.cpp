#include "tenet/vm/vm.hpp"

#include <algorithm>
#include <cstring>
#include <list>
#include <unordered_map>

#include "interpreter.hpp"
#include "tenet/vm/hex.hpp"
#include "program.hpp"

namespace tenet::vm {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Success: return "success";
    case Status::Revert: return "revert";
    case Status::OutOfGas: return "out-of-gas";
    case Status::Trap: return "trap";
    case Status::Invalid: return "invalid";
  }
  return "invalid";
}

std::array<uint8_t, 4> reentrancy_selector() { return selector_of("Reentrancy()"); }

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

/// The code cache: analysed programs keyed by code hash, least recently used evicted.
struct Vm::Impl {
  explicit Impl(size_t capacity) : capacity(capacity) {}

  Result<std::shared_ptr<const Program>> load(std::span<const uint8_t> code, const Hash256& hash,
                                              const ValidationOptions& options) {
    if (auto it = index.find(hash); it != index.end()) {
      lru.splice(lru.begin(), lru, it->second);
      return it->second->second;
    }
    auto prog = load_program(code, options);
    if (!prog) return prog.error();
    lru.emplace_front(hash, *prog);
    index[hash] = lru.begin();
    if (lru.size() > capacity) {
      index.erase(lru.back().first);
      lru.pop_back();
    }
    return *prog;
  }

  size_t capacity;
  std::list<std::pair<Hash256, std::shared_ptr<const Program>>> lru;
  std::unordered_map<Hash256, decltype(lru)::iterator, HashKey> index;
};

Vm::Vm(VmOptions options) : options_(options), impl_(std::make_unique<Impl>(options.code_cache_size)) {}
Vm::~Vm() = default;

ExecResult Vm::execute(Host& host, const Message& msg, std::span<const uint8_t> code,
                       const Hash256& code_hash) {
  auto loaded = impl_->load(code, code_hash, ValidationOptions{options_.test_mode});
  if (!loaded) return ExecResult{Status::Invalid, 0, {}, {}, loaded.error().message};
  const Program& prog = **loaded;
  const Container& c = prog.container;
  const bool has_value = !msg.value.is_zero();

  uint16_t function = kNoFunction;
  if (msg.kind == CallKind::Create) {
    function = c.constructor;
    if (function == kNoFunction) {
      if (has_value) return refuse(msg, {}, "the contract has no constructor and cannot accept value");
      return ExecResult{Status::Success, msg.gas, {}, {}, {}};
    }
  } else {
    if (msg.input.empty()) {
      function = c.receive;
      if (function == kNoFunction) return refuse(msg, {}, "empty call data and no receive function");
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
          return refuse(msg, {sel.begin(), sel.end()}, "re-entrant call into " + to_hex(msg.recipient));
        }
      }
    }
  }
  const FunctionInfo& fn = c.functions[function];
  if (has_value && !fn.is_payable()) return refuse(msg, {}, "the function is not payable");

  Frame frame{host, msg, prog, function, msg.is_static || fn.is_view()};
  if (tracer_) return interpret_traced(frame, *tracer_);
  return interpret(frame);
}

}  // namespace tenet::vm
