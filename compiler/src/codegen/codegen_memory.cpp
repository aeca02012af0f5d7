/// \file
/// codegen's memory: loads and stores of any width at any address (big-endian words),
/// address arithmetic, allocas, and the bump allocator behind `tenet.alloc`
/// (docs/compiler.md, "codegen").

#include <llvm/IR/GetElementPtrTypeIterator.h>

#include "codegen_internal.hpp"

namespace tenet::compiler::codegen {

using vm::Op;

void FunctionTranslator::emit_prologue() {
  // One allocation for all the function's allocas, each at a 32-byte aligned offset.
  std::vector<std::pair<const llvm::AllocaInst*, uint64_t>> slots;
  uint64_t total = 0;
  for (const llvm::Instruction& inst : f_.getEntryBlock()) {
    const auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&inst);
    if (alloca == nullptr || info(alloca).place != Place::Local) continue;
    if (alloca->getAlign().value() > 32)
      return unsupported("alloca aligned to more than 32 bytes", inst);
    std::optional<llvm::TypeSize> size = alloca->getAllocationSize(*module_.layout);
    if (!size || size->isScalable()) return unsupported("dynamic alloca", inst);
    slots.emplace_back(alloca, total);
    total += (size->getFixedValue() + 31) / 32 * 32;
    if (total > (uint64_t{1} << 32))
      return unsupported("alloca larger than the address space", inst);
  }
  if (slots.empty()) return;
  out_.set_position(lines_.position_of(slots.front().first->getDebugLoc()));
  out_.push(vm::Word{total});
  out_.op(Op::CALLF, module_.alloc_index);
  for (size_t i = 0; i < slots.size(); ++i) {
    out_.set_position(lines_.position_of(slots[i].first->getDebugLoc()));
    if (i + 1 < slots.size()) out_.op(Op::DUP, 0);
    if (slots[i].second != 0) {
      out_.push(vm::Word{slots[i].second});
      out_.op(Op::ADD);
    }
    out_.local_set(info(slots[i].first).local);
  }
}

void FunctionTranslator::lower_load(const llvm::LoadInst& inst) {
  const llvm::Type* type = inst.getType();
  unsigned n = bits(type);
  if (n == 0) return unsupported("load of a non-integer type", inst);
  unsigned size =
      static_cast<unsigned>(module_.layout->getTypeStoreSize(const_cast<llvm::Type*>(type)));
  push_value(inst.getPointerOperand());
  out_.op(Op::MLOAD);
  if (size < 32) {
    out_.push(vm::Word{256 - 8 * size});
    out_.op(Op::SHR);
  }
  if (n < 8 * size) mask(n);
}

void FunctionTranslator::lower_store(const llvm::StoreInst& inst) {
  const llvm::Type* type = inst.getValueOperand()->getType();
  if (bits(type) == 0) return unsupported("store of a non-integer type", inst);
  unsigned size =
      static_cast<unsigned>(module_.layout->getTypeStoreSize(const_cast<llvm::Type*>(type)));
  push_value(inst.getPointerOperand());
  if (size == 32 || size == 1) {
    push_value(inst.getValueOperand());
    out_.op(size == 32 ? Op::MSTORE : Op::MSTORE8);
    return;
  }
  // Read-modify-write of the word at p: keep the bytes after the S stored ones.
  unsigned shift = 256 - 8 * size;
  out_.op(Op::DUP, 0);
  out_.op(Op::MLOAD);
  out_.push(vm::low_bits(shift));
  out_.op(Op::AND);
  push_value(inst.getValueOperand());
  out_.push(vm::Word{shift});
  out_.op(Op::SHL);
  out_.op(Op::OR);
  out_.op(Op::MSTORE);
}

void FunctionTranslator::lower_gep(const llvm::GetElementPtrInst& inst) {
  lower_gep_operator(llvm::cast<llvm::GEPOperator>(inst), inst);
}

void FunctionTranslator::lower_gep_operator(const llvm::GEPOperator& gep,
                                            const llvm::Value& context) {
  const llvm::DataLayout& layout = *module_.layout;
  const unsigned pointer_bits = layout.getPointerSizeInBits();
  push_value(gep.getPointerOperand());
  uint64_t constant = 0;  // modulo 2^32 in the end
  bool variable = false;
  for (auto it = llvm::gep_type_begin(gep), end = llvm::gep_type_end(gep); it != end; ++it) {
    const llvm::Value* index = it.getOperand();
    if (llvm::StructType* st = it.getStructTypeOrNull()) {
      uint64_t field = llvm::cast<llvm::ConstantInt>(index)->getZExtValue();
      constant += layout.getStructLayout(st)
                      ->getElementOffset(static_cast<unsigned>(field))
                      .getFixedValue();
      continue;
    }
    llvm::TypeSize stride = it.getSequentialElementStride(layout);
    if (stride.isScalable()) return unsupported("scalable type", context);
    uint64_t scale = stride.getFixedValue();
    if (const auto* c = llvm::dyn_cast<llvm::ConstantInt>(index)) {
      // Indices are sign-extended or truncated to the pointer width.
      constant +=
          static_cast<uint64_t>(c->getValue().sextOrTrunc(pointer_bits).getSExtValue()) * scale;
      continue;
    }
    if (scale == 0) continue;
    unsigned n = bits(index->getType());
    if (n == 0) return unsupported("index type", context);
    push_value(index);
    if (n < pointer_bits) sext(n);
    if (scale != 1) {
      out_.push(vm::Word{scale});
      out_.op(Op::MUL);
    }
    out_.op(Op::ADD);
    variable = true;
  }
  // An inbounds address with a non-negative constant offset cannot wrap (it would be
  // poison); anything else is computed modulo 2^32.
  const uint64_t address_mask = (uint64_t{1} << pointer_bits) - 1;
  const bool wraps = variable || !gep.isInBounds() || constant > address_mask;
  constant &= address_mask;
  if (constant != 0) {
    out_.push(vm::Word{constant});
    out_.op(Op::ADD);
  }
  if ((variable || constant != 0) && wraps) mask(pointer_bits);
}

void emit_allocator(Emitter& out) {
  // local 0: n (bytes); local 1: p (the free pointer); local 2: q (the new free pointer).
  Label have = out.new_label();
  Label oom = out.new_label();
  out.op(Op::PUSH0);
  out.op(Op::MLOAD);
  out.op(Op::LTEE, 1);
  out.jump(Op::JUMPI, have);
  out.push(vm::Word{kHeapStart});
  out.local_set(1);
  out.bind(have);
  out.op(Op::LGET, 0);
  out.push(vm::Word{uint64_t{1} << 32});
  out.op(Op::GT);
  out.jump(Op::JUMPI, oom);
  out.op(Op::LGET, 0);
  out.push(vm::Word{31});
  out.op(Op::ADD);
  out.push(vm::Word{5});
  out.op(Op::SHR);
  out.push(vm::Word{5});
  out.op(Op::SHL);
  out.op(Op::LGET, 1);
  out.op(Op::ADD);
  out.op(Op::LTEE, 2);
  out.push(vm::Word{uint64_t{1} << 32});
  out.op(Op::GT);
  out.jump(Op::JUMPI, oom);
  out.op(Op::PUSH0);
  out.op(Op::LGET, 2);
  out.op(Op::MSTORE);
  out.op(Op::LGET, 1);
  out.op(Op::RETF);
  out.bind(oom);
  out.op(Op::PANIC, 0x41);
}

}  // namespace tenet::compiler::codegen
