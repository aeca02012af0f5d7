#pragma once
/// \file
/// The rules of deployment-time validation, one table: each rule's id, the section of
/// docs/bytecode.md §Validation that lists it, its stable kebab-case name (which appears
/// in error messages) and the sentence that documents it. A validation error carries the
/// rule (`ValidationError::rule` in validator.hpp); tests assert the rule, and
/// tests/vm/validation_rules_test.cpp checks docs/bytecode.md against this table.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tenet::vm {

/// Where a rule applies: to the container's tables, or to the code of a function.
enum class RuleScope : uint8_t {
  Table,  ///< the constructor, receive, export and function tables
  Code,   ///< the instructions of one function
};

// X(ENUMERATOR, ID, SCOPE, "name", "rejected when ...")
// Ids are stable: a new rule gets the next free id, and ids are never reused.
#define TENET_VALIDATION_RULES(X)                                                                \
  X(BadConstructorIndex, 1, Table, "bad-constructor-index",                                      \
    "the constructor is not `0xffff` and not an existing function")                              \
  X(BadReceiveIndex, 2, Table, "bad-receive-index",                                              \
    "the receive function is not `0xffff` and not an existing function")                         \
  X(BadExportIndex, 3, Table, "bad-export-index",                                                \
    "an export names a function that does not exist")                                            \
  X(UnsortedExports, 4, Table, "unsorted-exports",                                               \
    "selectors are not strictly ascending (a duplicate is rejected too)")                        \
  X(BadEntrySignature, 5, Table, "bad-entry-signature",                                          \
    "an exported function, the constructor or the receive function has parameters or results")   \
  X(ReceiveNotPayable, 6, Table, "receive-not-payable",                                          \
    "the receive function lacks the payable flag")                                               \
  X(BadFunctionBounds, 7, Table, "bad-function-bounds",                                          \
    "a function body is empty or runs past the code section (normally caught by the parser "     \
    "already)")                                                                                  \
  X(TooManyLocals, 8, Table, "too-many-locals",                                                  \
    "`params + locals` exceeds 4096 (`ContainerLimits::kMaxLocals`)")                            \
  X(MaxStackLimit, 9, Table, "max-stack-limit",                                                  \
    "a declared `max_stack` exceeds 1024 (`ContainerLimits::kMaxStack`)")                        \
  X(UnknownOpcode, 10, Code, "unknown-opcode",                                                   \
    "a byte in opcode position is not in the opcode table")                                      \
  X(TruncatedImmediate, 11, Code, "truncated-immediate",                                         \
    "an immediate runs past the end of its function (not merely of the code section)")           \
  X(TestOnlyInstruction, 12, Code, "test-only-instruction", "`CHEAT` appears outside test mode") \
  X(BadJumpTarget, 13, Code, "bad-jump-target",                                                  \
    "a `JUMP`, `JUMPI` or `JUMPTABLE` target (entries and default) is outside the function or "  \
    "not an instruction start, e.g. inside an immediate")                                        \
  X(BadFunctionIndex, 14, Code, "bad-function-index",                                            \
    "`CALLF` names a function that does not exist")                                              \
  X(BadLocalIndex, 15, Code, "bad-local-index",                                                  \
    "`LGET`/`LSET`/`LTEE` uses an index `>= params + locals`")                                   \
  X(BadConstantIndex, 16, Code, "bad-constant-index",                                            \
    "`PUSHC` names a constant that does not exist")                                              \
  X(BadChildIndex, 17, Code, "bad-child-index",                                                  \
    "`CREATE` names a child container that does not exist")                                      \
  X(FallsOffEnd, 18, Code, "falls-off-end",                                                      \
    "the last instruction can continue to the next one (it is not a terminator, `JUMP` or "      \
    "`JUMPTABLE`)")                                                                              \
  X(StackUnderflow, 19, Code, "stack-underflow",                                                 \
    "an instruction pops more items than the stack holds (`CALLF` pops the callee's "            \
    "parameters)")                                                                               \
  X(BadStackIndex, 20, Code, "bad-stack-index",                                                  \
    "`SWAP 0`, or `DUP n` / `SWAP n` with a stack of `n` items or fewer")                        \
  X(StackHeightMismatch, 21, Code, "stack-height-mismatch",                                      \
    "an instruction is reached with two different heights (a jump target, a fall-through or "    \
    "both)")                                                                                     \
  X(MaxStackExceeded, 22, Code, "max-stack-exceeded",                                            \
    "a height rises above the function's declared `max_stack`")                                  \
  X(BadReturnHeight, 23, Code, "bad-return-height",                                              \
    "`RETF` runs with a height other than the function's `results`")                             \
  X(UnreachableCode, 24, Code, "unreachable-code",                                               \
    "no path from the function entry reaches an instruction")                                    \
  X(BlockGasOverflow, 25, Code, "block-gas-overflow",                                            \
    "a basic block's static gas does not fit in 32 bits")

/// A validation rule; the value is the rule's stable id.
enum class ValidationRule : uint8_t {
#define TENET_X(enumerator, id, scope, name, doc) enumerator = id,
  TENET_VALIDATION_RULES(TENET_X)
#undef TENET_X
};

/// Everything the table says about one rule.
struct ValidationRuleInfo {
  ValidationRule rule{};              ///< the rule (its value is the id)
  RuleScope scope = RuleScope::Code;  ///< tables or code
  std::string_view name;              ///< stable kebab-case name, as in messages
  std::string_view doc;               ///< when the rule rejects a container (docs/bytecode.md)
};

/// Every rule, in id order.
inline constexpr std::array kValidationRules = {
#define TENET_X(enumerator, id, scope, name, doc) \
  ValidationRuleInfo{ValidationRule::enumerator, RuleScope::scope, name, doc},
    TENET_VALIDATION_RULES(TENET_X)
#undef TENET_X
};

/// The table entry for `rule`.
constexpr const ValidationRuleInfo& rule_info(ValidationRule rule) {
  return kValidationRules[static_cast<size_t>(rule) - 1];
}

/// The stable kebab-case name of `rule`, e.g. "stack-underflow".
constexpr std::string_view rule_name(ValidationRule rule) {
  return rule_info(rule).name;
}

/// The rule with the kebab-case name `name`, if any.
constexpr std::optional<ValidationRule> rule_from_name(std::string_view name) {
  for (const ValidationRuleInfo& info : kValidationRules)
    if (info.name == name) return info.rule;
  return std::nullopt;
}

// Ids run 1, 2, 3... in table order, so rule_info can index the array.
static_assert([] {
  for (size_t i = 0; i < kValidationRules.size(); ++i)
    if (static_cast<size_t>(kValidationRules[i].rule) != i + 1) return false;
  return true;
}());

}  // namespace tenet::vm
