// The compiler driver: irgen → optimise → codegen for one contract and, recursively,
// the children its `new` expressions deploy.

#include "tenet/compiler/compile.hpp"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

#include "tenet/compiler/irgen.hpp"
#include "tenet/vm/container.hpp"

namespace tenet::compiler {
namespace {

std::string print_module(const llvm::Module& m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  os.flush();
  return text;
}

/// A container has at least one function (docs/bytecode.md), but a contract without a
/// `pub fn`, constructor or `receive` (`contract C {}`) leaves its module none. Such a
/// module gets one function that nothing calls, so the contract deploys and every call
/// to it reverts as a call matching no `pub` function does.
void ensure_a_function(llvm::Module& module) {
  for (const llvm::Function& f : module)
    if (!f.isDeclaration()) return;
  llvm::LLVMContext& context = module.getContext();
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(context), false);
  auto* f = llvm::Function::Create(type, llvm::Function::InternalLinkage, "tenet.no_entry_points",
                                   module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", f));
  builder.CreateRetVoid();
}

class Driver {
 public:
  Driver(const CheckedProgram& program, const SourceManager& sources, const CompileOptions& options)
      : program_(program), sources_(sources), options_(options) {}

  vm::Result<CompiledContract> compile(const ContractInfo& contract, bool keep_ir) {
    stack_.push_back(&contract);
    auto result = compile_one(contract, keep_ir);
    stack_.pop_back();
    return result;
  }

 private:
  vm::Result<CompiledContract> compile_one(const ContractInfo& contract, bool keep_ir) {
    CompiledContract out;
    out.name = contract.name;
    out.contract = &contract;
    llvm::LLVMContext context;  // fresh per contract: no state leaks between contracts
    IrgenOptions irgen_options;
    irgen_options.test_mode = contract.kind == ContractInfo::Kind::test_contract;
    auto ir = generate_ir(context, program_, sources_, contract, irgen_options);
    if (!ir) return ir.error();
    llvm::Module& module = *ir->module;
    if (keep_ir) out.llvm_ir = print_module(module);
    auto report = optimise(module, options_.level);
    if (!report) return vm::Error{"contract '" + contract.name + "': " + report.error().message};
    out.fell_back = report->fell_back;
    if (keep_ir) out.llvm_ir_opt = print_module(module);
    std::vector<std::vector<uint8_t>> children;
    for (const ContractInfo* child : ir->children) {
      auto compiled = compiled_child(*child);
      if (!compiled) return compiled.error();
      children.push_back((*compiled)->bytecode);
      add_child(out.children, **compiled);
    }
    ensure_a_function(module);
    auto code = generate_bytecode(module, children, irgen_options.test_mode);
    if (!code) return vm::Error{"contract '" + contract.name + "': " + code.error().message};
    out.code = std::move(*code);
    out.bytecode = vm::serialize_container(out.code.container);
    const size_t limit = vm::max_container_size(irgen_options.test_mode);
    if (out.bytecode.size() > limit)
      return vm::Error{"contract '" + contract.name + "': its bytecode is " +
                       std::to_string(out.bytecode.size()) + " bytes, over the limit of " +
                       std::to_string(limit) + " bytes a container may have (docs/vm.md, " +
                       "\"Loading code\"); move code into other contracts"};
    return out;
  }

  /// Appends `child` and then its own flattened children to `list`, each contract once;
  /// the copies appended have no `children` of their own.
  static void add_child(std::vector<CompiledContract>& list, const CompiledContract& child) {
    const auto append = [&list](const CompiledContract& c) {
      for (const CompiledContract& present : list)
        if (present.contract == c.contract) return;
      CompiledContract copy;
      copy.name = c.name;
      copy.contract = c.contract;
      copy.bytecode = c.bytecode;
      copy.code = c.code;
      copy.fell_back = c.fell_back;
      list.push_back(std::move(copy));
    };
    append(child);
    for (const CompiledContract& grandchild : child.children) append(grandchild);
  }

  /// The compiled `child` (compiled once per driver; the memo keeps it), or the error of
  /// a contract that deploys itself.
  vm::Result<const CompiledContract*> compiled_child(const ContractInfo& child) {
    auto memo = done_.find(&child);
    if (memo != done_.end()) return &memo->second;
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i] != &child) continue;
      std::string chain;
      for (size_t j = i; j < stack_.size(); ++j) chain += stack_[j]->name + " \u2192 ";
      chain += child.name;
      return vm::Error{"contract " + child.name + " cannot deploy itself (" + chain + ")"};
    }
    auto compiled = compile(child, false);
    if (!compiled) return compiled.error();
    return &done_.emplace(&child, std::move(*compiled)).first->second;
  }

  const CheckedProgram& program_;
  const SourceManager& sources_;
  const CompileOptions& options_;
  std::vector<const ContractInfo*> stack_;
  std::map<const ContractInfo*, CompiledContract> done_;
};

}  // namespace

vm::Result<CompiledContract> compile_contract(const CheckedProgram& program,
                                              const SourceManager& sources,
                                              const ContractInfo& contract,
                                              const CompileOptions& options) {
  Driver driver(program, sources, options);
  return driver.compile(contract, options.keep_ir);
}

}  // namespace tenet::compiler
