// The word buffer of locals and operand stacks is paid for with memory's quadratic
// (docs/gas.md, "How gas is charged"): an external frame's entry function's frame before
// its first block, a CALLF's frame only beyond the buffer's high-water mark, and memory
// growth on top of the frames.
#include <string>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Frames = VmTest;

/// Counts executed instructions of one kind.
class OpCounter : public Tracer {
 public:
  explicit OpCounter(Op op) : op_(op) {}
  void on_instruction(int, uint16_t, uint32_t, Op op, int64_t, std::span<const Word>) override {
    if (op == op_) ++count;
  }
  int count = 0;

 private:
  Op op_;
};

TEST_F(Frames, EntryFramePaysForParamsLocalsAndMaxStackBeforeItsFirstBlock) {
  // 4000 locals + a max stack of 2: C(4002) = 12006 + ⌊4002²/512⌋ = 43287, then the
  // block (PUSH PUSH ADD POP STOP) 6.
  const Address a = deploy(
      ".fn main locals=4000 export=\"main()\"\n  PUSH 1\n  PUSH 2\n  ADD\n  POP\n  STOP\n.end\n");
  ASSERT_EQ(entry_frame_gas(4002), 43287);
  ExecResult r = call(a, calldata("main()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, 43287 + 6);
  // One gas short of the frame: out of gas before any instruction runs.
  OpCounter pushes(Op::PUSH1);
  vm.set_tracer(&pushes);
  r = call(a, calldata("main()"), 43286);
  vm.set_tracer(nullptr);
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(r.gas_left, 0);
  EXPECT_EQ(pushes.count, 0);
  // One gas short of the block after the frame was paid: out of gas at the block.
  r = call(a, calldata("main()"), 43287 + 5);
  EXPECT_EQ(r.status, Status::OutOfGas);
}

TEST_F(Frames, DeclaredMaxStackIsPaidForAtEntry) {
  // An explicit max_stack of 1000 (the code needs 0): C(1000) = 3000 + 1953 = 4953.
  const Address a = deploy(".fn main max_stack=1000 export=\"main()\"\n  STOP\n.end\n");
  ExecResult r = call(a, calldata("main()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, 4953);
}

TEST_F(Frames, CallfPaysForGrowthOnlyBeyondTheHighWaterMark) {
  // main's frame is empty (no locals, no stack): C(0) = 0 at entry. The first CALLF f
  // reaches word 100 (f's 100 locals): C(100) = 300 + 19 = 319. A second call at the same
  // depth reaches no higher and pays only CALLF's static 5 + 100 (locals zeroed). g,
  // called from f, reaches word 150: C(150) − C(100) = 493 − 319 = 174.
  const std::string f_and_g =
      ".fn f locals=100\n  RETF\n.end\n"
      ".fn h locals=100\n  CALLF g\n  RETF\n.end\n"
      ".fn g locals=50\n  RETF\n.end\n";
  const Address once = deploy(".fn main export=\"main()\"\n  CALLF f\n  STOP\n.end\n" + f_and_g);
  const Address twice =
      deploy(".fn main export=\"main()\"\n  CALLF f\n  CALLF f\n  STOP\n.end\n" + f_and_g);
  const Address nested = deploy(".fn main export=\"main()\"\n  CALLF h\n  STOP\n.end\n" + f_and_g);
  ExecResult r1 = call(once, calldata("main()"), 100'000);
  ExecResult r2 = call(twice, calldata("main()"), 100'000);
  ExecResult r3 = call(nested, calldata("main()"), 100'000);
  ASSERT_EQ(r1.status, Status::Success) << r1.reason;
  ASSERT_EQ(r2.status, Status::Success) << r2.reason;
  ASSERT_EQ(r3.status, Status::Success) << r3.reason;
  // CALLF (105) + f's RETF (2) + STOP (0), and the growth.
  EXPECT_EQ(100'000 - r1.gas_left, 319 + 105 + 2);
  EXPECT_EQ(100'000 - r2.gas_left, 319 + 105 + 2 + 105 + 2);
  // CALLF h (105), h: CALLF g (5 + 50), g: RETF, h: RETF.
  EXPECT_EQ(100'000 - r3.gas_left, 319 + 174 + 105 + 55 + 2 + 2);
}

TEST_F(Frames, MemoryGrowthAfterFramesGrewPaysTheCombinedQuadratic) {
  // Entry: main's 2 stack words, C(2) = 6. CALLF f reaches word 1000: C(1000) − C(2) =
  // 4947. Memory then grows to 1000 words on top of the 1000 frame words:
  // C(2000) − C(1000) = 13812 − 4953 = 8859, not C(1000) = 4953. In all, C(2000) plus the
  // static gas: CALLF 5 + 1000, RETF 2, PUSH PUSH MSTORE STOP 5.
  const Address a = deploy(
      ".fn main export=\"main()\"\n  CALLF f\n  PUSH 31968\n  PUSH 1\n  MSTORE\n  STOP\n.end\n"
      ".fn f locals=1000\n  RETF\n.end\n");
  ExecResult r = call(a, calldata("main()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(memory_cost(2000) - memory_cost(1000), 8859u);
  EXPECT_EQ(100'000 - r.gas_left, 6 + 4947 + 1005 + 2 + 5 + 8859);
  EXPECT_EQ(100'000 - r.gas_left, static_cast<int64_t>(memory_cost(2000)) + 1005 + 2 + 5);
}

TEST_F(Frames, FramesGrownAfterMemoryPayTheCombinedQuadratic) {
  // The other order: memory first (1000 words on top of main's 2 frame words: C(1002) −
  // C(2)), then CALLF f to word 3 + 1000 (main's stack is empty at the call):
  // C(1000 + 1003) − C(1000 + 2). In all C(2003) plus the static gas.
  const Address a = deploy(
      ".fn main export=\"main()\"\n  PUSH 31968\n  PUSH 1\n  MSTORE\n  CALLF f\n  STOP\n.end\n"
      ".fn f locals=1000 max_stack=3\n  RETF\n.end\n");
  ExecResult r = call(a, calldata("main()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, static_cast<int64_t>(memory_cost(2003)) + 5 + 1005 + 2);
}

TEST_F(Frames, DeepRecursionOfWideFramesRunsOutOfGasEarly) {
  // The pattern that held 1.66 GiB in one 27M-gas transaction when frames were free:
  // recursion 520 deep with 4095 locals per level. Level k's frame reaches word
  // 4096·k + 2 (1 param + 4095 locals per level below it, 2 stack words), so k levels
  // cost C(4096·k + 2) plus 4112 of static gas per level (CALLF 5 + 4095, blocks 12), and
  // the 1M and 27M budgets stop the recursion after 5 and 28 levels, a few MiB of frames.
  const std::string src =
      ".fn main export=\"main()\"\n  PUSH 520\n  CALLF r\n  STOP\n.end\n"
      ".fn r params=1 locals=4095\n  LGET 0\n  ISZERO\n  JUMPI bottom\n  LGET 0\n  PUSH 1\n"
      "  SUB\n  CALLF r\n  STOP\nbottom:\n  STOP\n.end\n";
  const Address a = deploy(src);
  struct Budget {
    int64_t gas;
    int callfs;  // CALLFs started: the last one could not pay for its frame
  };
  for (const Budget b : {Budget{1'000'000, 6}, Budget{27'000'000, 29}}) {
    OpCounter calls(Op::CALLF);
    vm.set_tracer(&calls);
    ExecResult r = call(a, calldata("main()"), b.gas);
    vm.set_tracer(nullptr);
    EXPECT_EQ(r.status, Status::OutOfGas);
    EXPECT_EQ(calls.count, b.callfs) << b.gas;
  }
  // The levels' frames alone: 28 levels fit in 27M gas, 29 do not (and 5 in 1M, not 6).
  EXPECT_LT(memory_cost(4096 * 28 + 2), 27'000'000u);
  EXPECT_GT(memory_cost(4096 * 29 + 2), 27'000'000u);
  EXPECT_LT(memory_cost(4096 * 5 + 2), 1'000'000u);
  EXPECT_GT(memory_cost(4096 * 6 + 2), 1'000'000u);
}

}  // namespace
}  // namespace tenet::vm::testing
