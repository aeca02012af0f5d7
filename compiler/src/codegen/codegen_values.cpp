/// \file
/// codegen's value placement: which values are stackified (computed where their single
/// user needs them), which alias another value, and which get a VM local
/// (docs/compiler.md, "codegen").

#include <llvm/IR/IntrinsicInst.h>

#include "codegen_internal.hpp"
#include "tenet/compiler/llvm_intrinsics.hpp"

namespace tenet::compiler::codegen {
namespace {

/// How an instruction touches state, for deciding whether it may move.
enum class Effect : uint8_t { Pure, Read, Write };

bool is_overflow_intrinsic(llvm::Intrinsic::ID id) {
  switch (id) {
    case llvm::Intrinsic::uadd_with_overflow:
    case llvm::Intrinsic::sadd_with_overflow:
    case llvm::Intrinsic::usub_with_overflow:
    case llvm::Intrinsic::ssub_with_overflow:
    case llvm::Intrinsic::umul_with_overflow:
    case llvm::Intrinsic::smul_with_overflow:
      return true;
    default:
      return false;
  }
}

llvm::Intrinsic::ID intrinsic_id(const llvm::Instruction& inst) {
  if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
    if (const llvm::Function* callee = call->getCalledFunction()) return callee->getIntrinsicID();
  return llvm::Intrinsic::not_intrinsic;
}

std::optional<Intrinsic> tenet_id(const llvm::Instruction& inst) {
  if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
    if (const llvm::Function* callee = call->getCalledFunction())
      if (callee->getName().starts_with("tenet.")) return intrinsic_from_name(callee->getName());
  return std::nullopt;
}

Effect effect_of(const llvm::Instruction& inst) {
  if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst))
    return load->isVolatile() ? Effect::Write : Effect::Read;
  if (llvm::isa<llvm::StoreInst>(inst)) return Effect::Write;
  if (llvm::isa<llvm::UnreachableInst>(inst)) return Effect::Write;
  if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst)) {
    if (auto id = tenet_id(inst)) {
      const IntrinsicInfo& info = intrinsic_info(*id);
      if (info.noreturn) return Effect::Write;
      switch (info.effect) {
        case IntrinsicEffect::none:
          return Effect::Pure;
        case IntrinsicEffect::read_state:
        case IntrinsicEffect::read_args:
          return Effect::Read;
        default:
          return Effect::Write;
      }
    }
    llvm::Intrinsic::ID id = intrinsic_id(inst);
    if (id == llvm::Intrinsic::not_intrinsic) return Effect::Write;  // internal call
    if (id == llvm::Intrinsic::memcpy || id == llvm::Intrinsic::memmove ||
        id == llvm::Intrinsic::memset)
      return Effect::Write;
    (void)call;
    return Effect::Pure;
  }
  return Effect::Pure;
}

/// True when the instruction's word is its (single) operand's word.
const llvm::Value* identity_source(const llvm::Instruction& inst, const llvm::DataLayout& layout) {
  switch (inst.getOpcode()) {
    case llvm::Instruction::ZExt:
    case llvm::Instruction::BitCast:
    case llvm::Instruction::AddrSpaceCast:
    case llvm::Instruction::Freeze:
      return inst.getOperand(0);
    case llvm::Instruction::PtrToInt:
      return inst.getType()->getIntegerBitWidth() >= layout.getPointerSizeInBits()
                 ? inst.getOperand(0)
                 : nullptr;
    case llvm::Instruction::IntToPtr:
      return inst.getOperand(0)->getType()->getIntegerBitWidth() <= layout.getPointerSizeInBits()
                 ? inst.getOperand(0)
                 : nullptr;
    default:
      break;
  }
  if (intrinsic_id(inst) == llvm::Intrinsic::expect) return inst.getOperand(0);
  return nullptr;
}

}  // namespace

bool FunctionTranslator::pushes_operand_once(const llvm::Instruction& user) const {
  if (user.getType()->isStructTy() || user.getType()->isArrayTy())
    return false;  // one push per member
  if (llvm::isa<llvm::BinaryOperator>(user) || llvm::isa<llvm::ICmpInst>(user) ||
      llvm::isa<llvm::CastInst>(user) || llvm::isa<llvm::SelectInst>(user) ||
      llvm::isa<llvm::FreezeInst>(user) || llvm::isa<llvm::LoadInst>(user) ||
      llvm::isa<llvm::StoreInst>(user) || llvm::isa<llvm::GetElementPtrInst>(user) ||
      llvm::isa<llvm::ReturnInst>(user) || llvm::isa<llvm::BranchInst>(user))
    return true;
  if (const auto* sw = llvm::dyn_cast<llvm::SwitchInst>(&user)) return switch_uses_table(*sw);
  if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&user)) {
    const llvm::Function* callee = call->getCalledFunction();
    if (callee == nullptr) return false;
    switch (callee->getIntrinsicID()) {
      case llvm::Intrinsic::not_intrinsic:
        return true;  // internal and tenet.* calls
      case llvm::Intrinsic::memcpy:
      case llvm::Intrinsic::memmove:
      case llvm::Intrinsic::memset:
      case llvm::Intrinsic::ctpop:
      case llvm::Intrinsic::ctlz:
      case llvm::Intrinsic::cttz:
      case llvm::Intrinsic::bswap:
      case llvm::Intrinsic::expect:
        return true;
      default:
        return false;
    }
  }
  return false;
}

bool FunctionTranslator::place_aggregates() {
  for (const llvm::BasicBlock* bb : order_)
    for (const llvm::Instruction& inst : *bb) {
      const llvm::Type* type = inst.getType();
      if (!type->isStructTy() && !type->isArrayTy()) continue;
      unsigned members = member_count(type);
      llvm::Intrinsic::ID iid = intrinsic_id(inst);
      bool known = (iid != llvm::Intrinsic::not_intrinsic && is_overflow_intrinsic(iid)) ||
                   llvm::isa<llvm::PHINode>(inst) || llvm::isa<llvm::SelectInst>(inst) ||
                   llvm::isa<llvm::InsertValueInst>(inst) || llvm::isa<llvm::FreezeInst>(inst);
      if (members == 0 || !known) {
        unsupported("aggregate value", inst);
        return false;
      }
      ValueInfo& vi = values_[&inst];
      if (inst.use_empty()) {
        vi.place = Place::Elided;
        continue;
      }
      vi.place = Place::Aggregate;
      vi.local = new_local();
      for (unsigned i = 1; i < members; ++i) new_local();
    }
  return true;
}

bool FunctionTranslator::place_extract_value(const llvm::ExtractValueInst& ev, ValueInfo& vi) {
  const llvm::Value* aggregate = ev.getAggregateOperand();
  if (ev.getNumIndices() == 1) {
    unsigned index = ev.getIndices()[0];
    if (const auto* c = llvm::dyn_cast<llvm::Constant>(aggregate)) {
      if (const llvm::Constant* element = c->getAggregateElement(index)) {
        vi.place = Place::Alias;
        vi.alias = element;
        return true;
      }
    }
    auto it = values_.find(aggregate);
    if (it != values_.end() && it->second.place == Place::Aggregate) {
      vi.place = Place::Part;
      vi.local = static_cast<uint16_t>(it->second.local + index);
      return true;
    }
  }
  unsupported("extractvalue", ev);
  return false;
}

void FunctionTranslator::place_values() {
  const llvm::DataLayout& layout = *module_.layout;
  llvm::DenseMap<const llvm::Instruction*, Effect> tree;  // effect of a stackified tree
  // Aggregates first: an extractvalue may come in a block before its aggregate's.
  if (!place_aggregates()) return;
  for (const llvm::BasicBlock* bb : order_) {
    // The emitted part of the block: up to a noreturn tenet.* call.
    std::vector<const llvm::Instruction*> insts;
    for (const llvm::Instruction& inst : *bb) {
      insts.push_back(&inst);
      if (is_noreturn_tenet(inst)) break;
    }
    llvm::DenseMap<const llvm::Instruction*, size_t> position;
    for (size_t i = 0; i < insts.size(); ++i) position[insts[i]] = i;
    // next_write[i] / next_effect[i]: first index ≥ i with a Write / non-Pure effect.
    std::vector<size_t> next_write(insts.size() + 1, insts.size()),
        next_effect(insts.size() + 1, insts.size());
    for (size_t i = insts.size(); i-- > 0;) {
      Effect e = effect_of(*insts[i]);
      next_write[i] = e == Effect::Write ? i : next_write[i + 1];
      next_effect[i] = e != Effect::Pure ? i : next_effect[i + 1];
    }

    for (size_t i = 0; i < insts.size(); ++i) {
      const llvm::Instruction& inst = *insts[i];
      ValueInfo& vi = values_[&inst];
      if (const auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&inst)) {
        if (!alloca->isStaticAlloca()) {
          unsupported("dynamic alloca", inst);
          return;
        }
        if (!inst.use_empty()) {
          vi.place = Place::Local;
          pooled_.push_back(&inst);
        }
        continue;
      }
      llvm::Intrinsic::ID iid = intrinsic_id(inst);
      if (iid != llvm::Intrinsic::not_intrinsic && is_dropped_llvm_intrinsic(iid)) {
        vi.place = Place::Elided;
        continue;
      }
      if (inst.getType()->isStructTy() || inst.getType()->isArrayTy()) continue;  // placed above
      if (const auto* ev = llvm::dyn_cast<llvm::ExtractValueInst>(&inst)) {
        if (!place_extract_value(*ev, vi)) return;
        continue;
      }
      if (inst.getType()->isVoidTy() || inst.use_empty()) {
        vi.place = Place::None;
        continue;
      }
      if (llvm::isa<llvm::PHINode>(inst)) {
        vi.place = Place::Local;
        pooled_.push_back(&inst);
        continue;
      }
      if (const llvm::Value* source = identity_source(inst, layout)) {
        const auto* src = llvm::dyn_cast<llvm::Instruction>(source);
        if (src == nullptr || info(src).place != Place::Stack) {
          vi.place = Place::Alias;
          vi.alias = source;
          continue;
        }
      }
      // The effect of the tree rooted here: this instruction and its stackified operands.
      Effect effect = effect_of(inst);
      for (const llvm::Value* op : inst.operands())
        if (const auto* def = llvm::dyn_cast<llvm::Instruction>(op)) {
          auto it = tree.find(def);
          if (it != tree.end() && it->second > effect) effect = it->second;
        }
      if (inst.hasOneUse()) {
        const auto* user = llvm::cast<llvm::Instruction>(*inst.user_begin());
        auto at = position.find(user);
        if (user->getParent() == bb && at != position.end() && at->second > i &&
            pushes_operand_once(*user)) {
          size_t use = at->second;
          bool safe = effect == Effect::Pure ||
                      (effect == Effect::Read && next_write[i + 1] >= use) ||
                      (effect == Effect::Write && next_effect[i + 1] >= use);
          if (safe) {
            vi.place = Place::Stack;
            tree[&inst] = effect;
            continue;
          }
        }
      }
      vi.place = Place::Local;
      pooled_.push_back(&inst);
    }
  }
}

}  // namespace tenet::compiler::codegen
