// ValueOps: helper-function machinery and values in memory (copy, equality, zero
// values, arrays, literals, element access).

#include <llvm/ADT/APInt.h>
#include <llvm/IR/DebugInfoMetadata.h>

#include <algorithm>
#include <array>

#include "irgen_values.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler::irgen {

namespace {

/// The largest element count of a fresh `[T]`: its block (32 + 32n bytes) stays below 2^32.
constexpr uint64_t kMaxNewArrayLength = (uint64_t{1} << 27) - 2;

}  // namespace

ValueOps::ValueOps(IrContext& cx) : cx_(cx) {}

// --- machinery ---------------------------------------------------------------------

llvm::Function* ValueOps::helper(const std::string& name, const Type* type, llvm::Type* result,
                                 llvm::ArrayRef<llvm::Type*> params, const HelperBody& body) {
  auto key = std::make_pair(name, type);
  if (auto it = helpers_.find(key); it != helpers_.end()) return it->second;
  auto* fn_type = llvm::FunctionType::get(result, params, false);
  auto* f = llvm::Function::Create(fn_type, llvm::Function::InternalLinkage, name, *cx_.module);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  helpers_[key] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(cx_.b);
  llvm::DISubprogram* sp = cx_.debug_function(f, kNoFile, 0);
  cx_.b.SetInsertPoint(llvm::BasicBlock::Create(cx_.llvm, "entry", f));
  cx_.b.SetCurrentDebugLocation(llvm::DILocation::get(cx_.llvm, 0, 0, sp));
  body(f);
  return f;
}

llvm::Value* ValueOps::unsupported(const std::string& what, llvm::Type* type) {
  if (!error) error = "irgen: " + what + " is not supported yet";
  if (type->isVoidTy()) return nullptr;
  return llvm::Constant::getNullValue(type);
}

llvm::Value* ValueOps::loop(llvm::Value* begin, llvm::Value* end, llvm::Value* carried,
                            const LoopBody& body) {
  auto& b = cx_.b;
  llvm::Function* f = b.GetInsertBlock()->getParent();
  llvm::BasicBlock* pre = b.GetInsertBlock();
  auto* header = llvm::BasicBlock::Create(cx_.llvm, "loop", f);
  auto* body_block = llvm::BasicBlock::Create(cx_.llvm, "loop.body", f);
  auto* exit = llvm::BasicBlock::Create(cx_.llvm, "loop.end", f);
  b.CreateBr(header);
  b.SetInsertPoint(header);
  llvm::PHINode* i = b.CreatePHI(cx_.word_type(), 2, "i");
  i->addIncoming(begin, pre);
  llvm::PHINode* c = nullptr;
  if (carried) {
    c = b.CreatePHI(carried->getType(), 2);
    c->addIncoming(carried, pre);
  }
  b.CreateCondBr(b.CreateICmpULT(i, end), body_block, exit);
  b.SetInsertPoint(body_block);
  llvm::Value* next = body(i, c);
  llvm::BasicBlock* latch = b.GetInsertBlock();
  i->addIncoming(b.CreateAdd(i, cx_.word(1)), latch);
  if (c) c->addIncoming(next, latch);
  b.CreateBr(header);
  b.SetInsertPoint(exit);
  return c;
}

llvm::Value* ValueOps::byte_ptr(llvm::Value* base, llvm::Value* offset) {
  llvm::Value* off = cx_.b.CreateZExtOrTrunc(offset, cx_.b.getInt32Ty());
  return cx_.b.CreateGEP(cx_.b.getInt8Ty(), base, off);
}

llvm::Value* ValueOps::padded(llvm::Value* n) {
  llvm::Value* w = cx_.as_word(n);
  return cx_.b.CreateAnd(cx_.b.CreateAdd(w, cx_.word(31)), cx_.b.CreateNot(cx_.word(31)));
}

llvm::Value* ValueOps::words_of(llvm::Value* n) {
  return cx_.b.CreateLShr(cx_.b.CreateAdd(cx_.as_word(n), cx_.word(31)), cx_.word(5));
}

void ValueOps::copy_bytes(llvm::Value* dst, llvm::Value* src, llvm::Value* len) {
  llvm::Value* n = cx_.b.CreateZExtOrTrunc(len, cx_.b.getInt32Ty());
  cx_.b.CreateMemCpy(dst, llvm::MaybeAlign(1), src, llvm::MaybeAlign(1), n);
}

llvm::Value* ValueOps::scratch(uint64_t bytes) {
  llvm::Function* f = cx_.b.GetInsertBlock()->getParent();
  llvm::AllocaInst*& s = scratch_[f];
  auto* type = llvm::ArrayType::get(cx_.b.getInt8Ty(), std::max<uint64_t>(bytes, 64));
  if (!s) {
    llvm::BasicBlock& entry = f->getEntryBlock();
    llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
    s = eb.CreateAlloca(type, nullptr, "scratch");
  } else if (s->getAllocatedType()->getArrayNumElements() < bytes) {
    s->setAllocatedType(type);  // one scratch block per function, as large as its largest use
  }
  return s;
}

std::vector<const Type*> ValueOps::members(const Type* type) {
  std::vector<const Type*> out;
  if (type->kind() == TypeKind::struct_type) {
    for (const ParamInfo& f : type->struct_info()->fields) out.push_back(f.type);
  } else if (type->kind() == TypeKind::tuple) {
    out = type->elements();
  }
  return out;
}

bool ValueOps::memory_supported(const Type* type) {
  switch (type->kind()) {
    case TypeKind::integer:
    case TypeKind::boolean:
    case TypeKind::address:
    case TypeKind::fixed_bytes:
    case TypeKind::string:
    case TypeKind::bytes:
    case TypeKind::enum_type:
    case TypeKind::contract:
    case TypeKind::int_constant:
      return true;
    case TypeKind::fixed_array:
      // A block of 32 · N bytes must stay below 2^32.
      return type->length() <= kMaxNewArrayLength && memory_supported(type->element());
    case TypeKind::dynamic_array:
      return memory_supported(type->element());
    case TypeKind::struct_type:
    case TypeKind::tuple:
      for (const Type* m : members(type))
        if (!memory_supported(m)) return false;
      return true;
    default:
      return false;
  }
}

// --- memory values -------------------------------------------------------------------

llvm::Value* ValueOps::copy(llvm::Value* v, const Type* type) {
  if (!IrContext::is_reference(type)) return v;
  if (!memory_supported(type))
    return unsupported("a copy of `" + display_name(*type) + "`", cx_.llvm_type(type));
  llvm::Function* f =
      helper("copy." + display_name(*type), type, cx_.ptr_type(), {cx_.ptr_type()},
             [&](llvm::Function* fn) {
               auto& b = cx_.b;
               llvm::Value* src = fn->getArg(0);
               llvm::Value* dst = nullptr;
               // Copy the block, then replace the pointers of reference-type members by deep
               // copies.
               auto fix = [&](llvm::Value* p, const Type* t) {
                 if (!IrContext::is_reference(t)) return;
                 cx_.store_word(p, copy(cx_.from_word(cx_.load_word(p), t), t));
               };
               switch (type->kind()) {
                 case TypeKind::string:
                 case TypeKind::bytes: {
                   llvm::Value* size = b.CreateAdd(cx_.word(32), padded(cx_.load_word(src)));
                   dst = cx_.alloc(size);
                   copy_bytes(dst, src, size);
                   break;
                 }
                 case TypeKind::fixed_array: {
                   uint64_t n = type->length();
                   dst = cx_.alloc(cx_.word(32 * n));
                   copy_bytes(dst, src, cx_.word(32 * n));
                   if (IrContext::is_reference(type->element())) {
                     loop(cx_.word(0), cx_.word(n), nullptr, [&](llvm::Value* i, llvm::Value*) {
                       fix(cx_.word_ptr(dst, i), type->element());
                       return nullptr;
                     });
                   }
                   break;
                 }
                 case TypeKind::dynamic_array: {
                   llvm::Value* len = cx_.load_word(src);
                   llvm::Value* size = b.CreateAdd(cx_.word(32), b.CreateMul(len, cx_.word(32)));
                   dst = cx_.alloc(size);
                   copy_bytes(dst, src, size);
                   if (IrContext::is_reference(type->element())) {
                     loop(cx_.word(1), b.CreateAdd(len, cx_.word(1)), nullptr,
                          [&](llvm::Value* i, llvm::Value*) {
                            fix(cx_.word_ptr(dst, i), type->element());
                            return nullptr;
                          });
                   }
                   break;
                 }
                 default: {  // struct, tuple
                   std::vector<const Type*> ms = members(type);
                   dst = cx_.alloc(cx_.word(32 * ms.size()));
                   copy_bytes(dst, src, cx_.word(32 * ms.size()));
                   for (size_t i = 0; i < ms.size(); ++i)
                     fix(cx_.word_ptr(dst, cx_.word(i)), ms[i]);
                   break;
                 }
               }
               b.CreateRet(dst);
             });
  return cx_.b.CreateCall(f, {v});
}

llvm::Value* ValueOps::equals(llvm::Value* a, llvm::Value* b, const Type* type) {
  auto& bld = cx_.b;
  if (!IrContext::is_reference(type)) {
    if (type->kind() == TypeKind::map || type->kind() == TypeKind::unit)
      return unsupported("`==` on `" + display_name(*type) + "`", cx_.b.getInt1Ty());
    return bld.CreateICmpEQ(a, b);
  }
  if (type->kind() != TypeKind::string && type->kind() != TypeKind::bytes)
    return unsupported("`==` on `" + display_name(*type) + "`", cx_.b.getInt1Ty());
  llvm::Function* f =
      helper("eq.bytes", nullptr, bld.getInt1Ty(), {cx_.ptr_type(), cx_.ptr_type()},
             [&](llvm::Function* fn) {
               llvm::Value* x = fn->getArg(0);
               llvm::Value* y = fn->getArg(1);
               llvm::Value* len = cx_.load_word(x);
               auto* same_length = llvm::BasicBlock::Create(cx_.llvm, "same.length", fn);
               auto* differ = llvm::BasicBlock::Create(cx_.llvm, "differ", fn);
               bld.CreateCondBr(bld.CreateICmpEQ(len, cx_.load_word(y)), same_length, differ);
               bld.SetInsertPoint(differ);
               bld.CreateRet(bld.getFalse());
               bld.SetInsertPoint(same_length);
               // The padding after the last byte is zero in every value, so whole words compare.
               llvm::Value* all =
                   loop(cx_.word(1), bld.CreateAdd(words_of(len), cx_.word(1)), bld.getTrue(),
                        [&](llvm::Value* i, llvm::Value* acc) -> llvm::Value* {
                          llvm::Value* wx = cx_.load_word(cx_.word_ptr(x, i));
                          llvm::Value* wy = cx_.load_word(cx_.word_ptr(y, i));
                          return bld.CreateAnd(acc, bld.CreateICmpEQ(wx, wy));
                        });
               bld.CreateRet(all);
             });
  return bld.CreateCall(f, {a, b});
}

llvm::Value* ValueOps::zero_value(const Type* type) {
  if (!IrContext::is_reference(type)) {
    if (type->kind() == TypeKind::map || type->kind() == TypeKind::unit || !memory_supported(type))
      return unsupported("a value of `" + display_name(*type) + "` in memory", cx_.llvm_type(type));
    return llvm::Constant::getNullValue(cx_.llvm_type(type));
  }
  if (!memory_supported(type))
    return unsupported("a value of `" + display_name(*type) + "` in memory", cx_.llvm_type(type));
  switch (type->kind()) {
    case TypeKind::string:
    case TypeKind::bytes:
    case TypeKind::dynamic_array:
      return cx_.alloc(cx_.word(32));
    default:
      break;
  }
  // Fixed arrays, structs and tuples: one word per member; reference members need values.
  bool fixed = type->kind() == TypeKind::fixed_array;
  std::vector<const Type*> ms = members(type);
  uint64_t n = fixed ? type->length() : ms.size();
  bool nested = fixed ? IrContext::is_reference(type->element())
                      : std::any_of(ms.begin(), ms.end(),
                                    [](const Type* t) { return IrContext::is_reference(t); });
  if (!nested) return cx_.alloc(cx_.word(32 * n));
  llvm::Function* f =
      helper("zero." + display_name(*type), type, cx_.ptr_type(), {}, [&](llvm::Function*) {
        llvm::Value* p = cx_.alloc(cx_.word(32 * n));
        if (fixed) {
          loop(cx_.word(0), cx_.word(n), nullptr, [&](llvm::Value* i, llvm::Value*) {
            cx_.store_word(cx_.word_ptr(p, i), zero_value(type->element()));
            return nullptr;
          });
        } else {
          for (size_t i = 0; i < ms.size(); ++i)
            if (IrContext::is_reference(ms[i]))
              cx_.store_word(cx_.word_ptr(p, cx_.word(i)), zero_value(ms[i]));
        }
        cx_.b.CreateRet(p);
      });
  return cx_.b.CreateCall(f, {});
}

llvm::Value* ValueOps::new_dynamic_array(const Type* array_type, llvm::Value* length) {
  auto& b = cx_.b;
  if (array_type->kind() != TypeKind::dynamic_array || !memory_supported(array_type))
    return unsupported("`new " + display_name(*array_type) + "`", cx_.ptr_type());
  llvm::Value* n = cx_.as_word(length);
  cx_.panic_if(b.CreateICmpUGT(n, cx_.word(kMaxNewArrayLength)), kPanicOutOfMemory);
  llvm::Value* p = cx_.alloc(b.CreateAdd(cx_.word(32), b.CreateMul(n, cx_.word(32))));
  cx_.store_word(p, n);
  const Type* element = array_type->element();
  if (IrContext::is_reference(element)) {
    loop(cx_.word(1), b.CreateAdd(n, cx_.word(1)), nullptr, [&](llvm::Value* i, llvm::Value*) {
      cx_.store_word(cx_.word_ptr(p, i), zero_value(element));
      return nullptr;
    });
  }
  return p;
}

llvm::Value* ValueOps::bytes_literal(const std::string& data) {
  uint64_t len = data.size();
  uint64_t words = (len + 31) / 32;
  llvm::Value* p = cx_.alloc(cx_.word(32 + 32 * words));
  if (len == 0) return p;
  cx_.store_word(p, cx_.word(len));
  for (uint64_t w = 0; w < words; ++w) {
    std::array<uint8_t, 32> chunk{};
    for (uint64_t i = 0; i < 32 && 32 * w + i < len; ++i)
      chunk[i] = static_cast<uint8_t>(data[32 * w + i]);
    if (std::all_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b == 0; }))
      continue;  // fresh memory is zero
    cx_.store_word(
        cx_.word_ptr(p, cx_.word(w + 1)),
        llvm::ConstantInt::get(cx_.word_type(), llvm::APInt(256, vm::hex_digits(chunk), 16)));
  }
  return p;
}

llvm::Value* ValueOps::bytes_prefix(llvm::Value* v, uint32_t n) {
  auto& b = cx_.b;
  llvm::Value* s = scratch();
  cx_.store_word(s, cx_.word(0));
  llvm::Value* len = cx_.load_word(v);
  llvm::Value* take = b.CreateSelect(b.CreateICmpULT(len, cx_.word(n)), len, cx_.word(n));
  copy_bytes(s, byte_ptr(v, cx_.word(32)), take);
  return cx_.load_word(s);
}

llvm::Value* ValueOps::bytes_of_word(llvm::Value* w, uint32_t n) {
  llvm::Value* p = cx_.alloc(cx_.word(64));
  cx_.store_word(p, cx_.word(n));
  cx_.store_word(byte_ptr(p, cx_.word(32)), w);  // the bytes after N are zero in the word
  return p;
}

llvm::Value* ValueOps::length(llvm::Value* v, const Type* type) {
  switch (type->kind()) {
    case TypeKind::fixed_array:
      return cx_.word(type->length());
    case TypeKind::dynamic_array:
    case TypeKind::string:
    case TypeKind::bytes:
      return cx_.load_word(v);
    default:
      return unsupported("the length of `" + display_name(*type) + "`", cx_.word_type());
  }
}

llvm::Value* ValueOps::element_ptr(llvm::Value* v, const Type* type, llvm::Value* index) {
  auto& b = cx_.b;
  llvm::Value* i = cx_.as_word(index);
  switch (type->kind()) {
    case TypeKind::fixed_array:
      cx_.panic_if(b.CreateICmpUGE(i, cx_.word(type->length())), kPanicOutOfBounds);
      return cx_.word_ptr(v, i);
    case TypeKind::dynamic_array:
      cx_.panic_if(b.CreateICmpUGE(i, cx_.load_word(v)), kPanicOutOfBounds);
      return cx_.word_ptr(v, b.CreateAdd(i, cx_.word(1)));
    case TypeKind::string:
    case TypeKind::bytes:
      cx_.panic_if(b.CreateICmpUGE(i, cx_.load_word(v)), kPanicOutOfBounds);
      return byte_ptr(v, b.CreateAdd(i, cx_.word(32)));
    default:
      unsupported("indexing `" + display_name(*type) + "`", cx_.llvm_type(type));
      return llvm::ConstantPointerNull::get(cx_.ptr_type());
  }
}

llvm::Value* ValueOps::load_element(llvm::Value* p, const Type* element_type) {
  return cx_.from_word(cx_.load_word(p), element_type);
}

void ValueOps::store_element(llvm::Value* p, llvm::Value* v, const Type* element_type) {
  cx_.store_word(p, cx_.to_word(v, element_type));
}

llvm::Value* ValueOps::load_byte(llvm::Value* p) {
  return cx_.b.CreateLoad(cx_.b.getInt8Ty(), p);
}

void ValueOps::store_byte(llvm::Value* p, llvm::Value* v) {
  cx_.b.CreateStore(cx_.b.CreateZExtOrTrunc(v, cx_.b.getInt8Ty()), p);
}

llvm::Value* ValueOps::field_ptr(llvm::Value* v, uint32_t index) {
  return cx_.word_ptr(v, cx_.b.getInt32(index));
}

}  // namespace tenet::compiler::irgen
