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
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "codegen_internal.hpp"

namespace tenet::compiler::codegen {

void FunctionTranslator::assign_locals() {
  const size_t n = pooled_.size();
  if (n == 0) return;
  llvm::DenseMap<const llvm::Value*, unsigned> index;
  for (size_t i = 0; i < n; ++i) index[pooled_[i]] = static_cast<unsigned>(i);
  llvm::DenseMap<const llvm::BasicBlock*, unsigned> block_index;
  for (size_t b = 0; b < order_.size(); ++b) block_index[order_[b]] = static_cast<unsigned>(b);

  // Positions in layout order: 0 is the prologue; each block has a start, its emitted
  // instructions, and an end (where the terminator runs and phi copies happen).
  llvm::DenseMap<const llvm::Instruction*, uint32_t> pos;
  std::vector<uint32_t> start(order_.size()), end(order_.size());
  uint32_t next = 1;
  for (size_t b = 0; b < order_.size(); ++b) {
    start[b] = next++;
    for (const llvm::Instruction& inst : *order_[b]) {
      pos[&inst] = next++;
      if (is_noreturn_tenet(inst)) break;
    }
    end[b] = next++;
  }

  // What happens to each pooled value in each block: reads and writes at positions.
  struct Event {
    unsigned value;
    uint32_t at;
    bool write;
  };
  std::vector<std::vector<Event>> events(order_.size());
  // Phis and their incoming values: a copy between two values that share a local is a
  // no-op, so the allocation tries to give them the same one.
  std::vector<std::vector<unsigned>> partners(n);
  const size_t nb = order_.size();
  std::vector<llvm::BitVector> use(nb, llvm::BitVector(static_cast<unsigned>(n)));
  std::vector<llvm::BitVector> def(nb, llvm::BitVector(static_cast<unsigned>(n)));

  // The pooled value whose local a use of `v` reads (through aliases), or -1.
  auto pooled_index = [&](const llvm::Value* v) -> int {
    while (const auto* inst = llvm::dyn_cast<llvm::Instruction>(v)) {
      const ValueInfo& vi = info(inst);
      if (vi.place == Place::Alias) {
        v = vi.alias;
        continue;
      }
      auto it = index.find(inst);
      return it == index.end() ? -1 : static_cast<int>(it->second);
    }
    return -1;
  };
  auto read = [&](const llvm::Value* value, unsigned b, uint32_t at) {
    int v = pooled_index(value);
    if (v < 0) return;
    events[b].push_back({static_cast<unsigned>(v), at, false});
    if (!def[b].test(static_cast<unsigned>(v))) use[b].set(static_cast<unsigned>(v));
  };
  auto write = [&](unsigned v, unsigned b, uint32_t at, bool kills) {
    events[b].push_back({v, at, true});
    if (kills) def[b].set(v);
  };
  auto partner = [&](const llvm::PHINode& phi, const llvm::Value* incoming) {
    auto p = index.find(&phi);
    int w = pooled_index(incoming);
    if (p == index.end() || w < 0 || static_cast<unsigned>(w) == p->second) return;
    partners[p->second].push_back(static_cast<unsigned>(w));
    partners[static_cast<unsigned>(w)].push_back(p->second);
  };
  // The locals an emitted instruction reads: its operands, through stackified trees.
  std::function<void(const llvm::Instruction&, unsigned, uint32_t)> tree_reads =
      [&](const llvm::Instruction& inst, unsigned b, uint32_t at) {
        for (const llvm::Value* op : inst.operands()) {
          const auto* def_inst = llvm::dyn_cast<llvm::Instruction>(op);
          if (def_inst != nullptr && info(def_inst).place == Place::Stack)
            tree_reads(*def_inst, b, at);
          else
            read(op, b, at);
        }
      };
  auto has_copies = [&](const llvm::BasicBlock& bb) {
    for (const llvm::PHINode& phi : bb.phis())
      if (info(&phi).place == Place::Local || info(&phi).place == Place::Aggregate) return true;
    return false;
  };

  for (size_t bi = 0; bi < nb; ++bi) {
    const unsigned b = static_cast<unsigned>(bi);
    const llvm::BasicBlock& bb = *order_[b];
    // Copies at the start of a block with one predecessor: read, then write the phis.
    if (const llvm::BasicBlock* pred = bb.getSinglePredecessor();
        pred != nullptr && has_copies(bb)) {
      for (const llvm::PHINode& phi : bb.phis())
        if (phi.getIncomingValueForBlock(pred) != &phi)
          read(phi.getIncomingValueForBlock(pred), b, start[b]);
      for (const llvm::PHINode& phi : bb.phis()) {
        auto it = index.find(&phi);
        if (it == index.end() || phi.getIncomingValueForBlock(pred) == &phi) continue;
        write(it->second, b, start[b], true);
        partner(phi, phi.getIncomingValueForBlock(pred));
      }
    }
    for (const llvm::Instruction& inst : bb) {
      auto at = pos.find(&inst);
      if (at == pos.end()) break;  // after a noreturn tenet.* call
      if (llvm::isa<llvm::PHINode>(inst) || llvm::isa<llvm::AllocaInst>(inst)) continue;
      const Place place = info(&inst).place;
      if (place == Place::Stack || place == Place::Alias || place == Place::Part ||
          place == Place::Elided)
        continue;
      tree_reads(inst, b, at->second);
      if (auto it = index.find(&inst); it != index.end()) write(it->second, b, at->second, true);
    }
    // Copies at the end, for successors with several predecessors (on the block itself
    // after an unconditional branch, otherwise on a trampoline: not on every path).
    const llvm::Instruction* term = bb.getTerminator();
    if (term == nullptr || !pos.count(term)) continue;
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
        read(incoming, b, end[b]);
      }
      for (const llvm::PHINode& phi : succ->phis()) {
        auto it = index.find(&phi);
        if (it == index.end() || phi.getIncomingValueForBlock(&bb) == &phi) continue;
        write(it->second, b, end[b], unconditional);
        partner(phi, phi.getIncomingValueForBlock(&bb));
      }
    }
  }
  // Allocas are written in the prologue (position 0, before the entry block).
  for (size_t v = 0; v < n; ++v)
    if (llvm::isa<llvm::AllocaInst>(pooled_[v]))
      events[0].push_back({static_cast<unsigned>(v), 0, true});

  // Liveness: in = use ∪ (out − def), out = ∪ in(successors), to a fixed point.
  std::vector<std::vector<unsigned>> succs(nb);
  for (size_t b = 0; b < nb; ++b) {
    const llvm::BasicBlock& bb = *order_[b];
    const llvm::Instruction* term = bb.getTerminator();
    if (term == nullptr || !pos.count(term)) continue;  // ended by a noreturn call
    for (const llvm::BasicBlock* succ : llvm::successors(&bb)) {
      auto it = block_index.find(resolve(succ));
      if (it != block_index.end()) succs[b].push_back(it->second);
    }
  }
  std::vector<llvm::BitVector> in(nb, llvm::BitVector(static_cast<unsigned>(n)));
  std::vector<llvm::BitVector> out(nb, llvm::BitVector(static_cast<unsigned>(n)));
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t b = nb; b-- > 0;) {
      llvm::BitVector o(static_cast<unsigned>(n));
      for (unsigned s : succs[b]) o |= in[s];
      llvm::BitVector i = o;
      i.reset(def[b]);
      i |= use[b];
      if (i != in[b] || o != out[b]) {
        in[b] = std::move(i);
        out[b] = std::move(o);
        changed = true;
      }
    }
  }
  // Live segments, in doubled coordinates: a read at p is live up to 2p, a write at p
  // from 2p+1 (so a value read by the instruction that writes another can share its
  // local: reads come before the write). Live-in is live from the block's start, live-out
  // to past its end (after the phi copies).
  std::vector<std::vector<std::pair<uint64_t, uint64_t>>> segments(n);
  for (size_t bi = 0; bi < nb; ++bi) {
    struct Span {
      uint64_t first_write = std::numeric_limits<uint64_t>::max();
      uint64_t first_read = std::numeric_limits<uint64_t>::max();
      uint64_t last = 0;
      bool seen = false;
    };
    std::map<unsigned, Span> spans;
    for (const Event& e : events[bi]) {
      Span& s = spans[e.value];
      s.seen = true;
      uint64_t at = e.write ? 2 * uint64_t{e.at} + 1 : 2 * uint64_t{e.at};
      if (e.write) s.first_write = std::min(s.first_write, at);
      if (!e.write) s.first_read = std::min(s.first_read, at);
      s.last = std::max(s.last, at);
    }
    for (unsigned v : in[bi].set_bits()) spans[v];
    for (unsigned v : out[bi].set_bits()) spans[v];
    for (auto& [v, s] : spans) {
      uint64_t lo =
          in[bi].test(v) ? 2 * uint64_t{start[bi]} : std::min(s.first_write, s.first_read);
      uint64_t hi = out[bi].test(v) ? 2 * uint64_t{end[bi]} + 1 : s.last;
      if (!s.seen && !in[bi].test(v)) lo = hi;  // only live-out: written at the very end
      if (lo > hi) lo = hi;
      segments[v].emplace_back(lo, hi);
    }
  }

  // Greedy allocation in order of first live point: a partner's local if free, else the
  // lowest free one. Each local keeps its (disjoint) segments sorted by start.
  std::vector<uint64_t> first(n, std::numeric_limits<uint64_t>::max());
  for (size_t v = 0; v < n; ++v)
    for (auto [lo, hi] : segments[v]) first[v] = std::min(first[v], lo);
  std::vector<unsigned> by_start(n);
  std::iota(by_start.begin(), by_start.end(), 0u);
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&](unsigned a, unsigned b) { return first[a] < first[b]; });
  std::vector<std::map<uint64_t, uint64_t>> taken;  // per local: segment start → end
  auto fits = [&](unsigned v, uint32_t slot) {
    const auto& m = taken[slot];
    for (auto [lo, hi] : segments[v]) {
      auto it = m.upper_bound(hi);
      if (it != m.begin() && std::prev(it)->second >= lo) return false;
    }
    return true;
  };
  constexpr uint32_t kUnassigned = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> slot_of(n, kUnassigned);
  for (unsigned v : by_start) {
    uint32_t slot = kUnassigned;
    for (unsigned p : partners[v])
      if (slot_of[p] != kUnassigned && fits(v, slot_of[p])) {
        slot = slot_of[p];
        break;
      }
    for (uint32_t s = 0; slot == kUnassigned && s < taken.size(); ++s)
      if (fits(v, s)) slot = s;
    if (slot == kUnassigned) {
      slot = static_cast<uint32_t>(taken.size());
      taken.emplace_back();
    }
    slot_of[v] = slot;
    for (auto [lo, hi] : segments[v]) {
      auto [it, inserted] = taken[slot].emplace(lo, hi);
      if (!inserted) it->second = std::max(it->second, hi);
    }
  }
  const uint32_t slots = static_cast<uint32_t>(taken.size());
  if (next_local_ + slots > vm::ContainerLimits::kMaxLocals) {
    fail("needs more than " + std::to_string(vm::ContainerLimits::kMaxLocals) + " locals");
    return;
  }
  for (size_t v = 0; v < n; ++v)
    values_[pooled_[v]].local = static_cast<uint16_t>(next_local_ + slot_of[v]);
  next_local_ += slots;
}

}  // namespace tenet::compiler::codegen
