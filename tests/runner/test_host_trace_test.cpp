// The call trace the test host records when asked: one node per call or creation, in call
// order, with parent and depth, the sender after a prank, value, code hash, input and output
// (capped), status, gas, and whether an expected revert answered it.

#include <gtest/gtest.h>

#include "tenet/runner/environment.hpp"
#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

const std::string kTraceSource = std::string(testing::kTargets) + R"(
test contract TraceTest {
    token: Token;
    alice: address;

    fn setup() {
        self.alice = vm.addr(1);
        self.token = new Token(1000);
        vm.deal(self.alice, 100);
    }

    test fn traced() {
        vm.prank(self.alice);
        self.token.deposit{value: 7}();
        vm.expect_revert();
        self.token.transfer(self.alice, 5000);
        new Broken(1);
        assert_eq(self.token.whoami(), address(self));
    }
}
)";

TEST(TestHostTrace, OneNodePerCallInCallOrder) {
  auto built = testing::build_suite(kTraceSource, "TraceTest", {"Token", "Broken"});
  Executor ex(built->registry, ExecutorOptions{.record_trace = true});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("traced"));
  ASSERT_TRUE(r.passed()) << revert_text(r.result) << r.misuse.value_or("");
  ASSERT_TRUE(r.trace);
  const std::vector<CallNode>& n = r.trace->nodes;
  ASSERT_EQ(n.size(), 5u);
  const vm::Address alice = *vm::address_of(vm::word_to_be(vm::Word{1}));
  const vm::Address token = ex.created_in_setup()[0];
  const vm::Address test = test_contract_address();

  EXPECT_EQ(n[0].kind, vm::CallKind::Call);
  EXPECT_EQ(n[0].depth, 0);
  EXPECT_EQ(n[0].input, test_call("traced"));

  EXPECT_EQ(n[1].sender, alice);  // the prank, recorded as the callee saw it
  EXPECT_TRUE(n[1].pranked);
  EXPECT_EQ(n[1].recipient, token);
  EXPECT_EQ(n[1].value, vm::Word{7});
  EXPECT_EQ(n[1].status, vm::Status::Success);
  EXPECT_EQ(n[1].parent, 0);
  EXPECT_EQ(n[1].depth, 1);

  EXPECT_EQ(n[2].sender, test);
  EXPECT_FALSE(n[2].pranked);
  EXPECT_EQ(n[2].status, vm::Status::Revert);  // what the callee did …
  EXPECT_TRUE(n[2].expected_revert);           // … answered as a success
  EXPECT_EQ(abi::describe_revert(abi::decode_revert(n[2].output, built->registry.errors())),
            "InsufficientBalance(1000, 5000)");
  EXPECT_EQ(n[2].output_size, 68u);

  EXPECT_EQ(n[3].kind, vm::CallKind::Create);
  EXPECT_EQ(n[3].recipient, vm::create_address(test, 2));
  EXPECT_EQ(n[3].code_hash, built->hashes.at("Broken"));
  EXPECT_EQ(n[3].input.size(), 32u);  // the constructor's argument
  EXPECT_EQ(n[3].status, vm::Status::Success);

  EXPECT_EQ(n[4].code_hash, built->hashes.at("Token"));
  EXPECT_EQ(n[4].parent, 0);
  for (const CallNode& node : n) {
    EXPECT_GE(node.gas_used, 0);
    EXPECT_LE(node.gas_used, node.gas_limit);
  }
  EXPECT_EQ(static_cast<uint64_t>(n[0].gas_used), r.gas_used);

  // the next run starts a new trace
  RunOutcome again = ex.run(test_call("traced"));
  EXPECT_EQ(again.trace->nodes.size(), 5u);
  EXPECT_EQ(r.trace->nodes.size(), 5u);  // the first run's trace is its own copy
}

TEST(TestHostTrace, InputAndOutputAreCapped) {
  ArtifactRegistry registry;
  vm::Vm vm(vm::VmOptions{.test_mode = true});
  TestHost host(vm, registry, initial_context(1'000'000));
  host.record_trace(true);
  host.begin_run();
  const std::vector<uint8_t> input(kMaxTraceBytes + 100, 0xee);
  vm::Message msg;
  msg.gas = 50'000;
  msg.sender = default_sender();
  msg.recipient = *vm::parse_address("0x00000000000000000000000000000000000000aa");
  msg.input = input;
  vm::ExecResult r = host.call(msg);  // no code there: a plain success
  EXPECT_EQ(r.status, vm::Status::Success);
  ASSERT_EQ(host.trace().nodes.size(), 1u);
  const CallNode& n = host.trace().nodes[0];
  EXPECT_EQ(n.input.size(), kMaxTraceBytes);
  EXPECT_EQ(n.input_size, kMaxTraceBytes + 100);
  EXPECT_EQ(n.code_hash, vm::Hash256{});
  EXPECT_EQ(n.gas_used, 0);
  host.begin_run();
  EXPECT_TRUE(host.trace().nodes.empty());
  host.record_trace(false);
  host.call(msg);
  EXPECT_TRUE(host.trace().nodes.empty());
}

}  // namespace
}  // namespace tenet::runner
