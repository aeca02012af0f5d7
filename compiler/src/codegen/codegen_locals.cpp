/// \file
/// codegen's local allocation: values that live in locals share them when their live
/// ranges do not overlap, so functions need fewer locals (every local costs one gas at
/// each CALLF, and a function may have at most 4096). Liveness is computed per block
/// over the emitted control flow, where a phi is a variable written by the copies at the
/// end of its predecessors (or at the start of its block when it has one predecessor);
/// each value's range is then the convex hull of its live points in layout order, and
/// ranges are packed by a linear scan (docs/compiler.md, "codegen").

#include <llvm/ADT/BitVector.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/IR/CFG.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "codegen_internal.hpp"

namespace tenet::compiler::codegen {

/// The local allocator of one function: numbers the layout positions, records where each
/// pooled value is read and written, solves liveness per block, turns the live points
/// into segments and packs the values into as few locals as it can. Each phase is one
/// method, run in the order run() calls them; each reads only what earlier phases built.
class FunctionTranslator::LocalAllocator {
 public:
  /// The allocator of the pooled values of `translator`'s function.
  explicit LocalAllocator(const FunctionTranslator& translator)
      : translator_(translator),
        value_count_(translator.pooled_.size()),
        block_count_(translator.order_.size()) {}

  /// Runs every phase (once per allocator); returns the slot (0-based) of each pooled value, in
  /// pool order. The number of slots is one more than the largest.
  std::vector<uint32_t> run() {
    number_values();
    number_positions();
    record_events();
    record_allocas();
    solve_liveness();
    build_segments();
    pack();
    return std::move(slot_of_);
  }

  /// The number of slots run() used.
  uint32_t slot_count() const { return static_cast<uint32_t>(taken_.size()); }

 private:
  /// A read or write of a pooled value at a position.
  struct Event {
    unsigned value;
    uint32_t at;
    bool write;
  };
  /// A live range [first, last] in doubled coordinates (see build_segments).
  using Segment = std::pair<uint64_t, uint64_t>;
  static constexpr uint32_t kUnassigned = std::numeric_limits<uint32_t>::max();

  llvm::BitVector empty_set() const { return llvm::BitVector(static_cast<unsigned>(value_count_)); }

  /// Phase 1: the index of each pooled value and of each emitted block.
  void number_values() {
    for (size_t i = 0; i < value_count_; ++i)
      index_[translator_.pooled_[i]] = static_cast<unsigned>(i);
    for (size_t b = 0; b < block_count_; ++b)
      block_index_[translator_.order_[b]] = static_cast<unsigned>(b);
  }

  /// Phase 2: positions in layout order. 0 is the prologue; each block has a start, its
  /// emitted instructions, and an end (where the terminator runs and phi copies happen).
  void number_positions() {
    start_.resize(block_count_);
    end_.resize(block_count_);
    uint32_t next = 1;
    for (size_t b = 0; b < block_count_; ++b) {
      start_[b] = next++;
      for (const llvm::Instruction& inst : *translator_.order_[b]) {
        position_[&inst] = next++;
        if (is_noreturn_tenet(inst)) break;
      }
      end_[b] = next++;
    }
  }

  /// Phase 3: what happens to each pooled value in each block — reads and writes at
  /// positions, and the upward-exposed uses and the definitions for liveness.
  void record_events() {
    events_.resize(block_count_);
    partners_.resize(value_count_);
    use_.assign(block_count_, empty_set());
    def_.assign(block_count_, empty_set());
    for (size_t b = 0; b < block_count_; ++b) {
      record_entry_copies(static_cast<unsigned>(b));
      record_instructions(static_cast<unsigned>(b));
      record_exit_copies(static_cast<unsigned>(b));
    }
  }

  /// Copies at the start of a block with one predecessor: read, then write the phis.
  void record_entry_copies(unsigned b) {
    const llvm::BasicBlock& bb = *translator_.order_[b];
    const llvm::BasicBlock* pred = bb.getSinglePredecessor();
    if (pred == nullptr || !has_copies(bb)) return;
    for (const llvm::PHINode& phi : bb.phis())
      if (phi.getIncomingValueForBlock(pred) != &phi)
        read(phi.getIncomingValueForBlock(pred), b, start_[b]);
    for (const llvm::PHINode& phi : bb.phis()) {
      auto it = index_.find(&phi);
      if (it == index_.end() || phi.getIncomingValueForBlock(pred) == &phi) continue;
      write(it->second, b, start_[b], true);
      partner(phi, phi.getIncomingValueForBlock(pred));
    }
  }

  /// The emitted instructions of a block: the locals each reads, then the one it writes.
  void record_instructions(unsigned b) {
    for (const llvm::Instruction& inst : *translator_.order_[b]) {
      auto at = position_.find(&inst);
      if (at == position_.end()) break;  // after a noreturn tenet.* call
      if (llvm::isa<llvm::PHINode>(inst) || llvm::isa<llvm::AllocaInst>(inst)) continue;
      const Place place = translator_.info(&inst).place;
      if (place == Place::Stack || place == Place::Alias || place == Place::Part ||
          place == Place::Elided)
        continue;
      tree_reads(inst, b, at->second);
      if (auto it = index_.find(&inst); it != index_.end()) write(it->second, b, at->second, true);
    }
  }

  /// Copies at the end, for successors with several predecessors (on the block itself
  /// after an unconditional branch, otherwise on a trampoline: not on every path, so the
  /// write does not kill).
  void record_exit_copies(unsigned b) {
    const llvm::BasicBlock& bb = *translator_.order_[b];
    const llvm::Instruction* term = bb.getTerminator();
    if (term == nullptr || !position_.count(term)) return;
    const bool unconditional =
        llvm::isa<llvm::BranchInst>(term) && llvm::cast<llvm::BranchInst>(term)->isUnconditional();
    llvm::SmallPtrSet<const llvm::BasicBlock*, 8> seen;
    for (const llvm::BasicBlock* succ : llvm::successors(&bb)) {
      if (!seen.insert(succ).second || succ->getSinglePredecessor() != nullptr ||
          !has_copies(*succ))
        continue;
      for (const llvm::PHINode& phi : succ->phis()) {
        const llvm::Value* incoming = phi.getIncomingValueForBlock(&bb);
        if (incoming == &phi) continue;
        read(incoming, b, end_[b]);
      }
      for (const llvm::PHINode& phi : succ->phis()) {
        auto it = index_.find(&phi);
        if (it == index_.end() || phi.getIncomingValueForBlock(&bb) == &phi) continue;
        write(it->second, b, end_[b], unconditional);
        partner(phi, phi.getIncomingValueForBlock(&bb));
      }
    }
  }

  /// Allocas are written in the prologue (position 0, before the entry block).
  void record_allocas() {
    for (size_t v = 0; v < value_count_; ++v)
      if (llvm::isa<llvm::AllocaInst>(translator_.pooled_[v]))
        events_[0].push_back({static_cast<unsigned>(v), 0, true});
  }

  /// Phase 4: liveness, in = use ∪ (out − def), out = ∪ in(successors), to a fixed point.
  void solve_liveness() {
    std::vector<std::vector<unsigned>> succs(block_count_);
    for (size_t b = 0; b < block_count_; ++b) {
      const llvm::BasicBlock& bb = *translator_.order_[b];
      const llvm::Instruction* term = bb.getTerminator();
      if (term == nullptr || !position_.count(term)) continue;  // ended by a noreturn call
      for (const llvm::BasicBlock* succ : llvm::successors(&bb)) {
        auto it = block_index_.find(translator_.resolve(succ));
        if (it != block_index_.end()) succs[b].push_back(it->second);
      }
    }
    live_in_.assign(block_count_, empty_set());
    live_out_.assign(block_count_, empty_set());
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t b = block_count_; b-- > 0;) {
        llvm::BitVector out = empty_set();
        for (unsigned s : succs[b]) out |= live_in_[s];
        llvm::BitVector in = out;
        in.reset(def_[b]);
        in |= use_[b];
        if (in != live_in_[b] || out != live_out_[b]) {
          live_in_[b] = std::move(in);
          live_out_[b] = std::move(out);
          changed = true;
        }
      }
    }
  }

  /// Phase 5: live segments, in doubled coordinates: a read at p is live up to 2p, a write
  /// at p from 2p+1 (so a value read by the instruction that writes another can share its
  /// local: reads come before the write). Live-in is live from the block's start,
  /// live-out to past its end (after the phi copies). One segment per value and block.
  void build_segments() {
    segments_.resize(value_count_);
    for (size_t b = 0; b < block_count_; ++b) {
      struct Span {
        uint64_t first_write = std::numeric_limits<uint64_t>::max();
        uint64_t first_read = std::numeric_limits<uint64_t>::max();
        uint64_t last = 0;
        bool seen = false;
      };
      std::map<unsigned, Span> spans;
      for (const Event& e : events_[b]) {
        Span& s = spans[e.value];
        s.seen = true;
        uint64_t at = e.write ? 2 * uint64_t{e.at} + 1 : 2 * uint64_t{e.at};
        if (e.write) s.first_write = std::min(s.first_write, at);
        if (!e.write) s.first_read = std::min(s.first_read, at);
        s.last = std::max(s.last, at);
      }
      const llvm::BitVector& in = live_in_[b];
      const llvm::BitVector& out = live_out_[b];
      for (unsigned v : in.set_bits()) spans[v];
      for (unsigned v : out.set_bits()) spans[v];
      for (auto& [v, s] : spans) {
        uint64_t lo = in.test(v) ? 2 * uint64_t{start_[b]} : std::min(s.first_write, s.first_read);
        uint64_t hi = out.test(v) ? 2 * uint64_t{end_[b]} + 1 : s.last;
        if (!s.seen && !in.test(v)) lo = hi;  // only live-out: written at the very end
        if (lo > hi) lo = hi;
        segments_[v].emplace_back(lo, hi);
      }
    }
  }

  /// Phase 6: greedy allocation in order of first live point: a partner's local if free,
  /// else the lowest free one. Each local keeps its (disjoint) segments sorted by start.
  void pack() {
    std::vector<uint64_t> first(value_count_, std::numeric_limits<uint64_t>::max());
    for (size_t v = 0; v < value_count_; ++v)
      for (auto [lo, hi] : segments_[v]) first[v] = std::min(first[v], lo);
    std::vector<unsigned> by_start(value_count_);
    std::iota(by_start.begin(), by_start.end(), 0u);
    std::stable_sort(by_start.begin(), by_start.end(),
                     [&](unsigned a, unsigned b) { return first[a] < first[b]; });
    slot_of_.assign(value_count_, kUnassigned);
    for (unsigned v : by_start) {
      const uint32_t slot = choose_slot(v);
      slot_of_[v] = slot;
      for (auto [lo, hi] : segments_[v]) {
        auto [it, inserted] = taken_[slot].emplace(lo, hi);
        if (!inserted) it->second = std::max(it->second, hi);
      }
    }
  }

  /// The slot for value `v`: a partner's if `v` fits there, else the lowest it fits in,
  /// else a new one.
  uint32_t choose_slot(unsigned v) {
    for (unsigned p : partners_[v])
      if (slot_of_[p] != kUnassigned && fits(v, slot_of_[p])) return slot_of_[p];
    for (uint32_t s = 0; s < taken_.size(); ++s)
      if (fits(v, s)) return s;
    taken_.emplace_back();
    return static_cast<uint32_t>(taken_.size() - 1);
  }

  /// True when no segment of `v` overlaps one already in `slot`.
  bool fits(unsigned v, uint32_t slot) const {
    const auto& m = taken_[slot];
    for (auto [lo, hi] : segments_[v]) {
      auto it = m.upper_bound(hi);
      if (it != m.begin() && std::prev(it)->second >= lo) return false;
    }
    return true;
  }

  /// The pooled value whose local a use of `v` reads (through aliases), or -1.
  int pooled_index(const llvm::Value* v) const {
    while (const auto* inst = llvm::dyn_cast<llvm::Instruction>(v)) {
      const ValueInfo& vi = translator_.info(inst);
      if (vi.place == Place::Alias) {
        v = vi.alias;
        continue;
      }
      auto it = index_.find(inst);
      return it == index_.end() ? -1 : static_cast<int>(it->second);
    }
    return -1;
  }

  /// Records a read of `value`'s local (if it has a pooled one) in block `b` at `at`.
  void read(const llvm::Value* value, unsigned b, uint32_t at) {
    int v = pooled_index(value);
    if (v < 0) return;
    events_[b].push_back({static_cast<unsigned>(v), at, false});
    if (!def_[b].test(static_cast<unsigned>(v))) use_[b].set(static_cast<unsigned>(v));
  }

  /// Records a write of pooled value `v`; `kills` when it happens on every path through
  /// the block (so it ends the liveness of the old value).
  void write(unsigned v, unsigned b, uint32_t at, bool kills) {
    events_[b].push_back({v, at, true});
    if (kills) def_[b].set(v);
  }

  /// Phis and their incoming values: a copy between two values that share a local is a
  /// no-op, so the allocation tries to give them the same one.
  void partner(const llvm::PHINode& phi, const llvm::Value* incoming) {
    auto p = index_.find(&phi);
    int w = pooled_index(incoming);
    if (p == index_.end() || w < 0 || static_cast<unsigned>(w) == p->second) return;
    partners_[p->second].push_back(static_cast<unsigned>(w));
    partners_[static_cast<unsigned>(w)].push_back(p->second);
  }

  /// The locals an emitted instruction reads: its operands, through stackified trees.
  void tree_reads(const llvm::Instruction& inst, unsigned b, uint32_t at) {
    for (const llvm::Value* op : inst.operands()) {
      const auto* def_inst = llvm::dyn_cast<llvm::Instruction>(op);
      if (def_inst != nullptr && translator_.info(def_inst).place == Place::Stack)
        tree_reads(*def_inst, b, at);
      else
        read(op, b, at);
    }
  }

  /// True when some phi of `bb` is copied into locals (not all its phis are elided).
  bool has_copies(const llvm::BasicBlock& bb) const {
    for (const llvm::PHINode& phi : bb.phis())
      if (translator_.info(&phi).place == Place::Local ||
          translator_.info(&phi).place == Place::Aggregate)
        return true;
    return false;
  }

  const FunctionTranslator& translator_;
  const size_t value_count_;  ///< pooled values
  const size_t block_count_;  ///< emitted blocks

  // number_values, number_positions
  llvm::DenseMap<const llvm::Value*, unsigned> index_;             ///< pooled value → its index
  llvm::DenseMap<const llvm::BasicBlock*, unsigned> block_index_;  ///< block → index in order_
  llvm::DenseMap<const llvm::Instruction*, uint32_t> position_;    ///< emitted instructions
  std::vector<uint32_t> start_, end_;                              ///< per block
  // record_events
  std::vector<std::vector<Event>> events_;       ///< per block, in recording order
  std::vector<std::vector<unsigned>> partners_;  ///< per value: phi/incoming partners
  std::vector<llvm::BitVector> use_, def_;       ///< per block: upward-exposed uses, kills
  // solve_liveness
  std::vector<llvm::BitVector> live_in_, live_out_;  ///< per block
  // build_segments
  std::vector<std::vector<Segment>> segments_;  ///< per value
  // pack
  std::vector<std::map<uint64_t, uint64_t>> taken_;  ///< per slot: segment start → end
  std::vector<uint32_t> slot_of_;                    ///< per value
};

void FunctionTranslator::assign_locals() {
  if (pooled_.empty()) return;
  LocalAllocator allocator(*this);
  const std::vector<uint32_t> slot_of = allocator.run();
  const uint32_t slots = allocator.slot_count();
  if (next_local_ + slots > vm::ContainerLimits::kMaxLocals) {
    fail("needs more than " + std::to_string(vm::ContainerLimits::kMaxLocals) + " locals");
    return;
  }
  for (size_t v = 0; v < pooled_.size(); ++v)
    values_[pooled_[v]].local = static_cast<uint16_t>(next_local_ + slot_of[v]);
  next_local_ += slots;
}

}  // namespace tenet::compiler::codegen
