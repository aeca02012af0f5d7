// Gas estimates of a container's entry points (gas_estimate.hpp, docs/gas.md "Gas
// estimates"): an interval analysis over each function's block DAG, callees analysed
// in their calling context, memory and frame growth bounded by the highest byte any path
// touches and the largest chain of internal frames.
#include "tenet/compiler/gas_estimate.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include "tenet/vm/container.hpp"
#include "tenet/vm/decoder.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::compiler {
namespace {

using vm::Op;

/// Bounds above this are reported as unbounded (no real call can pay them).
constexpr uint64_t kMaxBound = uint64_t{1} << 62;
/// Instructions the analysis may visit per entry point before it gives up.
constexpr uint64_t kStepBudget = 4'000'000;

std::string hex(uint64_t v) {
  return vm::hex_encode_quantity(v);
}

/// A set of possible word values: an interval [lo, hi] below 2^64, or any value.
struct Val {
  bool known = false;
  uint64_t lo = 0;
  uint64_t hi = 0;
  uint64_t id = 0;  ///< values with one non-zero id are copies of one value
  uint64_t minus =
      0;  ///< when not `known` and non-zero: exactly 2^256 − minus (a negative constant)
  uint64_t base = 0;    ///< non-zero: exactly the value with id `base`, plus `offset`
  uint64_t offset = 0;  ///< see `base`

  static Val top() { return {}; }
  static Val exact(uint64_t v) { return {true, v, v}; }
  static Val range(uint64_t lo, uint64_t hi) { return {true, lo, hi}; }
  bool is_exact() const { return known && lo == hi; }
  friend bool operator==(const Val&, const Val&) = default;
};

Val join(const Val& a, const Val& b) {
  Val out =
      (!a.known || !b.known) ? Val::top() : Val::range(std::min(a.lo, b.lo), std::max(a.hi, b.hi));
  out.id = a.id == b.id ? a.id : 0;
  out.minus = !a.known && !b.known && a.minus == b.minus ? a.minus : 0;
  if (a.base == b.base && a.offset == b.offset) {
    out.base = a.base;
    out.offset = a.offset;
  }
  return out;
}

/// `r` (a value computed from `a`) marked as exactly `a + k`, so that memory addresses
/// computed from one pointer keep their distance when the pointer is only known as a range.
Val offset_from(Val r, const Val& a, uint64_t k) {
  if (a.base != 0) {
    r.base = a.base;
    r.offset = a.offset + k;
  } else if (a.id != 0) {
    r.base = a.id;
    r.offset = k;
  }
  return r;
}

/// A symbolic memory address: the value with id `first`, plus `second` bytes.
using SymbolicAddress = std::pair<uint64_t, uint64_t>;

/// The symbolic address of `v`, when it is one (a copy of, or an offset from, a value with
/// an identity).
std::optional<SymbolicAddress> symbolic_address(const Val& v) {
  if (v.base != 0) return SymbolicAddress{v.base, v.offset};
  if (v.id != 0) return SymbolicAddress{v.id, 0};
  return std::nullopt;
}

/// The smallest 2^k − 1 that is ≥ v.
uint64_t fill_ones(uint64_t v) {
  for (int s = 1; s < 64; s <<= 1) v |= v >> s;
  return v;
}

/// a + b; `checked`: ADDC, which panics where ADD wraps.
Val add(const Val& a, const Val& b, bool checked) {
  // x + (2^256 − m) wraps to x − m when x ≥ m (for ADDC that case panics instead, and the
  // other case gives a value near 2^256).
  if (!checked && a.known && !b.known && b.minus != 0 && a.lo >= b.minus)
    return Val::range(a.lo - b.minus, a.hi - b.minus);
  if (!checked && b.known && !a.known && a.minus != 0 && b.lo >= a.minus)
    return Val::range(b.lo - a.minus, b.hi - a.minus);
  if (!a.known || !b.known || a.hi > UINT64_MAX - b.hi) return Val::top();
  return Val::range(a.lo + b.lo, a.hi + b.hi);
}

/// a − b; `checked`: SUBC, whose underflowing cases panic instead of producing a value.
Val sub(const Val& a, const Val& b, bool checked) {
  if (!a.known || !b.known) return Val::top();
  if (a.lo >= b.hi) return Val::range(a.lo - b.hi, a.hi - b.lo);
  if (checked && a.hi >= b.lo) return Val::range(0, a.hi - b.lo);
  if (checked) return Val::exact(0);  // every case panics; any value is sound
  return Val::top();
}

Val mul(const Val& a, const Val& b) {
  if (!a.known || !b.known) return Val::top();
  if (a.hi != 0 && b.hi > UINT64_MAX / a.hi) return Val::top();
  return Val::range(a.lo * b.lo, a.hi * b.hi);
}

Val divide(const Val& a, const Val& b) {
  if (!a.known) return Val::top();
  if (b.known && b.lo > 0) return Val::range(a.lo / b.hi, a.hi / b.lo);
  return Val::range(0, a.hi);  // x / 0 = 0
}

Val modulo(const Val& a, const Val& b) {
  uint64_t hi = UINT64_MAX;
  bool bounded = false;
  if (a.known) hi = a.hi, bounded = true;
  if (b.known) hi = std::min(hi, b.hi == 0 ? 0 : b.hi - 1), bounded = true;
  return bounded ? Val::range(0, hi) : Val::top();
}

Val bit_and(const Val& a, const Val& b) {
  // A mask 2^k − 1 keeps a value that already fits in it.
  if (a.known && b.is_exact() && fill_ones(b.lo) == b.lo && a.hi <= b.lo)
    return Val::range(a.lo, a.hi);
  if (b.known && a.is_exact() && fill_ones(a.lo) == a.lo && b.hi <= a.lo)
    return Val::range(b.lo, b.hi);
  if (a.known && b.known) return Val::range(0, std::min(a.hi, b.hi));
  if (a.known) return Val::range(0, a.hi);
  if (b.known) return Val::range(0, b.hi);
  return Val::top();
}

Val bit_or(const Val& a, const Val& b) {
  if (!a.known || !b.known) return Val::top();
  return Val::range(std::max(a.lo, b.lo), fill_ones(std::max(a.hi, b.hi)));
}

Val bit_xor(const Val& a, const Val& b) {
  if (!a.known || !b.known) return Val::top();
  return Val::range(0, fill_ones(std::max(a.hi, b.hi)));
}

/// a << s
Val shift_left(const Val& a, const Val& s) {
  if (!a.known || !s.known || s.hi >= 64) return Val::top();
  if (a.hi != 0 && a.hi > (UINT64_MAX >> s.hi)) return Val::top();
  return Val::range(a.lo << s.lo, a.hi << s.hi);
}

/// a >> s (logical)
Val shift_right(const Val& a, const Val& s) {
  if (a.known) {
    if (!s.known) return Val::range(0, a.hi);
    const uint64_t hi = s.lo >= 64 ? 0 : a.hi >> s.lo;
    const uint64_t lo = s.hi >= 64 ? 0 : a.lo >> s.hi;
    return Val::range(lo, hi);
  }
  if (s.known && s.lo >= 192) return Val::range(0, s.lo >= 256 ? 0 : UINT64_MAX >> (s.lo - 192));
  return Val::top();
}

/// a < b (or a > b with the operands swapped): 0 or 1, exact when the ranges decide it.
Val less_than(const Val& a, const Val& b) {
  if (a.known && b.known) {
    if (a.hi < b.lo) return Val::exact(1);
    if (a.lo >= b.hi) return Val::exact(0);
  }
  return Val::range(0, 1);
}

Val equal(const Val& a, const Val& b) {
  if (a.known && b.known) {
    if (a.is_exact() && b.is_exact() && a.lo == b.lo) return Val::exact(1);
    if (a.hi < b.lo || b.hi < a.lo) return Val::exact(0);
  }
  return Val::range(0, 1);
}

/// A word stored at a symbolic address, and the byte range [lo, hi) it may occupy.
struct SymbolicWord {
  Val value;
  uint64_t lo = 0;
  uint64_t hi = 0;
};

/// Memory of one external frame: words known exactly at constant addresses, words stored
/// at symbolic addresses (a pointer known only as a range, plus a constant), ranges whose
/// content is unknown, zero everywhere else (memory starts zeroed).
struct Memory {
  std::map<uint64_t, Val> words;                     ///< a 32-byte word at each address
  std::map<SymbolicAddress, SymbolicWord> symbolic;  ///< words at symbolic addresses
  std::vector<std::pair<uint64_t, uint64_t>> dirty;  ///< [lo, hi) byte ranges of unknown content
  bool all_dirty = false;                            ///< nothing is known

  /// Forgets the symbolic words that a write of bytes [lo, hi) may overlap. A write at the
  /// symbolic address `at` of `size` bytes keeps the words at the same base whose offsets
  /// it does not reach, whatever the base's range.
  void forget_symbolic(uint64_t lo, uint64_t hi, std::optional<SymbolicAddress> at = std::nullopt,
                       uint64_t size = 0) {
    for (auto it = symbolic.begin(); it != symbolic.end();) {
      const auto& [key, word] = *it;
      const bool disjoint = at ? (key.first == at->first ? key.second >= at->second + size ||
                                                               at->second >= key.second + 32
                                                         : word.hi <= lo || hi <= word.lo)
                               : word.hi <= lo || hi <= word.lo;
      it = disjoint ? std::next(it) : symbolic.erase(it);
    }
  }

  bool overlaps_dirty(uint64_t lo, uint64_t hi) const {
    if (all_dirty) return true;
    for (const auto& [a, b] : dirty)
      if (a < hi && lo < b) return true;
    return false;
  }

  /// The word at byte address `a`.
  Val load(uint64_t a) const {
    if (auto it = words.find(a); it != words.end()) return it->second;
    if (all_dirty || a > UINT64_MAX - 32) return Val::top();
    if (overlaps_word(a, a + 32, a)) return Val::top();
    return overlaps_dirty(a, a + 32) ? Val::top() : Val::exact(0);
  }

  /// True when a tracked word other than the one at `except` overlaps [lo, hi).
  bool overlaps_word(uint64_t lo, uint64_t hi, uint64_t except) const {
    auto it = words.lower_bound(lo >= 31 ? lo - 31 : 0);
    for (; it != words.end() && it->first < hi; ++it)
      if (it->first != except) return true;
    return false;
  }

  void add_dirty(uint64_t lo, uint64_t hi) {
    if (all_dirty) return;
    dirty.emplace_back(lo, hi);
    if (dirty.size() > 64) {  // merge overlapping ranges to keep the list short
      std::sort(dirty.begin(), dirty.end());
      std::vector<std::pair<uint64_t, uint64_t>> merged;
      for (const auto& r : dirty) {
        if (!merged.empty() && r.first <= merged.back().second)
          merged.back().second = std::max(merged.back().second, r.second);
        else
          merged.push_back(r);
      }
      dirty = std::move(merged);
    }
  }

  /// Forgets what is known about bytes [lo, hi).
  void clobber(uint64_t lo, uint64_t hi) {
    forget_symbolic(lo, hi);
    clobber_words(lo, hi);
  }

  /// Forgets the words at constant addresses that overlap bytes [lo, hi).
  void clobber_words(uint64_t lo, uint64_t hi) {
    auto it = words.lower_bound(lo >= 31 ? lo - 31 : 0);
    while (it != words.end() && it->first < hi) {
      if (it->first + 32 > lo) {
        add_dirty(it->first, it->first + 32);
        it = words.erase(it);
      } else {
        ++it;
      }
    }
    add_dirty(lo, hi);
  }

  void clobber_all() {
    words.clear();
    symbolic.clear();
    dirty.clear();
    all_dirty = true;
  }

  void store_word(uint64_t a, const Val& v) {
    if (a > UINT64_MAX - 32) return clobber_all();
    forget_symbolic(a, a + 32);
    auto it = words.lower_bound(a >= 31 ? a - 31 : 0);
    while (it != words.end() && it->first < a + 32) {
      if (it->first != a) {
        add_dirty(it->first, it->first + 32);
        it = words.erase(it);
      } else {
        ++it;
      }
    }
    words[a] = v;
  }
};

Memory join(const Memory& a, const Memory& b) {
  Memory out;
  if (a.all_dirty || b.all_dirty) {
    out.all_dirty = true;
    return out;
  }
  out.dirty = a.dirty;
  for (const auto& r : b.dirty) out.add_dirty(r.first, r.second);
  std::vector<uint64_t> keys;
  for (const auto& [k, v] : a.words) keys.push_back(k);
  for (const auto& [k, v] : b.words) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (uint64_t k : keys) {
    const Val v = join(a.load(k), b.load(k));
    if (v.known)
      out.words[k] = v;
    else
      out.add_dirty(k, k + 32);
  }
  for (const auto& [key, word] : a.symbolic) {
    const auto other = b.symbolic.find(key);
    if (other == b.symbolic.end()) continue;
    const Val v = join(word.value, other->second.value);
    if (v.known)
      out.symbolic[key] = {v, std::min(word.lo, other->second.lo),
                           std::max(word.hi, other->second.hi)};
  }
  return out;
}

/// The state of one internal frame at a program point.
struct State {
  std::vector<Val> stack;
  std::vector<Val> locals;
  Memory memory;
  /// The most bytes RETURNDATASIZE can be here; none: not known (after CALLF, in a callee).
  std::optional<uint64_t> returndata_max;
};

/// The most bytes a frame given `gas` can return or revert with: the memory it can pay for.
uint64_t most_returned_bytes(uint64_t gas) {
  uint64_t lo = 0, hi = uint64_t{1} << 27;  // memory_cost(2^27 words) > 2^62
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    if (vm::memory_cost(mid) <= gas) lo = mid; else hi = mid - 1;
  }
  return lo * 32;
}

/// Narrows every copy of the value `id` in `s` to [lo, hi] (`hi` none: no upper
/// limit). False when a copy's range rules that out (the path is infeasible).
bool narrow(State& s, uint64_t id, uint64_t lo, std::optional<uint64_t> hi) {
  if (id == 0) return true;
  const auto apply = [&](Val& v) {
    if (v.id != id) return true;
    if (!v.known) {
      if (hi) {
        v.known = true;
        v.lo = lo;
        v.hi = *hi;
        v.minus = 0;
      }
      return true;
    }
    const uint64_t new_lo = std::max(lo, v.lo), new_hi = hi ? std::min(*hi, v.hi) : v.hi;
    if (new_lo > new_hi) return false;
    v.lo = new_lo;
    v.hi = new_hi;
    return true;
  };
  for (Val& v : s.stack)
    if (!apply(v)) return false;
  for (Val& v : s.locals)
    if (!apply(v)) return false;
  for (auto& [addr, v] : s.memory.words)
    if (!apply(v)) return false;
  for (auto& [addr, word] : s.memory.symbolic)
    if (!apply(word.value)) return false;
  return true;
}

/// What a comparison with a constant said: operand < k (`less`) or operand > k.
struct Relation {
  uint64_t operand = 0;
  bool less = true;
  uint64_t k = 0;
};

State join(const State& a, const State& b) {
  State out;
  out.stack.resize(a.stack.size());
  for (size_t i = 0; i < a.stack.size() && i < b.stack.size(); ++i)
    out.stack[i] = join(a.stack[i], b.stack[i]);
  out.locals.resize(a.locals.size());
  for (size_t i = 0; i < a.locals.size() && i < b.locals.size(); ++i)
    out.locals[i] = join(a.locals[i], b.locals[i]);
  out.memory = join(a.memory, b.memory);
  if (a.returndata_max && b.returndata_max)
    out.returndata_max = std::max(*a.returndata_max, *b.returndata_max);
  return out;
}

/// One decoded instruction.
struct Instr {
  uint32_t offset = 0;
  Op op = Op::STOP;
  uint64_t imm = 0;
  std::vector<uint32_t> targets;  ///< jump targets (JUMPTABLE: default first)
};

/// A basic block of a function and its successors.
struct Block {
  uint32_t start = 0;
  uint32_t gas = 0;
  std::vector<Instr> instrs;
  std::vector<size_t> successors;  ///< block indices
};

/// The block graph of one function, or why it cannot be bounded.
struct Graph {
  std::vector<Block> blocks;
  std::vector<size_t> order;  ///< reachable blocks in topological order
  std::string failure;        ///< non-empty: a loop
  uint32_t failure_at = 0;    ///< the loop's head (when `failure` is set)
};

/// Decodes function `index`'s body and builds its block DAG (the container is validated).
Graph build_graph(const vm::Container& c, const vm::FunctionAnalysis& fa, uint16_t index) {
  Graph g;
  const vm::FunctionInfo& fn = c.functions[index];
  std::map<uint32_t, size_t> block_at;
  for (const vm::BasicBlock& b : fa.blocks) {
    block_at[b.start] = g.blocks.size();
    g.blocks.push_back(Block{b.start, b.gas, {}, {}});
  }
  const uint32_t end = fn.code_offset + fn.code_size;
  const auto code = std::span<const uint8_t>(c.code).first(end);
  size_t current = 0;
  for (uint32_t off = fn.code_offset; off < end;) {
    if (auto it = block_at.find(off); it != block_at.end()) current = it->second;
    const vm::Instruction decoded = vm::decode_instruction(code, off).value();  // validated
    g.blocks[current].instrs.push_back(Instr{
        off, decoded.op, decoded.immediate, {decoded.targets.begin(), decoded.targets.end()}});
    off += decoded.size;
  }
  for (size_t i = 0; i < g.blocks.size(); ++i) {
    Block& b = g.blocks[i];
    const Instr& last = b.instrs.back();
    const vm::OpInfo& info = vm::op_info(last.op);
    std::vector<uint32_t> next = last.targets;
    const bool falls_through = info.kind == vm::OpKind::Plain || info.kind == vm::OpKind::CallF ||
                               info.kind == vm::OpKind::Branch || info.kind == vm::OpKind::TestOnly;
    if (falls_through && i + 1 < g.blocks.size()) next.push_back(g.blocks[i + 1].start);
    for (uint32_t t : next) {
      const size_t s = block_at.at(t);
      if (std::find(b.successors.begin(), b.successors.end(), s) == b.successors.end())
        b.successors.push_back(s);
    }
  }
  // Depth-first search from the entry: a back edge is a loop; reverse postorder is a
  // topological order of the reachable blocks.
  enum Colour : uint8_t { kWhite, kGrey, kBlack };
  std::vector<Colour> colour(g.blocks.size(), kWhite);
  std::vector<std::pair<size_t, size_t>> stack{{0, 0}};
  colour[0] = kGrey;
  std::vector<size_t> post;
  while (!stack.empty()) {
    auto& [b, next] = stack.back();
    if (next < g.blocks[b].successors.size()) {
      const size_t s = g.blocks[b].successors[next++];
      if (colour[s] == kGrey) {
        g.failure =
            "loop in function " + std::to_string(index) + " at offset " + hex(g.blocks[s].start);
        g.failure_at = g.blocks[s].start;
        return g;
      }
      if (colour[s] == kWhite) {
        colour[s] = kGrey;
        stack.emplace_back(s, 0);
      }
    } else {
      colour[b] = kBlack;
      post.push_back(b);
      stack.pop_back();
    }
  }
  g.order.assign(post.rbegin(), post.rend());
  return g;
}

/// What one analysed call of a function gives its caller.
struct Outcome {
  uint64_t gas = 0;          ///< the longest path, in gas (memory growth excluded)
  bool returns = false;      ///< some path ends with RETF
  std::vector<Val> results;  ///< the results, joined over RETF paths
  Memory memory;             ///< memory after the call, joined over RETF paths
};

/// Saturating sum.
uint64_t plus(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/// The analysis of one entry point.
class Estimator {
 public:
  Estimator(const vm::Container& c, const vm::CodeAnalysis& a,
            std::optional<uint64_t> calldata_size)
      : c_(c), a_(a), calldata_size_(calldata_size) {}

  GasBound run(uint16_t function) {
    Memory empty;
    std::vector<Val> args(c_.functions[function].params, Val::top());
    for (Val& v : args) v.id = ++next_id_;
    auto outcome = analyse(function, std::move(args), empty, 0);  // no return data yet
    if (!outcome) return failure_;
    // Memory and the word buffer share one quadratic; their growth costs telescope to at
    // most C(memory words + frame words) of their final sizes.
    const uint64_t total =
        plus(outcome->gas, vm::memory_cost(vm::words_of(high_water_) + frame_words_));
    if (total > kMaxBound)
      return GasBound{std::nullopt, "the bound exceeds 2^62 gas", UnboundedCause::too_much_gas,
                      std::nullopt};
    return GasBound{total, "", UnboundedCause::none, std::nullopt};
  }

 private:
  /// Records the first reason no bound can be proven (`at`: the code offset it names).
  bool fail(UnboundedCause cause, std::optional<uint32_t> at, std::string reason) {
    if (failure_.reason.empty()) failure_ = GasBound{std::nullopt, std::move(reason), cause, at};
    return false;
  }

  std::string where(uint16_t fn, const Instr& in) const {
    return std::string(vm::op_info(in.op).name) + " at offset " + hex(in.offset) + " in function " +
           std::to_string(fn);
  }

  const Graph& graph(uint16_t fn) {
    auto& slot = graphs_[fn];
    if (!slot) slot = std::make_unique<Graph>(build_graph(c_, a_.functions[fn], fn));
    return *slot;
  }

  /// Records an access of [off, off + len) and checks that it is bounded.
  bool touch(uint16_t fn, const Instr& in, const Val& off, const Val& len) {
    if (len.known && len.hi == 0) return true;
    if (!off.known || !len.known)
      return fail(
          UnboundedCause::memory, in.offset,
          where(fn, in) + ": memory " + (off.known ? "length" : "address") + " not bounded");
    if (off.hi > vm::kMaxMemory || len.hi > vm::kMaxMemory || off.hi + len.hi > vm::kMaxMemory)
      return fail(UnboundedCause::memory, in.offset,
                  where(fn, in) + ": memory access may end beyond 2^32 bytes");
    high_water_ = std::max(high_water_, off.hi + len.hi);
    return true;
  }

  /// The word-buffer words of the chain of internal calls being analysed: the sum of every
  /// active function's params + locals + max stack. The VM places a callee's frame at
  /// most at the top of its caller's, so no frame on this chain reaches beyond it.
  uint64_t chain_frame_words() const {
    uint64_t words = 0;
    for (uint16_t f : active_) {
      const vm::FunctionInfo& info = c_.functions[f];
      words += uint64_t{info.params} + info.locals + info.max_stack;
    }
    return words;
  }

  /// Forgets memory [off, off + len) after a write of unknown content.
  static void clobber(Memory& m, const Val& off, const Val& len) {
    if (len.known && len.hi == 0) return;
    if (!off.known || !len.known) return m.clobber_all();
    m.clobber(off.lo, off.hi + len.hi);
  }

  /// The gas of copying, hashing or logging `len` bytes at `per_word` gas per word.
  static uint64_t per_word(const Val& len, uint64_t gas) { return vm::words_of(len.hi) * gas; }

  std::optional<Outcome> analyse(uint16_t fn, std::vector<Val> args, const Memory& memory,
                                 std::optional<uint64_t> returndata_max = std::nullopt) {
    if (std::find(active_.begin(), active_.end(), fn) != active_.end()) {
      fail(UnboundedCause::recursion, c_.functions[fn].code_offset,
           "recursion through function " + std::to_string(fn));
      return std::nullopt;
    }
    const Graph& g = graph(fn);
    if (!g.failure.empty()) {
      fail(UnboundedCause::loop, g.failure_at, g.failure);
      return std::nullopt;
    }
    active_.push_back(fn);
    frame_words_ = std::max(frame_words_, chain_frame_words());
    const vm::FunctionInfo& info = c_.functions[fn];
    std::vector<std::optional<State>> in(g.blocks.size());
    std::vector<uint64_t> dist(g.blocks.size(), 0);
    State entry;
    entry.locals = std::move(args);
    entry.locals.resize(size_t{info.params} + info.locals, Val::exact(0));
    entry.memory = memory;
    entry.returndata_max = returndata_max;
    in[0] = std::move(entry);
    Outcome out;
    std::optional<State> returned;
    for (size_t b : g.order) {
      if (!in[b]) continue;
      State s = std::move(*in[b]);
      in[b].reset();
      uint64_t cost = g.blocks[b].gas;
      bool reachable = true;
      for (const Instr& instr : g.blocks[b].instrs) {
        if (++steps_ > kStepBudget) {
          fail(UnboundedCause::too_large, std::nullopt, "the code is too large to analyse");
          active_.pop_back();
          return std::nullopt;
        }
        if (!step(fn, instr, s, cost, reachable)) {
          active_.pop_back();
          return std::nullopt;
        }
        if (!reachable) break;
      }
      const uint64_t end = plus(dist[b], cost);
      if (!reachable) {  // the path ended inside a callee that never returns
        out.gas = std::max(out.gas, end);
        continue;
      }
      const Op last = g.blocks[b].instrs.back().op;
      if (last == Op::RETF) {
        out.gas = std::max(out.gas, end);
        std::vector<Val> results(s.stack.end() - info.results, s.stack.end());
        if (!returned) {
          out.results = results;
          returned = std::move(s);
        } else {
          for (size_t i = 0; i < results.size(); ++i)
            out.results[i] = join(out.results[i], results[i]);
          returned->memory = join(returned->memory, s.memory);
        }
        continue;
      }
      if (g.blocks[b].successors.empty()) {
        out.gas = std::max(out.gas, end);
        continue;
      }
      const Instr& last_instr = g.blocks[b].instrs.back();
      for (size_t succ : g.blocks[b].successors) {
        State edge = s;
        if (last == Op::JUMPI) {
          const bool to_target = g.blocks[succ].start == last_instr.targets[0];
          const bool to_next = b + 1 < g.blocks.size() && succ == b + 1;
          if (to_target != to_next && !refine_branch(edge, last_condition_, to_target)) continue;
        }
        dist[succ] = in[succ] ? std::max(dist[succ], end) : end;
        in[succ] = in[succ] ? join(*in[succ], edge) : std::move(edge);
      }
    }
    active_.pop_back();
    out.returns = returned.has_value();
    if (returned) out.memory = std::move(returned->memory);
    return out;
  }

  /// Narrows every copy of value `id` (and what it was computed from: the operand of
  /// an ISZERO, the operand of a comparison with a constant) to non-zero or zero. False
  /// when that is impossible on this path.
  bool refine(State& s, uint64_t id, bool nonzero) {
    if (id == 0) return true;
    if (!(nonzero ? narrow(s, id, 1, std::nullopt) : narrow(s, id, 0, 0))) return false;
    if (auto it = negations_.find(id); it != negations_.end() && !refine(s, it->second, !nonzero))
      return false;
    if (auto it = relations_.find(id); it != relations_.end()) {
      const Relation& r = it->second;
      const bool holds = nonzero;
      if (r.less && holds) return r.k != 0 && narrow(s, r.operand, 0, r.k - 1);  // x < k
      if (r.less) return narrow(s, r.operand, r.k, std::nullopt);                // x ≥ k
      if (holds) return r.k != UINT64_MAX && narrow(s, r.operand, r.k + 1, std::nullopt);  // x > k
      return narrow(s, r.operand, 0, r.k);  // x ≤ k
    }
    return true;
  }

  /// The state on one edge of a JUMPI whose condition was `cond`; false when infeasible.
  bool refine_branch(State& s, const Val& cond, bool taken) {
    if (cond.is_exact()) return (cond.lo != 0) == taken;
    if (cond.known && cond.lo > 0 && !taken) return false;
    return refine(s, cond.id, taken);
  }

  /// Pushes a computed value under a new identity.
  void push(State& s, Val v) {
    v.id = ++next_id_;
    s.stack.push_back(v);
  }

  Val pop(State& s) {
    const Val v = s.stack.back();
    s.stack.pop_back();
    return v;
  }

  /// Interprets one instruction abstractly, adding its dynamic cost to `cost`. Returns
  /// false when the entry point cannot be bounded; clears `reachable` after a CALLF to a
  /// function that never returns.
  bool step(uint16_t fn, const Instr& in, State& s, uint64_t& cost, bool& reachable) {
    switch (in.op) {
      case Op::PUSH0:
      case Op::PUSH1:
      case Op::PUSH4:
      case Op::PUSH8:
      case Op::PUSHC:
      case Op::DUP:
      case Op::SWAP:
      case Op::LGET:
      case Op::LSET:
      case Op::LTEE:
        move_value(in, s);
        return true;
      case Op::ADD:
      case Op::ADDC:
      case Op::SUB:
      case Op::SUBC:
      case Op::MUL:
      case Op::MULC:
      case Op::DIV:
      case Op::DIVC:
      case Op::MOD:
      case Op::MODC:
      case Op::AND:
      case Op::OR:
      case Op::XOR:
      case Op::SHL:
      case Op::SHR:
      case Op::SELECT:
        compute(in, s);
        return true;
      case Op::LT:
      case Op::GT:
      case Op::EQ:
      case Op::ISZERO:
        compare(in, s);
        return true;
      case Op::SLT:
      case Op::SGT:
      case Op::MULO:
      case Op::BYTE:
      case Op::CLZ:
      case Op::CTZ:
      case Op::POPCNT:
        small_result(in, s);
        return true;
      case Op::EXP:
      case Op::EXPC:
        exponentiate(s, cost);
        return true;
      case Op::MLOAD:
      case Op::MSTORE:
      case Op::MSTORE8:
        return access_word(fn, in, s);
      case Op::MCOPY:
      case Op::MFILL:
      case Op::CALLDATACOPY:
      case Op::RETURNDATACOPY:
        return copy(fn, in, s, cost);
      case Op::KECCAK256:
      case Op::SHA256:
      case Op::RETURN:
      case Op::REVERT:
      case Op::DEBUGLOG:
      case Op::LOG0:
      case Op::LOG1:
      case Op::LOG2:
      case Op::LOG3:
      case Op::LOG4:
        return read_range(fn, in, s, cost);
      case Op::SLOAD:
      case Op::SSTORE:
      case Op::BALANCE:
      case Op::EXTCODESIZE:
      case Op::TRANSFER:
        access_state(in, s, cost);
        return true;
      case Op::CALLDATASIZE:
        push(s, calldata_size_ ? Val::exact(*calldata_size_) : Val::top());
        return true;
      case Op::RETURNDATASIZE:
        push(s, s.returndata_max ? Val::range(0, *s.returndata_max) : Val::top());
        return true;
      case Op::JUMPI:
        last_condition_ = pop(s);
        return true;
      case Op::CALL:
      case Op::STATICCALL:
        return external_call(fn, in, s, cost);
      case Op::CREATE:
        return fail(UnboundedCause::external_call, in.offset,
                    where(fn, in) + ": a creation may use all the gas left");
      case Op::CHEAT:
        return fail(UnboundedCause::cheat_code, in.offset,
                    where(fn, in) + ": cheat codes are not estimated");
      case Op::CALLF:
        return call_function(in, s, cost, reachable);
      default:
        unknown_results(in, s);  // no dynamic cost
        return true;
    }
  }

  /// Pops the operands of `in` and pushes results of which nothing is known.
  void unknown_results(const Instr& in, State& s) {
    const vm::OpInfo& info = vm::op_info(in.op);
    for (unsigned i = 0; i < info.pops; ++i) s.stack.pop_back();
    for (unsigned i = 0; i < info.pushes; ++i) push(s, Val::top());
  }

  /// Constants, DUP, SWAP and locals: values move without being computed, so copies keep
  /// their identity.
  void move_value(const Instr& in, State& s) {
    auto& st = s.stack;
    const auto top = [&](size_t i) -> Val& { return st[st.size() - 1 - i]; };
    switch (in.op) {
      case Op::PUSH0:
        st.push_back(Val::exact(0));
        return;
      case Op::PUSHC:
        st.push_back(constant(c_.constants[in.imm]));
        return;
      case Op::DUP:
        st.push_back(top(in.imm));
        return;
      case Op::SWAP:
        std::swap(top(0), top(in.imm));
        return;
      case Op::LGET:
        st.push_back(s.locals[in.imm]);
        return;
      case Op::LSET:
        s.locals[in.imm] = pop(s);
        return;
      case Op::LTEE:
        s.locals[in.imm] = top(0);
        return;
      default:
        st.push_back(Val::exact(in.imm));
        return;  // PUSH1, PUSH4, PUSH8
    }
  }

  /// The value of a constant-pool word: exact below 2^64, or a negative constant.
  static Val constant(const vm::Word& w) {
    Val v = w.fits_u64() ? Val::exact(w.low64()) : Val::top();
    if (const vm::Word neg = vm::negate(w); !w.fits_u64() && neg.fits_u64()) v.minus = neg.low64();
    return v;
  }

  /// Arithmetic and bitwise instructions whose result is an interval of their operands'.
  void compute(const Instr& in, State& s) {
    if (in.op == Op::SELECT) {
      pop(s);
      const Val b = pop(s), a = pop(s);
      return push(s, join(a, b));
    }
    const Val b = pop(s), a = pop(s);
    switch (in.op) {
      case Op::ADD:
      case Op::ADDC: {
        const Val r = add(a, b, in.op == Op::ADDC);
        if (r.known && b.is_exact()) return push(s, offset_from(r, a, b.lo));
        if (r.known && a.is_exact()) return push(s, offset_from(r, b, a.lo));
        return push(s, r);
      }
      case Op::SUB:
      case Op::SUBC:
        return push(s, sub(a, b, in.op == Op::SUBC));
      case Op::MUL:
      case Op::MULC:
        return push(s, mul(a, b));
      case Op::DIV:
      case Op::DIVC:
        return push(s, divide(a, b));
      case Op::MOD:
      case Op::MODC:
        return push(s, modulo(a, b));
      case Op::AND: {
        // A mask 2^k − 1 that keeps the value (the compiler's 32-bit pointer masks).
        const Val r = bit_and(a, b);
        if (a.known && b.is_exact() && fill_ones(b.lo) == b.lo && a.hi <= b.lo)
          return push(s, offset_from(r, a, 0));
        return push(s, r);
      }
      case Op::OR:
        return push(s, bit_or(a, b));
      case Op::XOR:
        return push(s, bit_xor(a, b));
      case Op::SHL:
        return push(s, shift_left(a, b));
      default:
        return push(s, shift_right(a, b));  // SHR
    }
  }

  /// LT, GT, EQ and ISZERO: a 0/1 result, remembering what it says about its operand
  /// (for `refine` at a JUMPI on it).
  void compare(const Instr& in, State& s) {
    auto& st = s.stack;
    if (in.op == Op::ISZERO) {
      const Val a = pop(s);
      push(s, a.is_exact()            ? Val::exact(a.lo == 0 ? 1 : 0)
              : (a.known && a.lo > 0) ? Val::exact(0)
                                      : Val::range(0, 1));
      if (a.id != 0) negations_[st.back().id] = a.id;
      return;
    }
    const Val b = pop(s), a = pop(s);
    push(s, in.op == Op::LT ? less_than(a, b) : in.op == Op::GT ? less_than(b, a) : equal(a, b));
    if (in.op != Op::EQ && !st.back().is_exact()) {
      // a < b is "a < k" for a constant b, and "b > k" for a constant a.
      const bool lt = in.op == Op::LT;
      if (b.is_exact() && a.id != 0)
        relations_[st.back().id] = Relation{a.id, lt, b.lo};
      else if (a.is_exact() && b.id != 0)
        relations_[st.back().id] = Relation{b.id, !lt, a.lo};
    }
  }

  /// Instructions whose result is small whatever their operands: a flag, a byte, a bit
  /// count.
  void small_result(const Instr& in, State& s) {
    for (unsigned i = 0; i < vm::op_info(in.op).pops; ++i) pop(s);
    switch (in.op) {
      case Op::BYTE:
        return push(s, Val::range(0, 255));
      case Op::CLZ:
      case Op::CTZ:
      case Op::POPCNT:
        return push(s, Val::range(0, 256));
      default:
        return push(s, Val::range(0, 1));  // SLT, SGT, MULO
    }
  }

  /// EXP, EXPC: the dynamic cost of the exponent's largest byte length; the result is
  /// unknown.
  void exponentiate(State& s, uint64_t& cost) {
    const Val e = pop(s);
    pop(s);
    uint64_t bytes = 32;
    if (e.known) {
      bytes = 0;
      for (uint64_t v = e.hi; v != 0; v >>= 8) ++bytes;
    }
    cost = plus(cost, vm::kExpPerByteCost * bytes);
    push(s, Val::top());
  }

  /// MLOAD, MSTORE, MSTORE8: one word (or byte) at an address that must be bounded; a
  /// word at an exact address is tracked.
  bool access_word(uint16_t fn, const Instr& in, State& s) {
    if (in.op == Op::MLOAD) {
      const Val off = pop(s);
      if (!touch(fn, in, off, Val::exact(32))) return false;
      const Val v = off.is_exact() ? s.memory.load(off.lo) : load_symbolic(s.memory, off);
      if (v.id != 0)
        s.stack.push_back(v);
      else
        push(s, v);
      return true;
    }
    const Val v = pop(s), off = pop(s);
    const uint64_t size = in.op == Op::MSTORE ? 32 : 1;
    if (!touch(fn, in, off, Val::exact(size))) return false;
    if (in.op == Op::MSTORE && off.is_exact())
      s.memory.store_word(off.lo, v);
    else if (in.op == Op::MSTORE && symbolic_address(off))
      store_symbolic(s.memory, off, v);
    else
      clobber(s.memory, off, Val::exact(size));
    return true;
  }

  /// The word at the bounded, inexact address `off`: what was stored at the same symbolic
  /// address when nothing may have overwritten it since, else unknown.
  static Val load_symbolic(const Memory& m, const Val& off) {
    const auto at = symbolic_address(off);
    if (!at) return Val::top();
    const auto it = m.symbolic.find(*at);
    return it == m.symbolic.end() ? Val::top() : it->second.value;
  }

  /// MSTORE of `v` at the bounded, inexact address `off` that is a symbolic address:
  /// forgets what the word may overlap and remembers it under its symbolic address.
  static void store_symbolic(Memory& m, const Val& off, const Val& v) {
    const auto at = symbolic_address(off);
    const uint64_t lo = off.lo, hi = off.hi + 32;
    m.forget_symbolic(lo, hi, at, 32);
    m.clobber_words(lo, hi);
    if (v.known) m.symbolic[*at] = {v, lo, hi};
  }

  /// MCOPY, MFILL, CALLDATACOPY, RETURNDATACOPY: a bounded write of `len` bytes, at the
  /// copy cost per word.
  bool copy(uint16_t fn, const Instr& in, State& s, uint64_t& cost) {
    const Val len = pop(s), src = pop(s), dst = pop(s);
    if (!touch(fn, in, dst, len)) return false;
    if (in.op == Op::MCOPY && !touch(fn, in, src, len)) return false;
    cost = plus(cost, per_word(len, vm::kCopyPerWordCost));
    if (in.op == Op::MCOPY)
      copy_words(s.memory, dst, src, len);
    else
      clobber(s.memory, dst, len);
    return true;
  }

  /// MCOPY's effect on what is known: a copy of whole words between exact places carries
  /// what is known (pointers inside copied structs and arrays); anything else forgets the
  /// destination.
  static void copy_words(Memory& m, const Val& dst, const Val& src, const Val& len) {
    if (!(dst.is_exact() && src.is_exact() && len.is_exact() && len.lo % 32 == 0 && len.lo <= 4096))
      return clobber(m, dst, len);
    std::vector<Val> words;
    for (uint64_t k = 0; k < len.lo; k += 32) words.push_back(m.load(src.lo + k));
    clobber(m, dst, len);
    for (uint64_t k = 0; k < len.lo; k += 32)
      if (words[k / 32].known) m.store_word(dst.lo + k, words[k / 32]);
  }

  /// Hashes, RETURN, REVERT, DEBUGLOG and logs: a bounded read of memory [off, off + len),
  /// at the hash cost per word or the log cost per byte.
  bool read_range(uint16_t fn, const Instr& in, State& s, uint64_t& cost) {
    const bool log = in.op >= Op::LOG0 && in.op <= Op::LOG4;
    if (log)
      for (int i = static_cast<int>(in.op) - static_cast<int>(Op::LOG0); i > 0; --i) pop(s);
    const Val len = pop(s), off = pop(s);
    if (!touch(fn, in, off, len)) return false;
    if (log) cost = plus(cost, vm::kLogPerByteCost * len.hi);
    if (in.op == Op::DEBUGLOG) cost = plus(cost, vm::kDebugLogPerByteCost * len.hi);
    if (in.op == Op::KECCAK256 || in.op == Op::SHA256) {
      cost = plus(cost, per_word(len, in.op == Op::KECCAK256 ? vm::kKeccakPerWordCost
                                                             : vm::kSha256PerWordCost));
      push(s, Val::top());
    }
    return true;
  }

  /// SLOAD, SSTORE, BALANCE, EXTCODESIZE, TRANSFER at their worst case: a cold slot or
  /// account (holding code of the largest container size), a store from zero to non-zero.
  void access_state(const Instr& in, State& s, uint64_t& cost) {
    constexpr uint64_t kMaxCode = vm::cold_code_cost(vm::ContainerLimits::kMaxContainerSize);
    switch (in.op) {
      case Op::SLOAD:
        cost = plus(cost, vm::kColdStorageAccessCost);
        break;
      case Op::SSTORE:
        cost = plus(cost, vm::kMaxStorageStoreCost);
        break;
      case Op::TRANSFER:
        cost = plus(cost, vm::kColdAccountSurcharge + kMaxCode);
        break;
      default:
        cost = plus(cost, vm::kColdAccountAccessCost + kMaxCode);
        break;  // BALANCE, EXTCODESIZE
    }
    if (in.op == Op::TRANSFER) {
      pop(s);
      pop(s);
      return push(s, Val::range(0, 1));
    }
    unknown_results(in, s);
  }

  /// CALL, STATICCALL: bounded when the gas operand is (`c.f{gas: N}()`): the callee gets at
  /// most that much (the 63/64 rule only lowers it; a value's stipend is the callee's, paid for
  /// by the 9000), plus a cold callee holding the largest container, 9000 when a value may be
  /// sent, and the input's memory. Forwarding the gas left (no `gas:` option) → unbounded.
  bool external_call(uint16_t fn, const Instr& in, State& s, uint64_t& cost) {
    const Val len = pop(s), off = pop(s);
    const Val value = in.op == Op::CALL ? pop(s) : Val::exact(0);
    pop(s);  // the callee
    const Val gas = pop(s);
    if (!gas.known) {
      return fail(UnboundedCause::external_call, in.offset,
                  where(fn, in) + ": an external call may use all the gas left (no gas limit)");
    }
    if (!touch(fn, in, off, len)) return false;
    cost = plus(cost, vm::kColdAccountSurcharge +
                          vm::cold_code_cost(vm::ContainerLimits::kMaxContainerSize));
    if (!(value.is_exact() && value.lo == 0)) cost = plus(cost, vm::kCallValueCost);
    cost = plus(cost, gas.hi);
    s.returndata_max = most_returned_bytes(gas.hi);
    push(s, Val::range(0, 1));
    return true;
  }

  /// CALLF: analyses the callee with the arguments and memory at the call and adds its
  /// longest path; its results and memory come back. Clears `reachable` when the callee
  /// never returns.
  bool call_function(const Instr& in, State& s, uint64_t& cost, bool& reachable) {
    auto& st = s.stack;
    const auto callee = static_cast<uint16_t>(in.imm);
    const vm::FunctionInfo& ci = c_.functions[callee];
    std::vector<Val> args(st.end() - ci.params, st.end());
    st.resize(st.size() - ci.params);
    auto outcome = analyse(callee, std::move(args), s.memory);
    if (!outcome) return false;
    cost = plus(cost, outcome->gas);
    s.returndata_max.reset();  // the callee may have made calls
    if (!outcome->returns) {
      reachable = false;
      return true;
    }
    for (const Val& v : outcome->results) {
      if (v.id != 0)
        st.push_back(v);
      else
        push(s, v);
    }
    s.memory = std::move(outcome->memory);
    return true;
  }

  const vm::Container& c_;
  const vm::CodeAnalysis& a_;
  std::map<uint16_t, std::unique_ptr<Graph>> graphs_;
  std::vector<uint16_t> active_;
  std::optional<uint64_t> calldata_size_;
  uint64_t next_id_ = 0;
  Val last_condition_;                      ///< the condition popped by the last JUMPI
  std::map<uint64_t, uint64_t> negations_;  ///< id of an ISZERO result → id of its operand
  std::map<uint64_t, Relation> relations_;  ///< id of a comparison with a constant → what it says
  uint64_t high_water_ = 0;
  uint64_t frame_words_ = 0;  ///< the largest chain_frame_words() of any call chain
  uint64_t steps_ = 0;
  GasBound failure_;  ///< the first reason no bound was proven
};

}  // namespace

GasBound estimate_function_gas(const vm::Container& container, const vm::CodeAnalysis& analysis,
                               uint16_t function, std::optional<uint64_t> calldata_size) {
  return Estimator(container, analysis, calldata_size).run(function);
}

vm::Result<ContainerGas> estimate_gas(const vm::Container& container,
                                      const vm::ValidationOptions& options,
                                      const CallDataSizes& sizes) {
  auto analysis = vm::validate(container, options);
  if (!analysis) return analysis.error();
  ContainerGas out;
  if (container.constructor != vm::kNoFunction)
    out.constructor =
        estimate_function_gas(container, *analysis, container.constructor, sizes.constructor);
  if (container.receive != vm::kNoFunction)
    out.receive = estimate_function_gas(container, *analysis, container.receive, 0);
  for (const vm::ExportEntry& e : container.exports) {
    const auto size = sizes.exports.find(e.selector);
    out.exports.push_back(
        {e.selector, e.function,
         estimate_function_gas(
             container, *analysis, e.function,
             size == sizes.exports.end() ? std::nullopt : std::optional<uint64_t>(size->second))});
  }
  return out;
}

}  // namespace tenet::compiler
