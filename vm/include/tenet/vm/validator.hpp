#pragma once
/// \file
/// Deployment-time validation. A container that passes runs without per-instruction
/// checks: every opcode is defined, immediates are complete, jumps land on block heads
/// inside their function, stack heights are consistent and within the declared
/// maximum, and every index (function, local, constant, child) is in range. One pass
/// per function, linear in the code size. The rules are the table in
/// validation_rules.hpp, listed in docs/bytecode.md §Validation.

#include <cstdint>
#include <string>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/validation_rules.hpp"

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

/// The part of a container that a validation error is about.
enum class ValidationSite : uint8_t {
  Constructor,  ///< the constructor index
  Receive,      ///< the receive index
  Export,       ///< export table entry `index`
  Function,     ///< function table entry `index`
  Code,         ///< the instruction of function `index` at code offset `offset`
};

/// A broken validation rule. It is an `Error` whose message is rendered from the site,
/// the rule's name and the detail: "function 1 at offset 12: stack-underflow: ADD needs
/// 2 items, the stack has 1", "export 3: bad-export-index: function 9 does not exist
/// (the container has 4 functions)".
struct ValidationError : Error {
  /// Builds the error and renders its message.
  ValidationError(ValidationRule rule, ValidationSite site, uint32_t index, uint32_t offset,
                  std::string detail);

  ValidationRule rule;  ///< the rule that failed
  ValidationSite site;  ///< what the error is about
  uint32_t index = 0;   ///< the export or function index (Export, Function, Code)
  uint32_t offset = 0;  ///< the absolute code-section offset of the instruction (Code)
  std::string detail;   ///< the rule-specific explanation (the message's last part)
};

/// A validation result: the analysis, or the one broken rule.
template <class T>
using ValidationResult = Result<T, ValidationError>;

/// Validates a container. On failure the error names the rule and where it failed;
/// exactly one error is reported, always the same for the same container.
ValidationResult<CodeAnalysis> validate(const Container& c, const ValidationOptions& options = {});

/// Computes per-function stack maxima for a container whose max_stack fields are not
/// yet known (the assembler's use): validates with every max_stack taken as the limit.
ValidationResult<CodeAnalysis> analyze_unbounded(const Container& c,
                                                 const ValidationOptions& options = {});

/// The analysis of a container that already passed `validate` (the same bytes, by code
/// hash): decodes each function and computes its basic blocks and their gas, skipping the
/// checks (tables, operands, targets, stack heights, reachability). `max_stack` is not
/// computed (0). Never call it on bytes that were not validated: the interpreter relies
/// on the checks. The VM uses it to reload a program evicted from its cache.
ValidationResult<CodeAnalysis> analyze_validated(const Container& c);

/// The block-gas rule of docs/gas.md: the static cost of one instruction at a call
/// site, including CALLF's frame fee of one gas per callee local.
uint32_t instruction_static_gas(const Container& c, Op op, uint32_t imm);

}  // namespace tenet::vm
