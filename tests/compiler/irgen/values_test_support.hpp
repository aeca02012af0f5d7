#pragma once
// Shared by the ValueOps tests: a module under construction with an IrContext, a
// ValueOps and entry functions, and its verification.

#include <gtest/gtest.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <string>
#include <vector>

#include "tenet/compiler/opt.hpp"
#include "values/irgen_values.hpp"  // white-box: irgen's internal header

namespace tenet::compiler::irgen::testing {

/// One module under construction with an IrContext, a ValueOps and an entry function.
struct ValuesModule {
  llvm::LLVMContext llvm;
  SourceManager sources;
  CheckedProgram program;
  std::unique_ptr<IrContext> cx;
  std::unique_ptr<ValueOps> ops;
  TypeTable& types;

  ValuesModule() : types(*program.types) {
    auto m = std::make_unique<llvm::Module>("values", llvm);
    m->setDataLayout(tenet_data_layout());
    cx = std::make_unique<IrContext>(llvm, program, sources, std::move(m));
    ops = std::make_unique<ValueOps>(*cx);
  }

  /// A struct type `name` with `fields` (named f0, f1, …).
  const Type* make_struct(const std::string& name, const std::vector<const Type*>& fields) {
    StructInfo& s = program.structs.emplace_back();
    s.name = name;
    for (size_t i = 0; i < fields.size(); ++i)
      s.fields.push_back(ParamInfo{"f" + std::to_string(i), fields[i], {}});
    s.type = types.struct_type(&s, name);
    return s.type;
  }

  /// An enum type with `n` variants.
  const Type* make_enum(const std::string& name, size_t n) {
    EnumInfo& e = program.enums.emplace_back();
    e.name = name;
    for (size_t i = 0; i < n; ++i) e.variants.push_back("V" + std::to_string(i));
    e.type = types.enum_type(&e, name);
    return e.type;
  }

  /// Starts entry function `name` exported under `selector` (8 hex digits).
  llvm::Function* begin_entry(const std::string& name, const std::string& selector) {
    auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(llvm), false);
    auto* f = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, *cx->module);
    f->addFnAttr(std::string(entry_attr::kExport), selector);
    llvm::DISubprogram* sp = cx->debug_function(f, kNoFile, 1);
    cx->b.SetInsertPoint(llvm::BasicBlock::Create(llvm, "entry", f));
    cx->b.SetCurrentDebugLocation(llvm::DILocation::get(llvm, 1, 1, sp));
    return f;
  }

  /// Ends the entry by returning the contents of `bytes` (a bytes value).
  void return_bytes(llvm::Value* bytes) {
    llvm::Value* data = cx->b.CreateGEP(cx->b.getInt8Ty(), bytes, cx->b.getInt32(32));
    cx->call(Intrinsic::return_, {data, cx->load_word(bytes)});
    cx->b.CreateUnreachable();
  }

  /// Ends the entry with `stop`.
  void stop() {
    cx->call(Intrinsic::stop, {});
    cx->b.CreateUnreachable();
  }

  /// Finishes debug info and verifies; "" when the module is valid.
  std::string verify() {
    cx->finish_debug_info();
    std::string text;
    llvm::raw_string_ostream os(text);
    if (llvm::verifyModule(*cx->module, &os)) return os.str().empty() ? "invalid" : os.str();
    return "";
  }

  /// The module as text.
  std::string ir() const {
    std::string text;
    llvm::raw_string_ostream os(text);
    cx->module->print(os, nullptr);
    return os.str();
  }
};

}  // namespace tenet::compiler::irgen::testing
