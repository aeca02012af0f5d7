/// \file
/// codegen's function translator: blocks, control flow, phis, scalar arithmetic,
/// comparisons and casts (docs/compiler.md, "codegen"). Memory is in codegen_memory.cpp,
/// calls and intrinsics in codegen_calls.cpp.

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/IR/CFG.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Operator.h>

#include <algorithm>

#include "codegen_internal.hpp"

namespace tenet::compiler::codegen {

using vm::Op;

FunctionTranslator::FunctionTranslator(const llvm::Function& f, const ModuleInfo& module,
                                       Emitter& out, LineTable& lines)
    : f_(f), module_(module), out_(out), lines_(lines) {}

void FunctionTranslator::fail(const std::string& message) {
  if (!error_) error_ = "codegen: function @" + f_.getName().str() + ": " + message;
}

void FunctionTranslator::unsupported(const std::string& what, const llvm::Value& inst) {
  fail("unsupported " + what + " in '" + print_instruction(inst) + "'");
}

unsigned FunctionTranslator::bits(const llvm::Type* t) const {
  if (t->isPointerTy()) return module_.layout->getPointerSizeInBits();
  if (t->isIntegerTy()) return t->getIntegerBitWidth();
  return 0;
}

bool FunctionTranslator::is_noreturn_tenet(const llvm::Instruction& inst) {
  const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst);
  if (call == nullptr || call->getCalledFunction() == nullptr) return false;
  auto id = intrinsic_from_name(call->getCalledFunction()->getName());
  return id && intrinsic_info(*id).noreturn;
}

const ValueInfo& FunctionTranslator::info(const llvm::Value* v) const {
  static const ValueInfo kNone{};
  auto it = values_.find(v);
  return it == values_.end() ? kNone : it->second;
}

uint16_t FunctionTranslator::new_local() {
  if (next_local_ >= vm::ContainerLimits::kMaxLocals) {
    fail("needs more than " + std::to_string(vm::ContainerLimits::kMaxLocals) + " locals");
    return 0;
  }
  return static_cast<uint16_t>(next_local_++);
}

/// Checks the types the translator relies on: integers up to 256 bits and pointers as
/// values, no vectors, floats or wide integers anywhere.
static std::optional<std::string> bad_type(const llvm::Type* t) {
  if (t->isVectorTy()) return "vector type";
  if (t->isFloatingPointTy()) return "floating-point type";
  if (t->isIntegerTy() && t->getIntegerBitWidth() > 256) return "integer type wider than 256 bits";
  if (const auto* st = llvm::dyn_cast<llvm::StructType>(t))
    for (const llvm::Type* e : st->elements())
      if (auto why = bad_type(e)) return why;
  if (const auto* at = llvm::dyn_cast<llvm::ArrayType>(t)) return bad_type(at->getElementType());
  return std::nullopt;
}

vm::Result<uint16_t> FunctionTranslator::run() {
  if (f_.arg_size() > vm::ContainerLimits::kMaxParams)
    return vm::Error{"codegen: function @" + f_.getName().str() + ": more than 255 parameters"};
  for (const llvm::Argument& a : f_.args())
    if (bits(a.getType()) == 0 || bits(a.getType()) > 256)
      return vm::Error{"codegen: function @" + f_.getName().str() +
                       ": unsupported parameter type in the signature"};
  const llvm::Type* ret = f_.getReturnType();
  if (!ret->isVoidTy() && (bits(ret) == 0 || bits(ret) > 256))
    return vm::Error{"codegen: function @" + f_.getName().str() +
                     ": unsupported result type in the signature"};
  next_local_ = static_cast<uint32_t>(f_.arg_size());

  // Types first: everything else may assume integers and pointers.
  for (const llvm::BasicBlock& bb : f_)
    for (const llvm::Instruction& inst : bb) {
      auto why = bad_type(inst.getType());
      for (const llvm::Value* op : inst.operands()) {
        if (why) break;
        if (!llvm::isa<llvm::BasicBlock>(op) && !llvm::isa<llvm::Function>(op))
          why = bad_type(op->getType());
      }
      if (why) {
        unsupported(*why, inst);
        return vm::Error{*error_};
      }
    }

  // Reachable blocks, in function order. A noreturn tenet.* call ends its block.
  std::vector<const llvm::BasicBlock*> work{&f_.getEntryBlock()};
  reachable_[&f_.getEntryBlock()] = true;
  while (!work.empty()) {
    const llvm::BasicBlock* bb = work.back();
    work.pop_back();
    bool ends = std::any_of(bb->begin(), bb->end(),
                            [](const llvm::Instruction& i) { return is_noreturn_tenet(i); });
    if (ends) continue;
    for (const llvm::BasicBlock* s : llvm::successors(bb))
      if (!reachable_[s]) {
        reachable_[s] = true;
        work.push_back(s);
      }
  }
  for (const llvm::BasicBlock& bb : f_)
    if (reachable_.lookup(&bb)) order_.push_back(&bb);
  place_values();
  if (error_) return vm::Error{*error_};
  assign_locals();
  if (error_) return vm::Error{*error_};

  // Empty blocks that only branch on, with no phi copies to do on the way (the pipeline
  // splits every critical edge, and a phi often shares its local with its incoming
  // value), are not emitted: jumps to them go straight on.
  auto forwards_to = [&](const llvm::BasicBlock* bb) -> const llvm::BasicBlock* {
    if (bb == &f_.getEntryBlock() || !bb->phis().empty()) return nullptr;
    for (const llvm::Instruction& inst : *bb) {
      if (llvm::isa<llvm::DbgInfoIntrinsic>(inst)) continue;
      const auto* br = llvm::dyn_cast<llvm::BranchInst>(&inst);
      if (br == nullptr || !br->isUnconditional()) return nullptr;
      const llvm::BasicBlock* to = br->getSuccessor(0);
      return needs_copies(*bb, *to) ? nullptr : to;
    }
    return nullptr;
  };
  for (const llvm::BasicBlock* bb : order_) {
    const llvm::BasicBlock* to = bb;
    llvm::SmallPtrSet<const llvm::BasicBlock*, 8> seen{bb};
    while (const llvm::BasicBlock* next = forwards_to(to)) {
      if (!seen.insert(next).second) {  // an empty infinite loop: emit it as it is
        to = bb;
        break;
      }
      to = next;
    }
    if (to != bb) forward_[bb] = to;
  }
  std::vector<const llvm::BasicBlock*> emitted;
  for (const llvm::BasicBlock* bb : order_)
    if (!forward_.count(bb)) {
      emitted.push_back(bb);
      block_labels_[bb] = out_.new_label();
    }
  order_ = std::move(emitted);
  for (size_t i = 0; i < order_.size(); ++i) layout_index_[order_[i]] = i;
  for (auto [from, to] : forward_) {
    Label label = block_labels_[to];
    block_labels_[from] = label;
  }

  emit_prologue();
  for (current_block_ = 0; current_block_ < order_.size() && !error_; ++current_block_)
    emit_block(*order_[current_block_]);
  if (error_) return vm::Error{*error_};
  if (!out_.finish())
    return vm::Error{"codegen: function @" + f_.getName().str() +
                     ": internal error: unbound label"};
  return static_cast<uint16_t>(next_local_ - f_.arg_size());
}

void FunctionTranslator::emit_block(const llvm::BasicBlock& bb) {
  out_.bind(block_labels_[&bb]);
  block_ended_ = false;
  if (!bb.phis().empty() && bb.getSinglePredecessor() != nullptr) {
    out_.set_position(lines_.position_of(bb.begin()->getDebugLoc()));
    emit_copies(*bb.getSinglePredecessor(), bb);
  }
  for (const llvm::Instruction& inst : bb) {
    if (block_ended_ || error_) break;
    emit_instruction(inst);
  }
}

uint16_t FunctionTranslator::scratch() {
  if (scratch_used_ == scratch_.size()) scratch_.push_back(new_local());
  return scratch_[scratch_used_++];
}

void FunctionTranslator::emit_instruction(const llvm::Instruction& inst) {
  // Scratch locals live within one instruction's lowering: the lowerings that use them
  // never have stackified operands, so they never nest.
  scratch_used_ = 0;
  if (llvm::isa<llvm::PHINode>(inst) || llvm::isa<llvm::AllocaInst>(inst)) return;
  const ValueInfo& vi = info(&inst);
  switch (vi.place) {
    case Place::Stack:
    case Place::Alias:
    case Place::Part:
    case Place::Elided:
      return;
    case Place::Aggregate:
      lower(inst);
      return;
    case Place::Local: {
      uint16_t local = vi.local;
      lower(inst);
      out_.set_position(lines_.position_of(inst.getDebugLoc()));
      out_.local_set(local);
      return;
    }
    case Place::None:
      break;
  }
  if (inst.isTerminator()) {
    out_.set_position(lines_.position_of(inst.getDebugLoc()));
    lower_terminator(inst);
    return;
  }
  if (!inst.getType()->isVoidTy() && !inst.mayHaveSideEffects()) return;  // unused and pure
  lower(inst);
  if (!inst.getType()->isVoidTy() && !block_ended_) {
    out_.set_position(lines_.position_of(inst.getDebugLoc()));
    out_.op(Op::POP);
  }
}

void FunctionTranslator::lower(const llvm::Instruction& inst) {
  SourcePos saved = out_.position();
  if (inst.getParent() != nullptr) out_.set_position(lines_.position_of(inst.getDebugLoc()));
  if ((inst.getType()->isStructTy() || inst.getType()->isArrayTy()) &&
      !llvm::isa<llvm::CallInst>(inst)) {
    lower_aggregate(inst);
  } else if (const auto* bin = llvm::dyn_cast<llvm::BinaryOperator>(&inst)) {
    lower_binary(*bin);
  } else if (const auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(&inst)) {
    lower_icmp(*cmp);
  } else if (const auto* cast = llvm::dyn_cast<llvm::CastInst>(&inst)) {
    lower_cast(*cast);
  } else if (const auto* sel = llvm::dyn_cast<llvm::SelectInst>(&inst)) {
    push_value(sel->getTrueValue());
    push_value(sel->getFalseValue());
    push_value(sel->getCondition());
    out_.op(Op::SELECT);
  } else if (llvm::isa<llvm::FreezeInst>(inst)) {
    push_value(inst.getOperand(0));
  } else if (const auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst)) {
    lower_load(*load);
  } else if (const auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst)) {
    lower_store(*store);
  } else if (const auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(&inst)) {
    lower_gep(*gep);
  } else if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst)) {
    lower_call(*call);
  } else {
    unsupported(std::string("instruction '") + inst.getOpcodeName() + "'", inst);
  }
  out_.set_position(saved);
}

void FunctionTranslator::push_value(const llvm::Value* v) {
  if (const auto* c = llvm::dyn_cast<llvm::Constant>(v)) {
    if (!llvm::isa<llvm::GlobalValue>(c)) return push_constant(c, nullptr);
  }
  if (const auto* a = llvm::dyn_cast<llvm::Argument>(v))
    return out_.local_get(static_cast<uint16_t>(a->getArgNo()));
  const auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
  if (inst == nullptr) {
    fail("unsupported value '" + print_instruction(*v) + "'");
    return;
  }
  const ValueInfo& vi = info(inst);
  switch (vi.place) {
    case Place::Local:
    case Place::Part:
      return out_.local_get(vi.local);
    case Place::Stack:
      return lower(*inst);
    case Place::Alias:
      return push_value(vi.alias);
    case Place::Elided:
      if (const auto* call = llvm::dyn_cast<llvm::CallInst>(inst);
          call && call->getCalledFunction() &&
          call->getCalledFunction()->getIntrinsicID() == llvm::Intrinsic::invariant_start)
        return out_.op(Op::PUSH0);  // only ever consumed by invariant.end, which is dropped
      break;
    default:
      break;
  }
  unsupported("use of a value without a word", *inst);
}

void FunctionTranslator::push_constant(const llvm::Constant* c, const llvm::Instruction* context) {
  if (const auto* ci = llvm::dyn_cast<llvm::ConstantInt>(c))
    return out_.push(word_of(ci->getValue()));
  if (llvm::isa<llvm::ConstantPointerNull>(c) || llvm::isa<llvm::UndefValue>(c))
    return out_.op(Op::PUSH0);
  if (const auto* gep = llvm::dyn_cast<llvm::GEPOperator>(c))
    return lower_gep_operator(*gep, context ? static_cast<const llvm::Value&>(*context) : *c);
  if (const auto* ce = llvm::dyn_cast<llvm::ConstantExpr>(c)) {
    // A detached instruction whose operands are constants (so it needs no placement).
    llvm::Instruction* inst = ce->getAsInstruction();
    if (const auto* cast = llvm::dyn_cast<llvm::CastInst>(inst))
      lower_cast(*cast);
    else if (const auto* bin = llvm::dyn_cast<llvm::BinaryOperator>(inst))
      lower_binary(*bin);
    else
      fail("unsupported constant '" + print_instruction(*c) + "'");
    inst->deleteValue();
    return;
  }
  fail("unsupported constant '" + print_instruction(*c) + "'");
}

void FunctionTranslator::mask(unsigned n) {
  if (n >= 256) return;
  out_.push(vm::low_bits(n));
  out_.op(Op::AND);
}

void FunctionTranslator::sext(unsigned n) {
  if (n >= 256) return;
  out_.op(Op::SEXT, n - 1);
}

void FunctionTranslator::lower_binary(const llvm::BinaryOperator& inst) {
  unsigned n = bits(inst.getType());
  const llvm::Value* a = inst.getOperand(0);
  const llvm::Value* b = inst.getOperand(1);
  auto wrapping = [&](Op op) {
    push_value(a);
    push_value(b);
    out_.op(op);
    if (!inst.hasNoUnsignedWrap()) mask(n);
  };
  auto plain = [&](Op op) {
    push_value(a);
    push_value(b);
    out_.op(op);
  };
  auto signed_op = [&](Op op, bool sext_b) {
    push_value(a);
    sext(n);
    push_value(b);
    if (sext_b) sext(n);
    out_.op(op);
    mask(n);
  };
  switch (inst.getOpcode()) {
    case llvm::Instruction::Add:
      return wrapping(Op::ADD);
    case llvm::Instruction::Sub:
      return wrapping(Op::SUB);
    case llvm::Instruction::Mul:
      return wrapping(Op::MUL);
    case llvm::Instruction::Shl:
      return wrapping(Op::SHL);
    case llvm::Instruction::UDiv:
      return plain(Op::DIV);
    case llvm::Instruction::URem:
      return plain(Op::MOD);
    case llvm::Instruction::LShr:
      return plain(Op::SHR);
    case llvm::Instruction::And:
      return plain(Op::AND);
    case llvm::Instruction::Or:
      return plain(Op::OR);
    case llvm::Instruction::Xor:
      if (n == 256 && llvm::isa<llvm::ConstantInt>(b) &&
          llvm::cast<llvm::ConstantInt>(b)->isMinusOne()) {
        push_value(a);
        return out_.op(Op::NOT);
      }
      return plain(Op::XOR);
    case llvm::Instruction::SDiv:
      return signed_op(Op::SDIV, true);
    case llvm::Instruction::SRem:
      return signed_op(Op::SMOD, true);
    case llvm::Instruction::AShr:
      return signed_op(Op::SAR, false);
    default:
      unsupported(std::string("instruction '") + inst.getOpcodeName() + "'", inst);
  }
}

/// True for an integer or pointer constant zero.
static bool is_zero(const llvm::Value* v) {
  if (const auto* c = llvm::dyn_cast<llvm::ConstantInt>(v)) return c->isZero();
  return llvm::isa<llvm::ConstantPointerNull>(v);
}

/// For `icmp eq/ne x, 0` (either side): x; otherwise nullptr.
static const llvm::Value* compared_with_zero(const llvm::ICmpInst& inst) {
  if (!inst.isEquality()) return nullptr;
  if (is_zero(inst.getOperand(1))) return inst.getOperand(0);
  if (is_zero(inst.getOperand(0))) return inst.getOperand(1);
  return nullptr;
}

bool FunctionTranslator::push_condition(const llvm::Value* cond) {
  const auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(cond);
  if (cmp != nullptr && info(cmp).place == Place::Stack) {
    if (const llvm::Value* x = compared_with_zero(*cmp)) {
      SourcePos saved = out_.position();
      out_.set_position(lines_.position_of(cmp->getDebugLoc()));
      push_value(x);
      out_.set_position(saved);
      return cmp->getPredicate() == llvm::CmpInst::ICMP_EQ;
    }
  }
  push_value(cond);
  return false;
}

void FunctionTranslator::lower_icmp(const llvm::ICmpInst& inst) {
  if (const llvm::Value* x = compared_with_zero(inst)) {
    push_value(x);
    out_.op(Op::ISZERO);
    if (inst.getPredicate() == llvm::CmpInst::ICMP_NE) out_.op(Op::ISZERO);
    return;
  }
  unsigned n = bits(inst.getOperand(0)->getType());
  bool is_signed = inst.isSigned();
  push_value(inst.getOperand(0));
  if (is_signed) sext(n);
  push_value(inst.getOperand(1));
  if (is_signed) sext(n);
  switch (inst.getPredicate()) {
    case llvm::CmpInst::ICMP_EQ:
      return out_.op(Op::EQ);
    case llvm::CmpInst::ICMP_NE:
      out_.op(Op::EQ);
      return out_.op(Op::ISZERO);
    case llvm::CmpInst::ICMP_ULT:
      return out_.op(Op::LT);
    case llvm::CmpInst::ICMP_UGT:
      return out_.op(Op::GT);
    case llvm::CmpInst::ICMP_ULE:
      out_.op(Op::GT);
      return out_.op(Op::ISZERO);
    case llvm::CmpInst::ICMP_UGE:
      out_.op(Op::LT);
      return out_.op(Op::ISZERO);
    case llvm::CmpInst::ICMP_SLT:
      return out_.op(Op::SLT);
    case llvm::CmpInst::ICMP_SGT:
      return out_.op(Op::SGT);
    case llvm::CmpInst::ICMP_SLE:
      out_.op(Op::SGT);
      return out_.op(Op::ISZERO);
    case llvm::CmpInst::ICMP_SGE:
      out_.op(Op::SLT);
      return out_.op(Op::ISZERO);
    default:
      unsupported("comparison", inst);
  }
}

void FunctionTranslator::lower_cast(const llvm::CastInst& inst) {
  unsigned from = bits(inst.getSrcTy());
  unsigned to = bits(inst.getDestTy());
  push_value(inst.getOperand(0));
  switch (inst.getOpcode()) {
    case llvm::Instruction::Trunc:
      // `trunc nuw` drops only zero bits: the word is already canonical.
      if (to < from && !llvm::cast<llvm::TruncInst>(inst).hasNoUnsignedWrap()) mask(to);
      return;
    case llvm::Instruction::PtrToInt:
    case llvm::Instruction::IntToPtr:
      if (to < from) mask(to);
      return;
    case llvm::Instruction::ZExt:
    case llvm::Instruction::BitCast:
    case llvm::Instruction::AddrSpaceCast:
      return;
    case llvm::Instruction::SExt:
      sext(from);
      mask(to);
      return;
    default:
      unsupported(std::string("instruction '") + inst.getOpcodeName() + "'", inst);
  }
}

bool FunctionTranslator::switch_uses_table(const llvm::SwitchInst& sw) const {
  unsigned cases = sw.getNumCases();
  if (cases < 4) return false;
  llvm::APInt lo = sw.case_begin()->getCaseValue()->getValue(), hi = lo;
  for (const auto& c : sw.cases()) {
    const llvm::APInt& v = c.getCaseValue()->getValue();
    if (v.ult(lo)) lo = v;
    if (v.ugt(hi)) hi = v;
  }
  llvm::APInt span = hi - lo;
  return span.ult(2 * static_cast<uint64_t>(cases)) && span.ult(4096);
}

std::optional<uint16_t> FunctionTranslator::local_of(const llvm::Value* v) const {
  while (const auto* inst = llvm::dyn_cast<llvm::Instruction>(v)) {
    const ValueInfo& vi = info(inst);
    if (vi.place == Place::Alias) {
      v = vi.alias;
      continue;
    }
    if (vi.place == Place::Local || vi.place == Place::Part) return vi.local;
    return std::nullopt;
  }
  return std::nullopt;
}

bool FunctionTranslator::needs_copies(const llvm::BasicBlock& from,
                                      const llvm::BasicBlock& to) const {
  for (const llvm::PHINode& phi : to.phis()) {
    const ValueInfo& vi = info(&phi);
    const llvm::Value* incoming = phi.getIncomingValueForBlock(&from);
    if (incoming == &phi) continue;
    if (vi.place == Place::Aggregate) return true;
    if (vi.place == Place::Local && local_of(incoming) != std::optional<uint16_t>(vi.local))
      return true;
  }
  return false;
}

Label FunctionTranslator::edge_label(const llvm::BasicBlock& from, const llvm::BasicBlock& to) {
  if (!needs_copies(from, to) || to.getSinglePredecessor() != nullptr) return block_labels_[&to];
  auto it = edge_labels_.find(&to);
  if (it != edge_labels_.end()) return it->second;
  Label l = out_.new_label();
  edge_labels_[&to] = l;
  pending_edges_.emplace_back(&to, l);
  return l;
}

const llvm::BasicBlock* FunctionTranslator::resolve(const llvm::BasicBlock* bb) const {
  auto it = forward_.find(bb);
  return it == forward_.end() ? bb : it->second;
}

bool FunctionTranslator::is_next(const llvm::BasicBlock* bb) const {
  return current_block_ + 1 < order_.size() && order_[current_block_ + 1] == resolve(bb);
}

void FunctionTranslator::goto_block(const llvm::BasicBlock& to) {
  Label target = block_labels_[&to];
  if (pending_edges_.empty() && is_next(&to)) return;
  if (!pending_edges_.empty() && pending_edges_.front().second.id == target.id) return;
  out_.jump(Op::JUMP, target);
}

void FunctionTranslator::emit_pending_edges() {
  const llvm::BasicBlock& from = *order_[current_block_];
  auto edges = std::move(pending_edges_);
  pending_edges_.clear();
  edge_labels_.clear();
  for (size_t i = 0; i < edges.size(); ++i) {
    auto [to, label] = edges[i];
    out_.bind(label);
    emit_copies(from, *to);
    if (!(i + 1 == edges.size() && is_next(to))) out_.jump(Op::JUMP, block_labels_[to]);
  }
}

void FunctionTranslator::emit_copies(const llvm::BasicBlock& from, const llvm::BasicBlock& to) {
  std::vector<uint16_t> targets;  // pushed in this order, set in reverse
  for (const llvm::PHINode& phi : to.phis()) {
    const ValueInfo& vi = info(&phi);
    const llvm::Value* incoming = phi.getIncomingValueForBlock(&from);
    if (incoming == &phi) continue;
    if (vi.place == Place::Local && local_of(incoming) == std::optional<uint16_t>(vi.local))
      continue;
    if (vi.place == Place::Local) {
      push_value(incoming);
      targets.push_back(vi.local);
    } else if (vi.place == Place::Aggregate) {
      for (unsigned i = 0; i < member_count(phi.getType()); ++i) {
        push_member(incoming, i, phi);
        targets.push_back(static_cast<uint16_t>(vi.local + i));
      }
    }
  }
  for (size_t i = targets.size(); i-- > 0;) out_.local_set(targets[i]);
}

unsigned FunctionTranslator::member_count(const llvm::Type* t) {
  auto scalar = [](const llvm::Type* e) {
    return e->isPointerTy() || (e->isIntegerTy() && e->getIntegerBitWidth() <= 256);
  };
  if (const auto* st = llvm::dyn_cast<llvm::StructType>(t)) {
    for (const llvm::Type* e : st->elements())
      if (!scalar(e)) return 0;
    return st->getNumElements();
  }
  if (const auto* at = llvm::dyn_cast<llvm::ArrayType>(t))
    return scalar(at->getElementType()) && at->getNumElements() <= 64
               ? static_cast<unsigned>(at->getNumElements())
               : 0;
  return 0;
}

void FunctionTranslator::push_member(const llvm::Value* aggregate, unsigned i,
                                     const llvm::Instruction& context) {
  if (const auto* c = llvm::dyn_cast<llvm::Constant>(aggregate)) {
    if (const llvm::Constant* element = c->getAggregateElement(i))
      return push_constant(element, &context);
  } else if (const ValueInfo& vi = info(aggregate); vi.place == Place::Aggregate) {
    return out_.local_get(static_cast<uint16_t>(vi.local + i));
  }
  unsupported("aggregate value", context);
}

void FunctionTranslator::lower_aggregate(const llvm::Instruction& inst) {
  const uint16_t first = info(&inst).local;
  const unsigned members = member_count(inst.getType());
  for (unsigned i = 0; i < members && !error_; ++i) {
    if (const auto* sel = llvm::dyn_cast<llvm::SelectInst>(&inst)) {
      push_member(sel->getTrueValue(), i, inst);
      push_member(sel->getFalseValue(), i, inst);
      push_value(sel->getCondition());
      out_.op(Op::SELECT);
    } else if (const auto* ins = llvm::dyn_cast<llvm::InsertValueInst>(&inst)) {
      if (ins->getNumIndices() != 1) return unsupported("aggregate value", inst);
      if (ins->getIndices()[0] == i)
        push_value(ins->getInsertedValueOperand());
      else
        push_member(ins->getAggregateOperand(), i, inst);
    } else if (llvm::isa<llvm::FreezeInst>(inst)) {
      push_member(inst.getOperand(0), i, inst);
    } else {
      return unsupported("aggregate value", inst);
    }
    out_.local_set(static_cast<uint16_t>(first + i));
  }
}

void FunctionTranslator::lower_terminator(const llvm::Instruction& inst) {
  const llvm::BasicBlock& bb = *inst.getParent();
  if (const auto* ret = llvm::dyn_cast<llvm::ReturnInst>(&inst)) {
    if (ret->getReturnValue() != nullptr) push_value(ret->getReturnValue());
    out_.op(Op::RETF);
  } else if (const auto* br = llvm::dyn_cast<llvm::BranchInst>(&inst);
             br && br->isUnconditional()) {
    const llvm::BasicBlock& to = *br->getSuccessor(0);
    if (to.getSinglePredecessor() == nullptr) emit_copies(bb, to);
    goto_block(to);
  } else if (br != nullptr) {
    // Jump to `t` when the pushed word is non-zero, else continue at `f` (swapped when
    // the condition was pushed negated: `icmp eq x, 0` pushes x).
    const llvm::BasicBlock* t = br->getSuccessor(0);
    const llvm::BasicBlock* f = br->getSuccessor(1);
    if (push_condition(br->getCondition())) std::swap(t, f);
    Label lf = edge_label(bb, *f);  // first, so that its trampoline (if any) follows directly
    Label lt = edge_label(bb, *t);
    lower_branch(*t, *f, lt, lf);
  } else if (const auto* sw = llvm::dyn_cast<llvm::SwitchInst>(&inst)) {
    lower_switch(*sw);
  } else if (llvm::isa<llvm::UnreachableInst>(inst)) {
    out_.op(Op::TRAP);
  } else {
    unsupported(std::string("terminator '") + inst.getOpcodeName() + "'", inst);
  }
}

bool FunctionTranslator::jumps_back(const llvm::BasicBlock& bb) const {
  const auto* br = llvm::dyn_cast<llvm::BranchInst>(resolve(&bb)->getTerminator());
  if (br == nullptr || !br->isUnconditional()) return false;
  auto it = layout_index_.find(resolve(br->getSuccessor(0)));
  return it != layout_index_.end() && it->second <= current_block_;
}

void FunctionTranslator::lower_branch(const llvm::BasicBlock& t, const llvm::BasicBlock& f,
                                      Label lt, Label lf) {
  // Falling through into `t` needs an ISZERO; not worth it when `t` is a loop latch (the
  // hot path would pay it on every iteration, the exit pays one JUMP once).
  if (is_next(&t) && pending_edges_.empty() && resolve(&t) != resolve(&f) && !jumps_back(t)) {
    out_.op(Op::ISZERO);
    out_.jump(Op::JUMPI, lf);
  } else {
    out_.jump(Op::JUMPI, lt);
    if (lf.id == block_labels_[&f].id) {
      goto_block(f);
    } else if (pending_edges_.front().second.id != lf.id) {
      out_.jump(Op::JUMP, lf);
    }
  }
  emit_pending_edges();
}

void FunctionTranslator::lower_switch(const llvm::SwitchInst& sw) {
  const llvm::BasicBlock& bb = *sw.getParent();
  Label fallback = edge_label(bb, *sw.getDefaultDest());
  if (switch_uses_table(sw)) {
    llvm::APInt lo = sw.case_begin()->getCaseValue()->getValue(), hi = lo;
    for (const auto& c : sw.cases()) {
      const llvm::APInt& v = c.getCaseValue()->getValue();
      if (v.ult(lo)) lo = v;
      if (v.ugt(hi)) hi = v;
    }
    std::vector<Label> targets((hi - lo).getZExtValue() + 1, fallback);
    for (const auto& c : sw.cases())
      targets[(c.getCaseValue()->getValue() - lo).getZExtValue()] =
          edge_label(bb, *c.getCaseSuccessor());
    push_value(sw.getCondition());
    if (!lo.isZero()) {
      out_.push(word_of(lo));
      out_.op(Op::SUB);
    }
    out_.jump_table(fallback, targets);
    emit_pending_edges();
    return;
  }
  for (const auto& c : sw.cases()) {
    Label target = edge_label(bb, *c.getCaseSuccessor());
    push_value(sw.getCondition());
    out_.push(word_of(c.getCaseValue()->getValue()));
    out_.op(Op::EQ);
    out_.jump(Op::JUMPI, target);
  }
  if (fallback.id == block_labels_[sw.getDefaultDest()].id) {
    goto_block(*sw.getDefaultDest());
  } else {
    // The default's trampoline was created first: it follows directly.
    if (pending_edges_.front().second.id != fallback.id) out_.jump(Op::JUMP, fallback);
  }
  emit_pending_edges();
}

}  // namespace tenet::compiler::codegen
