// ValueOps: whole values in storage (language.md §10), map and array slots.

#include "irgen_values.hpp"

namespace tenet::compiler::irgen {

namespace {

/// True for the types whose values can be read from storage into memory as a whole.
bool storage_value_supported(const Type* type) {
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
    case TypeKind::fixed_array:  // read into a memory block of 32 · N bytes
      return type->length() < (uint64_t{1} << 27) && storage_value_supported(type->element());
    case TypeKind::dynamic_array:
      return storage_value_supported(type->element());
    case TypeKind::struct_type:
      for (const ParamInfo& f : type->struct_info()->fields)
        if (!storage_value_supported(f.type)) return false;
      return true;
    default:
      return false;
  }
}

/// True for the types `storage_clear` handles (values, and maps that it leaves alone).
bool storage_clear_supported(const Type* type) {
  switch (type->kind()) {
    case TypeKind::map:
      return true;
    case TypeKind::fixed_array:
    case TypeKind::dynamic_array:
      return storage_clear_supported(type->element());
    case TypeKind::struct_type:
      for (const ParamInfo& f : type->struct_info()->fields)
        if (!storage_clear_supported(f.type)) return false;
      return true;
    default:
      return storage_value_supported(type);
  }
}

}  // namespace

uint64_t ValueOps::storage_slots(const Type* type) {
  return tenet::compiler::storage_slots(*type);
}

llvm::Value* ValueOps::data_slot(llvm::Value* slot) {
  llvm::Value* s = scratch();
  cx_.store_word(s, slot);
  return cx_.call(Intrinsic::keccak256, {s, cx_.word(32)});
}

llvm::Value* ValueOps::slot_add(llvm::Value* slot, llvm::Value* index, uint64_t k) {
  llvm::Value* offset =
      k == 1 ? cx_.as_word(index) : cx_.b.CreateMul(cx_.as_word(index), cx_.word(k));
  return cx_.b.CreateAdd(slot, offset);
}

llvm::Value* ValueOps::storage_load_word(llvm::Value* slot, const Type* type) {
  // Scalars are stored as their memory words (to_word), so the slot is the word.
  if (!IrContext::is_reference(type)) return cx_.call(Intrinsic::sload, {slot});
  return cx_.as_word(storage_load(slot, type));
}

void ValueOps::storage_store_word(llvm::Value* slot, llvm::Value* w, const Type* type) {
  if (!IrContext::is_reference(type)) {
    cx_.call(Intrinsic::sstore, {slot, w});
    return;
  }
  storage_store(slot, cx_.from_word(w, type), type);
}

llvm::Value* ValueOps::storage_load(llvm::Value* slot, const Type* type) {
  auto& b = cx_.b;
  if (!storage_value_supported(type))
    return unsupported("reading a whole `" + display_name(*type) + "` from storage",
                       cx_.llvm_type(type));
  if (!IrContext::is_reference(type))
    return cx_.from_word(cx_.call(Intrinsic::sload, {slot}), type);
  llvm::Function* f = helper(
      "storage.load." + display_name(*type), type, cx_.ptr_type(), {cx_.word_type()},
      [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        llvm::Value* out = nullptr;
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes: {
            llvm::Value* len = cx_.call(Intrinsic::sload, {p});
            out = cx_.alloc(b.CreateAdd(cx_.word(32), padded(len)));
            cx_.store_word(out, len);
            llvm::Value* base = data_slot(p);
            loop(cx_.word(0), words_of(len), nullptr, [&](llvm::Value* i, llvm::Value*) {
              cx_.store_word(cx_.word_ptr(out, b.CreateAdd(i, cx_.word(1))),
                             cx_.call(Intrinsic::sload, {b.CreateAdd(base, i)}));
              return nullptr;
            });
            break;
          }
          case TypeKind::dynamic_array: {
            llvm::Value* len = cx_.call(Intrinsic::sload, {p});
            out = cx_.alloc(b.CreateAdd(cx_.word(32), b.CreateMul(len, cx_.word(32))));
            cx_.store_word(out, len);
            llvm::Value* base = data_slot(p);
            const Type* e = type->element();
            loop(cx_.word(0), len, nullptr, [&](llvm::Value* i, llvm::Value*) {
              cx_.store_word(cx_.word_ptr(out, b.CreateAdd(i, cx_.word(1))),
                             storage_load_word(slot_add(base, i, storage_slots(e)), e));
              return nullptr;
            });
            break;
          }
          case TypeKind::fixed_array: {
            const Type* e = type->element();
            out = cx_.alloc(cx_.word(32 * type->length()));
            loop(cx_.word(0), cx_.word(type->length()), nullptr, [&](llvm::Value* i, llvm::Value*) {
              cx_.store_word(cx_.word_ptr(out, i),
                             storage_load_word(slot_add(p, i, storage_slots(e)), e));
              return nullptr;
            });
            break;
          }
          default: {  // struct
            std::vector<const Type*> ms = members(type);
            out = cx_.alloc(cx_.word(32 * ms.size()));
            uint64_t at = 0;
            for (size_t i = 0; i < ms.size(); ++i) {
              cx_.store_word(cx_.word_ptr(out, cx_.word(i)),
                             storage_load_word(b.CreateAdd(p, cx_.word(at)), ms[i]));
              at += storage_slots(ms[i]);
            }
            break;
          }
        }
        b.CreateRet(out);
      });
  return b.CreateCall(f, {slot});
}

void ValueOps::storage_store(llvm::Value* slot, llvm::Value* v, const Type* type) {
  auto& b = cx_.b;
  if (!storage_value_supported(type)) {
    unsupported("writing a whole `" + display_name(*type) + "` to storage", b.getVoidTy());
    return;
  }
  if (!IrContext::is_reference(type)) {
    cx_.call(Intrinsic::sstore, {slot, cx_.to_word(v, type)});
    return;
  }
  llvm::Function* f = helper(
      "storage.store." + display_name(*type), type, b.getVoidTy(),
      {cx_.word_type(), cx_.ptr_type()}, [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        llvm::Value* src = fn->getArg(1);
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes: {
            llvm::Value* old_len = cx_.call(Intrinsic::sload, {p});
            llvm::Value* len = cx_.load_word(src);
            cx_.call(Intrinsic::sstore, {p, len});
            llvm::Value* base = data_slot(p);
            llvm::Value* words = words_of(len);
            loop(cx_.word(0), words, nullptr, [&](llvm::Value* i, llvm::Value*) {
              llvm::Value* w = cx_.load_word(cx_.word_ptr(src, b.CreateAdd(i, cx_.word(1))));
              cx_.call(Intrinsic::sstore, {b.CreateAdd(base, i), w});
              return nullptr;
            });
            loop(words, words_of(old_len), nullptr, [&](llvm::Value* i, llvm::Value*) {
              cx_.call(Intrinsic::sstore, {b.CreateAdd(base, i), cx_.word(0)});
              return nullptr;
            });
            break;
          }
          case TypeKind::dynamic_array: {
            const Type* e = type->element();
            llvm::Value* old_len = cx_.call(Intrinsic::sload, {p});
            llvm::Value* len = cx_.load_word(src);
            cx_.call(Intrinsic::sstore, {p, len});
            llvm::Value* base = data_slot(p);
            loop(cx_.word(0), len, nullptr, [&](llvm::Value* i, llvm::Value*) {
              llvm::Value* w = cx_.load_word(cx_.word_ptr(src, b.CreateAdd(i, cx_.word(1))));
              storage_store_word(slot_add(base, i, storage_slots(e)), w, e);
              return nullptr;
            });
            loop(len, old_len, nullptr, [&](llvm::Value* i, llvm::Value*) {
              storage_clear(slot_add(base, i, storage_slots(e)), e);
              return nullptr;
            });
            break;
          }
          case TypeKind::fixed_array: {
            const Type* e = type->element();
            loop(cx_.word(0), cx_.word(type->length()), nullptr, [&](llvm::Value* i, llvm::Value*) {
              storage_store_word(slot_add(p, i, storage_slots(e)),
                                 cx_.load_word(cx_.word_ptr(src, i)), e);
              return nullptr;
            });
            break;
          }
          default: {  // struct
            std::vector<const Type*> ms = members(type);
            uint64_t at = 0;
            for (size_t i = 0; i < ms.size(); ++i) {
              storage_store_word(b.CreateAdd(p, cx_.word(at)),
                                 cx_.load_word(cx_.word_ptr(src, cx_.word(i))), ms[i]);
              at += storage_slots(ms[i]);
            }
            break;
          }
        }
        b.CreateRetVoid();
      });
  b.CreateCall(f, {slot, v});
}

void ValueOps::storage_clear(llvm::Value* slot, const Type* type) {
  auto& b = cx_.b;
  if (type->kind() == TypeKind::map) return;  // a map's entries cannot be enumerated
  if (!storage_clear_supported(type)) {
    unsupported("clearing `" + display_name(*type) + "` in storage", b.getVoidTy());
    return;
  }
  if (!IrContext::is_reference(type)) {
    cx_.call(Intrinsic::sstore, {slot, cx_.word(0)});
    return;
  }
  llvm::Function* f = helper(
      "storage.clear." + display_name(*type), type, b.getVoidTy(), {cx_.word_type()},
      [&](llvm::Function* fn) {
        llvm::Value* p = fn->getArg(0);
        switch (type->kind()) {
          case TypeKind::string:
          case TypeKind::bytes:
          case TypeKind::dynamic_array: {
            llvm::Value* old_len = cx_.call(Intrinsic::sload, {p});
            cx_.call(Intrinsic::sstore, {p, cx_.word(0)});
            llvm::Value* base = data_slot(p);
            if (type->kind() != TypeKind::dynamic_array) {
              loop(cx_.word(0), words_of(old_len), nullptr, [&](llvm::Value* i, llvm::Value*) {
                cx_.call(Intrinsic::sstore, {b.CreateAdd(base, i), cx_.word(0)});
                return nullptr;
              });
            } else {
              const Type* e = type->element();
              loop(cx_.word(0), old_len, nullptr, [&](llvm::Value* i, llvm::Value*) {
                storage_clear(slot_add(base, i, storage_slots(e)), e);
                return nullptr;
              });
            }
            break;
          }
          case TypeKind::fixed_array: {
            const Type* e = type->element();
            loop(cx_.word(0), cx_.word(type->length()), nullptr, [&](llvm::Value* i, llvm::Value*) {
              storage_clear(slot_add(p, i, storage_slots(e)), e);
              return nullptr;
            });
            break;
          }
          default: {  // struct
            uint64_t at = 0;
            for (const Type* m : members(type)) {
              storage_clear(b.CreateAdd(p, cx_.word(at)), m);
              at += storage_slots(m);
            }
            break;
          }
        }
        b.CreateRetVoid();
      });
  b.CreateCall(f, {slot});
}

llvm::Value* ValueOps::map_slot(llvm::Value* slot, llvm::Value* key, const Type* key_type) {
  auto& b = cx_.b;
  switch (key_type->kind()) {
    case TypeKind::string:
    case TypeKind::bytes: {
      llvm::Value* len = cx_.load_word(key);
      llvm::Value* buffer = cx_.alloc(b.CreateAdd(len, cx_.word(32)));
      copy_bytes(buffer, byte_ptr(key, cx_.word(32)), len);
      cx_.store_word(byte_ptr(buffer, len), slot);
      return cx_.call(Intrinsic::keccak256, {buffer, b.CreateAdd(len, cx_.word(32))});
    }
    case TypeKind::integer:
    case TypeKind::boolean:
    case TypeKind::address:
    case TypeKind::fixed_bytes:
    case TypeKind::enum_type:
    case TypeKind::contract: {
      llvm::Value* s = scratch();
      cx_.store_word(s, cx_.to_word(key, key_type));
      cx_.store_word(byte_ptr(s, cx_.word(32)), slot);
      return cx_.call(Intrinsic::keccak256, {s, cx_.word(64)});
    }
    default:
      return unsupported("a map key of type `" + display_name(*key_type) + "`", cx_.word_type());
  }
}

llvm::Value* ValueOps::array_element_slot(llvm::Value* slot, const Type* type, llvm::Value* index) {
  auto& b = cx_.b;
  llvm::Value* i = cx_.as_word(index);
  switch (type->kind()) {
    case TypeKind::fixed_array:
      cx_.panic_if(b.CreateICmpUGE(i, cx_.word(type->length())), kPanicOutOfBounds);
      return slot_add(slot, i, storage_slots(type->element()));
    case TypeKind::dynamic_array:
      cx_.panic_if(b.CreateICmpUGE(i, cx_.call(Intrinsic::sload, {slot})), kPanicOutOfBounds);
      return slot_add(data_slot(slot), i, storage_slots(type->element()));
    default:
      return unsupported("indexing `" + display_name(*type) + "` in storage", cx_.word_type());
  }
}

void ValueOps::storage_push(llvm::Value* slot, const Type* array_type, llvm::Value* v) {
  auto& b = cx_.b;
  if (array_type->kind() != TypeKind::dynamic_array) {
    unsupported("`push` on `" + display_name(*array_type) + "`", b.getVoidTy());
    return;
  }
  const Type* e = array_type->element();
  llvm::Value* len = cx_.call(Intrinsic::sload, {slot});
  cx_.call(Intrinsic::sstore, {slot, b.CreateAdd(len, cx_.word(1))});
  storage_store(slot_add(data_slot(slot), len, storage_slots(e)), v, e);
}

llvm::Value* ValueOps::storage_pop(llvm::Value* slot, const Type* array_type) {
  auto& b = cx_.b;
  if (array_type->kind() != TypeKind::dynamic_array)
    return unsupported("`pop` on `" + display_name(*array_type) + "`", cx_.ptr_type());
  const Type* e = array_type->element();
  llvm::Value* len = cx_.call(Intrinsic::sload, {slot});
  cx_.panic_if(b.CreateICmpEQ(len, cx_.word(0)), kPanicEmptyPop);
  llvm::Value* last = b.CreateSub(len, cx_.word(1));
  llvm::Value* at = slot_add(data_slot(slot), last, storage_slots(e));
  llvm::Value* value = storage_load(at, e);
  storage_clear(at, e);
  cx_.call(Intrinsic::sstore, {slot, last});
  return value;
}

llvm::Value* ValueOps::storage_length(llvm::Value* slot, const Type* type) {
  switch (type->kind()) {
    case TypeKind::fixed_array:
      return cx_.word(type->length());
    case TypeKind::dynamic_array:
    case TypeKind::string:
    case TypeKind::bytes:
      return cx_.call(Intrinsic::sload, {slot});
    default:
      return unsupported("the length of `" + display_name(*type) + "` in storage", cx_.word_type());
  }
}

std::pair<llvm::Value*, llvm::Value*> ValueOps::storage_byte_position(llvm::Value* slot,
                                                                      llvm::Value* index) {
  auto& b = cx_.b;
  llvm::Value* i = cx_.as_word(index);
  cx_.panic_if(b.CreateICmpUGE(i, cx_.call(Intrinsic::sload, {slot})), kPanicOutOfBounds);
  llvm::Value* chunk = b.CreateAdd(data_slot(slot), b.CreateLShr(i, cx_.word(5)));
  // Byte 0 of a chunk is its most significant byte: shift = 8 * (31 - i % 32) ≤ 248.
  llvm::Value* shift =
      b.CreateShl(b.CreateSub(cx_.word(31), b.CreateAnd(i, cx_.word(31))), cx_.word(3));
  return {chunk, shift};
}

llvm::Value* ValueOps::storage_load_byte(llvm::Value* slot, llvm::Value* index) {
  auto [chunk, shift] = storage_byte_position(slot, index);
  llvm::Value* w = cx_.call(Intrinsic::sload, {chunk});
  return cx_.b.CreateTrunc(cx_.b.CreateLShr(w, shift), cx_.b.getInt8Ty());
}

void ValueOps::storage_store_byte(llvm::Value* slot, llvm::Value* index, llvm::Value* v) {
  auto& b = cx_.b;
  auto [chunk, shift] = storage_byte_position(slot, index);
  llvm::Value* w = cx_.call(Intrinsic::sload, {chunk});
  llvm::Value* mask = b.CreateShl(cx_.word(0xff), shift);
  llvm::Value* byte =
      b.CreateShl(b.CreateZExt(b.CreateZExtOrTrunc(v, b.getInt8Ty()), cx_.word_type()), shift);
  cx_.call(Intrinsic::sstore, {chunk, b.CreateOr(b.CreateAnd(w, b.CreateNot(mask)), byte)});
}

}  // namespace tenet::compiler::irgen
