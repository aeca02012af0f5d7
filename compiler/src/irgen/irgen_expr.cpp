// irgen, expressions: constants, locals, operators (checked and wrapping arithmetic,
// guarded division and shifts, comparisons, short-circuit logic), conversions,
// literals, members and indexing.

#include <llvm/IR/Intrinsics.h>

#include "irgen_gen.hpp"

namespace tenet::compiler::irgen {

using ast::BinaryOp;

const Resolution* Gen::resolution(const ast::Expr& e) const {
  auto it = cx_.program.resolutions.find(&e);
  return it == cx_.program.resolutions.end() ? nullptr : &it->second;
}

const ConstantValue* Gen::constant(const ast::Expr& e) const {
  auto it = cx_.program.constants.find(&e);
  return it == cx_.program.constants.end() ? nullptr : &it->second;
}

llvm::Value* Gen::placeholder(const Type* type) {
  llvm::Type* t = type == nullptr ? cx_.word_type() : cx_.llvm_type(type);
  if (t->isVoidTy()) return nullptr;
  return llvm::PoisonValue::get(t);
}

llvm::Value* Gen::constant_value(const ConstantValue& c, const Type* type,
                                 const SourceRange& range) {
  switch (c.kind) {
    case ConstantValue::Kind::boolean:
      return cx_.b.getInt1(c.boolean);
    case ConstantValue::Kind::string:
    case ConstantValue::Kind::bytes:
      return vo_.bytes_literal(c.bytes);
    case ConstantValue::Kind::integer:
      break;
  }
  llvm::Type* t = type == nullptr || type->kind() == TypeKind::int_constant ? cx_.word_type()
                                                                            : cx_.llvm_type(type);
  if (!t->isIntegerTy()) {
    fail(range, "irgen: integer constant used as " + display_name(*type));
    return placeholder(type);
  }
  llvm::APInt wide(512, c.integer, 10);
  return llvm::ConstantInt::get(t, wide.trunc(t->getIntegerBitWidth()));
}

const Type* Gen::common_type(const Type* a, const Type* b) const {
  if (a->kind() == TypeKind::int_constant)
    return b->kind() == TypeKind::int_constant ? types_.u256() : b;
  if (b->kind() == TypeKind::int_constant) return a;
  if (a->is_integer() && b->is_integer()) return a->bits() >= b->bits() ? a : b;
  return a;
}

llvm::Value* Gen::widen(llvm::Value* v, const Type* from, const Type* to) {
  if (from == to || from == nullptr || to == nullptr) return v;
  llvm::Type* target = cx_.llvm_type(to);
  if (v->getType() == target || !v->getType()->isIntegerTy() || !target->isIntegerTy()) return v;
  unsigned have = v->getType()->getIntegerBitWidth();
  unsigned want = target->getIntegerBitWidth();
  if (want < have) return cx_.b.CreateTrunc(v, target);
  if (from->is_integer() && from->is_signed()) return cx_.b.CreateSExt(v, target);
  return cx_.b.CreateZExt(v, target);
}

llvm::Value* Gen::expr_as(const ast::Expr& e, const Type* want) {
  if (const ConstantValue* c = constant(e)) {
    const Type* t = want != nullptr ? want : e.type;
    if (c->kind == ConstantValue::Kind::integer && t != nullptr && !cx_.llvm_type(t)->isIntegerTy())
      t = e.type;
    At at(*this, e.range);
    return constant_value(*c, t, e.range);
  }
  llvm::Value* v = expr(e);
  if (v == nullptr || want == nullptr) return v;
  At at(*this, e.range);
  return widen(v, e.type, want);
}

llvm::Value* Gen::value_of(const ast::Expr& e, const Type* want) {
  llvm::Value* v = expr_as(e, want);
  const Type* t = want != nullptr ? want : e.type;
  if (v != nullptr && t != nullptr && IrContext::is_reference(t) && is_place(e)) {
    At at(*this, e.range);
    return vo_.copy(v, t);
  }
  return v;
}

llvm::Value* Gen::result_value(const ast::Expr& e, const Type* want) {
  // The root of the place: a local name under fields and indices of memory values.
  const ast::Expr* root = &e;
  while (true) {
    if (const auto* m = std::get_if<ast::MemberExpr>(&root->kind)) {
      root = m->object.get();
    } else if (const auto* x = std::get_if<ast::IndexExpr>(&root->kind)) {
      root = x->base.get();
    } else {
      break;
    }
  }
  const Resolution* r =
      std::holds_alternative<ast::NameExpr>(root->kind) ? resolution(*root) : nullptr;
  if (is_place(e) && r != nullptr && r->kind == Resolution::Kind::local &&
      !params_.contains({r->decl_range.file, r->decl_range.begin.offset})) {
    return expr_as(e, want);
  }
  return value_of(e, want);
}

bool Gen::is_storage_path(const ast::Expr& e) const {
  if (const auto* m = std::get_if<ast::MemberExpr>(&e.kind)) {
    if (std::holds_alternative<ast::SelfExpr>(m->object->kind)) return true;
    const Resolution* r = resolution(e);
    if (r == nullptr || r->kind != Resolution::Kind::struct_field) return false;
    return is_storage_path(*m->object);
  }
  if (const auto* i = std::get_if<ast::IndexExpr>(&e.kind)) return is_storage_path(*i->base);
  return false;
}

bool Gen::is_place(const ast::Expr& e) const {
  if (std::holds_alternative<ast::NameExpr>(e.kind)) {
    const Resolution* r = resolution(e);
    return r != nullptr && r->kind == Resolution::Kind::local;
  }
  if (std::holds_alternative<ast::MemberExpr>(e.kind)) {
    const Resolution* r = resolution(e);
    return r != nullptr && r->kind == Resolution::Kind::struct_field && !is_storage_path(e);
  }
  if (std::holds_alternative<ast::IndexExpr>(e.kind)) return !is_storage_path(e);
  if (const auto* c = std::get_if<ast::ConditionalExpr>(&e.kind)) {
    return is_place(*c->then_value) || is_place(*c->else_value);
  }
  return false;
}

llvm::Value* Gen::storage_slot(const ast::Expr& e) {
  At at(*this, e.range);
  if (const auto* m = std::get_if<ast::MemberExpr>(&e.kind)) {
    const Resolution* r = resolution(e);
    if (r != nullptr && r->kind == Resolution::Kind::storage_field) return cx_.word(r->field->slot);
    if (r != nullptr && r->kind == Resolution::Kind::struct_field) {
      llvm::Value* base = storage_slot(*m->object);
      const StructInfo& s = *m->object->type->struct_info();
      uint64_t offset = 0;
      for (uint32_t i = 0; i < r->index; ++i) offset += ValueOps::storage_slots(s.fields[i].type);
      return offset == 0 ? base : cx_.b.CreateAdd(base, cx_.word(offset));
    }
  }
  if (const auto* x = std::get_if<ast::IndexExpr>(&e.kind)) {
    const Type* bt = x->base->type;
    llvm::Value* base = storage_slot(*x->base);
    if (bt->kind() == TypeKind::map) {
      llvm::Value* key = expr_as(*x->index, bt->key());
      return vo_.map_slot(base, key, bt->key());
    }
    if (bt->is_array()) {
      llvm::Value* i = cx_.as_word(expr_as(*x->index, types_.u256()));
      return vo_.array_element_slot(base, bt, i);
    }
  }
  fail(e.range, "irgen: this expression is not a storage location");
  return cx_.word(0);
}

// ------------------------------------------------------------------ operators

llvm::Value* Gen::checked_arith(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b) {
  llvm::Value* r = cx_.b.CreateBinaryIntrinsic(id, a, b);
  cx_.panic_if(cx_.b.CreateExtractValue(r, 1), kPanicOverflow);
  return cx_.b.CreateExtractValue(r, 0);
}

llvm::Value* Gen::divide(bool rem, llvm::Value* a, llvm::Value* b, const Type* t) {
  auto& B = cx_.b;
  llvm::Type* ty = a->getType();
  cx_.panic_if(B.CreateICmpEQ(b, llvm::ConstantInt::get(ty, 0)), kPanicDivideByZero);
  if (!(t->is_integer() && t->is_signed())) return rem ? B.CreateURem(a, b) : B.CreateUDiv(a, b);
  unsigned bits = ty->getIntegerBitWidth();
  llvm::Value* min = llvm::ConstantInt::get(ty, llvm::APInt::getSignedMinValue(bits));
  llvm::Value* minus_one = llvm::ConstantInt::getSigned(ty, -1);
  llvm::Value* by_minus_one = B.CreateICmpEQ(b, minus_one);
  if (!rem) {
    cx_.panic_if(B.CreateAnd(B.CreateICmpEQ(a, min), by_minus_one), kPanicOverflow);
    return B.CreateSDiv(a, b);
  }
  // x % -1 == 0; srem(MIN, -1) would be undefined, so divide by 1 instead.
  llvm::Value* safe = B.CreateSelect(by_minus_one, llvm::ConstantInt::get(ty, 1), b);
  return B.CreateSelect(by_minus_one, llvm::ConstantInt::get(ty, 0), B.CreateSRem(a, safe));
}

llvm::Value* Gen::shift(bool left, llvm::Value* a, llvm::Value* amount, const Type* t,
                        const Type* amount_type) {
  auto& B = cx_.b;
  llvm::Type* ty = a->getType();
  unsigned bits = ty->getIntegerBitWidth();
  (void)amount_type;
  llvm::Value* amount_w = cx_.as_word(amount);
  llvm::Value* too_far = B.CreateICmpUGE(amount_w, cx_.word(bits));
  llvm::Value* safe = B.CreateTrunc(B.CreateSelect(too_far, cx_.word(0), amount_w), ty);
  const bool is_signed = t->is_integer() && t->is_signed();
  llvm::Value* shifted = left        ? B.CreateShl(a, safe)
                         : is_signed ? B.CreateAShr(a, safe)
                                     : B.CreateLShr(a, safe);
  llvm::Value* zero = llvm::ConstantInt::get(ty, 0);
  llvm::Value* beyond = zero;
  if (!left && is_signed) {
    beyond = B.CreateSelect(B.CreateICmpSLT(a, zero), llvm::ConstantInt::getSigned(ty, -1), zero);
  }
  llvm::Value* out = B.CreateSelect(too_far, beyond, shifted);
  if (!left && t->is_fixed_bytes() && t->bytes_width() < 32)  // drop the bits moved past byte N
    out = B.CreateAnd(out, cx_.word(llvm::APInt::getHighBitsSet(256, 8 * t->bytes_width())));
  return out;
}

llvm::Value* Gen::power(llvm::Value* a, llvm::Value* e, const Type* t, const Type* e_type) {
  auto& B = cx_.b;
  (void)e_type;
  llvm::Type* ty = a->getType();
  unsigned bits = ty->getIntegerBitWidth();
  llvm::Value* exponent = cx_.as_word(e);
  if (!(t->is_integer() && t->is_signed())) {
    llvm::Value* r = cx_.call(Intrinsic::expc, {cx_.as_word(a), exponent});
    if (bits < 256)
      cx_.panic_if(B.CreateICmpUGE(r, cx_.word(llvm::APInt::getOneBitSet(256, bits))),
                   kPanicOverflow);
    return B.CreateTrunc(r, ty);
  }
  llvm::Value* wide = B.CreateSExt(a, cx_.word_type());
  llvm::Value* negative = B.CreateICmpSLT(wide, cx_.word(0));
  llvm::Value* magnitude = B.CreateSelect(negative, B.CreateSub(cx_.word(0), wide), wide);
  llvm::Value* r = cx_.call(Intrinsic::expc, {magnitude, exponent});
  llvm::Value* odd = B.CreateICmpNE(B.CreateAnd(exponent, cx_.word(1)), cx_.word(0));
  llvm::Value* result_negative = B.CreateAnd(negative, odd);
  llvm::Value* limit =
      B.CreateSelect(result_negative, cx_.word(llvm::APInt::getOneBitSet(256, bits - 1)),
                     cx_.word(llvm::APInt::getOneBitSet(256, bits - 1) - 1));
  cx_.panic_if(B.CreateICmpUGT(r, limit), kPanicOverflow);
  llvm::Value* signed_r = B.CreateSelect(result_negative, B.CreateSub(cx_.word(0), r), r);
  return B.CreateTrunc(signed_r, ty);
}

llvm::Value* Gen::compare(BinaryOp op, llvm::Value* a, llvm::Value* b, const Type* t) {
  auto& B = cx_.b;
  if (t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) {
    llvm::Value* same = vo_.equals(a, b, t);
    return op == BinaryOp::eq ? same : B.CreateNot(same);
  }
  const bool s = t->is_integer() && t->is_signed();
  switch (op) {
    case BinaryOp::eq:
      return B.CreateICmpEQ(a, b);
    case BinaryOp::ne:
      return B.CreateICmpNE(a, b);
    case BinaryOp::lt:
      return s ? B.CreateICmpSLT(a, b) : B.CreateICmpULT(a, b);
    case BinaryOp::le:
      return s ? B.CreateICmpSLE(a, b) : B.CreateICmpULE(a, b);
    case BinaryOp::gt:
      return s ? B.CreateICmpSGT(a, b) : B.CreateICmpUGT(a, b);
    case BinaryOp::ge:
      return s ? B.CreateICmpSGE(a, b) : B.CreateICmpUGE(a, b);
    default:
      return nullptr;
  }
}

llvm::Value* Gen::binary(BinaryOp op, llvm::Value* a, llvm::Value* b, const Type* t,
                         const Type* b_type) {
  auto& B = cx_.b;
  const bool s = t->is_integer() && t->is_signed();
  switch (op) {
    case BinaryOp::add:
      return checked_arith(
          s ? llvm::Intrinsic::sadd_with_overflow : llvm::Intrinsic::uadd_with_overflow, a, b);
    case BinaryOp::sub:
      return checked_arith(
          s ? llvm::Intrinsic::ssub_with_overflow : llvm::Intrinsic::usub_with_overflow, a, b);
    case BinaryOp::mul:
      return checked_arith(
          s ? llvm::Intrinsic::smul_with_overflow : llvm::Intrinsic::umul_with_overflow, a, b);
    case BinaryOp::div:
      return divide(false, a, b, t);
    case BinaryOp::rem:
      return divide(true, a, b, t);
    case BinaryOp::pow:
      return power(a, b, t, b_type);
    case BinaryOp::add_wrap:
      return B.CreateAdd(a, b);
    case BinaryOp::sub_wrap:
      return B.CreateSub(a, b);
    case BinaryOp::mul_wrap:
      return B.CreateMul(a, b);
    case BinaryOp::shl:
      return shift(true, a, b, t, b_type);
    case BinaryOp::shr:
      return shift(false, a, b, t, b_type);
    case BinaryOp::bit_and:
      return B.CreateAnd(a, b);
    case BinaryOp::bit_xor:
      return B.CreateXor(a, b);
    case BinaryOp::bit_or:
      return B.CreateOr(a, b);
    default:
      return compare(op, a, b, t);
  }
}

llvm::Value* Gen::logical(const ast::BinaryExpr& b) {
  auto& B = cx_.b;
  const bool is_and = b.op == BinaryOp::logical_and;
  llvm::Value* lhs = expr_as(*b.lhs, types_.boolean());
  llvm::BasicBlock* from = B.GetInsertBlock();
  llvm::BasicBlock* rhs_block = new_block(is_and ? "and.rhs" : "or.rhs");
  llvm::BasicBlock* done = new_block(is_and ? "and.end" : "or.end");
  if (is_and) {
    B.CreateCondBr(lhs, rhs_block, done);
  } else {
    B.CreateCondBr(lhs, done, rhs_block);
  }
  B.SetInsertPoint(rhs_block);
  llvm::Value* rhs = expr_as(*b.rhs, types_.boolean());
  llvm::BasicBlock* rhs_end = B.GetInsertBlock();
  B.CreateBr(done);
  B.SetInsertPoint(done);
  llvm::PHINode* phi = B.CreatePHI(B.getInt1Ty(), 2);
  phi->addIncoming(B.getInt1(!is_and), from);
  phi->addIncoming(rhs, rhs_end);
  return phi;
}

llvm::Value* Gen::conditional(const ast::Expr& e, const ast::ConditionalExpr& c) {
  auto& B = cx_.b;
  const Type* t = e.type;
  if (t->kind() == TypeKind::int_constant) t = types_.u256();
  llvm::Value* cond = expr_as(*c.condition, types_.boolean());
  llvm::BasicBlock* then_block = new_block("cond.then");
  llvm::BasicBlock* else_block = new_block("cond.else");
  llvm::BasicBlock* done = new_block("cond.end");
  B.CreateCondBr(cond, then_block, else_block);
  B.SetInsertPoint(then_block);
  llvm::Value* a = expr_as(*c.then_value, t);
  llvm::BasicBlock* a_end = B.GetInsertBlock();
  B.CreateBr(done);
  B.SetInsertPoint(else_block);
  llvm::Value* b = expr_as(*c.else_value, t);
  llvm::BasicBlock* b_end = B.GetInsertBlock();
  B.CreateBr(done);
  B.SetInsertPoint(done);
  if (a == nullptr || b == nullptr) return nullptr;
  llvm::PHINode* phi = B.CreatePHI(a->getType(), 2);
  phi->addIncoming(a, a_end);
  phi->addIncoming(b, b_end);
  return phi;
}

// ------------------------------------------------------------------ conversions

llvm::Value* Gen::convert(llvm::Value* v, const Type* from, const Type* to,
                          const SourceRange& range) {
  auto& B = cx_.b;
  if (from == to) return v;
  const TypeKind fk = from->kind();
  const TypeKind tk = to->kind();
  llvm::Type* target = cx_.llvm_type(to);
  // Integers (and enums, as u8) to integers.
  if ((fk == TypeKind::integer || fk == TypeKind::enum_type) && tk == TypeKind::integer) {
    const bool fs = fk == TypeKind::integer && from->is_signed();
    const bool ts = to->is_signed();
    const unsigned fb = v->getType()->getIntegerBitWidth();
    const unsigned tb = to->bits();
    llvm::Value* ok = nullptr;
    if (fs == ts) {
      if (tb >= fb) return fs ? B.CreateSExt(v, target) : B.CreateZExt(v, target);
      llvm::Value* t = B.CreateTrunc(v, target);
      ok = B.CreateICmpEQ(fs ? B.CreateSExt(t, v->getType()) : B.CreateZExt(t, v->getType()), v);
    } else if (!fs) {  // unsigned → signed
      if (fb < tb) return B.CreateZExt(v, target);
      ok = B.CreateICmpEQ(B.CreateLShr(v, llvm::ConstantInt::get(v->getType(), tb - 1)),
                          llvm::ConstantInt::get(v->getType(), 0));
    } else {  // signed → unsigned
      if (tb >= fb) {
        ok = B.CreateICmpSGE(v, llvm::ConstantInt::get(v->getType(), 0));
      } else {
        ok = B.CreateICmpEQ(B.CreateLShr(v, llvm::ConstantInt::get(v->getType(), tb)),
                            llvm::ConstantInt::get(v->getType(), 0));
      }
    }
    cx_.panic_if(B.CreateNot(ok), kPanicOverflow);
    return B.CreateSExtOrTrunc(v, target);  // the value fits: either extension agrees
  }
  if (fk == TypeKind::integer && tk == TypeKind::enum_type) {
    llvm::Value* w = v;
    if (from->is_signed()) {
      cx_.panic_if(B.CreateICmpSLT(v, llvm::ConstantInt::get(v->getType(), 0)), kPanicBadEnum);
      w = B.CreateZExt(v, cx_.word_type());
    } else {
      w = cx_.as_word(v);
    }
    uint64_t n = to->enum_info()->variants.size();
    cx_.panic_if(B.CreateICmpUGE(w, cx_.word(n)), kPanicBadEnum);
    return B.CreateTrunc(w, target);
  }
  if (fk == TypeKind::integer && tk == TypeKind::address) {
    llvm::Value* w = cx_.as_word(v);
    if (from->bits() > 160)
      cx_.panic_if(B.CreateICmpUGE(w, cx_.word(llvm::APInt::getOneBitSet(256, 160))),
                   kPanicOverflow);
    return B.CreateZExtOrTrunc(w, target);
  }
  if ((fk == TypeKind::contract && tk == TypeKind::address) ||
      (fk == TypeKind::address && tk == TypeKind::contract) ||
      (fk == TypeKind::contract && tk == TypeKind::contract)) {
    return v;
  }
  if (fk == TypeKind::address && tk == TypeKind::integer) return B.CreateZExt(v, target);
  if (fk == TypeKind::fixed_bytes || tk == TypeKind::fixed_bytes) {
    if (llvm::Value* r = convert_fixed_bytes(v, from, to)) return r;
  }
  if (v->getType() == target) return v;
  fail(range, "irgen: conversion from " + display_name(*from) + " to " + display_name(*to) +
                  " is not supported");
  return placeholder(to);
}

llvm::Value* Gen::convert_fixed_bytes(llvm::Value* v, const Type* from, const Type* to) {
  // bytesN is the left-aligned word (docs/compiler.md "1.1: fixed-size bytes").
  auto& B = cx_.b;
  auto top_mask = [&](uint32_t n) { return cx_.word(llvm::APInt::getHighBitsSet(256, 8 * n)); };
  if (to->is_fixed_bytes()) {
    const uint32_t n = to->bytes_width();
    if (from->is_unsigned_integer()) {  // checked: the value must fit in 8·N bits
      llvm::Value* w = cx_.as_word(v);
      if (from->bits() > 8 * n)
        cx_.panic_if(B.CreateICmpUGE(w, cx_.word(llvm::APInt::getOneBitSet(256, 8 * n))),
                     kPanicOverflow);
      return n < 32 ? B.CreateShl(w, cx_.word(256 - 8 * n)) : w;
    }
    if (from->is_fixed_bytes())  // keep the leftmost bytes, or pad with zero bytes
      return n < from->bytes_width() ? B.CreateAnd(v, top_mask(n)) : v;
    if (from->kind() == TypeKind::address && n == 20)
      return B.CreateShl(cx_.as_word(v), cx_.word(96));
    if (from->kind() == TypeKind::bytes) return vo_.bytes_prefix(v, n);
    return nullptr;
  }
  const uint32_t n = from->bytes_width();
  llvm::Value* w = n < 32 ? B.CreateLShr(v, cx_.word(256 - 8 * n)) : v;
  if (to->is_unsigned_integer()) return B.CreateZExtOrTrunc(w, cx_.llvm_type(to));
  if (to->kind() == TypeKind::address && n == 20) return B.CreateTrunc(w, cx_.llvm_type(to));
  if (to->kind() == TypeKind::bytes) return vo_.bytes_of_word(v, n);
  return nullptr;
}

// ------------------------------------------------------------------ tuples and literals

llvm::Value* Gen::make_tuple(const std::vector<llvm::Value*>& values,
                             const std::vector<const Type*>& types) {
  llvm::Value* p = cx_.alloc(cx_.word(32 * values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    cx_.store_word(cx_.word_ptr(p, cx_.b.getInt32(static_cast<uint32_t>(i))),
                   cx_.to_word(values[i], types[i]));
  }
  return p;
}

std::vector<llvm::Value*> Gen::unpack_tuple(llvm::Value* tuple,
                                            const std::vector<const Type*>& types) {
  std::vector<llvm::Value*> out;
  for (size_t i = 0; i < types.size(); ++i) {
    out.push_back(cx_.from_word(
        cx_.load_word(cx_.word_ptr(tuple, cx_.b.getInt32(static_cast<uint32_t>(i)))), types[i]));
  }
  return out;
}

llvm::Value* Gen::struct_literal(const ast::Expr& e, const ast::StructLiteral& s) {
  const StructInfo& info = *e.type->struct_info();
  std::vector<llvm::Value*> values(info.fields.size(), nullptr);
  for (const ast::FieldInit& f : s.fields) {
    int i = info.field_index(f.name.name);
    if (i < 0) continue;
    values[static_cast<size_t>(i)] = value_of(*f.value, info.fields[static_cast<size_t>(i)].type);
  }
  At at(*this, e.range);
  llvm::Value* p = cx_.alloc(cx_.word(32 * info.fields.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == nullptr) continue;
    vo_.store_element(cx_.word_ptr(p, cx_.b.getInt32(static_cast<uint32_t>(i))), values[i],
                      info.fields[i].type);
  }
  return p;
}

llvm::Value* Gen::array_literal(const ast::Expr& e, const ast::ArrayLiteral& a) {
  const Type* element = e.type->element();
  std::vector<llvm::Value*> values;
  for (const auto& x : a.elements) values.push_back(value_of(*x, element));
  At at(*this, e.range);
  const bool dynamic = e.type->kind() == TypeKind::dynamic_array;
  const uint32_t first = dynamic ? 1 : 0;
  llvm::Value* p = cx_.alloc(cx_.word(32 * (values.size() + first)));
  if (dynamic) cx_.store_word(p, cx_.word(values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == nullptr) continue;
    vo_.store_element(cx_.word_ptr(p, cx_.b.getInt32(static_cast<uint32_t>(i) + first)), values[i],
                      element);
  }
  return p;
}

// ------------------------------------------------------------------ members and indexing

llvm::Value* Gen::member(const ast::Expr& e, const ast::MemberExpr& m) {
  const Resolution* r = resolution(e);
  if (r == nullptr) {
    fail(e.range, "irgen: unresolved member '" + m.member.name + "'");
    return placeholder(e.type);
  }
  switch (r->kind) {
    case Resolution::Kind::storage_field: {
      At at(*this, e.range);
      return vo_.storage_load(cx_.word(r->field->slot), e.type);
    }
    case Resolution::Kind::struct_field: {
      if (is_storage_path(e)) {
        llvm::Value* slot = storage_slot(e);
        At at(*this, e.range);
        return vo_.storage_load(slot, e.type);
      }
      llvm::Value* base = expr(*m.object);
      At at(*this, e.range);
      return vo_.load_element(cx_.word_ptr(base, cx_.b.getInt32(r->index)), e.type);
    }
    case Resolution::Kind::builtin:
      return builtin_value(e, *r, m.object.get());
    default:
      break;
  }
  fail(e.range, "irgen: member '" + m.member.name + "' is not supported here");
  return placeholder(e.type);
}

llvm::Value* Gen::index(const ast::Expr& e, const ast::IndexExpr& x) {
  const Type* bt = x.base->type;
  if (bt->is_fixed_bytes()) {  // byte i of the left-aligned word, bounds-checked
    llvm::Value* w = expr(*x.base);
    llvm::Value* i = cx_.as_word(expr_as(*x.index, types_.u256()));
    At at(*this, e.range);
    auto& B = cx_.b;
    cx_.panic_if(B.CreateICmpUGE(i, cx_.word(bt->bytes_width())), kPanicOutOfBounds);
    llvm::Value* shift = B.CreateSub(cx_.word(248), B.CreateMul(i, cx_.word(8)));
    return B.CreateTrunc(B.CreateLShr(w, shift), B.getInt8Ty());
  }
  const bool bytes_like = bt->kind() == TypeKind::string || bt->kind() == TypeKind::bytes;
  if (is_storage_path(e)) {
    if (bytes_like) {  // one byte of a storage string/bytes: read its chunk only
      llvm::Value* slot = storage_slot(*x.base);
      llvm::Value* i = cx_.as_word(expr_as(*x.index, types_.u256()));
      At at(*this, e.range);
      return vo_.storage_load_byte(slot, i);
    }
    llvm::Value* slot = storage_slot(e);
    At at(*this, e.range);
    return vo_.storage_load(slot, e.type);
  }
  llvm::Value* base = expr(*x.base);
  llvm::Value* i = cx_.as_word(expr_as(*x.index, types_.u256()));
  At at(*this, e.range);
  llvm::Value* p = vo_.element_ptr(base, bt, i);
  if (bytes_like) return vo_.load_byte(p);
  return vo_.load_element(p, e.type);
}

// ------------------------------------------------------------------ expressions

llvm::Value* Gen::expr(const ast::Expr& e) {
  if (e.type == nullptr) {
    fail(e.range, "irgen: expression without a type");
    return placeholder(nullptr);
  }
  if (const ConstantValue* c = constant(e)) {
    At at(*this, e.range);
    return constant_value(*c, e.type, e.range);
  }
  At at(*this, e.range);
  return std::visit(
      [&](const auto& k) -> llvm::Value* {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::StringLiteral> || std::is_same_v<K, ast::HexLiteral>) {
          return vo_.bytes_literal(k.value);
        } else if constexpr (std::is_same_v<K, ast::BoolLiteral>) {
          return cx_.b.getInt1(k.value);
        } else if constexpr (std::is_same_v<K, ast::NameExpr>) {
          const Resolution* r = resolution(e);
          if (r != nullptr && r->kind == Resolution::Kind::local) {
            Local* l = find_local(r->decl_range);
            if (l == nullptr) {
              fail(e.range, "irgen: unknown local '" + k.name + "'");
              return placeholder(e.type);
            }
            return cx_.b.CreateLoad(l->slot->getAllocatedType(), l->slot, k.name);
          }
          if (r != nullptr && r->kind == Resolution::Kind::constant && r->constant->value) {
            return constant_value(*r->constant->value, e.type, e.range);
          }
          fail(e.range, "irgen: name '" + k.name + "' is not supported here");
          return placeholder(e.type);
        } else if constexpr (std::is_same_v<K, ast::StructLiteral>) {
          return struct_literal(e, k);
        } else if constexpr (std::is_same_v<K, ast::ArrayLiteral>) {
          return array_literal(e, k);
        } else if constexpr (std::is_same_v<K, ast::TupleExpr>) {
          std::vector<llvm::Value*> values;
          for (size_t i = 0; i < k.elements.size(); ++i) {
            values.push_back(value_of(*k.elements[i], e.type->elements()[i]));
          }
          return make_tuple(values, e.type->elements());
        } else if constexpr (std::is_same_v<K, ast::UnaryExpr>) {
          const Type* t = e.type->kind() == TypeKind::int_constant ? types_.u256() : e.type;
          llvm::Value* v = expr_as(*k.operand, t);
          switch (k.op) {
            case ast::UnaryOp::logical_not:
              return cx_.b.CreateNot(v);
            case ast::UnaryOp::bit_not:
              if (t->is_fixed_bytes() && t->bytes_width() < 32)  // only the N bytes flip
                return cx_.b.CreateXor(
                    v, cx_.word(llvm::APInt::getHighBitsSet(256, 8 * t->bytes_width())));
              return cx_.b.CreateNot(v);
            case ast::UnaryOp::negate:
              return checked_arith(llvm::Intrinsic::ssub_with_overflow,
                                   llvm::ConstantInt::get(v->getType(), 0), v);
          }
          return v;
        } else if constexpr (std::is_same_v<K, ast::BinaryExpr>) {
          if (k.op == BinaryOp::logical_and || k.op == BinaryOp::logical_or) return logical(k);
          const bool cmp = k.op == BinaryOp::lt || k.op == BinaryOp::le || k.op == BinaryOp::gt ||
                           k.op == BinaryOp::ge || k.op == BinaryOp::eq || k.op == BinaryOp::ne;
          if (k.op == BinaryOp::pow || k.op == BinaryOp::shl || k.op == BinaryOp::shr) {
            const Type* t = e.type->kind() == TypeKind::int_constant ? types_.u256() : e.type;
            const Type* rt =
                k.rhs->type->kind() == TypeKind::int_constant ? types_.u256() : k.rhs->type;
            llvm::Value* a = expr_as(*k.lhs, t);
            llvm::Value* b = expr_as(*k.rhs, rt);
            return binary(k.op, a, b, t, rt);
          }
          const Type* t = cmp ? common_type(k.lhs->type, k.rhs->type) : e.type;
          if (t->kind() == TypeKind::int_constant) t = types_.u256();
          llvm::Value* a = expr_as(*k.lhs, t);
          llvm::Value* b = expr_as(*k.rhs, t);
          return binary(k.op, a, b, t, t);
        } else if constexpr (std::is_same_v<K, ast::ConditionalExpr>) {
          return conditional(e, k);
        } else if constexpr (std::is_same_v<K, ast::CallExpr>) {
          return call(e, k);
        } else if constexpr (std::is_same_v<K, ast::MemberExpr>) {
          return member(e, k);
        } else if constexpr (std::is_same_v<K, ast::IndexExpr>) {
          return index(e, k);
        } else if constexpr (std::is_same_v<K, ast::NewContractExpr>) {
          return new_contract(e, k);
        } else if constexpr (std::is_same_v<K, ast::NewArrayExpr>) {
          llvm::Value* n = cx_.as_word(expr_as(*k.args[0], types_.u256()));
          return vo_.new_dynamic_array(e.type, n);
        } else {
          // IntegerLiteral, SelfExpr, EnumPath without a folded value
          fail(e.range, "irgen: this expression is not supported here");
          return placeholder(e.type);
        }
      },
      e.kind);
}

}  // namespace tenet::compiler::irgen
