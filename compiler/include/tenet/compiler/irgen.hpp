#pragma once
/// \file
/// irgen: a checked contract → one LLVM module obeying the IR contract of
/// intrinsics.hpp (docs/compiler.md, "The IR contract" and "irgen").

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(irgen, irgen.hpp)

#include <memory>
#include <vector>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/vm/error.hpp"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace tenet::compiler {

/// The module of one contract and what it needs from the driver.
struct IrModule {
  std::unique_ptr<llvm::Module> module;  ///< the contract's IR, verified
  /// The contracts that `new C(…)` deploys, in child-index order (`tenet.create`'s
  /// immediate); the driver compiles each and embeds it as a child container.
  std::vector<const ContractInfo*> children;
};

/// Options of irgen.
struct IrgenOptions {
  bool test_mode = false;  ///< allow cheat codes (test contracts)
  /// Instrumented builds only: a failing comparison in `require`, `assert`, `assert_eq`…
  /// and `if cmp { revert …; }` logs its operands (docs/compiler.md, "Operand records").
  bool record_operands = false;
};

/// Generates the module of `contract` (a contract or test contract of `program`) in
/// `context`. Every instruction carries a debug location. An error names the source
/// location ("file:line:col: error: …") of a construct irgen cannot translate.
vm::Result<IrModule> generate_ir(llvm::LLVMContext& context, const CheckedProgram& program,
                                 const SourceManager& sources, const ContractInfo& contract,
                                 const IrgenOptions& options = {});

}  // namespace tenet::compiler
