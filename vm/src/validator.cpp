// The deployment-time validator: table checks, then per function a linear decode, a
// stack-height worklist and a reachability check, then the basic blocks and their gas.
// The rules and their names are listed in docs/bytecode.md §Validation.
#include "tenet/vm/validator.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

/// The predecessor recorded for a function's entry instruction.
constexpr uint32_t kFromEntry = std::numeric_limits<uint32_t>::max();
/// Marks a code offset that is not an instruction start, or a height not yet known.
constexpr int32_t kUnknown = -1;

/// What one run of the validator enforces.
struct Settings {
  bool unbounded = false;     ///< every max_stack is taken as ContainerLimits::kMaxStack
  bool allow_cheats = false;  ///< accept CHEAT
};

/// One decoded instruction of a function.
struct Instruction {
  uint32_t offset = 0;  ///< absolute code-section offset
  uint32_t size = 0;    ///< opcode byte plus immediate
  Op op = Op::STOP;
  uint32_t imm = 0;  ///< the fixed immediate; for JUMPTABLE the entry count
};

uint32_t read_be(const std::vector<uint8_t>& code, size_t at, unsigned n) {
  uint32_t v = 0;
  for (unsigned i = 0; i < n; ++i) v = (v << 8) | code[at + i];
  return v;
}

/// "1 item", "2 items".
std::string count_of(uint64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

void append_hex(std::string& out, uint8_t b) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  out += kDigits[b >> 4];
  out += kDigits[b & 15];
}

std::string hex_byte(uint8_t b) {
  std::string out = "0x";
  append_hex(out, b);
  return out;
}

std::string hex_selector(const std::array<uint8_t, 4>& s) {
  std::string out = "0x";
  for (uint8_t b : s) append_hex(out, b);
  return out;
}

std::string name_of(Op op) {
  return std::string(op_info(op).name);
}

/// True when control can continue with the next instruction.
bool falls_through(Op op) {
  const OpKind kind = op_info(op).kind;
  return kind != OpKind::Jump && kind != OpKind::Table && kind != OpKind::Terminator;
}

/// Calls `visit(target, entry)` for every static jump target of `ins`; `entry` is -1
/// for a JUMP/JUMPI target or a JUMPTABLE default, else the table entry number.
template <class Visit>
void for_each_target(const std::vector<uint8_t>& code, const Instruction& ins, Visit visit) {
  if (ins.op == Op::JUMP || ins.op == Op::JUMPI) {
    visit(ins.imm, -1);
  } else if (ins.op == Op::JUMPTABLE) {
    visit(read_be(code, ins.offset + 3, 4), -1);
    for (uint32_t k = 0; k < ins.imm; ++k)
      visit(read_be(code, ins.offset + 7 + 4 * k, 4), static_cast<int64_t>(k));
  }
}

std::string target_label(Op op, int64_t entry) {
  if (op != Op::JUMPTABLE) return name_of(op) + " target";
  if (entry < 0) return "JUMPTABLE default target";
  return "JUMPTABLE entry " + std::to_string(entry) + " target";
}

// ---------------------------------------------------------------------------------------
// Table-level rules

std::string missing_function(uint16_t index, size_t count) {
  return "function " + std::to_string(index) + " does not exist (the container has " +
         count_of(count, "function", "functions") + ")";
}

std::optional<Error> check_entry_signature(const Container& c, std::string_view where,
                                           uint16_t index) {
  const FunctionInfo& fn = c.functions[index];
  if (fn.params == 0 && fn.results == 0) return std::nullopt;
  return Error{std::string(where) + ": bad-entry-signature: function " + std::to_string(index) +
               " takes " + count_of(fn.params, "parameter", "parameters") + " and returns " +
               count_of(fn.results, "result", "results") +
               "; an entry point takes none and returns none"};
}

std::optional<Error> check_constructor(const Container& c) {
  if (c.constructor == kNoFunction) return std::nullopt;
  if (c.constructor >= c.functions.size())
    return Error{"constructor: bad-constructor-index: " +
                 missing_function(c.constructor, c.functions.size())};
  return check_entry_signature(c, "constructor", c.constructor);
}

std::optional<Error> check_receive(const Container& c) {
  if (c.receive == kNoFunction) return std::nullopt;
  if (c.receive >= c.functions.size())
    return Error{"receive: bad-receive-index: " + missing_function(c.receive, c.functions.size())};
  if (auto e = check_entry_signature(c, "receive", c.receive)) return e;
  if (!c.functions[c.receive].is_payable())
    return Error{"receive: receive-not-payable: function " + std::to_string(c.receive) +
                 " receives plain value transfers and must be marked payable"};
  return std::nullopt;
}

std::optional<Error> check_exports(const Container& c) {
  for (size_t i = 0; i < c.exports.size(); ++i) {
    const ExportEntry& e = c.exports[i];
    const std::string where = "export " + std::to_string(i);
    if (e.function >= c.functions.size())
      return Error{where +
                   ": bad-export-index: " + missing_function(e.function, c.functions.size())};
    if (i > 0 && !(c.exports[i - 1].selector < e.selector)) {
      const std::string prev = "export " + std::to_string(i - 1);
      const std::string why =
          c.exports[i - 1].selector == e.selector
              ? "repeats the selector of " + prev
              : "sorts before selector " + hex_selector(c.exports[i - 1].selector) + " of " + prev;
      return Error{where + ": unsorted-exports: selector " + hex_selector(e.selector) + " " + why +
                   " (selectors must be strictly ascending)"};
    }
    if (auto err = check_entry_signature(c, where, e.function)) return err;
  }
  return std::nullopt;
}

std::optional<Error> check_function_table(const Container& c, const Settings& settings) {
  for (size_t i = 0; i < c.functions.size(); ++i) {
    const FunctionInfo& fn = c.functions[i];
    const std::string where = "function " + std::to_string(i);
    const uint64_t end = uint64_t{fn.code_offset} + fn.code_size;
    if (fn.code_size == 0 || end > c.code.size())
      return Error{where + ": bad-function-bounds: its code (offset " +
                   std::to_string(fn.code_offset) + ", size " + std::to_string(fn.code_size) +
                   ") is empty or runs past the code section (" +
                   count_of(c.code.size(), "byte", "bytes") + ")"};
    const unsigned all_locals = unsigned{fn.params} + fn.locals;
    if (all_locals > ContainerLimits::kMaxLocals)
      return Error{where + ": too-many-locals: " + count_of(fn.params, "parameter", "parameters") +
                   " and " + count_of(fn.locals, "local", "locals") + " exceed the limit of " +
                   std::to_string(ContainerLimits::kMaxLocals)};
    if (!settings.unbounded && fn.max_stack > ContainerLimits::kMaxStack)
      return Error{where + ": max-stack-limit: the declared max_stack " +
                   std::to_string(fn.max_stack) + " exceeds the limit of " +
                   std::to_string(ContainerLimits::kMaxStack)};
  }
  return std::nullopt;
}

std::optional<Error> check_tables(const Container& c, const Settings& settings) {
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
  Result<FunctionAnalysis> run() {
    const std::optional<Error> decode_error = decode();
    if (auto e = check_instructions(decode_error.has_value())) return *e;
    if (decode_error) return *decode_error;
    if (auto e = check_flow()) return *e;
    if (auto e = check_reachable()) return *e;
    return analyse_blocks();
  }

 private:
  Error error_at(uint32_t offset, std::string_view rule, const std::string& detail) const {
    return Error{"function " + std::to_string(index_) + " at offset " + std::to_string(offset) +
                 ": " + std::string(rule) + ": " + detail};
  }

  /// Phase 1: splits the body into instructions; stops at an unknown opcode or a
  /// truncated immediate (nothing after it can be decoded).
  std::optional<Error> decode() {
    for (uint32_t off = start_; off < end_;) {
      const uint8_t byte = c_.code[off];
      const OpInfo& info = kOpTable[byte];
      if (!info.defined)
        return error_at(off, "unknown-opcode", "byte " + hex_byte(byte) + " is not an instruction");
      const uint32_t left = end_ - off - 1;
      Instruction ins{off, 1, static_cast<Op>(byte), 0};
      uint32_t need = imm_size(info.imm);
      bool exact = true;
      if (info.imm == Imm::Table) {
        exact = left >= 2;
        const uint32_t count = exact ? read_be(c_.code, off + 1, 2) : 0;
        need = 6 + 4 * count;
        ins.imm = count;
      } else if (need <= left && need <= 4) {  // PUSH8's value is not needed here
        ins.imm = read_be(c_.code, off + 1, need);
      }
      if (need > left)
        return error_at(off, "truncated-immediate",
                        std::string(info.name) + " needs " + (exact ? "" : "at least ") +
                            count_of(need, "immediate byte", "immediate bytes") +
                            ", the function has " + std::to_string(left) + " left");
      ins.size = 1 + need;
      index_at_[off - start_] = static_cast<int32_t>(code_.size());
      code_.push_back(ins);
      off += ins.size;
    }
    return std::nullopt;
  }

  /// Phase 2: the rules that need only one instruction and the instruction starts.
  /// `partial` says decoding stopped early, so targets beyond the decoded part are
  /// left to the decode error and there is no last instruction to check.
  std::optional<Error> check_instructions(bool partial) const {
    for (const Instruction& ins : code_)
      if (auto e = check_instruction(ins, partial)) return e;
    if (!partial && falls_through(code_.back().op))
      return error_at(code_.back().offset, "falls-off-end",
                      "the function ends with " + name_of(code_.back().op) +
                          ", after which execution would run past its end");
    return std::nullopt;
  }

  std::optional<Error> check_instruction(const Instruction& ins, bool partial) const {
    const std::string imm = std::to_string(ins.imm);  // short: no allocation
    switch (ins.op) {
      case Op::CHEAT:
        if (settings_.allow_cheats) break;
        return error_at(ins.offset, "test-only-instruction",
                        "CHEAT " + imm + " is only allowed in test mode");
      case Op::SWAP:
        if (ins.imm != 0) break;
        return error_at(ins.offset, "bad-stack-index",
                        "SWAP 0 would swap the top with itself; the index must be at least 1");
      case Op::CALLF:
        if (ins.imm < c_.functions.size()) break;
        return error_at(
            ins.offset, "bad-function-index",
            "CALLF " + missing_function(static_cast<uint16_t>(ins.imm), c_.functions.size()));
      case Op::LGET:
      case Op::LSET:
      case Op::LTEE:
        if (ins.imm < unsigned{fn_.params} + fn_.locals) break;
        return error_at(ins.offset, "bad-local-index",
                        name_of(ins.op) + " local " + imm + " does not exist (the function has " +
                            count_of(fn_.params, "parameter", "parameters") + " and " +
                            count_of(fn_.locals, "local", "locals") + ")");
      case Op::PUSHC:
        if (ins.imm < c_.constants.size()) break;
        return error_at(ins.offset, "bad-constant-index",
                        "PUSHC constant " + imm + " does not exist (the container has " +
                            count_of(c_.constants.size(), "constant", "constants") + ")");
      case Op::CREATE:
        if (ins.imm < c_.children.size()) break;
        return error_at(ins.offset, "bad-child-index",
                        "CREATE child " + imm + " does not exist (the container has " +
                            count_of(c_.children.size(), "child", "children") + ")");
      default:
        break;
    }
    return check_targets(ins, partial);
  }

  std::optional<Error> check_targets(const Instruction& ins, bool partial) const {
    std::optional<Error> error;
    for_each_target(c_.code, ins, [&](uint32_t target, int64_t entry) {
      if (error) return;
      const std::string label = target_label(ins.op, entry) + " " + std::to_string(target);
      if (target < start_ || target >= end_) {
        error = error_at(ins.offset, "bad-jump-target",
                         label + " is outside the function (offsets " + std::to_string(start_) +
                             ".." + std::to_string(end_ - 1) + ")");
      } else if (index_at_[target - start_] == kUnknown) {
        if (partial && target >= decoded_end()) return;  // only the decode error is certain
        error = error_at(ins.offset, "bad-jump-target", label + " is not an instruction start");
      }
    });
    return error;
  }

  /// The offset where decoding stopped (the end of the last decoded instruction).
  uint32_t decoded_end() const {
    return code_.empty() ? start_ : code_.back().offset + code_.back().size;
  }

  /// Phase 3: the stack height at every reachable instruction. Each instruction is
  /// processed once, when its height first becomes known; later arrivals must agree.
  /// Of all errors found, the one at the lowest offset is returned.
  std::optional<Error> check_flow() {
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
    for_each_target(c_.code, ins, [&](uint32_t target, int64_t) {
      const auto t = static_cast<size_t>(index_at_[target - start_]);
      if (arrive(t, after, ins.offset)) work.push_back(t);
    });
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
      record(error_at(code_[t].offset, "stack-height-mismatch",
                      "reached with stack height " + std::to_string(height) + " from offset " +
                          std::to_string(from) + " but with stack height " +
                          std::to_string(height_[t]) + " " + earlier),
             code_[t].offset);
    }
    return false;
  }

  void record(Error error, uint32_t offset) {
    if (first_error_ && first_error_offset_ <= offset) return;
    first_error_ = std::move(error);
    first_error_offset_ = offset;
  }

  /// The height after `ins`, or kUnknown after recording why it cannot run.
  int32_t height_after(const Instruction& ins, int32_t height) {
    const OpInfo& info = op_info(ins.op);
    const auto needs_error = [&](std::string_view rule, const std::string& what, uint32_t needed,
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
      if (static_cast<uint32_t>(height) <= ins.imm)
        return needs_error("bad-stack-index", name_of(ins.op) + " " + std::to_string(ins.imm),
                           ins.imm + 1);
    } else if (ins.op == Op::CALLF) {
      const FunctionInfo& callee = c_.functions[ins.imm];
      pops = callee.params;
      pushes = callee.results;
      if (static_cast<uint32_t>(height) < pops)
        return needs_error("stack-underflow", "CALLF " + std::to_string(ins.imm), pops,
                           " (the parameters of function " + std::to_string(ins.imm) + ")");
    } else if (ins.op == Op::RETF) {
      if (height != fn_.results) {
        record(error_at(ins.offset, "bad-return-height",
                        "RETF needs exactly " + count_of(fn_.results, "item", "items") +
                            " (the results of function " + std::to_string(index_) +
                            "), the stack has " + std::to_string(height)),
               ins.offset);
        return kUnknown;
      }
    } else if (static_cast<uint32_t>(height) < pops) {
      return needs_error("stack-underflow", name_of(ins.op), pops);
    }
    return check_limit(ins, height - static_cast<int32_t>(pops) + static_cast<int32_t>(pushes));
  }

  int32_t check_limit(const Instruction& ins, int32_t after) {
    const int32_t limit = settings_.unbounded ? ContainerLimits::kMaxStack : fn_.max_stack;
    if (after <= limit) return after;
    const std::string what = settings_.unbounded
                                 ? "the limit of " + std::to_string(limit)
                                 : "the declared max_stack of " + std::to_string(limit);
    record(error_at(ins.offset, "max-stack-exceeded",
                    name_of(ins.op) + " raises the stack height to " + std::to_string(after) +
                        ", above " + what),
           ins.offset);
    return kUnknown;
  }

  /// Phase 4: every instruction must be reachable from the entry.
  std::optional<Error> check_reachable() const {
    for (size_t i = 0; i < code_.size(); ++i)
      if (height_[i] == kUnknown)
        return error_at(code_[i].offset, "unreachable-code",
                        "no path from the function entry reaches this " + name_of(code_[i].op));
    return std::nullopt;
  }

  /// The block heads, marked per instruction.
  std::vector<bool> block_heads() const {
    std::vector<bool> head(code_.size(), false);
    head[0] = true;
    for (size_t i = 0; i < code_.size(); ++i) {
      const Instruction& ins = code_[i];
      for_each_target(c_.code, ins, [&](uint32_t target, int64_t) {
        head[static_cast<size_t>(index_at_[target - start_])] = true;
      });
      if (ins.op == Op::JUMPI || ins.op == Op::CALLF) head[i + 1] = true;
    }
    return head;
  }

  /// The basic blocks and their static gas. With no unreachable code, every
  /// instruction after a JUMP, JUMPTABLE or terminator is a jump target, so each block
  /// simply runs up to the next head.
  Result<FunctionAnalysis> analyse_blocks() const {
    const std::vector<bool> head = block_heads();
    FunctionAnalysis analysis;
    analysis.max_stack = static_cast<uint16_t>(max_stack_);
    uint64_t gas = 0;
    for (size_t i = 0; i < code_.size(); ++i) {
      if (head[i]) {
        analysis.blocks.push_back(BasicBlock{code_[i].offset, 0});
        gas = 0;
      }
      gas += instruction_static_gas(c_, code_[i].op, code_[i].imm);
      if (gas > std::numeric_limits<uint32_t>::max())
        return error_at(analysis.blocks.back().start, "block-gas-overflow",
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
  std::optional<Error> first_error_;  ///< the lowest-offset error of the flow phase
  uint32_t first_error_offset_ = 0;
};

Result<CodeAnalysis> validate_with(const Container& c, const Settings& settings) {
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

}  // namespace

Result<CodeAnalysis> validate(const Container& c, const ValidationOptions& options) {
  return validate_with(c, Settings{false, options.allow_cheats});
}

Result<CodeAnalysis> analyze_unbounded(const Container& c, const ValidationOptions& options) {
  return validate_with(c, Settings{true, options.allow_cheats});
}

uint32_t instruction_static_gas(const Container& c, Op op, uint32_t imm) {
  const uint32_t gas = op_info(op).gas;
  if (op != Op::CALLF || imm >= c.functions.size()) return gas;
  return gas + c.functions[imm].locals;
}

}  // namespace tenet::vm
