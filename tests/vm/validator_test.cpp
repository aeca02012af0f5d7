// The deployment-time validator: one test per rule with the rule and the place it reports
// (its id, not its sentence; ValidatorMessages checks how messages are rendered), the block
// and gas analysis of a program with loops, a JUMPTABLE and a call, and linearity.
// Containers are built directly (no assembler) so each test shows its exact bytes.
#include "tenet/vm/validator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

/// Lays functions out one after another in the code section; jump targets are labels
/// resolved to absolute offsets when the container is built.
class Builder {
 public:
  /// Starts a new function (ending the previous one).
  Builder& fn(uint8_t params = 0, uint8_t results = 0, uint16_t locals = 0, uint16_t max_stack = 16,
              uint8_t flags = 0) {
    end_function();
    c_.functions.push_back(FunctionInfo{here(), 0, params, results, locals, max_stack, flags});
    return *this;
  }
  Builder& op(Op o) {
    c_.code.push_back(static_cast<uint8_t>(o));
    return *this;
  }
  Builder& u8(uint8_t v) { return bytes(v, 1); }
  Builder& u16(uint32_t v) { return bytes(v, 2); }
  Builder& u32(uint32_t v) { return bytes(v, 4); }
  Builder& op8(Op o, uint8_t v) { return op(o).u8(v); }
  Builder& op16(Op o, uint16_t v) { return op(o).u16(v); }
  /// JUMP or JUMPI to a label.
  Builder& jump(Op o, const std::string& label) {
    op(o);
    return ref(label);
  }
  /// JUMPTABLE with a default and the entries.
  Builder& table(const std::string& fallback, const std::vector<std::string>& entries) {
    op(Op::JUMPTABLE).u16(static_cast<uint32_t>(entries.size()));
    ref(fallback);
    for (const auto& e : entries) ref(e);
    return *this;
  }
  Builder& label(const std::string& name) {
    labels_[name] = here();
    return *this;
  }
  /// Repeats the instructions that `body` appends.
  template <class Body>
  Builder& repeat(size_t n, Body body) {
    for (size_t i = 0; i < n; ++i) body(*this);
    return *this;
  }
  uint32_t here() const { return static_cast<uint32_t>(c_.code.size()); }
  Container& container() { return c_; }

  Container build() {
    end_function();
    for (auto [at, name] : fixups_) {
      const uint32_t target = labels_.at(name);
      for (unsigned i = 0; i < 4; ++i)
        c_.code[at + i] = static_cast<uint8_t>(target >> (24 - 8 * i));
    }
    return c_;
  }

 private:
  Builder& bytes(uint32_t v, unsigned n) {
    for (unsigned i = n; i-- > 0;) c_.code.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  Builder& ref(const std::string& name) {
    fixups_.emplace_back(here(), name);
    return u32(0);
  }
  void end_function() {
    if (!c_.functions.empty())
      c_.functions.back().code_size = here() - c_.functions.back().code_offset;
  }

  Container c_;
  std::map<std::string, uint32_t> labels_;
  std::vector<std::pair<uint32_t, std::string>> fixups_;
};

/// A container of one function (0 params/results) holding `body`'s instructions.
template <class Body>
Container one_function(Body body, uint16_t max_stack = 16) {
  Builder b;
  b.fn(0, 0, 0, max_stack);
  body(b);
  return b.build();
}

using Rule = ValidationRule;
using Site = ValidationSite;

/// What a failed validation reports, without the sentence: the rule and where.
struct Failure {
  Rule rule{};
  Site site = Site::Code;
  uint32_t index = 0;   ///< export or function index
  uint32_t offset = 0;  ///< code offset (Site::Code)
  friend bool operator==(const Failure&, const Failure&) = default;
};

void PrintTo(const Failure& f, std::ostream* os) {
  *os << rule_name(f.rule) << " (site " << static_cast<int>(f.site) << ", index " << f.index
      << ", offset " << f.offset << ")";
}

/// A code rule broken by the instruction of function `function` at code offset `offset`.
Failure code_failure(Rule rule, uint32_t function, uint32_t offset) {
  return {rule, Site::Code, function, offset};
}

/// A table rule broken at `site` (entry `index` of the export or function table).
Failure table_failure(Rule rule, Site site, uint32_t index) {
  return {rule, site, index, 0};
}

std::optional<Failure> failure_in(const ValidationResult<CodeAnalysis>& r) {
  if (r.ok()) return std::nullopt;
  const ValidationError& e = r.error();
  return Failure{e.rule, e.site, e.index, e.offset};
}

std::optional<Failure> failure_of(const Container& c, const ValidationOptions& options = {}) {
  return failure_in(validate(c, options));
}

std::optional<Failure> unbounded_failure_of(const Container& c) {
  return failure_in(analyze_unbounded(c));
}

/// The rendered message, or "(valid)".
std::string message_of(const Container& c) {
  auto r = validate(c);
  return r.ok() ? "(valid)" : r.error().message;
}

Container stop_function() {
  return one_function([](Builder& b) { b.op(Op::STOP); });
}

std::vector<std::pair<uint32_t, uint32_t>> blocks_of(const FunctionAnalysis& fa) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const BasicBlock& block : fa.blocks) out.emplace_back(block.start, block.gas);
  return out;
}

// ---- table-level rules ----------------------------------------------------------------

TEST(ValidatorTables, BadConstructorIndex) {
  Container c = stop_function();
  c.constructor = 1;
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadConstructorIndex, Site::Constructor, 0));
}

TEST(ValidatorTables, BadReceiveIndex) {
  Container c = stop_function();
  c.receive = 7;
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadReceiveIndex, Site::Receive, 0));
}

TEST(ValidatorTables, BadExportIndex) {
  Builder b;
  for (int i = 0; i < 4; ++i) b.fn().op(Op::STOP);
  Container c = b.build();
  c.exports = {{{0, 0, 0, 1}, 0}, {{0, 0, 0, 2}, 1}, {{0, 0, 0, 3}, 2}, {{0, 0, 0, 4}, 9}};
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadExportIndex, Site::Export, 3));
}

TEST(ValidatorTables, UnsortedExports) {
  Container c = stop_function();
  c.exports = {{{0xaa, 0, 0, 1}, 0}, {{0x12, 0x34, 0x56, 0x78}, 0}};
  EXPECT_EQ(failure_of(c), table_failure(Rule::UnsortedExports, Site::Export, 1));
}

TEST(ValidatorTables, DuplicateExportsAreUnsorted) {
  Container c = stop_function();
  c.exports = {{{1, 2, 3, 4}, 0}, {{1, 2, 3, 4}, 0}};
  EXPECT_EQ(failure_of(c), table_failure(Rule::UnsortedExports, Site::Export, 1));
}

TEST(ValidatorTables, BadEntrySignature) {
  Builder b;
  b.fn().op(Op::STOP);
  b.fn(1, 0).op(Op::STOP);
  b.fn(0, 2).op(Op::STOP);
  Container c = b.build();
  c.exports = {{{0, 0, 0, 1}, 0}, {{0, 0, 0, 2}, 1}};
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadEntrySignature, Site::Export, 1));
  c.exports.pop_back();
  c.constructor = 2;
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadEntrySignature, Site::Constructor, 0));
  c.constructor = kNoFunction;
  c.functions[1].flags = kFlagPayable;
  c.receive = 1;
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadEntrySignature, Site::Receive, 0));
}

TEST(ValidatorTables, ReceiveNotPayable) {
  Container c = stop_function();
  c.receive = 0;
  EXPECT_EQ(failure_of(c), table_failure(Rule::ReceiveNotPayable, Site::Receive, 0));
  c.functions[0].flags = kFlagPayable;
  EXPECT_EQ(failure_of(c), std::nullopt);
}

TEST(ValidatorTables, TooManyLocals) {
  Container c = stop_function();
  c.functions[0].params = 2;
  c.functions[0].locals = ContainerLimits::kMaxLocals - 1;
  EXPECT_EQ(failure_of(c), table_failure(Rule::TooManyLocals, Site::Function, 0));
  c.functions[0].locals = ContainerLimits::kMaxLocals - 2;
  EXPECT_EQ(failure_of(c), std::nullopt);
}

TEST(ValidatorTables, MaxStackLimit) {
  Container c = stop_function();
  c.functions[0].max_stack = ContainerLimits::kMaxStack + 1;
  EXPECT_EQ(failure_of(c), table_failure(Rule::MaxStackLimit, Site::Function, 0));
  EXPECT_EQ(unbounded_failure_of(c), std::nullopt);  // the assembler fills max_stack in afterwards
}

TEST(ValidatorTables, BadFunctionBounds) {
  Container c = stop_function();
  c.functions[0].code_size = 2;
  EXPECT_EQ(failure_of(c), table_failure(Rule::BadFunctionBounds, Site::Function, 0));
}

// ---- code-level rules: decoding and indices -------------------------------------------

TEST(ValidatorCode, UnknownOpcode) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP); });
  c.code.push_back(0xfe);
  c.functions[0].code_size = 3;
  EXPECT_EQ(failure_of(c), code_failure(Rule::UnknownOpcode, 0, 2));
}

TEST(ValidatorCode, TruncatedImmediate) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP).op(Op::PUSH4).u16(1); });
  EXPECT_EQ(failure_of(c), code_failure(Rule::TruncatedImmediate, 0, 2));
}

TEST(ValidatorCode, TruncatedImmediateStopsAtTheFunctionEnd) {
  // The bytes that PUSH4 would need exist, but belong to the next function.
  Builder b;
  b.fn().op(Op::PUSH4).u16(0);
  b.fn().op(Op::STOP).op(Op::STOP);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::TruncatedImmediate, 0, 0));
}

TEST(ValidatorCode, TruncatedJumpTable) {
  Container short_count = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u8(0); });
  EXPECT_EQ(failure_of(short_count), code_failure(Rule::TruncatedImmediate, 0, 1));
  Container short_targets = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(0).u32(0).u16(0); });
  EXPECT_EQ(failure_of(short_targets), code_failure(Rule::TruncatedImmediate, 0, 1));
}

TEST(ValidatorCode, TestOnlyInstruction) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op16(Op::CHEAT, 3).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::TestOnlyInstruction, 0, 2));
}

TEST(ValidatorCode, CheatAcceptedWithAllowCheats) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op16(Op::CHEAT, 3).op(Op::POP).op(Op::STOP);
  });
  auto r = validate(c, ValidationOptions{.allow_cheats = true});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->functions[0].max_stack, 2);
  EXPECT_EQ(blocks_of(r->functions[0]), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 3}}));
}

TEST(ValidatorCode, JumpOutsideTheFunction) {
  Builder b;
  b.fn().op(Op::STOP);
  b.fn().jump(Op::JUMP, "elsewhere");
  b.fn().label("elsewhere").op(Op::STOP);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::BadJumpTarget, 1, 1));
}

TEST(ValidatorCode, JumpIntoAnImmediate) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPI).u32(3).op8(Op::PUSH1, 1).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadJumpTarget, 0, 1));
}

TEST(ValidatorCode, JumpTableTargetIntoAnImmediate) {
  // PUSH0 at 0, JUMPTABLE at 1..15 (default 16, entry 0 -> 16, entry 1 -> 2), STOP at 16.
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(16).u32(16).u32(2).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadJumpTarget, 0, 1));
  Container d = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(0).u32(99).op(Op::STOP); });
  EXPECT_EQ(failure_of(d), code_failure(Rule::BadJumpTarget, 0, 1));
}

TEST(ValidatorCode, BadFunctionIndex) {
  Container c = one_function([](Builder& b) { b.op16(Op::CALLF, 2).op(Op::STOP); });
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadFunctionIndex, 0, 0));
}

TEST(ValidatorCode, BadLocalIndex) {
  Builder b;
  b.fn(0, 0, 0).op(Op::STOP);
  b.fn(1, 0, 2).op16(Op::LGET, 2).op16(Op::LTEE, 3).op(Op::STOP);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::BadLocalIndex, 1, 4));
}

TEST(ValidatorCode, BadConstantIndex) {
  Container c = one_function([](Builder& b) { b.op16(Op::PUSHC, 1).op(Op::POP).op(Op::STOP); });
  c.constants.push_back(Word{});
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadConstantIndex, 0, 0));
}

TEST(ValidatorCode, BadChildIndex) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op16(Op::CREATE, 0).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadChildIndex, 0, 3));
  c.children.push_back({1, 2, 3});
  EXPECT_EQ(failure_of(c), std::nullopt);
}

TEST(ValidatorCode, FallsOffEnd) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP); });
  EXPECT_EQ(failure_of(c), code_failure(Rule::FallsOffEnd, 0, 1));
  Container d =
      one_function([](Builder& b) { b.label("top").op(Op::PUSH0).jump(Op::JUMPI, "top"); });
  EXPECT_EQ(failure_of(d), code_failure(Rule::FallsOffEnd, 0, 1));
}

TEST(ValidatorCode, JumpTableMayEndAFunction) {
  Container c =
      one_function([](Builder& b) { b.label("top").op(Op::PUSH0).table("top", {"top"}); });
  EXPECT_EQ(failure_of(c), std::nullopt);
}

// ---- code-level rules: stack heights ---------------------------------------------------

TEST(ValidatorStack, StackUnderflow) {
  Builder b;
  b.fn().op(Op::PUSH0).op16(Op::PUSHC, 0).op(Op::ADD).op(Op::PUSH4).u32(0).op(Op::STOP);
  b.fn().op(Op::PUSH0).op(Op::ADD).op(Op::POP).op(Op::STOP);
  Container c = b.build();
  c.constants.push_back(Word{});
  EXPECT_EQ(c.functions[1].code_offset, 11u);
  EXPECT_EQ(failure_of(c), code_failure(Rule::StackUnderflow, 1, 12));
}

TEST(ValidatorStack, ReturnNeedsItsOperands) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::RETURN); });
  EXPECT_EQ(failure_of(c), code_failure(Rule::StackUnderflow, 0, 1));
}

TEST(ValidatorStack, TerminatorsAcceptAnyHeight) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op(Op::JUMPI).u32(9).op(Op::STOP);
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::REVERT);
  });
  EXPECT_EQ(failure_of(c), std::nullopt);
}

TEST(ValidatorStack, CallNeedsTheCalleeParameters) {
  Builder b;
  b.fn().op(Op::PUSH0).op16(Op::CALLF, 1).op(Op::STOP);
  b.fn(2, 1).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::StackUnderflow, 0, 1));
}

TEST(ValidatorStack, BadStackIndex) {
  Container dup =
      one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 2).op(Op::STOP); });
  EXPECT_EQ(failure_of(dup), code_failure(Rule::BadStackIndex, 0, 2));
  Container swap = one_function([](Builder& b) { b.op(Op::PUSH0).op8(Op::SWAP, 1).op(Op::STOP); });
  EXPECT_EQ(failure_of(swap), code_failure(Rule::BadStackIndex, 0, 1));
  Container swap0 = one_function([](Builder& b) { b.op(Op::PUSH0).op8(Op::SWAP, 0).op(Op::STOP); });
  EXPECT_EQ(failure_of(swap0), code_failure(Rule::BadStackIndex, 0, 1));
  Container ok = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 1).op8(Op::SWAP, 2).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(ok), std::nullopt);
}

TEST(ValidatorStack, BackwardJumpWithMatchingHeightAccepted) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).label("loop").op(Op::PUSH0).op(Op::POP).op(Op::PUSH0).jump(Op::JUMPI, "loop");
    b.op(Op::POP).op(Op::STOP);
  });
  auto r = validate(c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->functions[0].max_stack, 2);
  EXPECT_EQ(blocks_of(r->functions[0]),
            (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 6}, {9, 1}}));
}

TEST(ValidatorStack, BackwardJumpWithMismatchingHeightRejected) {
  Container c =
      one_function([](Builder& b) { b.label("loop").op(Op::PUSH0).jump(Op::JUMP, "loop"); });
  EXPECT_EQ(failure_of(c), code_failure(Rule::StackHeightMismatch, 0, 0));
}

TEST(ValidatorStack, ForwardMergeWithMismatchingHeightRejected) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).jump(Op::JUMPI, "join").op(Op::PUSH0).label("join").op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::StackHeightMismatch, 0, 7));
}

TEST(ValidatorStack, MaxStackExceeded) {
  Container c = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 0).op(Op::STOP); }, 2);
  EXPECT_EQ(failure_of(c), code_failure(Rule::MaxStackExceeded, 0, 2));
}

TEST(ValidatorStack, CallResultsCountTowardsMaxStack) {
  Builder b;
  b.fn(0, 0, 0, 2).op(Op::PUSH0).op16(Op::CALLF, 1).op(Op::STOP);
  b.fn(1, 3, 0, 3).op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::MaxStackExceeded, 0, 1));
}

TEST(ValidatorStack, BadReturnHeight) {
  Builder b;
  b.fn().op16(Op::CALLF, 1).op(Op::POP).op(Op::STOP);
  b.fn(0, 1).op(Op::PUSH0).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(failure_of(b.build()), code_failure(Rule::BadReturnHeight, 1, 7));
}

TEST(ValidatorStack, UnreachableCode) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).jump(Op::JUMPI, "end").op(Op::STOP).op(Op::ADD).label("end").op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::UnreachableCode, 0, 7));
}

TEST(ValidatorStack, ReportsTheFirstErrorInCodeOrder) {
  // The worklist meets the POP at 13 before the POP at 5; the lower offset is reported.
  Container c = one_function([](Builder& b) {
    b.jump(Op::JUMP, "start");
    b.label("a").op(Op::POP).op(Op::STOP);
    b.label("start").op(Op::PUSH0).jump(Op::JUMPI, "a").op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(failure_of(c), code_failure(Rule::StackUnderflow, 0, 5));
}

TEST(ValidatorStack, StaticErrorsBeforeDecodeErrorsInCodeOrder) {
  Container c = one_function([](Builder& b) { b.op16(Op::LGET, 0).op(Op::STOP); });
  c.code.push_back(0xff);
  c.functions[0].code_size = 5;
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadLocalIndex, 0, 0));
}

TEST(ValidatorStack, JumpBeforeADecodeErrorIsCheckedWhereKnown) {
  // JUMP at 0 targets 6, inside PUSH1's immediate; the unknown byte at 7 comes later.
  Container c = one_function([](Builder& b) { b.op(Op::JUMP).u32(6).op8(Op::PUSH1, 0); });
  c.code.push_back(0xff);
  c.functions[0].code_size = 8;
  EXPECT_EQ(failure_of(c), code_failure(Rule::BadJumpTarget, 0, 0));
  c.code[4] = 7;  // now it targets the undecodable byte itself
  EXPECT_EQ(failure_of(c), code_failure(Rule::UnknownOpcode, 0, 7));
}

// ---- rendered messages ----------------------------------------------------------------

TEST(ValidatorMessages, SiteRuleNameAndDetail) {
  // A code error: the function, the offset, the rule's name and the detail.
  Builder b;
  b.fn().op(Op::PUSH0).op16(Op::PUSHC, 0).op(Op::ADD).op(Op::PUSH4).u32(0).op(Op::STOP);
  b.fn().op(Op::PUSH0).op(Op::ADD).op(Op::POP).op(Op::STOP);
  Container c = b.build();
  c.constants.push_back(Word{});
  auto r = validate(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "function 1 at offset 12: stack-underflow: ADD needs 2 items, the stack has 1");
  EXPECT_EQ(r.error().detail, "ADD needs 2 items, the stack has 1");
  EXPECT_EQ(r.error().rule, Rule::StackUnderflow);

  // Table errors name the entry.
  Container e = stop_function();
  e.exports = {{{0xaa, 0, 0, 1}, 0}, {{0x12, 0x34, 0x56, 0x78}, 0}};
  EXPECT_EQ(message_of(e),
            "export 1: unsorted-exports: selector 0x12345678 sorts before selector 0xaa000001 of "
            "export 0 (selectors must be strictly ascending)");
  Container k = stop_function();
  k.constructor = 1;
  EXPECT_EQ(message_of(k),
            "constructor: bad-constructor-index: function 1 does not exist (the container has 1 "
            "function)");
  Container v = stop_function();
  v.receive = 0;
  EXPECT_EQ(message_of(v),
            "receive: receive-not-payable: function 0 receives plain value transfers and must be "
            "marked payable");
  Container f = stop_function();
  f.functions[0].params = 2;
  f.functions[0].locals = ContainerLimits::kMaxLocals - 1;
  EXPECT_EQ(message_of(f),
            "function 0: too-many-locals: 2 parameters and 4095 locals exceed the limit of 4096");
}

TEST(ValidatorMessages, DecodeErrors) {
  Container unknown = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP); });
  unknown.code.push_back(0xfe);
  unknown.functions[0].code_size = 3;
  EXPECT_EQ(message_of(unknown),
            "function 0 at offset 2: unknown-opcode: byte 0xfe is not an instruction");
  Container short_count = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u8(0); });
  EXPECT_EQ(message_of(short_count),
            "function 0 at offset 1: truncated-immediate: JUMPTABLE needs at least 6 immediate "
            "bytes, the function has 1 left");
  Container short_targets = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(0).u32(0).u16(0); });
  EXPECT_EQ(message_of(short_targets),
            "function 0 at offset 1: truncated-immediate: JUMPTABLE needs 14 immediate bytes, the "
            "function has 12 left");
}

TEST(ValidatorMessages, JumpTargets) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(16).u32(16).u32(2).op(Op::STOP);
  });
  EXPECT_EQ(message_of(c),
            "function 0 at offset 1: bad-jump-target: JUMPTABLE entry 1 target 2 is not an "
            "instruction start");
  Container d = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(0).u32(99).op(Op::STOP); });
  EXPECT_EQ(message_of(d),
            "function 0 at offset 1: bad-jump-target: JUMPTABLE default target 99 is outside the "
            "function (offsets 0..8)");
  Container e = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPI).u32(3).op8(Op::PUSH1, 1).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(message_of(e),
            "function 0 at offset 1: bad-jump-target: JUMPI target 3 is not an instruction start");
}

// ---- analysis -------------------------------------------------------------------------

/// Function 0 counts local 0 from 0 to 10; each round switches on i % 3 (a call, a
/// conditional, a default). Function 1 squares its argument.
Container loop_switch_call() {
  Builder b;
  b.fn(0, 0, 1, 2);
  b.op(Op::PUSH0).op16(Op::LSET, 0);                                                  // 0, 1
  b.label("loop").op16(Op::LGET, 0).op8(Op::PUSH1, 10).op(Op::LT).op(Op::ISZERO);     // 4..10
  b.jump(Op::JUMPI, "done");                                                          // 11
  b.op16(Op::LGET, 0).op8(Op::PUSH1, 3).op(Op::MOD);                                  // 16, 19, 21
  b.table("default", {"call", "branch"});                                             // 22
  b.label("call").op16(Op::LGET, 0).op16(Op::CALLF, 1);                               // 37, 40
  b.op(Op::POP).jump(Op::JUMP, "next");                                               // 43, 44
  b.label("branch").op(Op::PUSH0).jump(Op::JUMPI, "next");                            // 49, 50
  b.jump(Op::JUMP, "next");                                                           // 55
  b.label("default").jump(Op::JUMP, "next");                                          // 60
  b.label("next").op16(Op::LGET, 0).op8(Op::PUSH1, 1).op(Op::ADD).op16(Op::LSET, 0);  // 65..71
  b.jump(Op::JUMP, "loop");                                                           // 74
  b.label("done").op(Op::STOP);                                                       // 79
  b.fn(1, 1, 2, 2);
  b.op16(Op::LGET, 0).op8(Op::DUP, 0).op(Op::MUL).op(Op::RETF);  // 80, 83, 85, 86
  Container c = b.build();
  c.exports = {{{0x11, 0x22, 0x33, 0x44}, 0}};
  return c;
}

TEST(ValidatorAnalysis, BlocksAndGasOfLoopsTablesAndCalls) {
  auto r = validate(loop_switch_call());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->functions.size(), 2u);
  EXPECT_EQ(blocks_of(r->functions[0]), (std::vector<std::pair<uint32_t, uint32_t>>{
                                            {0, 2},    // PUSH0 LSET
                                            {4, 11},   // loop: LGET PUSH1 LT ISZERO JUMPI
                                            {16, 12},  // LGET PUSH1 MOD JUMPTABLE
                                            {37, 8},   // call: LGET CALLF (5 + 2 callee locals)
                                            {43, 3},   // POP JUMP (after CALLF)
                                            {49, 4},   // branch: PUSH0 JUMPI
                                            {55, 2},   // JUMP (after JUMPI)
                                            {60, 2},   // default: JUMP
                                            {65, 8},   // next: LGET PUSH1 ADD LSET JUMP
                                            {79, 0},   // done: STOP
                                        }));
  EXPECT_EQ(r->functions[0].max_stack, 2);
  EXPECT_EQ(blocks_of(r->functions[1]), (std::vector<std::pair<uint32_t, uint32_t>>{{80, 9}}));
  EXPECT_EQ(r->functions[1].max_stack, 2);
}

TEST(ValidatorAnalysis, CallStaticGasIncludesTheFrameFee) {
  Container c = loop_switch_call();
  EXPECT_EQ(instruction_static_gas(c, Op::CALLF, 1), 7u);
  EXPECT_EQ(instruction_static_gas(c, Op::CALLF, 0), 6u);
  EXPECT_EQ(instruction_static_gas(c, Op::ADD, 0), 3u);
  EXPECT_EQ(instruction_static_gas(c, Op::CREATE, 0), 32000u);
}

TEST(ValidatorAnalysis, MaxStackIsTheHighestHeightReached) {
  Container c = one_function(
      [](Builder& b) {
        b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op(Op::ADD).op(Op::ADD).op(Op::POP).op(
            Op::STOP);
      },
      5);
  auto r = validate(c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->functions[0].max_stack, 3);
}

TEST(ValidatorAnalysis, UnboundedIgnoresTheDeclaredMaxStack) {
  Container c = one_function(
      [](Builder& b) { b.repeat(5, [](Builder& x) { x.op(Op::PUSH0); }).op(Op::STOP); }, 0);
  EXPECT_EQ(failure_of(c), code_failure(Rule::MaxStackExceeded, 0, 0));
  auto r = analyze_unbounded(c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->functions[0].max_stack, 5);
}

TEST(ValidatorAnalysis, UnboundedStillEnforcesTheGlobalLimit) {
  Container c = one_function(
      [](Builder& b) {
        b.repeat(ContainerLimits::kMaxStack + 1, [](Builder& x) { x.op(Op::PUSH0); }).op(Op::STOP);
      },
      0);
  EXPECT_EQ(unbounded_failure_of(c), code_failure(Rule::MaxStackExceeded, 0, 1024));
}

TEST(ValidatorAnalysis, BlockGasOverflow) {
  // Each round costs 32002 gas in 5 bytes; 134218 rounds exceed 2^32 - 1.
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0);
    b.repeat(134218, [](Builder& x) { x.op16(Op::CREATE, 0).op(Op::PUSH0).op(Op::PUSH0); });
    b.op(Op::STOP);
  });
  c.children.push_back({0});
  EXPECT_EQ(failure_of(c), code_failure(Rule::BlockGasOverflow, 0, 0));
}

TEST(ValidatorAnalysis, LongStraightLineIsLinear) {
  constexpr size_t kPairs = 50'000;  // 100k instructions
  Container c = one_function(
      [](Builder& b) {
        b.repeat(kPairs, [](Builder& x) { x.op(Op::PUSH0).op(Op::POP); }).op(Op::STOP);
      },
      1);
  auto r = validate(c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(blocks_of(r->functions[0]),
            (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2 * kPairs}}));
  EXPECT_EQ(r->functions[0].max_stack, 1);
}

TEST(ValidatorAnalysis, LongChainOfJumpsIsLinear) {
  constexpr size_t kJumps = 20'000;  // every instruction a block head
  Container c = one_function([](Builder& b) {
    for (size_t i = 0; i < kJumps; ++i)
      b.jump(Op::JUMP, "l" + std::to_string(i)).label("l" + std::to_string(i));
    b.op(Op::STOP);
  });
  auto r = validate(c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->functions[0].blocks.size(), kJumps + 1);
  EXPECT_EQ(r->functions[0].blocks.back().start, 5 * kJumps);
}

TEST(ValidatorAnalysis, Deterministic) {
  const Container good = loop_switch_call();
  auto a = validate(good);
  auto b = validate(good);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->functions.size(), b->functions.size());
  for (size_t f = 0; f < a->functions.size(); ++f) {
    EXPECT_EQ(blocks_of(a->functions[f]), blocks_of(b->functions[f]));
    EXPECT_EQ(a->functions[f].max_stack, b->functions[f].max_stack);
  }
  Container bad = good;
  bad.code[79] = static_cast<uint8_t>(Op::POP);  // done: POP underflows, and falls off the end
  const std::optional<Failure> first = failure_of(bad);
  EXPECT_EQ(first, code_failure(Rule::FallsOffEnd, 0, 79));
  const std::string message = message_of(bad);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(failure_of(bad), first);
    EXPECT_EQ(message_of(bad), message);
  }
}

}  // namespace
}  // namespace tenet::vm
