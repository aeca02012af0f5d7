#include "irgen_context.hpp"

#include <llvm/IR/Attributes.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/Support/ModRef.h>

#include <cassert>

namespace tenet::compiler::irgen {

IrContext::IrContext(llvm::LLVMContext& context, const CheckedProgram& program_,
                     const SourceManager& sources_, std::unique_ptr<llvm::Module> module_)
    : llvm(context), program(program_), sources(sources_), module(std::move(module_)), b(context) {
  module->addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
  module->addModuleFlag(llvm::Module::Warning, "Dwarf Version", 5);
  di_ = std::make_unique<llvm::DIBuilder>(*module);
  llvm::DIFile* main_file = di_->createFile(
      program.entry != kNoFile ? sources.file(program.entry).name() : "<unknown>", ".");
  cu_ = di_->createCompileUnit(llvm::dwarf::DW_LANG_C, main_file, "tenet", /*isOptimized=*/false, "", 0,
                               "", llvm::DICompileUnit::LineTablesOnly);
}

namespace {

llvm::MemoryEffects effects_of(IntrinsicEffect e) {
  using ME = llvm::MemoryEffects;
  using MR = llvm::ModRefInfo;
  switch (e) {
    case IntrinsicEffect::none: return ME::none();
    case IntrinsicEffect::read_state: return ME::inaccessibleMemOnly(MR::Ref);
    case IntrinsicEffect::write_state: return ME::inaccessibleMemOnly(MR::ModRef);
    case IntrinsicEffect::read_args: return ME::argMemOnly(MR::Ref);
    case IntrinsicEffect::write_args: return ME::argMemOnly(MR::Mod);
    case IntrinsicEffect::read_args_state: return ME::argMemOnly(MR::Ref) | ME::inaccessibleMemOnly(MR::ModRef);
    case IntrinsicEffect::write_args_state: return ME::argMemOnly(MR::Mod) | ME::inaccessibleMemOnly(MR::Ref);
    case IntrinsicEffect::alloc: return ME::inaccessibleMemOnly(MR::ModRef);
  }
  return ME::unknown();
}

}  // namespace

llvm::Function* IrContext::intrinsic(Intrinsic id) {
  auto index = static_cast<size_t>(id);
  assert(index < intrinsics_.size());
  if (intrinsics_[index]) return intrinsics_[index];
  const IntrinsicInfo& info = intrinsic_info(id);
  auto type_of = [&](char c) -> llvm::Type* {
    switch (c) {
      case 'W': return word_type();
      case 'P': return ptr_type();
      default: return llvm::Type::getVoidTy(llvm);
    }
  };
  auto colon = info.signature.find(':');
  llvm::Type* result = type_of(info.signature[0]);
  std::vector<llvm::Type*> params;
  for (char c : info.signature.substr(colon + 1)) params.push_back(type_of(c));
  auto* fn_type = llvm::FunctionType::get(result, params, false);
  auto* f = llvm::Function::Create(fn_type, llvm::Function::ExternalLinkage, std::string(info.name), *module);
  f->setMemoryEffects(effects_of(info.effect));
  f->addFnAttr(llvm::Attribute::NoUnwind);
  f->addFnAttr(llvm::Attribute::NoFree);
  f->addFnAttr(llvm::Attribute::NoSync);
  if (info.noreturn) {
    f->addFnAttr(llvm::Attribute::NoReturn);
  } else if (info.effect != IntrinsicEffect::write_state && info.effect != IntrinsicEffect::read_args_state &&
             id != Intrinsic::expc) {
    // Calls that can end the frame (a panic in expc, a trap in a static context, running
    // out of gas in a callee) must not be deleted when their result is unused.
    f->addFnAttr(llvm::Attribute::WillReturn);
  }
  if (info.effect == IntrinsicEffect::alloc) {
    f->addRetAttr(llvm::Attribute::NoAlias);
    f->addFnAttr(llvm::Attribute::WillReturn);
  }
  intrinsics_[index] = f;
  return f;
}

llvm::Value* IrContext::call(Intrinsic id, llvm::ArrayRef<llvm::Value*> args) {
  llvm::Function* f = intrinsic(id);
  llvm::CallInst* c = b.CreateCall(f, args);
  if (intrinsic_info(id).noreturn) {
    b.CreateUnreachable();
    llvm::Function* parent = b.GetInsertBlock()->getParent();
    b.SetInsertPoint(llvm::BasicBlock::Create(llvm, "dead", parent));
  }
  return c;
}

bool IrContext::is_reference(const Type* type) {
  switch (type->kind()) {
    case TypeKind::string:
    case TypeKind::bytes:
    case TypeKind::fixed_array:
    case TypeKind::dynamic_array:
    case TypeKind::struct_type:
    case TypeKind::tuple: return true;
    default: return false;
  }
}

llvm::Type* IrContext::llvm_type(const Type* type) {
  switch (type->kind()) {
    case TypeKind::integer: return llvm::Type::getIntNTy(llvm, type->bits());
    case TypeKind::boolean: return llvm::Type::getInt1Ty(llvm);
    case TypeKind::address:
    case TypeKind::contract: return llvm::Type::getIntNTy(llvm, 160);
    case TypeKind::fixed_bytes:
    case TypeKind::int_constant: return word_type();
    case TypeKind::enum_type: return llvm::Type::getInt8Ty(llvm);
    case TypeKind::unit: return llvm::Type::getVoidTy(llvm);
    default: return ptr_type();
  }
}

llvm::Value* IrContext::alloc(llvm::Value* bytes) { return call(Intrinsic::alloc, {as_word(bytes)}); }

llvm::Value* IrContext::as_word(llvm::Value* v) {
  if (v->getType()->isPointerTy()) return b.CreatePtrToInt(v, word_type());
  if (v->getType() == word_type()) return v;
  return b.CreateZExt(v, word_type());
}

llvm::Value* IrContext::word_ptr(llvm::Value* base, llvm::Value* index) {
  llvm::Value* i32 = b.CreateZExtOrTrunc(index, b.getInt32Ty());
  return b.CreateGEP(b.getInt8Ty(), base, b.CreateMul(i32, b.getInt32(32)));
}

llvm::Value* IrContext::load_word(llvm::Value* p) { return b.CreateAlignedLoad(word_type(), p, llvm::Align(1)); }

void IrContext::store_word(llvm::Value* p, llvm::Value* w) { b.CreateAlignedStore(as_word(w), p, llvm::Align(1)); }

llvm::Value* IrContext::to_word(llvm::Value* v, const Type* type) {
  if (v->getType()->isPointerTy()) return b.CreatePtrToInt(v, word_type());
  if (type->kind() == TypeKind::integer && type->is_signed()) return b.CreateSExt(v, word_type());
  return b.CreateZExtOrBitCast(v, word_type());
}

llvm::Value* IrContext::from_word(llvm::Value* w, const Type* type) {
  llvm::Type* t = llvm_type(type);
  if (t->isPointerTy()) return b.CreateIntToPtr(b.CreateTrunc(w, b.getInt32Ty()), t);
  return b.CreateTruncOrBitCast(w, t);
}

llvm::BasicBlock* IrContext::shared_block(int code) {
  llvm::Function* f = b.GetInsertBlock()->getParent();
  if (f != shared_for_) {
    shared_for_ = f;
    shared_blocks_.clear();
  }
  auto it = shared_blocks_.find(code);
  if (it != shared_blocks_.end()) return it->second;
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  auto* block = llvm::BasicBlock::Create(llvm, code < 0 ? "revert" : "panic", f);
  b.SetInsertPoint(block);
  if (code < 0) {
    llvm::Value* p = llvm::ConstantPointerNull::get(ptr_type());
    b.CreateCall(intrinsic(Intrinsic::revert), {p, word(0)});
  } else {
    b.CreateCall(intrinsic(Intrinsic::panic), {word(static_cast<uint64_t>(code))});
  }
  b.CreateUnreachable();
  shared_blocks_[code] = block;
  return block;
}

void IrContext::panic_if(llvm::Value* cond, PanicCode code) {
  llvm::Function* f = b.GetInsertBlock()->getParent();
  auto* cont = llvm::BasicBlock::Create(llvm, "ok", f);
  b.CreateCondBr(cond, shared_block(code), cont);
  b.SetInsertPoint(cont);
}

void IrContext::revert_if(llvm::Value* cond) {
  llvm::Function* f = b.GetInsertBlock()->getParent();
  auto* cont = llvm::BasicBlock::Create(llvm, "ok", f);
  b.CreateCondBr(cond, shared_block(-1), cont);
  b.SetInsertPoint(cont);
}

void IrContext::panic(PanicCode code) { call(Intrinsic::panic, {word(code)}); }

llvm::DISubprogram* IrContext::debug_function(llvm::Function* f, FileId file, uint32_t line) {
  llvm::DIFile*& di_file = files_[file];
  if (!di_file) di_file = di_->createFile(file == kNoFile ? "<generated>" : sources.file(file).name(), ".");
  auto* type = di_->createSubroutineType(di_->getOrCreateTypeArray({}));
  auto* sp = di_->createFunction(di_file, f->getName(), f->getName(), di_file, line, type, line,
                                 llvm::DINode::FlagZero, llvm::DISubprogram::SPFlagDefinition);
  f->setSubprogram(sp);
  return sp;
}

void IrContext::set_location(const SourceRange& range, llvm::DIScope* scope) {
  b.SetCurrentDebugLocation(llvm::DILocation::get(llvm, range.begin.line, range.begin.column, scope));
}

void IrContext::finish_debug_info() { di_->finalize(); }

}  // namespace tenet::compiler::irgen
