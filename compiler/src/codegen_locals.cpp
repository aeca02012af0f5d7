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

  std::vector<uint32_t> lo(n, std::numeric_limits<uint32_t>::max()), hi(n, 0);
  auto touch = [&](unsigned v, uint32_t at) {
    lo[v] = std::min(lo[v], at);
    hi[v] = std::max(hi[v], at);
  };
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
    touch(static_cast<unsigned>(v), at);
    if (!def[b].test(static_cast<unsigned>(v))) use[b].set(static_cast<unsigned>(v));
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
        touch(it->second, start[b]);
        def[b].set(it->second);
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
      if (auto it = index.find(&inst); it != index.end()) {
        touch(it->second, at->second);
        def[b].set(it->second);
      }
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
        touch(it->second, end[b]);
        if (unconditional) def[b].set(it->second);
      }
    }
  }
  // Allocas are written in the prologue.
  for (size_t v = 0; v < n; ++v)
    if (llvm::isa<llvm::AllocaInst>(pooled_[v])) touch(static_cast<unsigned>(v), 0);

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
  for (size_t b = 0; b < nb; ++b) {
    for (unsigned v : in[b].set_bits()) touch(v, start[b]);
    for (unsigned v : out[b].set_bits()) touch(v, end[b]);
  }

  // Linear scan over the hulls, lowest free local first.
  std::vector<unsigned> by_start(n);
  std::iota(by_start.begin(), by_start.end(), 0u);
  for (size_t v = 0; v < n; ++v)
    if (lo[v] > hi[v]) lo[v] = hi[v] = 0;  // never touched: give it a range of its own
  std::stable_sort(by_start.begin(), by_start.end(),
                   [&](unsigned a, unsigned b) { return lo[a] < lo[b]; });
  std::multimap<uint32_t, uint32_t> active;  // end of range → slot
  std::set<uint32_t> free_slots;
  uint32_t slots = 0;
  std::vector<uint32_t> slot_of(n);
  for (unsigned v : by_start) {
    while (!active.empty() && active.begin()->first < lo[v]) {
      free_slots.insert(active.begin()->second);
      active.erase(active.begin());
    }
    uint32_t slot;
    if (free_slots.empty()) {
      slot = slots++;
    } else {
      slot = *free_slots.begin();
      free_slots.erase(free_slots.begin());
    }
    slot_of[v] = slot;
    active.emplace(hi[v], slot);
  }
  if (next_local_ + slots > vm::ContainerLimits::kMaxLocals) {
    fail("needs more than " + std::to_string(vm::ContainerLimits::kMaxLocals) + " locals");
    return;
  }
  for (size_t v = 0; v < n; ++v)
    values_[pooled_[v]].local = static_cast<uint16_t>(next_local_ + slot_of[v]);
  next_local_ += slots;
}

}  // namespace tenet::compiler::codegen
