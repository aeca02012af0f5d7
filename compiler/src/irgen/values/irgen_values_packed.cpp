// ValueOps, (1.1): Solidity's packed encoding (`abi.encode_packed`, also `concat`) and
// `slice` of string/bytes values.
//
// The packed encoding is written front to back into one fresh block: a value type as
// one word store whose value is shifted to the top of the word (its own bytes first,
// then zeros), so the next part overwrites the zeros; string/bytes by copying their
// bytes; arrays of value types as their element words. The block has 32 bytes of slack
// after the padded contents for the last word store, which it leaves zero.

#include "irgen_values.hpp"

namespace tenet::compiler::irgen {

uint64_t ValueOps::packed_width(const Type* type) {
  switch (type->kind()) {
    case TypeKind::integer:
      return type->bits() / 8;
    case TypeKind::boolean:
    case TypeKind::enum_type:
      return 1;
    case TypeKind::address:
    case TypeKind::contract:
      return 20;
    default:
      return type->bytes_width();  // bytesN
  }
}

llvm::Value* ValueOps::abi_encode_packed(llvm::ArrayRef<llvm::Value*> values,
                                         llvm::ArrayRef<const Type*> types) {
  auto& b = cx_.b;
  bool word_stores = false;
  uint64_t fixed = 0;
  llvm::Value* total = nullptr;
  for (size_t i = 0; i < types.size(); ++i) {
    const Type* t = types[i];
    if (t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) {
      llvm::Value* len = cx_.load_word(values[i]);
      total = total == nullptr ? len : b.CreateAdd(total, len);
    } else if (t->kind() == TypeKind::fixed_array) {
      fixed += 32 * t->length();
    } else if (t->kind() == TypeKind::dynamic_array) {
      llvm::Value* bytes = b.CreateMul(cx_.load_word(values[i]), cx_.word(32));
      total = total == nullptr ? bytes : b.CreateAdd(total, bytes);
    } else if (t->is_value_type()) {
      fixed += packed_width(t);
      word_stores = true;
    } else {
      unsupported("abi.encode_packed of `" + display_name(*t) + "`", cx_.ptr_type());
      return cx_.alloc(cx_.word(32));
    }
  }
  total = total == nullptr ? cx_.word(fixed) : b.CreateAdd(total, cx_.word(fixed));
  llvm::Value* out = cx_.alloc(b.CreateAdd(cx_.word(word_stores ? 64 : 32), padded(total)));
  cx_.store_word(out, total);
  llvm::Value* at = cx_.word(32);  // the offset of the next part in `out`
  for (size_t i = 0; i < types.size(); ++i) {
    const Type* t = types[i];
    if (t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) {
      llvm::Value* len = cx_.load_word(values[i]);
      copy_bytes(byte_ptr(out, at), byte_ptr(values[i], cx_.word(32)), len);
      at = b.CreateAdd(at, len);
    } else if (t->is_array()) {
      // A scalar element's memory word is its ABI word: 32 bytes per element.
      const bool fixed_length = t->kind() == TypeKind::fixed_array;
      llvm::Value* count = fixed_length ? cx_.word(t->length()) : cx_.load_word(values[i]);
      llvm::Value* words = fixed_length ? values[i] : cx_.word_ptr(values[i], cx_.word(1));
      llvm::Value* bytes = b.CreateMul(count, cx_.word(32));
      copy_bytes(byte_ptr(out, at), words, bytes);
      at = b.CreateAdd(at, bytes);
    } else {
      const uint64_t width = packed_width(t);
      llvm::Value* w = cx_.to_word(values[i], t);
      // bytesN is left-aligned already; the others move their low bytes to the top.
      if (!t->is_fixed_bytes()) w = b.CreateShl(w, cx_.word(256 - 8 * width));
      cx_.store_word(byte_ptr(out, at), w);
      at = b.CreateAdd(at, cx_.word(width));
    }
  }
  return out;
}

llvm::Value* ValueOps::slice(llvm::Value* v, llvm::Value* from, llvm::Value* to) {
  auto& b = cx_.b;
  llvm::Value* len = cx_.load_word(v);
  cx_.panic_if(b.CreateOr(b.CreateICmpUGT(from, to), b.CreateICmpUGT(to, len)), kPanicOutOfBounds);
  llvm::Value* n = b.CreateSub(to, from);
  llvm::Value* out = cx_.alloc(b.CreateAdd(cx_.word(32), padded(n)));
  cx_.store_word(out, n);
  copy_bytes(byte_ptr(out, cx_.word(32)), byte_ptr(v, b.CreateAdd(cx_.word(32), from)), n);
  return out;
}

}  // namespace tenet::compiler::irgen
