// ValueOps, text: the values of assertion messages (docs/language-guide.md, "Tests") —
// decimal and hexadecimal formatting and concatenation of strings, as internal helper
// functions generated once per module.

#include "irgen_values.hpp"

namespace tenet::compiler::irgen {

llvm::Value* ValueOps::concat(llvm::ArrayRef<llvm::Value*> strings) {
  auto& b = cx_.b;
  llvm::Value* total = cx_.word(0);
  for (llvm::Value* s : strings) total = b.CreateAdd(total, cx_.load_word(s));
  llvm::Value* out = cx_.alloc(b.CreateAdd(padded(total), cx_.word(32)));
  cx_.store_word(out, total);
  llvm::Value* at = cx_.word(32);
  for (llvm::Value* s : strings) {
    llvm::Value* len = cx_.load_word(s);
    copy_bytes(byte_ptr(out, at), byte_ptr(s, cx_.word(32)), len);
    at = b.CreateAdd(at, len);
  }
  return out;
}

llvm::Value* ValueOps::decimal(llvm::Value* w, bool is_signed) {
  auto& b = cx_.b;
  llvm::Function* udec =
      helper("text.udec", nullptr, cx_.ptr_type(), {cx_.word_type()}, [&](llvm::Function* f) {
        llvm::Value* v = f->getArg(0);
        llvm::BasicBlock* entry = b.GetInsertBlock();
        auto* count = llvm::BasicBlock::Create(cx_.llvm, "count", f);
        auto* counted = llvm::BasicBlock::Create(cx_.llvm, "counted", f);
        b.CreateBr(count);
        b.SetInsertPoint(count);
        llvm::PHINode* n = b.CreatePHI(cx_.word_type(), 2, "digits");
        llvm::PHINode* x = b.CreatePHI(cx_.word_type(), 2, "rest");
        n->addIncoming(cx_.word(1), entry);
        x->addIncoming(v, entry);
        n->addIncoming(b.CreateAdd(n, cx_.word(1)), count);
        x->addIncoming(b.CreateUDiv(x, cx_.word(10)), count);
        b.CreateCondBr(b.CreateICmpUGE(x, cx_.word(10)), count, counted);
        b.SetInsertPoint(counted);
        llvm::Value* s = cx_.alloc(b.CreateAdd(padded(n), cx_.word(32)));
        cx_.store_word(s, n);
        loop(cx_.word(0), n, v, [&](llvm::Value* i, llvm::Value* rest) {
          llvm::Value* digit = b.CreateAdd(b.CreateURem(rest, cx_.word(10)), cx_.word('0'));
          llvm::Value* at = b.CreateAdd(b.CreateSub(n, i), cx_.word(31));  // 32 + n - 1 - i
          store_byte(byte_ptr(s, at), digit);
          return b.CreateUDiv(rest, cx_.word(10));
        });
        b.CreateRet(s);
      });
  if (!is_signed) return b.CreateCall(udec, {w});
  llvm::Function* sdec =
      helper("text.sdec", nullptr, cx_.ptr_type(), {cx_.word_type()}, [&](llvm::Function* f) {
        llvm::Value* v = f->getArg(0);
        auto* negative = llvm::BasicBlock::Create(cx_.llvm, "negative", f);
        auto* positive = llvm::BasicBlock::Create(cx_.llvm, "positive", f);
        b.CreateCondBr(b.CreateICmpSLT(v, cx_.word(0)), negative, positive);
        b.SetInsertPoint(negative);
        llvm::Value* magnitude = b.CreateCall(udec, {b.CreateSub(cx_.word(0), v)});
        b.CreateRet(concat({bytes_literal("-"), magnitude}));
        b.SetInsertPoint(positive);
        b.CreateRet(b.CreateCall(udec, {v}));
      });
  return b.CreateCall(sdec, {w});
}

namespace {

/// The lowercase hex digit of the nibble `n` (i256 below 16).
llvm::Value* hex_digit(IrContext& cx, llvm::Value* n) {
  auto& b = cx.b;
  llvm::Value* letter = b.CreateICmpUGE(n, cx.word(10));
  return b.CreateAdd(n, b.CreateSelect(letter, cx.word('a' - 10), cx.word('0')));
}

}  // namespace

llvm::Value* ValueOps::hex_word(llvm::Value* w, uint32_t bytes) {
  auto& b = cx_.b;
  llvm::Function* f =
      helper("text.hex", nullptr, cx_.ptr_type(), {cx_.word_type(), cx_.word_type()},
             [&](llvm::Function* fn) {
               llvm::Value* v = fn->getArg(0);
               llvm::Value* digits = b.CreateMul(fn->getArg(1), cx_.word(2));
               llvm::Value* len = b.CreateAdd(digits, cx_.word(2));
               llvm::Value* s = cx_.alloc(b.CreateAdd(padded(len), cx_.word(32)));
               cx_.store_word(s, len);
               store_byte(byte_ptr(s, cx_.word(32)), cx_.word('0'));
               store_byte(byte_ptr(s, cx_.word(33)), cx_.word('x'));
               loop(cx_.word(0), digits, nullptr, [&](llvm::Value* i, llvm::Value*) {
                 // digit i is nibble (digits - 1 - i) counted from the least significant
                 llvm::Value* shift =
                     b.CreateMul(b.CreateSub(b.CreateSub(digits, cx_.word(1)), i), cx_.word(4));
                 llvm::Value* nibble = b.CreateAnd(b.CreateLShr(v, shift), cx_.word(15));
                 store_byte(byte_ptr(s, b.CreateAdd(i, cx_.word(34))), hex_digit(cx_, nibble));
                 return nullptr;
               });
               b.CreateRet(s);
             });
  return b.CreateCall(f, {w, cx_.word(bytes)});
}

llvm::Value* ValueOps::hex_bytes(llvm::Value* v) {
  auto& b = cx_.b;
  llvm::Function* f =
      helper("text.hexbytes", nullptr, cx_.ptr_type(), {cx_.ptr_type()}, [&](llvm::Function* fn) {
        llvm::Value* in = fn->getArg(0);
        llvm::Value* n = cx_.load_word(in);
        llvm::Value* len = b.CreateAdd(b.CreateMul(n, cx_.word(2)), cx_.word(2));
        llvm::Value* s = cx_.alloc(b.CreateAdd(padded(len), cx_.word(32)));
        cx_.store_word(s, len);
        store_byte(byte_ptr(s, cx_.word(32)), cx_.word('0'));
        store_byte(byte_ptr(s, cx_.word(33)), cx_.word('x'));
        loop(cx_.word(0), n, nullptr, [&](llvm::Value* i, llvm::Value*) {
          llvm::Value* byte =
              b.CreateZExt(load_byte(byte_ptr(in, b.CreateAdd(i, cx_.word(32)))), cx_.word_type());
          llvm::Value* at = b.CreateAdd(b.CreateMul(i, cx_.word(2)), cx_.word(34));
          store_byte(byte_ptr(s, at), hex_digit(cx_, b.CreateLShr(byte, cx_.word(4))));
          store_byte(byte_ptr(s, b.CreateAdd(at, cx_.word(1))),
                     hex_digit(cx_, b.CreateAnd(byte, cx_.word(15))));
          return nullptr;
        });
        b.CreateRet(s);
      });
  return b.CreateCall(f, {v});
}

llvm::Value* ValueOps::format(llvm::Value* v, const Type* type) {
  auto& b = cx_.b;
  switch (type->kind()) {
    case TypeKind::integer:
      return decimal(cx_.to_word(v, type), type->is_signed());
    case TypeKind::enum_type:
      return decimal(cx_.to_word(v, type), false);
    case TypeKind::boolean:
      return b.CreateSelect(v, bytes_literal("true"), bytes_literal("false"));
    case TypeKind::address:
    case TypeKind::contract:
      return hex_word(cx_.to_word(v, type), 20);
    case TypeKind::fixed_bytes: {  // left-aligned: the N high bytes
      const uint32_t n = type->bytes_width();
      llvm::Value* w = cx_.to_word(v, type);
      if (n < 32) w = cx_.b.CreateLShr(w, cx_.word(256 - 8 * n));
      return hex_word(w, n);
    }
    case TypeKind::string:
      return concat({bytes_literal("\""), v, bytes_literal("\"")});
    case TypeKind::bytes:
      return hex_bytes(v);
    default:
      return unsupported("formatting `" + display_name(*type) + "`", cx_.ptr_type());
  }
}

}  // namespace tenet::compiler::irgen
