// DEBUGLOG: its exact gas (static, per byte, memory growth), charged before the host sees
// the payload, and JournaledHost's retention of payloads (off unless asked for).
#include <string>

#include "tenet/vm/gas.hpp"
#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

/// `main()` logging memory[0, len) (memory holds zeros) and stopping.
std::string log_body(uint64_t len) {
  return "  PUSH 0\n  PUSH " + std::to_string(len) + "\n  DEBUGLOG\n  STOP";
}

/// The same stack shape without the DEBUGLOG: two POPs (1 gas each) instead.
std::string baseline_body(uint64_t len) {
  return "  PUSH 0\n  PUSH " + std::to_string(len) + "\n  POP\n  POP\n  STOP";
}

class DebugLog : public VmTest {
 protected:
  /// The gas a successful run of `body` as `main()` consumes.
  int64_t gas_used(const std::string& body) {
    ExecResult r = exec(body, 1'000'000);
    EXPECT_EQ(r.status, Status::Success) << r.reason;
    return 1'000'000 - r.gas_left;
  }
};

TEST_F(DebugLog, CostsStaticPlusEightPerBytePlusMemoryGrowth) {
  // Measured against the same program with two POPs in place of DEBUGLOG, so that only
  // DEBUGLOG's own cost remains: 100 static + 8 per byte + C(words) − 2 (the POPs).
  EXPECT_EQ(op_info(Op::DEBUGLOG).gas, 100u);
  EXPECT_EQ(kDebugLogPerByteCost, 8u);
  const std::pair<uint64_t, int64_t> cases[] = {
      {0, 100 - 2},                          // no memory touched
      {1, 100 + 8 + 3 - 2},                  // one word of memory
      {32, 100 + 256 + 3 - 2},               // one word
      {100, 100 + 800 + 12 - 2},             // four words: C(4) = 12
      // 128 words: the frame (main's 8 locals + 2 stack words) shares memory's quadratic,
      // so the growth is C(10 + 128) − C(10) = 451 − 30, not C(128) = 416.
      {4096, 100 + 32768 + 421 - 2},
  };
  for (const auto& [len, cost] : cases) {
    EXPECT_EQ(gas_used(log_body(len)) - gas_used(baseline_body(len)), cost) << len << " bytes";
  }
}

TEST_F(DebugLog, IsChargedBeforeTheHostSeesThePayload) {
  host.keep_debug_logs(true);
  const int64_t needed = gas_used(log_body(64));
  ASSERT_EQ(host.debug_logs().size(), 1u);
  ExecResult r = exec(log_body(64), needed - 1);
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(host.debug_logs().size(), 1u);  // the short run handed nothing over
}

TEST_F(DebugLog, PayloadsAreDroppedByDefault) {
  ExecResult r = exec("  PUSH 0\n  PUSH 0xabcdef\n  MSTORE\n" + log_body(32));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_TRUE(host.debug_logs().empty());
}

TEST_F(DebugLog, PayloadsAreKeptWhenAsked) {
  host.keep_debug_logs(true);
  ExecResult r = exec("  PUSH 0\n  PUSH 0xabcdef\n  MSTORE\n" + log_body(32));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(host.debug_logs().size(), 1u);
  std::vector<uint8_t> expected(32, 0);
  expected[29] = 0xab;
  expected[30] = 0xcd;
  expected[31] = 0xef;
  EXPECT_EQ(host.debug_logs()[0], expected);
  host.keep_debug_logs(false);
  ASSERT_EQ(exec(log_body(1)).status, Status::Success);
  EXPECT_EQ(host.debug_logs().size(), 1u);
}

}  // namespace
}  // namespace tenet::vm::testing
