// The deployment-time validator: table checks, then per function a linear decode, a
// stack-height worklist and a reachability check, then the basic blocks and their gas.
// The rules are the table in validation_rules.hpp (listed in docs/bytecode.md §Validation);
// every error names one of them.
#include "tenet/vm/validator.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenet/vm/decoder.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

using Failure = std::optional<ValidationError>;
using Rule = ValidationRule;
using Site = ValidationSite;

/// The predecessor recorded for a function's entry instruction.
constexpr uint32_t kFromEntry = std::numeric_limits<uint32_t>::max();
/// Marks a code offset that is not an instruction start, or a height not yet known.
constexpr int32_t kUnknown = -1;

/// What one run of the validator enforces.
struct Settings {
  bool unbounded = false;     ///< every max_stack is taken as ContainerLimits::kMaxStack
  bool allow_cheats = false;  ///< accept CHEAT
  bool revalidated = false;   ///< the container passed validation before: blocks only
};

/// "1 item", "2 items".
std::string count_of(uint64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string name_of(Op op) {
  return std::string(op_info(op).name);
}

/// True when control can continue with the next instruction.
bool falls_through(Op op) {
  const OpKind kind = op_info(op).kind;
  return kind != OpKind::Jump && kind != OpKind::Table && kind != OpKind::Terminator;
}

/// How an error names static jump target `k` of `ins` (JUMPTABLE: 0 is the default).
std::string target_label(const Instruction& ins, uint32_t k) {
  if (ins.op != Op::JUMPTABLE) return name_of(ins.op) + " target";
  if (k == 0) return "JUMPTABLE default target";
  return "JUMPTABLE entry " + std::to_string(k - 1) + " target";
}

/// An error about the container's tables.
ValidationError table_error(Rule rule, Site site, size_t index, std::string detail) {
  return ValidationError(rule, site, static_cast<uint32_t>(index), 0, std::move(detail));
}

// ---------------------------------------------------------------------------------------
// Table-level rules

std::string missing_function(uint16_t index, size_t count) {
  return "function " + std::to_string(index) + " does not exist (the container has " +
         count_of(count, "function", "functions") + ")";
}

/// bad-entry-signature for the entry point at `site` (entry `index` of its table).
Failure check_entry_signature(const Container& c, Site site, size_t index, uint16_t function) {
  const FunctionInfo& fn = c.functions[function];
  if (fn.params == 0 && fn.results == 0) return std::nullopt;
  return table_error(Rule::BadEntrySignature, site, index,
                     "function " + std::to_string(function) + " takes " +
                         count_of(fn.params, "parameter", "parameters") + " and returns " +
                         count_of(fn.results, "result", "results") +
                         "; an entry point takes none and returns none");
}

Failure check_constructor(const Container& c) {
  if (c.constructor == kNoFunction) return std::nullopt;
  if (c.constructor >= c.functions.size())
    return table_error(Rule::BadConstructorIndex, Site::Constructor, 0,
                       missing_function(c.constructor, c.functions.size()));
  return check_entry_signature(c, Site::Constructor, 0, c.constructor);
}

Failure check_receive(const Container& c) {
  if (c.receive == kNoFunction) return std::nullopt;
  if (c.receive >= c.functions.size())
    return table_error(Rule::BadReceiveIndex, Site::Receive, 0,
                       missing_function(c.receive, c.functions.size()));
  if (auto e = check_entry_signature(c, Site::Receive, 0, c.receive)) return e;
  if (!c.functions[c.receive].is_payable())
    return table_error(Rule::ReceiveNotPayable, Site::Receive, 0,
                       "function " + std::to_string(c.receive) +
                           " receives plain value transfers and must be marked payable");
  return std::nullopt;
}

Failure check_exports(const Container& c) {
  for (size_t i = 0; i < c.exports.size(); ++i) {
    const ExportEntry& e = c.exports[i];
    if (e.function >= c.functions.size())
      return table_error(Rule::BadExportIndex, Site::Export, i,
                         missing_function(e.function, c.functions.size()));
    if (i > 0 && !(c.exports[i - 1].selector < e.selector)) {
      const std::string prev = "export " + std::to_string(i - 1);
      const std::string why =
          c.exports[i - 1].selector == e.selector
              ? "repeats the selector of " + prev
              : "sorts before selector " + hex_encode(c.exports[i - 1].selector) + " of " + prev;
      return table_error(Rule::UnsortedExports, Site::Export, i,
                         "selector " + hex_encode(e.selector) + " " + why +
                             " (selectors must be strictly ascending)");
    }
    if (auto err = check_entry_signature(c, Site::Export, i, e.function)) return err;
  }
  return std::nullopt;
}

Failure check_function_table(const Container& c, const Settings& settings) {
  for (size_t i = 0; i < c.functions.size(); ++i) {
    const FunctionInfo& fn = c.functions[i];
    const uint64_t end = uint64_t{fn.code_offset} + fn.code_size;
    if (fn.code_size == 0 || end > c.code.size())
      return table_error(Rule::BadFunctionBounds, Site::Function, i,
                         "its code (offset " + std::to_string(fn.code_offset) + ", size " +
                             std::to_string(fn.code_size) +
                             ") is empty or runs past the code section (" +
                             count_of(c.code.size(), "byte", "bytes") + ")");
    const unsigned all_locals = unsigned{fn.params} + fn.locals;
    if (all_locals > ContainerLimits::kMaxLocals)
      return table_error(Rule::TooManyLocals, Site::Function, i,
                         count_of(fn.params, "parameter", "parameters") + " and " +
                             count_of(fn.locals, "local", "locals") + " exceed the limit of " +
                             std::to_string(ContainerLimits::kMaxLocals));
    if (!settings.unbounded && fn.max_stack > ContainerLimits::kMaxStack)
      return table_error(Rule::MaxStackLimit, Site::Function, i,
                         "the declared max_stack " + std::to_string(fn.max_stack) +
                             " exceeds the limit of " + std::to_string(ContainerLimits::kMaxStack));
  }
  return std::nullopt;
}

Failure check_tables(const Container& c, const Settings& settings) {
  if (auto e = check_constructor(c)) return e;
  if (auto e = check_receive(c)) return e;
  if (auto e = check_exports(c)) return e;
  return check_function_table(c, settings);
}

// ---------------------------------------------------------------------------------------
// Code-level rules

/// Validates and analyses one function whose table entry already passed the table rules.
class FunctionValidator {
 public:
  FunctionValidator(const Container& c, uint16_t index, const Settings& settings)
      : c_(c),
        fn_(c.functions[index]),
        index_(index),
        settings_(settings),
        start_(fn_.code_offset),
        end_(fn_.code_offset + fn_.code_size),
        index_at_(fn_.code_size, kUnknown) {}

  /// Runs every phase; the first error in code order of the first failing phase.
  ValidationResult<FunctionAnalysis> run() {
    const Failure decode_error = decode();
    if (settings_.revalidated && !decode_error) return analyse_blocks();
    if (auto e = check_instructions(decode_error.has_value())) return *e;
    if (decode_error) return *decode_error;
    if (auto e = check_flow()) return *e;
    if (auto e = check_reachable()) return *e;
    return analyse_blocks();
  }

 private:
  ValidationError error_at(uint32_t offset, Rule rule, std::string detail) const {
    return ValidationError(rule, Site::Code, index_, offset, std::move(detail));
  }

  /// Phase 1: splits the body into instructions; stops at an unknown opcode or a
  /// truncated immediate (nothing after it can be decoded). An immediate must end
  /// within the function, so the decoder sees the code up to the function's end.
  Failure decode() {
    const auto code = std::span<const uint8_t>(c_.code).first(end_);
    code_.reserve(fn_.code_size);  // at most one instruction per byte: no regrowth
    for (uint32_t off = start_; off < end_;) {
      auto ins = decode_instruction(code, off);
      if (!ins) return decode_error(ins.error());
      index_at_[off - start_] = static_cast<int32_t>(code_.size());
      code_.push_back(*ins);
      off += ins->size;
    }
    return std::nullopt;
  }

  ValidationError decode_error(const DecodeError& e) const {
    if (e.kind == DecodeError::Kind::UndefinedOpcode)
      return error_at(e.offset, Rule::UnknownOpcode,
                      "byte " + hex_encode_byte(e.byte) + " is not an instruction");
    return error_at(e.offset, Rule::TruncatedImmediate,
                    name_of(static_cast<Op>(e.byte)) + " needs " +
                        (e.needed_is_minimum ? "at least " : "") +
                        count_of(e.needed, "immediate byte", "immediate bytes") +
                        ", the function has " + std::to_string(e.available) + " left");
  }

  /// Phase 2: the rules that need only one instruction and the instruction starts.
  /// `partial` says decoding stopped early, so targets beyond the decoded part are
  /// left to the decode error and there is no last instruction to check.
  Failure check_instructions(bool partial) const {
    for (const Instruction& ins : code_)
      if (auto e = check_instruction(ins, partial)) return e;
    if (!partial && falls_through(code_.back().op))
      return error_at(code_.back().offset, Rule::FallsOffEnd,
                      "the function ends with " + name_of(code_.back().op) +
                          ", after which execution would run past its end");
    return std::nullopt;
  }

  Failure check_instruction(const Instruction& ins, bool partial) const {
    const auto imm = [&] { return std::to_string(ins.immediate); };  // only for errors
    switch (ins.op) {
      case Op::CHEAT:
        if (settings_.allow_cheats) break;
        return error_at(ins.offset, Rule::TestOnlyInstruction,
                        "CHEAT " + imm() + " is only allowed in test mode");
      case Op::SWAP:
        if (ins.immediate != 0) break;
        return error_at(ins.offset, Rule::BadStackIndex,
                        "SWAP 0 would swap the top with itself; the index must be at least 1");
      case Op::CALLF:
        if (ins.immediate < c_.functions.size()) break;
        return error_at(
            ins.offset, Rule::BadFunctionIndex,
            "CALLF " + missing_function(static_cast<uint16_t>(ins.immediate), c_.functions.size()));
      case Op::LGET:
      case Op::LSET:
      case Op::LTEE:
        if (ins.immediate < unsigned{fn_.params} + fn_.locals) break;
        return error_at(ins.offset, Rule::BadLocalIndex,
                        name_of(ins.op) + " local " + imm() + " does not exist (the function has " +
                            count_of(fn_.params, "parameter", "parameters") + " and " +
                            count_of(fn_.locals, "local", "locals") + ")");
      case Op::PUSHC:
        if (ins.immediate < c_.constants.size()) break;
        return error_at(ins.offset, Rule::BadConstantIndex,
                        "PUSHC constant " + imm() + " does not exist (the container has " +
                            count_of(c_.constants.size(), "constant", "constants") + ")");
      case Op::CREATE:
        if (ins.immediate < c_.children.size()) break;
        return error_at(ins.offset, Rule::BadChildIndex,
                        "CREATE child " + imm() + " does not exist (the container has " +
                            count_of(c_.children.size(), "child", "children") + ")");
      default:
        break;
    }
    return check_targets(ins, partial);
  }

  /// The first bad static jump target of `ins` (JUMPTABLE: the default, then the entries).
  Failure check_targets(const Instruction& ins, bool partial) const {
    for (uint32_t k = 0; k < ins.targets.size(); ++k) {
      const uint32_t target = ins.targets[k];
      const auto label = [&] { return target_label(ins, k) + " " + std::to_string(target); };
      if (target < start_ || target >= end_)
        return error_at(ins.offset, Rule::BadJumpTarget,
                        label() + " is outside the function (offsets " + std::to_string(start_) +
                            ".." + std::to_string(end_ - 1) + ")");
      if (index_at_[target - start_] != kUnknown) continue;
      if (partial && target >= decoded_end()) continue;  // only the decode error is certain
      return error_at(ins.offset, Rule::BadJumpTarget, label() + " is not an instruction start");
    }
    return std::nullopt;
  }

  /// The offset where decoding stopped (the end of the last decoded instruction).
  uint32_t decoded_end() const {
    return code_.empty() ? start_ : code_.back().offset + code_.back().size;
  }

  /// Phase 3: the stack height at every reachable instruction. Each instruction is
  /// processed once, when its height first becomes known; later arrivals must agree.
  /// Of all errors found, the one at the lowest offset is returned.
  Failure check_flow() {
    height_.assign(code_.size(), kUnknown);
    from_.assign(code_.size(), kFromEntry);
    height_[0] = 0;
    std::vector<size_t> work{0};
    while (!work.empty()) {
      size_t i = work.back();
      work.pop_back();
      while (auto next = step(i, work)) i = *next;
    }
    return first_error_;
  }

  /// Applies instruction `i` to its known height and passes the new height on; returns
  /// the next instruction when control falls through to one not yet processed.
  std::optional<size_t> step(size_t i, std::vector<size_t>& work) {
    const Instruction& ins = code_[i];
    const int32_t after = height_after(ins, height_[i]);
    if (after == kUnknown) return std::nullopt;
    max_stack_ = std::max(max_stack_, after);
    for (const uint32_t target : ins.targets) {
      const auto t = static_cast<size_t>(index_at_[target - start_]);
      if (arrive(t, after, ins.offset)) work.push_back(t);
    }
    if (!falls_through(ins.op) || !arrive(i + 1, after, ins.offset)) return std::nullopt;
    return i + 1;
  }

  /// Records that control reaches instruction `t` with `height` from `from`; true
  /// when this is the first arrival (so `t` still has to be processed).
  bool arrive(size_t t, int32_t height, uint32_t from) {
    if (height_[t] == kUnknown) {
      height_[t] = height;
      from_[t] = from;
      return true;
    }
    if (height_[t] != height) {
      const std::string earlier = from_[t] == kFromEntry
                                      ? "at the function entry"
                                      : "from offset " + std::to_string(from_[t]);
      record(error_at(code_[t].offset, Rule::StackHeightMismatch,
                      "reached with stack height " + std::to_string(height) + " from offset " +
                          std::to_string(from) + " but with stack height " +
                          std::to_string(height_[t]) + " " + earlier),
             code_[t].offset);
    }
    return false;
  }

  void record(ValidationError error, uint32_t offset) {
    if (first_error_ && first_error_offset_ <= offset) return;
    first_error_ = std::move(error);
    first_error_offset_ = offset;
  }

  /// The height after `ins`, or kUnknown after recording why it cannot run.
  int32_t height_after(const Instruction& ins, int32_t height) {
    const OpInfo& info = op_info(ins.op);
    const auto needs_error = [&](Rule rule, const std::string& what, uint64_t needed,
                                 const std::string& why = "") {
      record(error_at(ins.offset, rule,
                      what + " needs " + count_of(needed, "item", "items") + why +
                          ", the stack has " + std::to_string(height)),
             ins.offset);
      return kUnknown;
    };
    uint32_t pops = info.pops;
    uint32_t pushes = info.pushes;
    if (ins.op == Op::DUP || ins.op == Op::SWAP) {
      if (static_cast<uint32_t>(height) <= ins.immediate)
        return needs_error(Rule::BadStackIndex,
                           name_of(ins.op) + " " + std::to_string(ins.immediate),
                           ins.immediate + 1);
    } else if (ins.op == Op::CALLF) {
      const FunctionInfo& callee = c_.functions[ins.immediate];
      pops = callee.params;
      pushes = callee.results;
      if (static_cast<uint32_t>(height) < pops)
        return needs_error(Rule::StackUnderflow, "CALLF " + std::to_string(ins.immediate), pops,
                           " (the parameters of function " + std::to_string(ins.immediate) + ")");
    } else if (ins.op == Op::RETF) {
      if (height != fn_.results) {
        record(error_at(ins.offset, Rule::BadReturnHeight,
                        "RETF needs exactly " + count_of(fn_.results, "item", "items") +
                            " (the results of function " + std::to_string(index_) +
                            "), the stack has " + std::to_string(height)),
               ins.offset);
        return kUnknown;
      }
    } else if (static_cast<uint32_t>(height) < pops) {
      return needs_error(Rule::StackUnderflow, name_of(ins.op), pops);
    }
    return check_limit(ins, height - static_cast<int32_t>(pops) + static_cast<int32_t>(pushes));
  }

  int32_t check_limit(const Instruction& ins, int32_t after) {
    const int32_t limit = settings_.unbounded ? ContainerLimits::kMaxStack : fn_.max_stack;
    if (after <= limit) return after;
    const std::string what = settings_.unbounded
                                 ? "the limit of " + std::to_string(limit)
                                 : "the declared max_stack of " + std::to_string(limit);
    record(error_at(ins.offset, Rule::MaxStackExceeded,
                    name_of(ins.op) + " raises the stack height to " + std::to_string(after) +
                        ", above " + what),
           ins.offset);
    return kUnknown;
  }

  /// Phase 4: every instruction must be reachable from the entry.
  Failure check_reachable() const {
    for (size_t i = 0; i < code_.size(); ++i)
      if (height_[i] == kUnknown)
        return error_at(code_[i].offset, Rule::UnreachableCode,
                        "no path from the function entry reaches this " + name_of(code_[i].op));
    return std::nullopt;
  }

  /// The block heads, marked per instruction.
  std::vector<bool> block_heads() const {
    std::vector<bool> head(code_.size(), false);
    head[0] = true;
    for (size_t i = 0; i < code_.size(); ++i) {
      const Instruction& ins = code_[i];
      for (const uint32_t target : ins.targets)
        head[static_cast<size_t>(index_at_[target - start_])] = true;
      if (ins.op == Op::JUMPI || ins.op == Op::CALLF) head[i + 1] = true;
    }
    return head;
  }

  /// The basic blocks and their static gas. With no unreachable code, every
  /// instruction after a JUMP, JUMPTABLE or terminator is a jump target, so each block
  /// simply runs up to the next head.
  ValidationResult<FunctionAnalysis> analyse_blocks() const {
    const std::vector<bool> head = block_heads();
    FunctionAnalysis analysis;
    analysis.max_stack = static_cast<uint16_t>(max_stack_);
    uint64_t gas = 0;
    for (size_t i = 0; i < code_.size(); ++i) {
      if (head[i]) {
        analysis.blocks.push_back(BasicBlock{code_[i].offset, 0});
        gas = 0;
      }
      gas += instruction_static_gas(c_, code_[i].op, static_cast<uint32_t>(code_[i].immediate));
      if (gas > std::numeric_limits<uint32_t>::max())
        return error_at(analysis.blocks.back().start, Rule::BlockGasOverflow,
                        "the static gas of the block starting here exceeds " +
                            std::to_string(std::numeric_limits<uint32_t>::max()));
      analysis.blocks.back().gas = static_cast<uint32_t>(gas);
    }
    return analysis;
  }

  const Container& c_;
  const FunctionInfo& fn_;
  const uint16_t index_;
  const Settings settings_;
  const uint32_t start_;
  const uint32_t end_;
  std::vector<Instruction> code_;     ///< the decoded instructions, in code order
  std::vector<int32_t> index_at_;     ///< offset - start_ -> instruction index, or kUnknown
  std::vector<int32_t> height_;       ///< per instruction: the height before it, or kUnknown
  std::vector<uint32_t> from_;        ///< per instruction: where its height came from
  int32_t max_stack_ = 0;             ///< highest height reached
  Failure first_error_;               ///< the lowest-offset error of the flow phase
  uint32_t first_error_offset_ = 0;
};

ValidationResult<CodeAnalysis> validate_with(const Container& c, const Settings& settings) {
  if (!settings.revalidated)
    if (auto e = check_tables(c, settings)) return *e;
  CodeAnalysis analysis;
  analysis.functions.reserve(c.functions.size());
  for (size_t i = 0; i < c.functions.size(); ++i) {
    auto fa = FunctionValidator(c, static_cast<uint16_t>(i), settings).run();
    if (!fa) return fa.error();
    analysis.functions.push_back(std::move(fa).value());
  }
  return analysis;
}

/// The text before the rule name in a message: what the error is about.
std::string site_text(ValidationSite site, uint32_t index, uint32_t offset) {
  switch (site) {
    case ValidationSite::Constructor:
      return "constructor";
    case ValidationSite::Receive:
      return "receive";
    case ValidationSite::Export:
      return "export " + std::to_string(index);
    case ValidationSite::Function:
      return "function " + std::to_string(index);
    case ValidationSite::Code:
      return "function " + std::to_string(index) + " at offset " + std::to_string(offset);
  }
  return "";
}

}  // namespace

ValidationError::ValidationError(ValidationRule rule_, ValidationSite site_, uint32_t index_,
                                 uint32_t offset_, std::string detail_)
    : Error{site_text(site_, index_, offset_) + ": " + std::string(rule_name(rule_)) + ": " +
            detail_},
      rule(rule_),
      site(site_),
      index(index_),
      offset(offset_),
      detail(std::move(detail_)) {}

ValidationResult<CodeAnalysis> validate(const Container& c, const ValidationOptions& options) {
  return validate_with(c, Settings{false, options.allow_cheats});
}

ValidationResult<CodeAnalysis> analyze_unbounded(const Container& c,
                                                 const ValidationOptions& options) {
  return validate_with(c, Settings{true, options.allow_cheats});
}

ValidationResult<CodeAnalysis> analyze_validated(const Container& c) {
  return validate_with(c, Settings{false, true, true});
}

uint32_t instruction_static_gas(const Container& c, Op op, uint32_t imm) {
  const uint32_t gas = op_info(op).gas;
  if (op != Op::CALLF || imm >= c.functions.size()) return gas;
  return gas + kCallfPerLocalCost * c.functions[imm].locals;
}

}  // namespace tenet::vm
