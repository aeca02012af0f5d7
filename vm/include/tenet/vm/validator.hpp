#pragma once
/// \file
/// Deployment-time validation. A container that passes runs without per-instruction
/// checks: every opcode is defined, immediates are complete, jumps land on block heads
/// inside their function, stack heights are consistent and within the declared
/// maximum, and every index (function, local, constant, child) is in range. One pass
/// per function, linear in the code size. docs/bytecode.md §Validation lists the rules.

#include <cstdint>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::vm {

/// What validation may allow.
struct ValidationOptions {
  bool allow_cheats = false;  ///< test mode: accept CHEAT instructions
};

/// A basic block: the static gas charged when execution enters it.
struct BasicBlock {
  uint32_t start = 0;  ///< code offset of its first instruction
  uint32_t gas = 0;    ///< sum of the static costs of its instructions (plus CALLF frame fees)
};

/// What validation proved about one function.
struct FunctionAnalysis {
  std::vector<BasicBlock> blocks;  ///< sorted by start; blocks[0] starts at the entry
  uint16_t max_stack = 0;          ///< the highest stack height actually reached
};

/// What validation proved about a container (used by the interpreter's pre-decoder).
struct CodeAnalysis {
  std::vector<FunctionAnalysis> functions;  ///< parallel to Container::functions
};

/// Validates a container. On failure the error message names the function, the code
/// offset, the rule (a stable kebab-case name such as `stack-underflow`) and details:
/// "function 1 at offset 12: stack-underflow: ADD needs 2 items, the stack has 1".
Result<CodeAnalysis> validate(const Container& c, const ValidationOptions& options = {});

/// Computes per-function stack maxima for a container whose max_stack fields are not
/// yet known (the assembler's use): validates with every max_stack taken as the limit.
Result<CodeAnalysis> analyze_unbounded(const Container& c, const ValidationOptions& options = {});

/// The block-gas rule of docs/gas.md: the static cost of one instruction at a call
/// site, including CALLF's frame fee of one gas per callee local.
uint32_t instruction_static_gas(const Container& c, Op op, uint32_t imm);

}  // namespace tenet::vm
