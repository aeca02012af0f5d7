// The executor: the base state of a suite (deployment at the fixed address, balances,
// setup), isolation of runs, setup failures, the gas limit, deep recursion on a worker-sized
// stack, probes, and the refusal of cheat codes outside test mode.

#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>

#include "tenet/runner/environment.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/validator.hpp"
#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

const std::string kExecutorSource = std::string(testing::kTargets) + R"(
contract Deep {
    pub reentrant fn down(n: u256) -> u256 {
        if n == 0 { return 0; }
        return Deep(address(self)).down(n - 1) + 1;
    }
}

test contract ExecTest {
    token: Token;
    deep: Deep;
    count: u256;

    fn setup() {
        self.token = new Token(1000);
        self.deep = new Deep();
        self.count = 10;
        vm.label(address(self.token), "token");
        log("setup ran");
    }

    test fn bump() {
        self.count += 1;
        self.token.transfer(address(0xbeef), 1);
        assert_eq(self.count, 11);
        assert_eq(self.token.balanceOf(address(0xbeef)), 1);
    }
    test fn where_am_i() {
        assert_eq(address(self), address(0x7fa9385be102ac3eac297483dd6233d62b3e1496));
        assert_eq(msg.sender, address(0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38));
        assert_eq(tx.origin, address(0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38));
        assert_eq(block.chain_id, 31337);
        assert_eq(block.timestamp, 1);
        assert_eq(block.number, 1);
    }
    test fn loops_forever() { let mut i: u256 = 0; while true { i += 1; } }
    test fn recurses_deeply() { self.deep.down(2000); }
    test fn recurses_a_little() { assert_eq(self.deep.down(10), 10); }
    test fn logs_twice() { log("one"); log("two"); }
    test fn many_calls() { for i in 0..10005 { self.token.whoami(); } }
}

test contract BrokenSetup {
    fn setup() { log("before"); require(false, "setup broke"); }
    test fn never() { }
}

test contract NoSetup {
    test fn empty() { }
}
)";

class ExecutorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    built = testing::build_suite(kExecutorSource, "ExecTest", {"Token", "Deep"}).release();
  }
  static void TearDownTestSuite() {
    delete built;
    built = nullptr;
  }
  static testing::BuiltSuite* built;
};

testing::BuiltSuite* ExecutorTest::built = nullptr;

TEST_F(ExecutorTest, DeploysAtTheFixedAddressWithTheEnvironment) {
  Executor ex(built->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(built->suite));
  const vm::Account* test = ex.host().find_account(test_contract_address());
  ASSERT_NE(test, nullptr);
  EXPECT_EQ(test->balance, test_balance());
  EXPECT_EQ(ex.host().get_balance(default_sender()), test_balance());
  RunOutcome r = ex.run(test_call("where_am_i"));
  EXPECT_TRUE(r.passed()) << revert_text(r.result);
  // setup's two creations, in order, at the addresses forge's would have
  ASSERT_EQ(ex.created_in_setup().size(), 2u);
  EXPECT_EQ(vm::to_hex(ex.created_in_setup()[0]), "0x5615deb798bb3e4dfa0139dfa1b3d433cc23b72f");
  EXPECT_EQ(ex.created_in_setup()[1], vm::create_address(test_contract_address(), 2));
  // the child `new` embeds is the contract compiled on its own: known by code hash
  EXPECT_EQ(ex.host().find_account(ex.created_in_setup()[0])->code_hash, built->hashes.at("Token"));
  EXPECT_EQ(ex.host().labels().at(ex.created_in_setup()[0]), "token");
}

TEST_F(ExecutorTest, RunsAreIsolated) {
  Executor ex(built->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome first = ex.run(test_call("bump"));
  RunOutcome second = ex.run(test_call("bump"));
  EXPECT_TRUE(first.passed()) << revert_text(first.result);
  EXPECT_TRUE(second.passed()) << revert_text(second.result);
  EXPECT_EQ(first.gas_used, second.gas_used);  // same warm/cold accesses: same gas
  EXPECT_GT(first.gas_used, 0u);
}

TEST_F(ExecutorTest, LogsOfARunAreKept) {
  Executor ex(built->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("logs_twice"));
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.logs.size(), 2u);
  EXPECT_TRUE(ex.run(test_call("bump")).logs.empty());
}

TEST_F(ExecutorTest, SetupFailureIsReported) {
  auto broken = testing::build_suite(kExecutorSource, "BrokenSetup", {});
  Executor ex(broken->registry, ExecutorOptions{});
  auto failed = ex.install(broken->suite);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->result.status, vm::Status::Revert);
  EXPECT_EQ(revert_text(failed->result), "setup broke");
  EXPECT_EQ(failed->logs.size(), 1u);
  EXPECT_FALSE(failed->passed());
}

/// language.md §9: `tenet test` has difficulty 1, base fee 0 and zero block hashes, also
/// after vm.roll moves the window.
TEST(ExecutorBlockContext, DifficultyOneBaseFeeZeroAndNoBlockHashes) {
  auto built = testing::build_suite(R"(
test contract BlockContextTest {
    test fn context() {
        assert_eq(block.difficulty, 1);
        assert_eq(block.base_fee, 0);
        assert_eq(u256(blockhash(0)), 0);
        vm.roll(300);
        assert_eq(u256(blockhash(299)), 0);
        assert_eq(u256(blockhash(44)), 0);
        assert_eq(msg.data.len(), 4);
    }
}
)", "BlockContextTest", {});
  Executor ex(built->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("context"));
  EXPECT_TRUE(r.passed()) << revert_text(r.result);
}

TEST_F(ExecutorTest, NoSetupIsFine) {
  auto plain = testing::build_suite(kExecutorSource, "NoSetup", {});
  EXPECT_FALSE(plain->suite.has_setup);
  Executor ex(plain->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(plain->suite));
  EXPECT_TRUE(ex.created_in_setup().empty());
  EXPECT_TRUE(ex.run(test_call("empty")).passed());
}

TEST_F(ExecutorTest, AnEndlessLoopRunsOutOfGasAtTheLimit) {
  Executor ex(built->registry, ExecutorOptions{.gas_limit = 5'000'000});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("loops_forever"));
  EXPECT_EQ(r.result.status, vm::Status::OutOfGas);
  EXPECT_EQ(r.gas_used, 5'000'000u);
  EXPECT_EQ(ex.host().tx_context().gas_limit, 5'000'000u);  // also block.gas_limit
}

/// Runs `f` on a thread with the stack of a worker (kWorkerStackBytes).
void on_worker_stack(const std::function<void()>& f) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kWorkerStackBytes);
  pthread_t thread;
  auto body = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST_F(ExecutorTest, DeepRecursionEndsCleanlyOnAWorkerStack) {
  RunOutcome deep, shallow, after;
  on_worker_stack([&] {
    // enough gas that the call depth limit, not the 63/64 rule, stops the recursion
    Executor ex(built->registry,
                ExecutorOptions{.gas_limit = 100'000'000'000'000, .record_trace = true});
    if (ex.install(built->suite)) return;
    deep = ex.run(test_call("recurses_deeply"));
    shallow = ex.run(test_call("recurses_a_little"));
    after = ex.run(test_call("bump"));
  });
  EXPECT_NE(deep.result.status, vm::Status::Success);
  EXPECT_FALSE(deep.passed());
  ASSERT_TRUE(deep.trace);
  // the test call, down(2000) … at depths 1 … 1024, and the refused call at depth 1025
  ASSERT_EQ(deep.trace->nodes.size(), 1026u);
  EXPECT_EQ(deep.trace->nodes.back().depth, 1025);
  EXPECT_EQ(deep.trace->nodes.back().status, vm::Status::Revert);
  EXPECT_EQ(deep.result.status, vm::Status::Revert);
  EXPECT_TRUE(shallow.passed()) << revert_text(shallow.result);
  EXPECT_TRUE(after.passed()) << revert_text(after.result);
}

TEST_F(ExecutorTest, ProbeLeavesTheStateAsItWas) {
  Executor ex(built->registry, ExecutorOptions{});
  ASSERT_FALSE(ex.install(built->suite));
  ex.reset();
  RunOutcome p = ex.probe(test_call("bump"));
  EXPECT_TRUE(p.passed()) << revert_text(p.result);
  RunOutcome again = ex.probe(test_call("bump"));  // count is 10 again: bump sees 11
  EXPECT_TRUE(again.passed()) << revert_text(again.result);
  const vm::Address token = ex.created_in_setup()[0];
  auto selector = vm::selector_of("transfer(address,uint256)");
  std::vector<uint8_t> transfer(selector.begin(), selector.end());
  // the test contract holds the 1000 tokens: calls made on the current state accumulate
  std::vector<uint8_t> to(32, 0), amount(32, 0);
  to[31] = 0x42;
  amount[31] = 1;
  transfer.insert(transfer.end(), to.begin(), to.end());
  transfer.insert(transfer.end(), amount.begin(), amount.end());
  RunOutcome c = ex.call(test_contract_address(), token, transfer);
  EXPECT_EQ(c.result.status, vm::Status::Success) << revert_text(c.result);
  ex.reset();
  EXPECT_TRUE(ex.probe(test_call("bump")).passed());
}

TEST_F(ExecutorTest, TracesRecordTheRootCallAsNodeZero) {
  Executor ex(built->registry, ExecutorOptions{.record_trace = true});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("bump"));
  ASSERT_TRUE(r.trace);
  ASSERT_GE(r.trace->nodes.size(), 3u);
  const CallNode& root = r.trace->nodes[0];
  EXPECT_EQ(root.depth, 0);
  EXPECT_EQ(root.parent, -1);
  EXPECT_EQ(root.sender, default_sender());
  EXPECT_EQ(root.recipient, test_contract_address());
  EXPECT_EQ(root.code_hash, built->hashes.at("ExecTest"));
  EXPECT_EQ(root.gas_limit, 1'000'000'000);
  EXPECT_EQ(static_cast<uint64_t>(root.gas_used), r.gas_used);
  EXPECT_EQ(root.status, vm::Status::Success);
  const CallNode& transfer = r.trace->nodes[1];
  EXPECT_EQ(transfer.depth, 1);
  EXPECT_EQ(transfer.parent, 0);
  EXPECT_EQ(transfer.sender, test_contract_address());
  EXPECT_EQ(transfer.code_hash, built->hashes.at("Token"));
  EXPECT_EQ(transfer.output.size(), 32u);
  EXPECT_EQ(transfer.input_size, 68u);
  EXPECT_GT(transfer.gas_used, 0);
  EXPECT_LT(transfer.gas_used, transfer.gas_limit);
}

TEST_F(ExecutorTest, TraceNodesNestByParent) {
  CallTrace trace;
  on_worker_stack([&] {
    Executor ex(built->registry, ExecutorOptions{.record_trace = true});
    if (ex.install(built->suite)) return;
    RunOutcome r = ex.run(test_call("recurses_a_little"));
    if (r.trace) trace = *r.trace;
  });
  ASSERT_EQ(trace.nodes.size(), 12u);  // the test call, down(10) … down(0)
  for (size_t i = 1; i < trace.nodes.size(); ++i) {
    EXPECT_EQ(trace.nodes[i].depth, static_cast<int>(i));
    EXPECT_EQ(trace.nodes[i].parent, static_cast<int>(i) - 1);
  }
  EXPECT_EQ(trace.dropped, 0u);
}

TEST_F(ExecutorTest, TraceKeepsAtMostTheCapAndCountsTheRest) {
  Executor ex(built->registry, ExecutorOptions{.record_trace = true});
  ASSERT_FALSE(ex.install(built->suite));
  RunOutcome r = ex.run(test_call("many_calls"));
  ASSERT_TRUE(r.passed()) << revert_text(r.result);
  EXPECT_EQ(r.trace->nodes.size(), kMaxTraceNodes);
  EXPECT_EQ(r.trace->dropped, 10006u - kMaxTraceNodes);
  EXPECT_EQ(r.trace->nodes.back().parent, 0);
  // without tracing nothing is recorded
  Executor quiet(built->registry, ExecutorOptions{});
  ASSERT_FALSE(quiet.install(built->suite));
  EXPECT_FALSE(quiet.run(test_call("bump")).trace);
  EXPECT_TRUE(quiet.host().trace().nodes.empty());
}

TEST_F(ExecutorTest, CheatCodesAreRefusedOutsideTestMode) {
  auto container = vm::parse_container(built->suite.bytecode, vm::max_container_size(true));
  ASSERT_TRUE(container.ok()) << container.error().message;
  auto strict = vm::validate(container->container);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("only allowed in test mode"), std::string::npos)
      << strict.error().message;
  vm::ValidationOptions test_mode;
  test_mode.allow_cheats = true;
  EXPECT_TRUE(vm::validate(container->container, test_mode).ok());
  vm::Vm plain;
  vm::JournaledHost host(plain);
  host.set_balance(default_sender(), test_balance());
  EXPECT_NE(host.deploy(default_sender(), built->suite.bytecode, 10'000'000).status,
            vm::Status::Success);
}

}  // namespace
}  // namespace tenet::runner
