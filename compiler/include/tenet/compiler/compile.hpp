#pragma once
/// \file
/// The compiler driver: checked program → per-contract outputs, running irgen, the
/// optimisation pipeline and codegen, and compiling the children that `new` embeds
/// (docs/compiler.md). Everything the CLI's `compile`, `build`, `run` and `test`
/// commands print or write comes from a CompiledContract.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(driver, compile.hpp)

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/compiler/opt.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::compiler {

/// What to compile and how.
struct CompileOptions {
  OptLevel level = OptLevel::O2;  ///< optimisation level
  bool keep_ir = false;           ///< fill CompiledContract::llvm_ir and llvm_ir_opt
};

/// One compiled contract.
struct CompiledContract {
  std::string name;                        ///< the contract's name
  const ContractInfo* contract = nullptr;  ///< the contract compiled (owned by the program)
  std::vector<uint8_t> bytecode;           ///< the serialised, validated container
  CodegenResult code;                      ///< container, line table, function names
  std::string llvm_ir;                     ///< irgen's module as text (when keep_ir)
  std::string llvm_ir_opt;                 ///< the optimised module as text (when keep_ir)
  std::vector<std::string> fell_back;      ///< functions redone by the conservative pipeline
  /// Every distinct contract this one creates with `new`, directly or through its
  /// children, each once, flattened in first-created order: a direct child comes
  /// before the contracts it creates itself, and those before the next direct child.
  /// Only the contract compile_contract was asked for has this list: the entries'
  /// own `children` are empty (the list already holds their descendants).
  std::vector<CompiledContract> children;
};

/// Compiles `contract` (a contract or test contract of `program`), and recursively
/// every contract it deploys with `new` (each at most once; a contract that deploys
/// itself, directly or through others, is an error). Deterministic: the same program
/// and options give byte-identical bytecode.
vm::Result<CompiledContract> compile_contract(const CheckedProgram& program,
                                              const SourceManager& sources,
                                              const ContractInfo& contract,
                                              const CompileOptions& options = {});

}  // namespace tenet::compiler
