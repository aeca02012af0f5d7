// Gas estimates on hand-assembled containers whose exact bounds are computed by hand
// (static gas from docs/gas.md's table, worst-case dynamic costs, and the growth of
// memory and frames, one quadratic C(memory words + frame words): the frame words are
// the sum of params + locals + max stack over the longest chain of CALLFs, max stack as
// the assembler computes it over all the function's code).
#include "tenet/compiler/gas_estimate.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/gas.hpp"

namespace tenet::compiler {
namespace {

/// The estimate of the function exported as `f()` in `source`.
GasBound estimate_f(const std::string& source) {
  auto c = vm::assemble(source, "t.tasm");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  if (!c.ok()) return {};
  auto gas = estimate_gas(*c);
  EXPECT_TRUE(gas.ok());
  if (!gas.ok()) return {};
  const auto selector = vm::selector_of("f()");
  for (const ExportGas& e : gas->exports)
    if (e.selector == selector) return e.bound;
  ADD_FAILURE() << "f() is not exported";
  return {};
}

}  // namespace

/// Readable failures: "12345" or "unbounded (reason)".
void PrintTo(const GasBound& b, std::ostream* os) {
  if (b.gas)
    *os << *b.gas;
  else
    *os << "unbounded (" << b.reason << ")";
}

namespace {

GasBound bound(uint64_t gas) {
  return GasBound{gas, "", UnboundedCause::none, std::nullopt};
}
GasBound unbounded(UnboundedCause cause, std::optional<uint32_t> at, std::string reason) {
  return GasBound{std::nullopt, std::move(reason), cause, at};
}

TEST(GasEstimate, StraightLineIsTheSumOfStaticCosts) {
  // PUSH1 1 + PUSH1 1 + ADD 3 + POP 1 + STOP 0; frame: max stack 2, C(2) = 6.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH1 1\n PUSH1 2\n ADD\n POP\n STOP\n.end\n"),
            bound(6 + 6));
}

TEST(GasEstimate, BranchesTakeTheLongestPath) {
  // entry: CALLDATASIZE 2 + JUMPI 3 = 5; cheap side 2; SLOAD side 1 + 0 + 1 + 2100 (cold);
  // frame: max stack 1, C(1) = 3.
  const char* src = R"tasm(.fn f export="f()"
  CALLDATASIZE
  JUMPI big
  PUSH1 1
  POP
  STOP
big:
  PUSH1 0
  SLOAD
  POP
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(5 + 2102 + 3));
}

TEST(GasEstimate, MemoryGrowthAtAConstantAddress) {
  // 1 + 1 + 3 static; memory up to byte 0x60 = 3 words + a frame of 2 (max stack):
  // C(5) = 3·5 + 25/512 = 15.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH1 0x40\n PUSH1 7\n MSTORE\n STOP\n.end\n"),
            bound(5 + 15));
}

TEST(GasEstimate, FreePointerKeptInMemoryBoundsTheReturnedRange) {
  // Static 15 (see the comments); memory up to 0x80 + 32 = 5 words + a frame of 3 (max
  // stack): C(8) = 24.
  const char* src = R"tasm(.fn f export="f()"
  PUSH1 0      ; 1
  PUSH1 0x80   ; 1
  MSTORE       ; 3: the free pointer at address 0
  PUSH1 0      ; 1
  MLOAD        ; 3: reads 0x80 back
  DUP 0        ; 1
  PUSH1 5      ; 1
  MSTORE       ; 3: memory[0x80] = 5
  PUSH1 32     ; 1
  RETURN       ; 0: memory[0x80..0xa0]
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(15 + 24));
}

TEST(GasEstimate, JoinedFreePointersUseTheLargerOne) {
  // Two paths store 0x40 or 0x100 as the pointer; the return reads it back.
  // entry 2 + 3 = 5; each path 1 + 1 + 3 + 2 = 7; exit 1 + 3 + 1 + 0 = 5.
  const char* src = R"tasm(.fn f export="f()"
  CALLDATASIZE   ; 2
  JUMPI far      ; 3
  PUSH1 0        ; 1
  PUSH1 0x40     ; 1
  MSTORE         ; 3
  JUMP done      ; 2
far:
  PUSH1 0        ; 1
  PUSH4 0x100    ; 1
  MSTORE         ; 3
  JUMP done      ; 2
done:
  PUSH1 0        ; 1
  MLOAD          ; 3
  PUSH1 32       ; 1
  RETURN         ; 0
.end
)tasm";
  // 5 + 7 + 5 static; memory up to 0x120 = 9 words + a frame of 2: C(11) = 33.
  EXPECT_EQ(estimate_f(src), bound(17 + 33));
}

/// A free pointer that is 0x40 or 0x100 (two paths), read back as `p`; then `body`.
/// Static gas before `body`: entry 5 + path 7 + PUSH1 1 + MLOAD 3 = 16.
std::string ranged_pointer(const std::string& body) {
  return R"tasm(.fn f export="f()"
  CALLDATASIZE
  JUMPI far
  PUSH1 0
  PUSH1 0x40
  MSTORE
  JUMP done
far:
  PUSH1 0
  PUSH4 0x100
  MSTORE
  JUMP done
done:
  PUSH1 0
  MLOAD
)tasm" + body +
         ".end\n";
}

TEST(GasEstimate, WordsStoredThroughARangedPointerAreReadBack) {
  // The -O0 shape of returning an encoded value: the length is stored at p, the data at
  // p + 32, then RETURN(p + 32, memory[p]). p is only known as [0x40, 0x100], but the
  // length is read back through the same pointer, so the length is bounded.
  const std::string src = ranged_pointer(R"tasm(
  DUP 0        ; 1
  PUSH1 64     ; 1
  MSTORE       ; 3: memory[p] = 64
  DUP 0        ; 1
  PUSH1 32     ; 1
  ADD          ; 3
  PUSH1 7      ; 1
  MSTORE       ; 3: memory[p + 32] = 7, which does not reach memory[p]
  DUP 0        ; 1
  PUSH1 32     ; 1
  ADD          ; 3
  PUSH4 0xffffffff ; 1
  AND          ; 3: the compiler's pointer mask keeps p + 32
  SWAP 1       ; 1
  MLOAD        ; 3: 64
  RETURN       ; 0: memory[p + 32 .. p + 96]
)tasm");
  // Static 16 + 27; memory up to 0x100 + 96 = 0x160 = 11 words + a frame of 3: C(14) = 42.
  EXPECT_EQ(estimate_f(src), bound(16 + 27 + 42));
}

TEST(GasEstimate, WritesThatMayOverlapForgetWordsStoredThroughAPointer) {
  // The same, but a write that may overlap memory[p] comes between the store and the
  // load: through the same pointer at p + 16, or through another pointer whose range
  // overlaps p's.
  const std::string same_base = ranged_pointer(R"tasm(
  DUP 0
  PUSH1 64
  MSTORE
  DUP 0
  PUSH1 16
  ADD
  PUSH1 7
  MSTORE
  DUP 0
  PUSH1 32
  ADD
  SWAP 1
  MLOAD
  RETURN
)tasm");
  EXPECT_EQ(estimate_f(same_base),
            unbounded(UnboundedCause::memory, 0x35,
                      "RETURN at offset 0x35 in function 0: memory length not bounded"));
  const std::string other_pointer = ranged_pointer(R"tasm(
  DUP 0
  PUSH1 64
  MSTORE
  PUSH1 4
  CALLDATALOAD
  PUSH1 0xff
  AND
  PUSH1 7
  MSTORE
  DUP 0
  PUSH1 32
  ADD
  SWAP 1
  MLOAD
  RETURN
)tasm");
  EXPECT_EQ(estimate_f(other_pointer),
            unbounded(UnboundedCause::memory, 0x36,
                      "RETURN at offset 0x36 in function 0: memory length not bounded"));
}

TEST(GasEstimate, InternalCallsAddTheCalleeBoundAndFrameFee) {
  // f: [PUSH1 1, CALLF 5 + 2 locals] = 8, [POP, STOP] = 1;
  // g: LGET 1 + PUSH1 1 + SLOAD 0 (+2100) + ADD 3 + RETF 2 = 2107. Frames: f's max
  // stack 1, then g's 1 param + 2 locals + max stack 2: C(1 + 5) = 18.
  const char* src = R"tasm(.fn f export="f()"
  PUSH1 3
  CALLF g
  POP
  STOP
.end
.fn g params=1 results=1 locals=2
  LGET 0
  PUSH1 0
  SLOAD
  ADD
  RETF
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(8 + 2107 + 1 + 18));
}

TEST(GasEstimate, FrameWordsAreTheLargestChainOfCallees) {
  // f calls g (1000 locals), then h (900 locals), which calls k (200 locals); no function
  // has parameters or a stack. The chains are f → g (1000 words) and f → h → k (900 + 200
  // = 1100 words), so the frames cost C(1100) = 3300 + ⌊1100²/512⌋ = 5663. Static:
  // f: CALLF g 5 + 1000, CALLF h 5 + 900, STOP 0; g: RETF 2; h: CALLF k 5 + 200, RETF 2;
  // k: RETF 2.
  const char* src = R"tasm(.fn f export="f()"
  CALLF g
  CALLF h
  STOP
.end
.fn g locals=1000
  RETF
.end
.fn h locals=900
  CALLF k
  RETF
.end
.fn k locals=200
  RETF
.end
)tasm";
  EXPECT_EQ(vm::memory_cost(1100), 5663u);
  EXPECT_EQ(estimate_f(src), bound(1005 + 905 + 2 + 205 + 2 + 2 + 5663));
}

TEST(GasEstimate, CalleeResultsBoundMemoryAddresses) {
  // g returns 0x20 + its argument 0x20 = 0x40; f stores at the result.
  // f: PUSH1 1 + CALLF 5 = 6; then DUP 1 + MSTORE 3 + STOP 0 = 4; g: 1 + 1 + 3 + 2 = 7.
  const char* src = R"tasm(.fn f export="f()"
  PUSH1 0x20
  CALLF g
  DUP 0
  MSTORE
  STOP
.end
.fn g params=1 results=1
  LGET 0
  PUSH1 0x20
  ADD
  RETF
.end
)tasm";
  // memory up to 0x60 = 3 words; frames: f's max stack 2, g's 1 param + max stack 2:
  // C(3 + 2 + 3) = 24.
  EXPECT_EQ(estimate_f(src), bound(6 + 4 + 7 + 24));
}

TEST(GasEstimate, ConstantLengthHashAndLog) {
  // KECCAK256 of 64 bytes: 1 + 1 + 72 + 1 static, 16·2 words, memory 2 words + a frame of
  // 2: C(4) = 12.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n PUSH1 64\n KECCAK256\n POP\n STOP\n.end\n"),
            bound(75 + 32 + 12));
  // LOG1 of 32 bytes: 1 + 1 + 1 + 750 static, 8·32, memory 1 word + a frame of 3: C(4) = 12.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n PUSH1 32\n PUSH1 7\n LOG1\n STOP\n.end\n"),
            bound(753 + 256 + 12));
}

TEST(GasEstimate, ConstantLengthDebugLog) {
  // DEBUGLOG of 40 bytes: 1 + 1 + 100 static, 8·40, memory 2 words + a frame of 2: C(4) = 12
  // (what the VM charges, tests/vm/debug_log_test.cpp).
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n PUSH1 40\n DEBUGLOG\n STOP\n.end\n"),
            bound(102 + 320 + 12));
}

TEST(GasEstimate, WorstCaseStateCosts) {
  // Each adds its frame, C(max stack) = 3 per word.
  // SSTORE: 1 + 1 static + 22100 (cold, zero to non-zero); max stack 2.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n PUSH1 1\n SSTORE\n STOP\n.end\n"),
            bound(2 + 22100 + 6));
  // BALANCE: 2 (CALLER) + 0 + 1 static, 2600 cold plus the code charge of the largest
  // container (768 words); max stack 1.
  const uint64_t code = vm::kColdCodePerWordCost * 768;
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n CALLER\n BALANCE\n POP\n STOP\n.end\n"),
            bound(3 + 2600 + code + 3));
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n CALLER\n EXTCODESIZE\n POP\n STOP\n.end\n"),
            bound(3 + 2600 + code + 3));
  // TRANSFER: 2 + 1 + 9000 + 1 static, 2500 cold plus the code charge; max stack 2.
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n CALLER\n PUSH1 1\n TRANSFER\n POP\n STOP\n.end\n"),
            bound(9004 + 2500 + code + 6));
  // EXP with an unknown exponent: at most 32 bytes, 50 each; 1 + 1 + 3 + 10 + 1 static;
  // max stack 2.
  EXPECT_EQ(estimate_f(
                ".fn f export=\"f()\"\n PUSH1 2\n PUSH0\n CALLDATALOAD\n EXP\n POP\n STOP\n.end\n"),
            bound(16 + 1600 + 6));
}

TEST(GasEstimate, NegativeConstantsWrap) {
  // 0x44 + (2^256 − 4) = 0x40: 1 + 1 + 3 + 1 + 3 static; memory to 0x60 = 3 words + a
  // frame of 2: C(5) = 15.
  EXPECT_EQ(
      estimate_f(
          ".fn f export=\"f()\"\n PUSH1 0x44\n PUSH -4\n ADD\n PUSH1 7\n MSTORE\n STOP\n.end\n"),
      bound(9 + 15));
  // ADDC panics where ADD wraps; the value it gives otherwise is near 2^256.
  EXPECT_EQ(
      estimate_f(
          ".fn f export=\"f()\"\n PUSH1 0x44\n PUSH -4\n ADDC\n PUSH1 7\n MSTORE\n STOP\n.end\n"),
      unbounded(UnboundedCause::memory, 0x8,
                "MSTORE at offset 0x8 in function 0: memory address not bounded"));
}

TEST(GasEstimate, BranchesNarrowTheTestedValue) {
  // On the fall-through edge of JUMPI x, x (and its copy in local 0) is zero.
  // entry 1 + 3 + 1 + 3 = 8; fall-through 1 + 3 + 1 + 0 = 5; memory 1 word + a frame of
  // 1 local + max stack 1: C(3) = 9.
  const char* src = R"tasm(.fn f export="f()" locals=1
  PUSH0
  CALLDATALOAD
  LTEE 0
  JUMPI nonzero
  LGET 0
  MLOAD
  POP
  STOP
nonzero:
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(8 + 5 + 9));
  // Through ISZERO: the taken edge of JUMPI (ISZERO x) has x = 0.
  // entry 1 + 3 + 1 + 3 + 3 = 11; taken 5; memory and frame 9.
  const char* via_iszero = R"tasm(.fn f export="f()" locals=1
  PUSH0
  CALLDATALOAD
  LTEE 0
  ISZERO
  JUMPI zero
  STOP
zero:
  LGET 0
  MLOAD
  POP
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(via_iszero), bound(11 + 5 + 9));
}

TEST(GasEstimate, EdgesRuledOutByKnownValuesAreNotFollowed) {
  // Memory starts zero, so the jump to the SSTORE is never taken: 1 + 3 + 3 + 0; memory
  // 1 word + a frame of 2 (the max stack counts the SSTORE's block): C(3) = 9.
  const char* src = R"tasm(.fn f export="f()"
  PUSH0
  MLOAD
  JUMPI never
  STOP
never:
  PUSH0
  PUSH0
  SSTORE
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(7 + 9));
}

TEST(GasEstimate, CallDataSizeOfWellFormedCalls) {
  // CALLDATACOPY of the whole call data: bounded only when its size is known.
  const char* src =
      ".fn f export=\"f(uint256)\"\n PUSH0\n PUSH0\n CALLDATASIZE\n CALLDATACOPY\n STOP\n.end\n";
  auto c = vm::assemble(src, "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  CallDataSizes sizes;
  sizes.exports[vm::selector_of("f(uint256)")] = 36;
  auto gas = estimate_gas(*c, {}, sizes);
  ASSERT_TRUE(gas.ok());
  // 1 + 1 + 2 + 3 static; 3 × 2 words copied; memory 2 words + a frame of 3: C(5) = 15.
  EXPECT_EQ(gas->exports[0].bound, bound(7 + 6 + 15));
  auto any_size = estimate_gas(*c);
  ASSERT_TRUE(any_size.ok());
  EXPECT_EQ(any_size->exports[0].bound,
            unbounded(UnboundedCause::memory, 0x3,
                      "CALLDATACOPY at offset 0x3 in function 0: memory length not bounded"));
}

TEST(GasEstimate, WordCopiesCarryKnownPointers) {
  // A pointer stored at 0x40 is copied to 0x60 and followed from there.
  // Static 19, MCOPY 3 × 1 word, memory to 0xa0 = 5 words + a frame of 3: C(8) = 24.
  const char* src = R"tasm(.fn f export="f()"
  PUSH1 0x40
  PUSH1 0x80
  MSTORE
  PUSH1 0x60
  PUSH1 0x40
  PUSH1 32
  MCOPY
  PUSH1 0x60
  MLOAD
  MLOAD
  POP
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(19 + 3 + 24));
}

TEST(GasEstimate, BoundsChecksNarrowIndices) {
  // After `i > 2 → panic`, i ≤ 2, so MLOAD (i << 5) reads below 0x60.
  // entry 1 + 3 + 1 + 1 + 3 + 3 = 12; in bounds 1 + 1 + 3 + 3 + 1 = 9; memory 3 words + a
  // frame of 1 local + max stack 2: C(6) = 18.
  const char* src = R"tasm(.fn f export="f()" locals=1
  PUSH0
  CALLDATALOAD
  LTEE 0
  PUSH1 2
  GT
  JUMPI out_of_bounds
  LGET 0
  PUSH1 5
  SHL
  MLOAD
  POP
  STOP
out_of_bounds:
  PANIC 50
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(12 + 9 + 18));
}

TEST(GasEstimate, LoopsAreUnbounded) {
  const char* src = R"tasm(.fn f export="f()" locals=1
  PUSH1 10
  LSET 0
top:
  LGET 0
  PUSH1 1
  SUB
  LTEE 0
  JUMPI top
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src),
            unbounded(UnboundedCause::loop, 0x5, "loop in function 0 at offset 0x5"));
}

TEST(GasEstimate, RecursionIsUnbounded) {
  const char* src = R"tasm(.fn f export="f()"
  CALLF g
  STOP
.end
.fn g
  CALLDATASIZE
  JUMPI again
  RETF
again:
  CALLF g
  RETF
.end
)tasm";
  EXPECT_EQ(estimate_f(src),
            unbounded(UnboundedCause::recursion, 0x4, "recursion through function 1"));
}

/// f() making one CALL with the gas operand `gas` and the value operand `value` (assembly).
std::string call_with(const std::string& gas, const std::string& value) {
  return ".fn f export=\"f()\"\n  " + gas + "\n  CALLER\n  " + value +
         "\n  PUSH0\n  PUSH0\n  CALL\n  POP\n  STOP\n.end\n";
}

TEST(GasEstimate, ExternalCallsForwardingTheGasLeftAreUnbounded) {
  EXPECT_EQ(estimate_f(call_with("GAS", "PUSH0")),
            unbounded(UnboundedCause::external_call, 0x5,
                      "CALL at offset 0x5 in function 0: an external call may use all the gas "
                      "left (no gas limit)"));
}

// `c.f{gas: N}()`: the callee can use at most N; the caller pays a cold callee holding the
// largest container and, when a value may be sent, 9000 more.
TEST(GasEstimate, ExternalCallsWithAGasLimitAreBoundedByIt) {
  const GasBound five = estimate_f(call_with("PUSH 5000", "PUSH0"));
  const GasBound six = estimate_f(call_with("PUSH 6000", "PUSH0"));
  ASSERT_TRUE(five.bounded()) << five.reason;
  ASSERT_TRUE(six.bounded());
  EXPECT_EQ(*six.gas - *five.gas, 1000u);
  EXPECT_GT(*five.gas, 5000 + vm::kColdAccountSurcharge +
                           vm::cold_code_cost(vm::ContainerLimits::kMaxContainerSize));
  const GasBound with_value = estimate_f(call_with("PUSH 5000", "PUSH1 1"));
  ASSERT_TRUE(with_value.bounded());
  EXPECT_EQ(*with_value.gas - *five.gas,
            vm::kCallValueCost + vm::op_info(vm::Op::PUSH1).gas - vm::op_info(vm::Op::PUSH0).gas);
  EXPECT_EQ(estimate_f(call_with("PUSH0\n  CALLDATALOAD", "PUSH0")).cause,
            UnboundedCause::external_call);  // a limit read from call data is not bounded
}

// What a callee given N gas returns is bounded by the memory N pays for, so copying all of
// it (a low-level call's `bytes` result) is bounded too; copying more than that would trap.
TEST(GasEstimate, ReturnDataOfABoundedCallIsBounded) {
  const char* src = R"tasm(.fn f export="f()"
  PUSH 5000
  CALLER
  PUSH0
  PUSH0
  PUSH0
  CALL
  POP
  PUSH0
  PUSH0
  RETURNDATASIZE
  RETURNDATACOPY
  STOP
.end
)tasm";
  const GasBound b = estimate_f(src);
  ASSERT_TRUE(b.bounded()) << b.reason;
  // 5000 gas pays for 1,006 words (3w + w²/512 ≤ 5000): the copy of up to 32,192 bytes.
  EXPECT_GT(*b.gas, vm::memory_cost(1006) + 3 * 1006);
  EXPECT_LE(vm::memory_cost(1006), 5000u);
  EXPECT_GT(vm::memory_cost(1007), 5000u);
}

TEST(GasEstimate, InputDependentMemoryIsUnbounded) {
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n CALLDATALOAD\n MLOAD\n POP\n STOP\n.end\n"),
            unbounded(UnboundedCause::memory, 0x2,
                      "MLOAD at offset 0x2 in function 0: memory address not bounded"));
  EXPECT_EQ(estimate_f(".fn f export=\"f()\"\n PUSH0\n PUSH0\n PUSH0\n CALLDATALOAD\n "
                       "CALLDATACOPY\n STOP\n.end\n"),
            unbounded(UnboundedCause::memory, 0x4,
                      "CALLDATACOPY at offset 0x4 in function 0: memory length not bounded"));
  // A store at an unknown address makes every word unknown, so a later load through a
  // pointer read from memory is unbounded too.
  const char* src = R"tasm(.fn f export="f()"
  PUSH1 0
  PUSH1 0x40
  MSTORE
  PUSH1 1
  CALLDATALOAD
  PUSH1 31
  AND
  PUSH1 0
  MSTORE8
  PUSH0
  MLOAD
  MLOAD
  POP
  STOP
.end
)tasm";
  EXPECT_EQ(estimate_f(src),
            unbounded(UnboundedCause::memory, 0x10,
                      "MLOAD at offset 0x10 in function 0: memory address not bounded"));
}

TEST(GasEstimate, AFunctionThatNeverReturnsEndsThePath) {
  // g always reverts, so f's SSTORE after the call never runs.
  // f: CALLF 5 = 5; g: PUSH0 1 + PUSH0 1 + REVERT 0 = 2. Frames: f's max stack 2 (its
  // unreachable SSTORE counts) + g's 2: C(4) = 12.
  const char* src = R"tasm(.fn f export="f()"
  CALLF g
  PUSH0
  PUSH0
  SSTORE
  STOP
.end
.fn g
  PUSH0
  PUSH0
  REVERT
.end
)tasm";
  EXPECT_EQ(estimate_f(src), bound(5 + 2 + 12));
}

TEST(GasEstimate, EntryPointsOfAContainer) {
  const char* src = R"tasm(.constructor init
.receive pay
.fn init
  PUSH0
  PUSH1 1
  SSTORE
  STOP
.end
.fn pay payable
  STOP
.end
.fn get view export="get()" export="value()"
  PUSH0
  SLOAD
  POP
  STOP
.end
)tasm";
  auto c = vm::assemble(src, "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  auto gas = estimate_gas(*c);
  ASSERT_TRUE(gas.ok());
  // Frames: init's max stack 2 (C = 6), pay's 0, get's 1 (C = 3).
  EXPECT_EQ(gas->constructor, bound(22102 + 6));
  EXPECT_EQ(gas->receive, bound(0));
  ASSERT_EQ(gas->exports.size(), 2u);
  EXPECT_EQ(gas->exports[0].bound, bound(2102 + 3));
  EXPECT_EQ(gas->exports[1].bound, bound(2102 + 3));
}

TEST(GasEstimate, InvalidContainerIsAnError) {
  vm::Container c;
  c.functions.push_back(vm::FunctionInfo{0, 1, 0, 0, 0, 0, 0});
  c.code = {static_cast<uint8_t>(vm::Op::ADD)};
  auto gas = estimate_gas(c);
  ASSERT_FALSE(gas.ok());
  EXPECT_EQ(
      gas.error().message,
      "function 0 at offset 0: falls-off-end: the function ends with ADD, after which execution "
      "would run past its end");
}

TEST(GasEstimate, MemoryGasFormula) {
  EXPECT_EQ(vm::memory_cost(0), 0u);
  EXPECT_EQ(vm::memory_cost(1), 3u);
  EXPECT_EQ(vm::memory_cost(1024), 3u * 1024 + 2048);
}

}  // namespace
}  // namespace tenet::compiler
