#pragma once
/// \file
/// codegen: an optimised LLVM module (the IR contract of intrinsics.hpp) → a Tenet
/// container and its line table (docs/compiler.md, "codegen").

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(codegen, codegen.hpp)

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"

namespace llvm {
class Module;
}  // namespace llvm

namespace tenet::compiler {

/// One row of the line table: the instructions from `code_offset` (absolute in the code
/// section) up to the next row's offset come from this source position.
struct LineEntry {
  uint32_t code_offset = 0;  ///< first instruction of the run
  uint32_t file = 0;         ///< index into CodegenResult::files
  uint32_t line = 0;         ///< 1-based; 0 = no source position (compiler-generated)
  uint32_t column = 0;       ///< 1-based
  friend bool operator==(const LineEntry&, const LineEntry&) = default;
};

/// A translated module.
struct CodegenResult {
  vm::Container container;         ///< validated by vm::validate before it is returned
  std::vector<std::string> files;  ///< source file names of the line table, in first-use order
  std::vector<LineEntry> lines;    ///< sorted by code_offset, adjacent duplicates merged
  std::vector<std::string> function_names;  ///< LLVM name of each function-table entry
};

/// Translates `module` (already optimised; critical edges split) into a container whose
/// children are `children` (index = `tenet.create`'s immediate). Fails loudly, naming
/// the function and the instruction, on IR outside the contract. Deterministic.
vm::Result<CodegenResult> generate_bytecode(const llvm::Module& module,
                                            std::span<const std::vector<uint8_t>> children,
                                            bool test_mode = false);

}  // namespace tenet::compiler
