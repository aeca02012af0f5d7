/// \file
/// codegen's calls: internal calls (CALLF), the `tenet.*` functions (one VM instruction
/// each, from the intrinsics table) and the LLVM intrinsics that the legality check
/// allows (docs/compiler.md, "codegen").

#include <llvm/IR/Constants.h>
#include <llvm/IR/IntrinsicInst.h>

#include "codegen_internal.hpp"

namespace tenet::compiler::codegen {

using vm::Op;

void FunctionTranslator::lower_call(const llvm::CallInst& call) {
  if (call.isInlineAsm()) return unsupported("inline assembly", call);
  const llvm::Function* callee = call.getCalledFunction();
  if (callee == nullptr) return unsupported("indirect call", call);
  if (callee->isIntrinsic()) return lower_llvm_intrinsic(call);
  if (callee->getName().starts_with("tenet.")) {
    auto id = intrinsic_from_name(callee->getName());
    if (!id) return unsupported("call to unknown function @" + callee->getName().str(), call);
    return lower_tenet_call(call, *id);
  }
  auto it = module_.function_index.find(callee);
  if (callee->isDeclaration() || it == module_.function_index.end())
    return unsupported("call to unknown external function @" + callee->getName().str(), call);
  for (const llvm::Value* arg : call.args()) push_value(arg);
  out_.op(Op::CALLF, it->second);
}

void FunctionTranslator::lower_tenet_call(const llvm::CallInst& call, Intrinsic id) {
  const IntrinsicInfo& info = intrinsic_info(id);
  const std::string name = "@" + std::string(info.name);
  std::string_view params = info.signature.substr(info.signature.find(':') + 1);
  bool returns = info.signature.front() != '-';
  if (call.arg_size() != params.size() || call.getType()->isVoidTy() == returns)
    return unsupported("call to " + name + " with a signature other than the table's", call);
  if (id == Intrinsic::alloc) {
    push_value(call.getArgOperand(0));
    out_.op(Op::CALLF, module_.alloc_index);
    return;
  }
  if (id == Intrinsic::cheat && !module_.test_mode)
    return unsupported("call to " + name + " outside test mode", call);
  int immediate = intrinsic_immediate_arg(id);
  uint64_t imm = 0;
  if (immediate >= 0) {
    const auto* c =
        llvm::dyn_cast<llvm::ConstantInt>(call.getArgOperand(static_cast<unsigned>(immediate)));
    if (c == nullptr) return unsupported("non-constant immediate argument of " + name, call);
    unsigned width = 8 * vm::imm_size(vm::op_info(info.op).imm);
    if (c->getValue().getActiveBits() > width)
      return unsupported("immediate argument of " + name + " out of range", call);
    imm = c->getZExtValue();
    if (id == Intrinsic::create && imm >= module_.children)
      return unsupported("child index " + std::to_string(imm) + " of " + name +
                             " (the container has " + std::to_string(module_.children) +
                             " children)",
                         call);
  }
  for (unsigned i = 0; i < call.arg_size(); ++i)
    if (static_cast<int>(i) != immediate) push_value(call.getArgOperand(i));
  if (immediate >= 0)
    out_.op(info.op, imm);
  else
    out_.op(info.op);
  if (info.noreturn) block_ended_ = true;
}

uint16_t FunctionTranslator::spill() {
  uint16_t t = scratch();
  out_.local_set(t);
  return t;
}

void FunctionTranslator::lower_llvm_intrinsic(const llvm::CallInst& call) {
  const llvm::Function& callee = *call.getCalledFunction();
  const unsigned n = call.getType()->isVoidTy() ? 0 : bits(call.getType());
  auto arg = [&](unsigned i) { return call.getArgOperand(i); };
  switch (callee.getIntrinsicID()) {
    case llvm::Intrinsic::expect:
      return push_value(arg(0));
    case llvm::Intrinsic::memcpy:
    case llvm::Intrinsic::memmove:
    case llvm::Intrinsic::memset:
      push_value(arg(0));
      push_value(arg(1));
      push_value(arg(2));
      return out_.op(callee.getIntrinsicID() == llvm::Intrinsic::memset ? Op::MFILL : Op::MCOPY);
    case llvm::Intrinsic::ctpop:
      push_value(arg(0));
      return out_.op(Op::POPCNT);
    case llvm::Intrinsic::ctlz:
      push_value(arg(0));
      out_.op(Op::CLZ);
      if (n < 256) {
        out_.push(vm::Word{256 - n});
        out_.op(Op::SUB);
      }
      return;
    case llvm::Intrinsic::cttz:
      push_value(arg(0));
      if (n < 256) {  // a guard bit at n makes cttz(0) = n
        out_.push(word_of(llvm::APInt::getOneBitSet(256, n)));
        out_.op(Op::OR);
      }
      return out_.op(Op::CTZ);
    case llvm::Intrinsic::bswap:
      push_value(arg(0));
      out_.op(Op::BSWAP);
      if (n < 256) {
        out_.push(vm::Word{256 - n});
        out_.op(Op::SHR);
      }
      return;
    case llvm::Intrinsic::bitreverse:
      return lower_bitreverse(call);
    case llvm::Intrinsic::fshl:
    case llvm::Intrinsic::fshr:
      return lower_funnel_shift(call);
    case llvm::Intrinsic::umin:
    case llvm::Intrinsic::umax:
    case llvm::Intrinsic::smin:
    case llvm::Intrinsic::smax:
      return lower_min_max(call);
    case llvm::Intrinsic::abs:
      out_.op(Op::PUSH0);
      push_value(arg(0));
      out_.op(Op::SUB);
      mask(n);
      push_value(arg(0));
      push_value(arg(0));
      out_.push(vm::Word{n - 1});
      out_.op(Op::SHR);
      return out_.op(Op::SELECT);
    case llvm::Intrinsic::uadd_sat:
    case llvm::Intrinsic::usub_sat:
      return lower_saturating(call);
    case llvm::Intrinsic::uadd_with_overflow:
    case llvm::Intrinsic::usub_with_overflow:
    case llvm::Intrinsic::umul_with_overflow:
      return lower_unsigned_overflow(call);
    case llvm::Intrinsic::sadd_with_overflow:
    case llvm::Intrinsic::ssub_with_overflow:
      return lower_signed_overflow(call);
    case llvm::Intrinsic::smul_with_overflow:
      return lower_smul_overflow(call);
    default:
      return unsupported("intrinsic @" + callee.getName().str(), call);
  }
}

void FunctionTranslator::lower_bitreverse(const llvm::CallInst& call) {
  const unsigned n = bits(call.getType());
  push_value(call.getArgOperand(0));
  uint16_t t = spill();
  // Swap adjacent bits, pairs, nibbles; then the bytes.
  const char* masks[] = {"55", "33", "0f"};
  for (unsigned step = 0; step < 3; ++step) {
    llvm::APInt m = llvm::APInt::getSplat(256, llvm::APInt(8, masks[step], 16));
    unsigned k = 1u << step;
    out_.local_get(t);
    out_.push(vm::Word{k});
    out_.op(Op::SHR);
    out_.push(word_of(m));
    out_.op(Op::AND);
    out_.local_get(t);
    out_.push(word_of(m));
    out_.op(Op::AND);
    out_.push(vm::Word{k});
    out_.op(Op::SHL);
    out_.op(Op::OR);
    out_.local_set(t);
  }
  out_.local_get(t);
  out_.op(Op::BSWAP);
  if (n < 256) {
    out_.push(vm::Word{256 - n});
    out_.op(Op::SHR);
  }
}

void FunctionTranslator::lower_funnel_shift(const llvm::CallInst& call) {
  const unsigned n = bits(call.getType());
  auto arg = [&](unsigned i) { return call.getArgOperand(i); };
  bool left = call.getCalledFunction()->getIntrinsicID() == llvm::Intrinsic::fshl;
  push_value(arg(2));
  out_.push(vm::Word{n});
  out_.op(Op::MOD);
  uint16_t k = spill();
  // fshl: (a << k) | (b >> (n - k)); fshr: (b >> k) | (a << (n - k)); masked to n bits.
  push_value(left ? arg(0) : arg(1));
  out_.local_get(k);
  out_.op(left ? Op::SHL : Op::SHR);
  push_value(left ? arg(1) : arg(0));
  out_.push(vm::Word{n});
  out_.local_get(k);
  out_.op(Op::SUB);
  out_.op(left ? Op::SHR : Op::SHL);
  out_.op(Op::OR);
  mask(n);
}

void FunctionTranslator::lower_min_max(const llvm::CallInst& call) {
  const unsigned n = bits(call.getType());
  auto arg = [&](unsigned i) { return call.getArgOperand(i); };
  auto id = call.getCalledFunction()->getIntrinsicID();
  bool is_signed = id == llvm::Intrinsic::smin || id == llvm::Intrinsic::smax;
  bool is_min = id == llvm::Intrinsic::umin || id == llvm::Intrinsic::smin;
  push_value(arg(0));
  push_value(arg(1));
  push_value(arg(0));
  if (is_signed) sext(n);
  push_value(arg(1));
  if (is_signed) sext(n);
  out_.op(is_signed ? (is_min ? Op::SLT : Op::SGT) : (is_min ? Op::LT : Op::GT));
  out_.op(Op::SELECT);
}

void FunctionTranslator::lower_saturating(const llvm::CallInst& call) {
  const unsigned n = bits(call.getType());
  auto arg = [&](unsigned i) { return call.getArgOperand(i); };
  if (call.getCalledFunction()->getIntrinsicID() == llvm::Intrinsic::usub_sat) {
    out_.op(Op::PUSH0);
    push_value(arg(0));
    push_value(arg(1));
    out_.op(Op::SUB);
    push_value(arg(0));
    push_value(arg(1));
    out_.op(Op::LT);
    return out_.op(Op::SELECT);
  }
  push_value(arg(0));
  push_value(arg(1));
  out_.op(Op::ADD);
  uint16_t s = spill();
  out_.push(vm::low_bits(n));  // saturated
  out_.local_get(s);
  if (n < 256) {  // no 256-bit wrap: saturate when s > max
    out_.local_get(s);
    out_.push(vm::low_bits(n));
    out_.op(Op::GT);
  } else {  // wrapped when s < a
    out_.local_get(s);
    push_value(arg(0));
    out_.op(Op::LT);
  }
  out_.op(Op::SELECT);
}

void FunctionTranslator::push_high_bits_flag(uint16_t t, unsigned n) {
  out_.local_get(t);
  out_.push(vm::Word{n});
  out_.op(Op::SHR);
  out_.op(Op::ISZERO);
  out_.op(Op::ISZERO);
}

void FunctionTranslator::push_sext_flag(uint16_t t, unsigned n) {
  out_.local_get(t);
  sext(n);
  out_.local_get(t);
  out_.op(Op::EQ);
  out_.op(Op::ISZERO);
}

void FunctionTranslator::set_overflow_result(const llvm::CallInst& call, uint16_t t) {
  const ValueInfo& vi = info(&call);
  out_.local_set(static_cast<uint16_t>(vi.local + 1));
  out_.local_get(t);
  mask(bits(call.getArgOperand(0)->getType()));
  out_.local_set(vi.local);
}

void FunctionTranslator::lower_unsigned_overflow(const llvm::CallInst& call) {
  const ValueInfo& vi = info(&call);
  const uint16_t result = vi.local;
  const uint16_t flag = static_cast<uint16_t>(vi.local + 1);
  const llvm::Value* a = call.getArgOperand(0);
  const llvm::Value* b = call.getArgOperand(1);
  const unsigned n = bits(a->getType());
  switch (call.getCalledFunction()->getIntrinsicID()) {
    case llvm::Intrinsic::uadd_with_overflow: {
      push_value(a);
      push_value(b);
      out_.op(Op::ADD);
      uint16_t t = spill();
      if (n == 256) {  // wrapped when the sum is below an operand
        out_.local_get(t);
        push_value(a);
        out_.op(Op::LT);
      } else {
        push_high_bits_flag(t, n);
      }
      return set_overflow_result(call, t);
    }
    case llvm::Intrinsic::usub_with_overflow:
      push_value(a);
      push_value(b);
      out_.op(Op::LT);
      out_.local_set(flag);
      push_value(a);
      push_value(b);
      out_.op(Op::SUB);
      mask(n);
      return out_.local_set(result);
    case llvm::Intrinsic::umul_with_overflow: {
      push_value(a);
      push_value(b);
      out_.op(Op::MUL);
      uint16_t t = spill();
      if (n == 256) {
        push_value(a);
        push_value(b);
        out_.op(Op::MULO);
      } else if (n <= 128) {
        push_high_bits_flag(t, n);
      } else {
        push_value(a);
        push_value(b);
        out_.op(Op::MULO);
        push_high_bits_flag(t, n);
        out_.op(Op::OR);
      }
      return set_overflow_result(call, t);
    }
    default:
      return unsupported("intrinsic @" + call.getCalledFunction()->getName().str(), call);
  }
}

void FunctionTranslator::lower_signed_overflow(const llvm::CallInst& call) {
  const llvm::Value* a = call.getArgOperand(0);
  const llvm::Value* b = call.getArgOperand(1);
  const unsigned n = bits(a->getType());
  bool add = call.getCalledFunction()->getIntrinsicID() == llvm::Intrinsic::sadd_with_overflow;
  push_value(a);
  sext(n);
  push_value(b);
  sext(n);
  out_.op(add ? Op::ADD : Op::SUB);
  uint16_t t = spill();
  if (n < 256) {
    push_sext_flag(t, n);
  } else if (add) {  // operands of one sign, result of the other: ((a^r) & (b^r)) >> 255
    out_.local_get(t);
    push_value(a);
    out_.op(Op::XOR);
    out_.local_get(t);
    push_value(b);
    out_.op(Op::XOR);
    out_.op(Op::AND);
    out_.push(vm::Word{255});
    out_.op(Op::SHR);
  } else {  // operands of different signs, result of b's: ((a^b) & (a^r)) >> 255
    push_value(a);
    push_value(b);
    out_.op(Op::XOR);
    push_value(a);
    out_.local_get(t);
    out_.op(Op::XOR);
    out_.op(Op::AND);
    out_.push(vm::Word{255});
    out_.op(Op::SHR);
  }
  set_overflow_result(call, t);
}

void FunctionTranslator::lower_smul_overflow(const llvm::CallInst& call) {
  const unsigned n = bits(call.getArgOperand(0)->getType());
  push_value(call.getArgOperand(0));
  sext(n);
  uint16_t sa = spill();
  push_value(call.getArgOperand(1));
  sext(n);
  uint16_t sb = spill();
  out_.local_get(sa);
  out_.local_get(sb);
  out_.op(Op::MUL);
  uint16_t t = spill();
  if (n <= 128) {  // the 256-bit product is exact
    push_sext_flag(t, n);
    return set_overflow_result(call, t);
  }
  // 256-bit overflow: a != 0 && (t / a != b || (a == -1 && b == MIN)).
  out_.local_get(t);
  out_.local_get(sa);
  out_.op(Op::SDIV);
  out_.local_get(sb);
  out_.op(Op::EQ);
  out_.op(Op::ISZERO);
  if (n == 256) {
    out_.local_get(sa);
    out_.push(vm::low_bits(256));
    out_.op(Op::EQ);
    out_.local_get(sb);
    out_.push(word_of(llvm::APInt::getSignMask(256)));
    out_.op(Op::EQ);
    out_.op(Op::AND);
    out_.op(Op::OR);
  }
  out_.local_get(sa);
  out_.op(Op::ISZERO);
  out_.op(Op::ISZERO);
  out_.op(Op::AND);
  if (n < 256) {  // no 256-bit overflow, but outside n bits
    push_sext_flag(t, n);
    out_.op(Op::OR);
  }
  set_overflow_result(call, t);
}

}  // namespace tenet::compiler::codegen
