// ValueOps: Ethereum ABI encoding and decoding, and hashing.
//
// Encoding works in two passes: the total size (a constant for static types, a helper
// per dynamic type otherwise), then one fresh block that the encoders fill in place.
// Decoding reads a buffer `data` of `size` bytes; every helper gets the byte offset
// `start` where its value's encoding begins. Helpers of dynamic types check that their
// own head fits the buffer; static values are checked by whoever holds their head.
// All offsets stay below 4 · size, so the i256 arithmetic on them never wraps.

#include "irgen_values.hpp"

namespace tenet::compiler::irgen {

namespace {

/// The largest static encoding supported (a memory block must stay below 2^32 bytes).
constexpr uint64_t kMaxAbiBytes = uint64_t{1} << 32;

/// Hashes of at most this many value-type arguments are encoded in the scratch block.
constexpr size_t kScratchHashWords = 8;

/// The helper name part for `type`: its canonical ABI spelling.
std::string abi_label(const Type* type) {
  if (type->kind() == TypeKind::tuple) {
    std::string s = "(";
    for (size_t i = 0; i < type->elements().size(); ++i)
      s += (i ? "," : "") + abi_label(type->elements()[i]);
    return s + ")";
  }
  return abi_canonical_name(*type);
}

}  // namespace

bool ValueOps::abi_supported(const Type* type) {
  switch (type->kind()) {
    case TypeKind::integer:
    case TypeKind::boolean:
    case TypeKind::address:
    case TypeKind::fixed_bytes:
    case TypeKind::string:
    case TypeKind::bytes:
    case TypeKind::enum_type:
    case TypeKind::contract:
      return true;
    case TypeKind::fixed_array:
      // Static sizes stay below 2^32, so no size computation can wrap.
      if (type->length() == 0 || type->length() > kMaxAbiBytes / 32 ||
          !abi_supported(type->element()))
        return false;
      return abi_head_size(type->element()) <= kMaxAbiBytes / type->length();
    case TypeKind::dynamic_array:
      return abi_supported(type->element());
    case TypeKind::struct_type: {
      uint64_t head = 0;
      for (const ParamInfo& f : type->struct_info()->fields) {
        if (!abi_supported(f.type)) return false;
        head += abi_head_size(f.type);
        if (head > kMaxAbiBytes) return false;
      }
      return !type->struct_info()->fields.empty();
    }
    case TypeKind::tuple: {
      uint64_t head = 0;
      for (const Type* t : type->elements()) {
        if (!abi_supported(t)) return false;
        head += abi_head_size(t);
        if (head > kMaxAbiBytes) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

bool ValueOps::abi_dynamic(const Type* type) {
  switch (type->kind()) {
    case TypeKind::string:
    case TypeKind::bytes:
    case TypeKind::dynamic_array:
      return true;
    case TypeKind::fixed_array:
      return abi_dynamic(type->element());
    case TypeKind::struct_type:
    case TypeKind::tuple:
      for (const Type* t : members(type))
        if (abi_dynamic(t)) return true;
      return false;
    default:
      return false;
  }
}

uint64_t ValueOps::abi_static_size(const Type* type) {
  switch (type->kind()) {
    case TypeKind::fixed_array:
      return type->length() * abi_static_size(type->element());
    case TypeKind::struct_type:
    case TypeKind::tuple: {
      uint64_t n = 0;
      for (const Type* t : members(type)) n += abi_static_size(t);
      return n;
    }
    default:
      return 32;
  }
}

uint64_t ValueOps::abi_head_size(const Type* type) {
  return abi_dynamic(type) ? 32 : abi_static_size(type);
}

// --- encoding --------------------------------------------------------------------------

llvm::Value* ValueOps::abi_size(llvm::Value* v, const Type* type) {
  if (!abi_dynamic(type)) return cx_.word(abi_static_size(type));
  auto& b = cx_.b;
  llvm::Function* f = helper(
      "abi.size." + abi_label(type), type, cx_.word_type(), {cx_.ptr_type()},
      [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        llvm::Value* size = nullptr;
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes:
            size = b.CreateAdd(cx_.word(32), padded(cx_.load_word(p)));
            break;
          case TypeKind::dynamic_array:
            size = b.CreateAdd(cx_.word(32), abi_elements_size(cx_.word_ptr(p, cx_.word(1)),
                                                               cx_.load_word(p), type->element()));
            break;
          case TypeKind::fixed_array:
            size = abi_elements_size(p, cx_.word(type->length()), type->element());
            break;
          default: {
            std::vector<const Type*> ms = members(type);
            uint64_t head = 0;
            for (const Type* t : ms) head += abi_head_size(t);
            size = cx_.word(head);
            for (size_t i = 0; i < ms.size(); ++i) {
              if (!abi_dynamic(ms[i])) continue;
              llvm::Value* m = cx_.from_word(cx_.load_word(cx_.word_ptr(p, cx_.word(i))), ms[i]);
              size = b.CreateAdd(size, abi_size(m, ms[i]));
            }
            break;
          }
        }
        b.CreateRet(size);
      });
  return b.CreateCall(f, {v});
}

llvm::Value* ValueOps::abi_elements_size(llvm::Value* words, llvm::Value* count,
                                         const Type* element) {
  auto& b = cx_.b;
  if (!abi_dynamic(element)) return b.CreateMul(count, cx_.word(abi_static_size(element)));
  return loop(cx_.word(0), count, b.CreateMul(count, cx_.word(32)),
              [&](llvm::Value* i, llvm::Value* acc) {
                llvm::Value* e = cx_.from_word(cx_.load_word(cx_.word_ptr(words, i)), element);
                return b.CreateAdd(acc, abi_size(e, element));
              });
}

llvm::Value* ValueOps::abi_encode_at(llvm::Value* v, const Type* type, llvm::Value* dst) {
  auto& b = cx_.b;
  if (!IrContext::is_reference(type)) {
    cx_.store_word(dst, cx_.to_word(v, type));
    return byte_ptr(dst, cx_.word(32));
  }
  llvm::Function* f =
      helper("abi.encode." + abi_label(type), type, cx_.ptr_type(),
             {cx_.ptr_type(), cx_.ptr_type()}, [&](llvm::Function* fn) {
               llvm::Value* p = fn->getArg(0);
               llvm::Value* out = fn->getArg(1);
               llvm::Value* end = nullptr;
               switch (type->kind()) {
                 case TypeKind::string:
                 case TypeKind::bytes: {
                   llvm::Value* len = cx_.load_word(p);
                   cx_.store_word(out, len);
                   // `out` is fresh (zero) memory, so the padding stays zero.
                   copy_bytes(byte_ptr(out, cx_.word(32)), byte_ptr(p, cx_.word(32)), len);
                   end = byte_ptr(out, b.CreateAdd(cx_.word(32), padded(len)));
                   break;
                 }
                 case TypeKind::dynamic_array: {
                   llvm::Value* len = cx_.load_word(p);
                   cx_.store_word(out, len);
                   end = abi_encode_elements(cx_.word_ptr(p, cx_.word(1)), len, type->element(),
                                             byte_ptr(out, cx_.word(32)));
                   break;
                 }
                 case TypeKind::fixed_array:
                   end = abi_encode_elements(p, cx_.word(type->length()), type->element(), out);
                   break;
                 default:
                   end = abi_encode_fields(p, members(type), out);
                   break;
               }
               b.CreateRet(end);
             });
  return b.CreateCall(f, {v, dst});
}

llvm::Value* ValueOps::abi_encode_elements(llvm::Value* words, llvm::Value* count,
                                           const Type* element, llvm::Value* start) {
  auto& b = cx_.b;
  if (!IrContext::is_reference(element)) {
    // A scalar's memory word is its ABI word.
    llvm::Value* bytes = b.CreateMul(count, cx_.word(32));
    copy_bytes(start, words, bytes);
    return byte_ptr(start, bytes);
  }
  if (!abi_dynamic(element)) {
    uint64_t size = abi_static_size(element);
    loop(cx_.word(0), count, nullptr, [&](llvm::Value* i, llvm::Value*) {
      llvm::Value* e = cx_.from_word(cx_.load_word(cx_.word_ptr(words, i)), element);
      abi_encode_at(e, element, byte_ptr(start, b.CreateMul(i, cx_.word(size))));
      return nullptr;
    });
    return byte_ptr(start, b.CreateMul(count, cx_.word(size)));
  }
  llvm::Value* base = cx_.as_word(start);
  llvm::Value* tail = byte_ptr(start, b.CreateMul(count, cx_.word(32)));
  return loop(cx_.word(0), count, tail, [&](llvm::Value* i, llvm::Value* at) {
    cx_.store_word(cx_.word_ptr(start, i), b.CreateSub(cx_.as_word(at), base));
    llvm::Value* e = cx_.from_word(cx_.load_word(cx_.word_ptr(words, i)), element);
    return abi_encode_at(e, element, at);
  });
}

llvm::Value* ValueOps::abi_encode_fields(llvm::Value* words, const std::vector<const Type*>& types,
                                         llvm::Value* start) {
  auto& b = cx_.b;
  uint64_t head = 0;
  for (const Type* t : types) head += abi_head_size(t);
  llvm::Value* base = cx_.as_word(start);
  llvm::Value* tail = byte_ptr(start, cx_.word(head));
  uint64_t at = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    llvm::Value* w = cx_.load_word(cx_.word_ptr(words, cx_.word(i)));
    llvm::Value* h = byte_ptr(start, cx_.word(at));
    if (!IrContext::is_reference(types[i])) {
      cx_.store_word(h, w);
    } else if (!abi_dynamic(types[i])) {
      abi_encode_at(cx_.from_word(w, types[i]), types[i], h);
    } else {
      cx_.store_word(h, b.CreateSub(cx_.as_word(tail), base));
      tail = abi_encode_at(cx_.from_word(w, types[i]), types[i], tail);
    }
    at += abi_head_size(types[i]);
  }
  return tail;
}

llvm::Value* ValueOps::abi_encode(llvm::ArrayRef<llvm::Value*> values,
                                  llvm::ArrayRef<const Type*> types,
                                  std::optional<uint32_t> selector) {
  auto& b = cx_.b;
  for (const Type* t : types) {
    if (t->kind() == TypeKind::int_constant || abi_supported(t)) continue;
    unsupported("abi encoding of `" + display_name(*t) + "`", cx_.ptr_type());
    return cx_.alloc(cx_.word(32));
  }
  uint64_t head = 0;
  for (const Type* t : types) head += abi_head_size(t);
  uint64_t prefix = selector ? 4 : 0;
  llvm::Value* total = cx_.word(head + prefix);
  for (size_t i = 0; i < types.size(); ++i)
    if (abi_dynamic(types[i])) total = b.CreateAdd(total, abi_size(values[i], types[i]));
  llvm::Value* out = cx_.alloc(b.CreateAdd(cx_.word(32), padded(total)));
  cx_.store_word(out, total);
  llvm::Value* start = byte_ptr(out, cx_.word(32));
  if (selector) {
    b.CreateStore(b.getInt32(*selector), start);
    start = byte_ptr(out, cx_.word(36));
  }
  llvm::Value* base = cx_.as_word(start);
  llvm::Value* tail = byte_ptr(start, cx_.word(head));
  uint64_t at = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    llvm::Value* h = byte_ptr(start, cx_.word(at));
    if (!abi_dynamic(types[i])) {
      abi_encode_at(values[i], types[i], h);
    } else {
      cx_.store_word(h, b.CreateSub(cx_.as_word(tail), base));
      tail = abi_encode_at(values[i], types[i], tail);
    }
    at += abi_head_size(types[i]);
  }
  return out;
}

// --- decoding --------------------------------------------------------------------------

llvm::Value* ValueOps::abi_decode_word(llvm::Value* p, const Type* type) {
  return abi_check_word(cx_.load_word(p), type);
}

llvm::Value* ValueOps::abi_check_word(llvm::Value* w, const Type* type) {
  auto& b = cx_.b;
  auto max = [&](unsigned bits) {
    return llvm::ConstantInt::get(cx_.word_type(), llvm::APInt::getLowBitsSet(256, bits));
  };
  switch (type->kind()) {
    case TypeKind::integer:
      if (type->bits() == 256) break;
      if (type->is_signed()) {
        llvm::Value* narrow = b.CreateTrunc(w, b.getIntNTy(type->bits()));
        cx_.revert_if(b.CreateICmpNE(b.CreateSExt(narrow, cx_.word_type()), w));
      } else {
        cx_.revert_if(b.CreateICmpUGT(w, max(type->bits())));
      }
      break;
    case TypeKind::boolean:
      cx_.revert_if(b.CreateICmpUGT(w, cx_.word(1)));
      break;
    case TypeKind::address:
    case TypeKind::contract:
      cx_.revert_if(b.CreateICmpUGT(w, max(160)));
      break;
    case TypeKind::enum_type:
      cx_.revert_if(b.CreateICmpUGE(w, cx_.word(type->enum_info()->variants.size())));
      break;
    case TypeKind::fixed_bytes:  // bytesN is left-aligned: its 32 - N low bytes are zero
      if (type->bytes_width() < 32)
        cx_.revert_if(
            b.CreateICmpNE(b.CreateAnd(w, max(256 - 8 * type->bytes_width())), cx_.word(0)));
      break;
    default:
      break;
  }
  return w;
}

llvm::Value* ValueOps::abi_tail_start(llvm::Value* data, llvm::Value* start, llvm::Value* head,
                                      llvm::Value* size) {
  llvm::Value* offset = cx_.load_word(byte_ptr(data, head));
  cx_.revert_if(cx_.b.CreateICmpUGT(offset, size));
  return cx_.b.CreateAdd(start, offset);
}

llvm::Value* ValueOps::abi_decode_at(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                                     const Type* type) {
  auto& b = cx_.b;
  if (!IrContext::is_reference(type))
    return cx_.from_word(abi_decode_word(byte_ptr(data, start), type), type);
  llvm::Function* f =
      helper("abi.decode." + abi_label(type), type, cx_.ptr_type(),
             {cx_.ptr_type(), cx_.word_type(), cx_.word_type()}, [&](llvm::Function* fn) {
               llvm::Value* d = fn->getArg(0);
               llvm::Value* s = fn->getArg(1);
               llvm::Value* n = fn->getArg(2);
               llvm::Value* out = nullptr;
               switch (type->kind()) {
                 case TypeKind::string:
                 case TypeKind::bytes:
                 case TypeKind::dynamic_array: {
                   cx_.revert_if(b.CreateICmpUGT(b.CreateAdd(s, cx_.word(32)), n));
                   llvm::Value* len = cx_.load_word(byte_ptr(d, s));
                   llvm::Value* avail = b.CreateSub(n, b.CreateAdd(s, cx_.word(32)));
                   cx_.revert_if(b.CreateICmpUGT(len, avail));
                   llvm::Value* contents = b.CreateAdd(s, cx_.word(32));
                   if (type->kind() != TypeKind::dynamic_array) {
                     out = cx_.alloc(b.CreateAdd(cx_.word(32), padded(len)));
                     cx_.store_word(out, len);
                     copy_bytes(byte_ptr(out, cx_.word(32)), byte_ptr(d, contents), len);
                     break;
                   }
                   uint64_t element_head = abi_head_size(type->element());
                   // len ≤ avail already, so the product cannot wrap.
                   cx_.revert_if(b.CreateICmpUGT(b.CreateMul(len, cx_.word(element_head)), avail));
                   out = cx_.alloc(b.CreateAdd(cx_.word(32), b.CreateMul(len, cx_.word(32))));
                   cx_.store_word(out, len);
                   abi_decode_elements(d, contents, n, len, type->element(),
                                       cx_.word_ptr(out, cx_.word(1)));
                   break;
                 }
                 case TypeKind::fixed_array: {
                   uint64_t count = type->length();
                   if (abi_dynamic(type))
                     cx_.revert_if(b.CreateICmpUGT(b.CreateAdd(s, cx_.word(32 * count)), n));
                   out = cx_.alloc(cx_.word(32 * count));
                   abi_decode_elements(d, s, n, cx_.word(count), type->element(), out);
                   break;
                 }
                 default: {
                   std::vector<const Type*> ms = members(type);
                   if (abi_dynamic(type)) {
                     uint64_t head = 0;
                     for (const Type* t : ms) head += abi_head_size(t);
                     cx_.revert_if(b.CreateICmpUGT(b.CreateAdd(s, cx_.word(head)), n));
                   }
                   out = cx_.alloc(cx_.word(32 * ms.size()));
                   abi_decode_fields(d, s, n, ms, out);
                   break;
                 }
               }
               b.CreateRet(out);
             });
  return b.CreateCall(f, {data, start, size});
}

void ValueOps::abi_decode_elements(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                                   llvm::Value* count, const Type* element, llvm::Value* words) {
  auto& b = cx_.b;
  bool unchecked_word = (element->is_fixed_bytes() && element->bytes_width() == 32) ||
                        (element->kind() == TypeKind::integer && element->bits() == 256);
  if (unchecked_word) {
    copy_bytes(words, byte_ptr(data, start), b.CreateMul(count, cx_.word(32)));
    return;
  }
  uint64_t head = abi_head_size(element);
  loop(cx_.word(0), count, nullptr, [&](llvm::Value* i, llvm::Value*) {
    llvm::Value* h = b.CreateAdd(start, b.CreateMul(i, cx_.word(head)));
    llvm::Value* w = nullptr;
    if (!IrContext::is_reference(element)) {
      w = abi_decode_word(byte_ptr(data, h), element);
    } else if (!abi_dynamic(element)) {
      w = abi_decode_at(data, h, size, element);
    } else {
      w = abi_decode_at(data, abi_tail_start(data, start, h, size), size, element);
    }
    cx_.store_word(cx_.word_ptr(words, i), w);
    return nullptr;
  });
}

void ValueOps::abi_decode_fields(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                                 const std::vector<const Type*>& types, llvm::Value* words) {
  auto& b = cx_.b;
  uint64_t at = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    llvm::Value* h = b.CreateAdd(start, cx_.word(at));
    llvm::Value* w = nullptr;
    if (!IrContext::is_reference(types[i])) {
      w = abi_decode_word(byte_ptr(data, h), types[i]);
    } else if (!abi_dynamic(types[i])) {
      w = abi_decode_at(data, h, size, types[i]);
    } else {
      w = abi_decode_at(data, abi_tail_start(data, start, h, size), size, types[i]);
    }
    cx_.store_word(cx_.word_ptr(words, cx_.word(i)), w);
    at += abi_head_size(types[i]);
  }
}

std::vector<llvm::Value*> ValueOps::abi_decode(llvm::Value* data, llvm::Value* size,
                                               llvm::ArrayRef<const Type*> types) {
  auto& b = cx_.b;
  std::vector<llvm::Value*> out;
  for (const Type* t : types) {
    if (abi_supported(t)) continue;
    unsupported("abi decoding of `" + display_name(*t) + "`", cx_.ptr_type());
    for (const Type* u : types) out.push_back(llvm::Constant::getNullValue(cx_.llvm_type(u)));
    return out;
  }
  uint64_t head = 0;
  for (const Type* t : types) head += abi_head_size(t);
  llvm::Value* n = cx_.as_word(size);
  if (head > 0) cx_.revert_if(b.CreateICmpULT(n, cx_.word(head)));
  uint64_t at = 0;
  for (const Type* t : types) {
    llvm::Value* h = cx_.word(at);
    if (!abi_dynamic(t)) {
      out.push_back(abi_decode_at(data, h, n, t));
    } else {
      out.push_back(abi_decode_at(data, abi_tail_start(data, cx_.word(0), h, n), n, t));
    }
    at += abi_head_size(t);
  }
  return out;
}

std::vector<llvm::Value*> ValueOps::abi_decode_calldata(uint32_t offset,
                                                        llvm::ArrayRef<const Type*> types) {
  auto& b = cx_.b;
  llvm::Value* total = cx_.call(Intrinsic::calldatasize, {});
  cx_.revert_if(b.CreateICmpULT(total, cx_.word(offset)));
  if (types.empty()) return {};
  llvm::Value* size = b.CreateSub(total, cx_.word(offset));
  bool all_scalars = true;
  uint64_t head = 0;
  for (const Type* t : types) {
    all_scalars = all_scalars && !IrContext::is_reference(t) && abi_supported(t);
    head += abi_head_size(t);
  }
  if (all_scalars) {
    // Only value types: read the words straight from the call data.
    cx_.revert_if(b.CreateICmpULT(size, cx_.word(head)));
    std::vector<llvm::Value*> out;
    for (size_t i = 0; i < types.size(); ++i) {
      llvm::Value* w = cx_.call(Intrinsic::calldataload, {cx_.word(offset + 32 * i)});
      out.push_back(cx_.from_word(abi_check_word(w, types[i]), types[i]));
    }
    return out;
  }
  llvm::Value* data = cx_.alloc(size);
  cx_.call(Intrinsic::calldatacopy, {data, cx_.word(offset), size});
  return abi_decode(data, size, types);
}

// --- hashing ---------------------------------------------------------------------------

llvm::Value* ValueOps::hash(Intrinsic which, llvm::ArrayRef<llvm::Value*> values,
                            llvm::ArrayRef<const Type*> types) {
  if (which != Intrinsic::keccak256 && which != Intrinsic::sha256)
    return unsupported("hashing with this intrinsic", cx_.word_type());
  if (types.size() == 1 &&
      (types[0]->kind() == TypeKind::string || types[0]->kind() == TypeKind::bytes)) {
    return cx_.call(which, {byte_ptr(values[0], cx_.word(32)), cx_.load_word(values[0])});
  }
  bool all_scalars = types.size() <= kScratchHashWords;
  for (const Type* t : types) {
    all_scalars = all_scalars && !IrContext::is_reference(t) &&
                  (abi_supported(t) || t->kind() == TypeKind::int_constant);
  }
  if (all_scalars && !types.empty()) {
    // The encoding of value types is one word each: build it in the scratch block rather
    // than in fresh memory, so hashing in a loop does not grow memory.
    llvm::Value* s = scratch(32 * types.size());
    for (size_t i = 0; i < types.size(); ++i)
      cx_.store_word(cx_.word_ptr(s, cx_.word(i)), cx_.to_word(values[i], types[i]));
    return cx_.call(which, {s, cx_.word(32 * types.size())});
  }
  llvm::Value* bytes = abi_encode(values, types);
  return cx_.call(which, {byte_ptr(bytes, cx_.word(32)), cx_.load_word(bytes)});
}

// --- in-place encoding (indexed event parameters) --------------------------------------

llvm::Value* ValueOps::inplace_size(llvm::Value* v, const Type* type) {
  if (!abi_dynamic(type)) return cx_.word(abi_static_size(type));
  auto& b = cx_.b;
  llvm::Function* f = helper(
      "inplace.size." + abi_label(type), type, cx_.word_type(), {cx_.ptr_type()},
      [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        llvm::Value* size = nullptr;
        // The sum of the sizes of `count` elements held in the word block `words`.
        auto elements = [&](llvm::Value* words, llvm::Value* count, const Type* element) {
          if (!abi_dynamic(element)) return b.CreateMul(count, cx_.word(abi_static_size(element)));
          return loop(cx_.word(0), count, cx_.word(0), [&](llvm::Value* i, llvm::Value* acc) {
            llvm::Value* e = cx_.from_word(cx_.load_word(cx_.word_ptr(words, i)), element);
            return b.CreateAdd(acc, inplace_size(e, element));
          });
        };
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes:
            size = padded(cx_.load_word(p));
            break;
          case TypeKind::dynamic_array:
            size = elements(cx_.word_ptr(p, cx_.word(1)), cx_.load_word(p), type->element());
            break;
          case TypeKind::fixed_array:
            size = elements(p, cx_.word(type->length()), type->element());
            break;
          default: {
            std::vector<const Type*> ms = members(type);
            size = cx_.word(0);
            for (size_t i = 0; i < ms.size(); ++i) {
              llvm::Value* m = cx_.from_word(cx_.load_word(cx_.word_ptr(p, cx_.word(i))), ms[i]);
              size = b.CreateAdd(size, inplace_size(m, ms[i]));
            }
            break;
          }
        }
        b.CreateRet(size);
      });
  return b.CreateCall(f, {v});
}

llvm::Value* ValueOps::inplace_encode_at(llvm::Value* v, const Type* type, llvm::Value* dst) {
  // Without dynamic parts the in-place encoding is the ABI encoding.
  if (!abi_dynamic(type)) return abi_encode_at(v, type, dst);
  auto& b = cx_.b;
  llvm::Function* f = helper(
      "inplace.encode." + abi_label(type), type, cx_.ptr_type(), {cx_.ptr_type(), cx_.ptr_type()},
      [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        llvm::Value* out = fn->getArg(1);
        llvm::Value* end = nullptr;
        // Encodes `count` elements held in the word block `words` one after another.
        auto elements = [&](llvm::Value* words, llvm::Value* count, const Type* element) {
          return loop(cx_.word(0), count, out, [&](llvm::Value* i, llvm::Value* at) {
            llvm::Value* e = cx_.from_word(cx_.load_word(cx_.word_ptr(words, i)), element);
            return inplace_encode_at(e, element, at);
          });
        };
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes: {
            llvm::Value* len = cx_.load_word(p);
            // `out` is zeroed memory, so the padding stays zero.
            copy_bytes(out, byte_ptr(p, cx_.word(32)), len);
            end = byte_ptr(out, padded(len));
            break;
          }
          case TypeKind::dynamic_array:
            end = elements(cx_.word_ptr(p, cx_.word(1)), cx_.load_word(p), type->element());
            break;
          case TypeKind::fixed_array:
            end = elements(p, cx_.word(type->length()), type->element());
            break;
          default: {
            std::vector<const Type*> ms = members(type);
            end = out;
            for (size_t i = 0; i < ms.size(); ++i) {
              llvm::Value* m = cx_.from_word(cx_.load_word(cx_.word_ptr(p, cx_.word(i))), ms[i]);
              end = inplace_encode_at(m, ms[i], end);
            }
            break;
          }
        }
        b.CreateRet(end);
      });
  return b.CreateCall(f, {v, dst});
}

llvm::Value* ValueOps::indexed_topic(llvm::Value* v, const Type* type) {
  if (!abi_supported(type))
    return unsupported("indexed event parameters of type `" + display_name(*type) + "`",
                       cx_.word_type());
  auto& b = cx_.b;
  llvm::Value* size = inplace_size(v, type);
  llvm::Value* buffer = cx_.alloc(b.CreateAdd(cx_.word(32), size));
  cx_.store_word(buffer, size);
  llvm::Value* contents = byte_ptr(buffer, cx_.word(32));
  inplace_encode_at(v, type, contents);
  return cx_.call(Intrinsic::keccak256, {contents, size});
}

}  // namespace tenet::compiler::irgen
