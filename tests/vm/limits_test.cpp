// Frame limits: the frame stack limit of 2^18 words, and traced runs that match untraced
// ones across buffer growth.
#include <algorithm>
#include <limits>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Limits = VmTest;

/// Counts instructions and records the deepest operand stack seen.
class StackTracer : public Tracer {
 public:
  void on_instruction(int, uint16_t, uint32_t, Op, int64_t, std::span<const Word> stack) override {
    ++count;
    deepest = std::max(deepest, stack.size());
  }
  size_t count = 0;
  size_t deepest = 0;
};

TEST_F(Limits, FrameStackLimitTrapsBeyondWhatTheBlockGasCanPay) {
  // Each level keeps 4095 locals and 1000 stack items: level k's frame reaches word
  // 5095·k, so the 2^18-word limit stops the 52nd level, before the internal depth limit
  // of 1024. Paying for 51 levels (C(259845) ≈ 132M gas) takes more than a block's gas:
  // at 30M the recursion runs out of gas long before the limit; with 200M it traps there.
  std::string pushes;
  for (int i = 0; i < 1000; ++i) pushes += "  PUSH0\n";
  const Address a = deploy(
      ".fn main export=\"main()\"\n  CALLF r\n  STOP\n.end\n"
      ".fn r locals=4095\n" +
      pushes + "  CALLF r\n  STOP\n.end\n");
  ExecResult r = call(a, calldata("main()"), 200'000'000);
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.reason, "frame stack limit exceeded");
  EXPECT_EQ(r.gas_left, 0);
  EXPECT_GT(memory_cost(5095 * 51), 100'000'000u);
  EXPECT_LT(memory_cost(5095 * 51) + 51 * (5'100 + 1'000), 200'000'000u);
  r = call(a, calldata("main()"), 30'000'000);
  EXPECT_EQ(r.status, Status::OutOfGas);
}

TEST_F(Limits, TracedRunMatchesUntracedRunAcrossBufferGrowth) {
  const std::string src = R"T(
.fn main export="main()"
  PUSH 300
  CALLF down
)T" + kReturnTop + R"T(
.end
.fn down params=1 results=1 locals=20
  LGET 0
  ISZERO
  JUMPI base
  LGET 0
  PUSH 1
  SUB
  CALLF down
  LGET 0
  ADD
  RETF
base:
  PUSH 0
  RETF
.end
)T";
  const Address a = deploy(src);
  ExecResult plain = call(a, calldata("main()"));
  StackTracer tracer;
  vm.set_tracer(&tracer);
  ExecResult traced = call(a, calldata("main()"));
  vm.set_tracer(nullptr);
  ASSERT_EQ(plain.status, Status::Success) << plain.reason;
  EXPECT_EQ(traced.status, plain.status);
  EXPECT_EQ(traced.output, plain.output);
  EXPECT_EQ(traced.gas_left, plain.gas_left);
  EXPECT_EQ(word_from_be(plain.output.data()), Word{300 * 301 / 2});
  EXPECT_GT(tracer.count, 300u * 8);
  EXPECT_LE(tracer.deepest, 3u);
}

}  // namespace
}  // namespace tenet::vm::testing
