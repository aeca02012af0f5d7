// The deployment-time validator: one test per rule with its exact message, the block
// and gas analysis of a program with loops, a JUMPTABLE and a call, and linearity.
// Containers are built directly (no assembler) so each test shows its exact bytes.
#include "tenet/vm/validator.hpp"

#include <gtest/gtest.h>

#include <map>
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

std::string error_of(const Container& c, const ValidationOptions& options = {}) {
  auto r = validate(c, options);
  if (r.ok()) return "(valid)";
  return r.error().message;
}

std::string unbounded_error_of(const Container& c) {
  auto r = analyze_unbounded(c);
  if (r.ok()) return "(valid)";
  return r.error().message;
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
  EXPECT_EQ(error_of(c),
            "constructor: bad-constructor-index: function 1 does not exist (the container has 1 "
            "function)");
}

TEST(ValidatorTables, BadReceiveIndex) {
  Container c = stop_function();
  c.receive = 7;
  EXPECT_EQ(error_of(c),
            "receive: bad-receive-index: function 7 does not exist (the container has 1 function)");
}

TEST(ValidatorTables, BadExportIndex) {
  Builder b;
  for (int i = 0; i < 4; ++i) b.fn().op(Op::STOP);
  Container c = b.build();
  c.exports = {{{0, 0, 0, 1}, 0}, {{0, 0, 0, 2}, 1}, {{0, 0, 0, 3}, 2}, {{0, 0, 0, 4}, 9}};
  EXPECT_EQ(error_of(c),
            "export 3: bad-export-index: function 9 does not exist (the container has 4 "
            "functions)");
}

TEST(ValidatorTables, UnsortedExports) {
  Container c = stop_function();
  c.exports = {{{0xaa, 0, 0, 1}, 0}, {{0x12, 0x34, 0x56, 0x78}, 0}};
  EXPECT_EQ(error_of(c),
            "export 1: unsorted-exports: selector 0x12345678 sorts before selector 0xaa000001 of "
            "export 0 (selectors must be strictly ascending)");
}

TEST(ValidatorTables, DuplicateExportsAreUnsorted) {
  Container c = stop_function();
  c.exports = {{{1, 2, 3, 4}, 0}, {{1, 2, 3, 4}, 0}};
  EXPECT_EQ(error_of(c),
            "export 1: unsorted-exports: selector 0x01020304 repeats the selector of export 0 "
            "(selectors must be strictly ascending)");
}

TEST(ValidatorTables, BadEntrySignature) {
  Builder b;
  b.fn().op(Op::STOP);
  b.fn(1, 0).op(Op::STOP);
  b.fn(0, 2).op(Op::STOP);
  Container c = b.build();
  c.exports = {{{0, 0, 0, 1}, 0}, {{0, 0, 0, 2}, 1}};
  EXPECT_EQ(error_of(c),
            "export 1: bad-entry-signature: function 1 takes 1 parameter and returns 0 results; "
            "an entry point takes none and returns none");
  c.exports.pop_back();
  c.constructor = 2;
  EXPECT_EQ(error_of(c),
            "constructor: bad-entry-signature: function 2 takes 0 parameters and returns 2 "
            "results; an entry point takes none and returns none");
  c.constructor = kNoFunction;
  c.functions[1].flags = kFlagPayable;
  c.receive = 1;
  EXPECT_EQ(error_of(c),
            "receive: bad-entry-signature: function 1 takes 1 parameter and returns 0 results; an "
            "entry point takes none and returns none");
}

TEST(ValidatorTables, ReceiveNotPayable) {
  Container c = stop_function();
  c.receive = 0;
  EXPECT_EQ(error_of(c),
            "receive: receive-not-payable: function 0 receives plain value transfers and must be "
            "marked payable");
  c.functions[0].flags = kFlagPayable;
  EXPECT_EQ(error_of(c), "(valid)");
}

TEST(ValidatorTables, TooManyLocals) {
  Container c = stop_function();
  c.functions[0].params = 2;
  c.functions[0].locals = ContainerLimits::kMaxLocals - 1;
  EXPECT_EQ(error_of(c),
            "function 0: too-many-locals: 2 parameters and 4095 locals exceed the limit of 4096");
  c.functions[0].locals = ContainerLimits::kMaxLocals - 2;
  EXPECT_EQ(error_of(c), "(valid)");
}

TEST(ValidatorTables, MaxStackLimit) {
  Container c = stop_function();
  c.functions[0].max_stack = ContainerLimits::kMaxStack + 1;
  EXPECT_EQ(error_of(c),
            "function 0: max-stack-limit: the declared max_stack 1025 exceeds the limit of 1024");
  EXPECT_EQ(unbounded_error_of(c), "(valid)");  // the assembler fills max_stack in afterwards
}

TEST(ValidatorTables, BadFunctionBounds) {
  Container c = stop_function();
  c.functions[0].code_size = 2;
  EXPECT_EQ(error_of(c),
            "function 0: bad-function-bounds: its code (offset 0, size 2) is empty or runs past "
            "the code section (1 byte)");
}

// ---- code-level rules: decoding and indices -------------------------------------------

TEST(ValidatorCode, UnknownOpcode) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP); });
  c.code.push_back(0xfe);
  c.functions[0].code_size = 3;
  EXPECT_EQ(error_of(c), "function 0 at offset 2: unknown-opcode: byte 0xfe is not an instruction");
}

TEST(ValidatorCode, TruncatedImmediate) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP).op(Op::PUSH4).u16(1); });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 2: truncated-immediate: PUSH4 needs 4 immediate bytes, the "
            "function has 2 left");
}

TEST(ValidatorCode, TruncatedImmediateStopsAtTheFunctionEnd) {
  // The bytes that PUSH4 would need exist, but belong to the next function.
  Builder b;
  b.fn().op(Op::PUSH4).u16(0);
  b.fn().op(Op::STOP).op(Op::STOP);
  EXPECT_EQ(error_of(b.build()),
            "function 0 at offset 0: truncated-immediate: PUSH4 needs 4 immediate bytes, the "
            "function has 2 left");
}

TEST(ValidatorCode, TruncatedJumpTable) {
  Container short_count = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u8(0); });
  EXPECT_EQ(error_of(short_count),
            "function 0 at offset 1: truncated-immediate: JUMPTABLE needs at least 6 immediate "
            "bytes, the function has 1 left");
  Container short_targets = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(0).u32(0).u16(0); });
  EXPECT_EQ(error_of(short_targets),
            "function 0 at offset 1: truncated-immediate: JUMPTABLE needs 14 immediate bytes, the "
            "function has 12 left");
}

TEST(ValidatorCode, TestOnlyInstruction) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op16(Op::CHEAT, 3).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 2: test-only-instruction: CHEAT 3 is only allowed in test mode");
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
  EXPECT_EQ(error_of(b.build()),
            "function 1 at offset 1: bad-jump-target: JUMP target 6 is outside the function "
            "(offsets 1..5)");
}

TEST(ValidatorCode, JumpIntoAnImmediate) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPI).u32(3).op8(Op::PUSH1, 1).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 1: bad-jump-target: JUMPI target 3 is not an instruction start");
}

TEST(ValidatorCode, JumpTableTargetIntoAnImmediate) {
  // PUSH0 at 0, JUMPTABLE at 1..15 (default 16, entry 0 -> 16, entry 1 -> 2), STOP at 16.
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(2).u32(16).u32(16).u32(2).op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 1: bad-jump-target: JUMPTABLE entry 1 target 2 is not an "
            "instruction start");
  Container d = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::JUMPTABLE).u16(0).u32(99).op(Op::STOP); });
  EXPECT_EQ(error_of(d),
            "function 0 at offset 1: bad-jump-target: JUMPTABLE default target 99 is outside the "
            "function (offsets 0..8)");
}

TEST(ValidatorCode, BadFunctionIndex) {
  Container c = one_function([](Builder& b) { b.op16(Op::CALLF, 2).op(Op::STOP); });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: bad-function-index: CALLF function 2 does not exist (the "
            "container has 1 function)");
}

TEST(ValidatorCode, BadLocalIndex) {
  Builder b;
  b.fn(0, 0, 0).op(Op::STOP);
  b.fn(1, 0, 2).op16(Op::LGET, 2).op16(Op::LTEE, 3).op(Op::STOP);
  EXPECT_EQ(error_of(b.build()),
            "function 1 at offset 4: bad-local-index: LTEE local 3 does not exist (the function "
            "has 1 parameter and 2 locals)");
}

TEST(ValidatorCode, BadConstantIndex) {
  Container c = one_function([](Builder& b) { b.op16(Op::PUSHC, 1).op(Op::POP).op(Op::STOP); });
  c.constants.push_back(Word{});
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: bad-constant-index: PUSHC constant 1 does not exist (the "
            "container has 1 constant)");
}

TEST(ValidatorCode, BadChildIndex) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op16(Op::CREATE, 0).op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 3: bad-child-index: CREATE child 0 does not exist (the "
            "container has 0 children)");
  c.children.push_back({1, 2, 3});
  EXPECT_EQ(error_of(c), "(valid)");
}

TEST(ValidatorCode, FallsOffEnd) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::POP); });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 1: falls-off-end: the function ends with POP, after which "
            "execution would run past its end");
  Container d =
      one_function([](Builder& b) { b.label("top").op(Op::PUSH0).jump(Op::JUMPI, "top"); });
  EXPECT_EQ(error_of(d),
            "function 0 at offset 1: falls-off-end: the function ends with JUMPI, after which "
            "execution would run past its end");
}

TEST(ValidatorCode, JumpTableMayEndAFunction) {
  Container c =
      one_function([](Builder& b) { b.label("top").op(Op::PUSH0).table("top", {"top"}); });
  EXPECT_EQ(error_of(c), "(valid)");
}

// ---- code-level rules: stack heights ---------------------------------------------------

TEST(ValidatorStack, StackUnderflow) {
  Builder b;
  b.fn().op(Op::PUSH0).op16(Op::PUSHC, 0).op(Op::ADD).op(Op::PUSH4).u32(0).op(Op::STOP);
  b.fn().op(Op::PUSH0).op(Op::ADD).op(Op::POP).op(Op::STOP);
  Container c = b.build();
  c.constants.push_back(Word{});
  EXPECT_EQ(c.functions[1].code_offset, 11u);
  EXPECT_EQ(error_of(c),
            "function 1 at offset 12: stack-underflow: ADD needs 2 items, the stack has 1");
}

TEST(ValidatorStack, ReturnNeedsItsOperands) {
  Container c = one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::RETURN); });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 1: stack-underflow: RETURN needs 2 items, the stack has 1");
}

TEST(ValidatorStack, TerminatorsAcceptAnyHeight) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op(Op::JUMPI).u32(9).op(Op::STOP);
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::REVERT);
  });
  EXPECT_EQ(error_of(c), "(valid)");
}

TEST(ValidatorStack, CallNeedsTheCalleeParameters) {
  Builder b;
  b.fn().op(Op::PUSH0).op16(Op::CALLF, 1).op(Op::STOP);
  b.fn(2, 1).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(error_of(b.build()),
            "function 0 at offset 1: stack-underflow: CALLF 1 needs 2 items (the parameters of "
            "function 1), the stack has 1");
}

TEST(ValidatorStack, BadStackIndex) {
  Container dup =
      one_function([](Builder& b) { b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 2).op(Op::STOP); });
  EXPECT_EQ(error_of(dup),
            "function 0 at offset 2: bad-stack-index: DUP 2 needs 3 items, the stack has 2");
  Container swap = one_function([](Builder& b) { b.op(Op::PUSH0).op8(Op::SWAP, 1).op(Op::STOP); });
  EXPECT_EQ(error_of(swap),
            "function 0 at offset 1: bad-stack-index: SWAP 1 needs 2 items, the stack has 1");
  Container swap0 = one_function([](Builder& b) { b.op(Op::PUSH0).op8(Op::SWAP, 0).op(Op::STOP); });
  EXPECT_EQ(error_of(swap0),
            "function 0 at offset 1: bad-stack-index: SWAP 0 would swap the top with itself; the "
            "index must be at least 1");
  Container ok = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 1).op8(Op::SWAP, 2).op(Op::STOP);
  });
  EXPECT_EQ(error_of(ok), "(valid)");
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
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: stack-height-mismatch: reached with stack height 1 from "
            "offset 1 but with stack height 0 at the function entry");
}

TEST(ValidatorStack, ForwardMergeWithMismatchingHeightRejected) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).jump(Op::JUMPI, "join").op(Op::PUSH0).label("join").op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 7: stack-height-mismatch: reached with stack height 1 from "
            "offset 6 but with stack height 0 from offset 1");
}

TEST(ValidatorStack, MaxStackExceeded) {
  Container c = one_function(
      [](Builder& b) { b.op(Op::PUSH0).op(Op::PUSH0).op8(Op::DUP, 0).op(Op::STOP); }, 2);
  EXPECT_EQ(error_of(c),
            "function 0 at offset 2: max-stack-exceeded: DUP raises the stack height to 3, above "
            "the declared max_stack of 2");
}

TEST(ValidatorStack, CallResultsCountTowardsMaxStack) {
  Builder b;
  b.fn(0, 0, 0, 2).op(Op::PUSH0).op16(Op::CALLF, 1).op(Op::STOP);
  b.fn(1, 3, 0, 3).op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(error_of(b.build()),
            "function 0 at offset 1: max-stack-exceeded: CALLF raises the stack height to 3, above "
            "the declared max_stack of 2");
}

TEST(ValidatorStack, BadReturnHeight) {
  Builder b;
  b.fn().op16(Op::CALLF, 1).op(Op::POP).op(Op::STOP);
  b.fn(0, 1).op(Op::PUSH0).op(Op::PUSH0).op(Op::RETF);
  EXPECT_EQ(error_of(b.build()),
            "function 1 at offset 7: bad-return-height: RETF needs exactly 1 item (the results of "
            "function 1), the stack has 2");
}

TEST(ValidatorStack, UnreachableCode) {
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).jump(Op::JUMPI, "end").op(Op::STOP).op(Op::ADD).label("end").op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 7: unreachable-code: no path from the function entry reaches "
            "this ADD");
}

TEST(ValidatorStack, ReportsTheFirstErrorInCodeOrder) {
  // The worklist meets the POP at 13 before the POP at 5; the lower offset is reported.
  Container c = one_function([](Builder& b) {
    b.jump(Op::JUMP, "start");
    b.label("a").op(Op::POP).op(Op::STOP);
    b.label("start").op(Op::PUSH0).jump(Op::JUMPI, "a").op(Op::POP).op(Op::STOP);
  });
  EXPECT_EQ(error_of(c),
            "function 0 at offset 5: stack-underflow: POP needs 1 item, the stack has 0");
}

TEST(ValidatorStack, StaticErrorsBeforeDecodeErrorsInCodeOrder) {
  Container c = one_function([](Builder& b) { b.op16(Op::LGET, 0).op(Op::STOP); });
  c.code.push_back(0xff);
  c.functions[0].code_size = 5;
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: bad-local-index: LGET local 0 does not exist (the function "
            "has 0 parameters and 0 locals)");
}

TEST(ValidatorStack, JumpBeforeADecodeErrorIsCheckedWhereKnown) {
  // JUMP at 0 targets 6, inside PUSH1's immediate; the unknown byte at 7 comes later.
  Container c = one_function([](Builder& b) { b.op(Op::JUMP).u32(6).op8(Op::PUSH1, 0); });
  c.code.push_back(0xff);
  c.functions[0].code_size = 8;
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: bad-jump-target: JUMP target 6 is not an instruction start");
  c.code[4] = 7;  // now it targets the undecodable byte itself
  EXPECT_EQ(error_of(c), "function 0 at offset 7: unknown-opcode: byte 0xff is not an instruction");
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
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: max-stack-exceeded: PUSH0 raises the stack height to 1, above "
            "the declared max_stack of 0");
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
  EXPECT_EQ(unbounded_error_of(c),
            "function 0 at offset 1024: max-stack-exceeded: PUSH0 raises the stack height to 1025, "
            "above the limit of 1024");
}

TEST(ValidatorAnalysis, BlockGasOverflow) {
  // Each round costs 32002 gas in 5 bytes; 134218 rounds exceed 2^32 - 1.
  Container c = one_function([](Builder& b) {
    b.op(Op::PUSH0).op(Op::PUSH0).op(Op::PUSH0);
    b.repeat(134218, [](Builder& x) { x.op16(Op::CREATE, 0).op(Op::PUSH0).op(Op::PUSH0); });
    b.op(Op::STOP);
  });
  c.children.push_back({0});
  EXPECT_EQ(error_of(c),
            "function 0 at offset 0: block-gas-overflow: the static gas of the block starting here "
            "exceeds 4294967295");
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
  const std::string first = error_of(bad);
  EXPECT_EQ(first,
            "function 0 at offset 79: falls-off-end: the function ends with POP, after which "
            "execution would run past its end");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(error_of(bad), first);
}

}  // namespace
}  // namespace tenet::vm
