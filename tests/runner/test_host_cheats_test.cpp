// The cheat codes of the test host that change who calls, the state, the block and names:
// prank/start_prank/stop_prank (sender and payer), deal, warp, roll (from setup and reset
// between runs), label, addr, sign, assume, snapshot/revert_to (docs/testing.md).

#include <gtest/gtest.h>

#include "tenet/runner/environment.hpp"
#include "tenet/vm/cheats.hpp"
#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

const std::string kCheatHostSource = std::string(testing::kTargets) + R"(
test contract CheatsTest {
    token: Token;
    alice: address;
    count: u256;

    fn setup() {
        self.alice = vm.addr(1);
        self.token = new Token(1000);
        vm.warp(500);
        vm.roll(42);
        vm.deal(self.alice, 77);
        vm.label(self.alice, "alice");
    }

    test fn prank_sets_the_sender_once() {
        vm.prank(self.alice);
        assert_eq(self.token.whoami(), self.alice);
        assert_eq(self.token.whoami(), address(self));
    }
    test fn prank_pays_the_value() {
        vm.deal(self.alice, 100);
        vm.prank(self.alice);
        assert_eq(self.token.deposit{value: 30}(), 30);
        assert_eq(self.alice.balance, 70);
        assert_eq(address(self.token).balance, 30);
    }
    test fn prank_without_funds() {
        vm.prank(address(0x1234));
        self.token.deposit{value: 1}();
    }
    test fn start_and_stop_prank() {
        vm.start_prank(self.alice);
        assert_eq(self.token.whoami(), self.alice);
        assert_eq(self.token.whoami(), self.alice);
        vm.stop_prank();
        assert_eq(self.token.whoami(), address(self));
    }
    test fn stop_prank_without_start() { vm.stop_prank(); }
    test fn prank_twice() {
        vm.prank(self.alice);
        vm.prank(self.alice);
    }
    test fn prank_unused() { vm.prank(self.alice); }

    test fn setup_carries_block_and_balance() {
        assert_eq(block.timestamp, 500);
        assert_eq(block.number, 42);
        assert_eq(self.alice.balance, 77);
        assert_eq(address(self).balance, 79228162514264337593543950336);
    }
    test fn warp_roll_deal() {
        vm.warp(9);
        vm.roll(8);
        vm.deal(self.alice, 5);
        assert_eq(block.timestamp, 9);
        assert_eq(block.number, 8);
        assert_eq(self.alice.balance, 5);
    }
    test fn label_token() { vm.label(address(self.token), "token"); }

    test fn addr_of_key_one() {
        assert_eq(vm.addr(1), address(0x7e5f4552091a69125d5dfcb7b8c2659029395bdf));
    }
    test fn addr_of_key_zero() { vm.addr(0); }
    test fn sign_recovers(digest: bytes32) {
        let (v, r, s) = vm.sign(1, digest);
        assert_eq(ecrecover(digest, v, r, s), vm.addr(1));
    }
    test fn assume_true() { vm.assume(true); }
    test fn assume_false() { vm.assume(false); }

    test fn snapshot_restores_state_and_block() {
        let id = vm.snapshot();
        self.token.transfer(self.alice, 5);
        self.count = 3;
        vm.warp(99);
        vm.roll(98);
        vm.deal(self.alice, 1);
        vm.label(self.alice, "bob");
        vm.revert_to(id);
        assert_eq(self.token.balanceOf(self.alice), 0);
        assert_eq(self.count, 0);
        assert_eq(block.timestamp, 500);
        assert_eq(block.number, 42);
        assert_eq(self.alice.balance, 77);
    }
    test fn snapshot_ids_count_up() {
        assert_eq(vm.snapshot(), 0);
        assert_eq(vm.snapshot(), 1);
        self.count = 1;
        let two = vm.snapshot();
        assert_eq(two, 2);
        vm.revert_to(1);
        assert_eq(self.count, 0);
        vm.revert_to(1);
        vm.revert_to(2);
    }
    test fn revert_to_unknown() { vm.revert_to(7); }

    test fn bump() {
        self.count += 1;
        assert_eq(self.count, 1);
    }
}
)";

class TestHostCheats : public testing::CompiledSuiteTest<TestHostCheats> {
 public:
  static std::string source() { return kCheatHostSource; }
  static std::string test_contract() { return "CheatsTest"; }
  static std::vector<std::string> deployed() { return {"Token", "Broken"}; }
};

TEST_F(TestHostCheats, PrankSetsTheSenderOfTheNextCallOnly) {
  passes("prank_sets_the_sender_once");
}

TEST_F(TestHostCheats, PrankedAccountPaysTheValue) {
  passes("prank_pays_the_value");
}

TEST_F(TestHostCheats, PrankedAccountWithoutFundsCannotPay) {
  RunOutcome r = executor->run(test_call("prank_without_funds"));
  EXPECT_EQ(r.result.status, vm::Status::Revert);
  EXPECT_TRUE(r.result.output.empty());  // the VM refused the value transfer
}

TEST_F(TestHostCheats, StartPrankSticksUntilStopPrank) {
  passes("start_and_stop_prank");
}

TEST_F(TestHostCheats, PrankMisuse) {
  EXPECT_EQ(reverts("stop_prank_without_start"), "vm.stop_prank: no start_prank is active");
  EXPECT_EQ(reverts("prank_twice"), "vm.prank: one is already pending");
  EXPECT_EQ(misuse("prank_unused"), "vm.prank: no call or creation used it");
}

TEST_F(TestHostCheats, SetupCarriesWarpRollDealAndRunsResetThem) {
  passes("setup_carries_block_and_balance");
  passes("warp_roll_deal");
  passes("setup_carries_block_and_balance");  // the previous run's warp/roll/deal are gone
  passes("warp_roll_deal");
  EXPECT_EQ(executor->host().tx_context().timestamp, 9u);  // the host keeps the last run
  executor->reset();
  EXPECT_EQ(executor->host().tx_context().timestamp, 500u);
  EXPECT_EQ(executor->host().tx_context().number, 42u);
}

TEST_F(TestHostCheats, LabelsFromSetupStayAndARunsLabelsGo) {
  const vm::Address alice = *vm::address_of(vm::word_to_be(vm::Word{1}));
  passes("label_token");
  ASSERT_EQ(executor->host().labels().size(), 2u);
  EXPECT_EQ(executor->host().labels().at(alice), "alice");
  executor->reset();
  ASSERT_EQ(executor->host().labels().size(), 1u);
  EXPECT_EQ(executor->host().labels().at(alice), "alice");
}

TEST_F(TestHostCheats, AddrAndSign) {
  passes("addr_of_key_one");
  EXPECT_EQ(reverts("addr_of_key_zero"), "vm.addr: invalid private key");
  const auto selector = vm::selector_of("sign_recovers(bytes32)");
  std::vector<uint8_t> call(selector.begin(), selector.end());
  const std::vector<uint8_t> digest(32, 0x5a);
  call.insert(call.end(), digest.begin(), digest.end());
  RunOutcome r = executor->run(call);
  EXPECT_TRUE(r.passed()) << revert_text(r.result);
}

TEST_F(TestHostCheats, AssumeFalseRejectsTheInput) {
  RunOutcome yes = executor->run(test_call("assume_true"));
  EXPECT_TRUE(yes.passed());
  EXPECT_FALSE(yes.rejected);
  RunOutcome no = executor->run(test_call("assume_false"));
  EXPECT_EQ(no.result.status, vm::Status::Revert);
  EXPECT_TRUE(no.rejected);
  EXPECT_EQ(revert_text(no.result), "vm.assume: input rejected");
  EXPECT_FALSE(executor->run(test_call("assume_true")).rejected);  // a new run forgets it
}

TEST_F(TestHostCheats, SnapshotAndRevertTo) {
  passes("snapshot_restores_state_and_block");
  EXPECT_EQ(reverts("snapshot_ids_count_up"), "vm.revert_to: no snapshot 2");
  EXPECT_EQ(reverts("revert_to_unknown"), "vm.revert_to: no snapshot 7");
}

TEST_F(TestHostCheats, EveryRunStartsFromTheBase) {
  passes("bump");
  passes("bump");
}

/// A host whose test contract is `test`, answering cheats as the test's depth-0 frame.
struct DirectHost {
  explicit DirectHost(const ArtifactRegistry& registry)
      : vm(vm::VmOptions{.test_mode = true}), host(vm, registry, initial_context(1'000'000)) {
    host.set_test_contract(test);
    msg.recipient = test;
    msg.gas = 1000;
  }
  vm::ExecResult cheat(vm::Cheat c, const std::vector<uint8_t>& args) {
    return host.cheat(static_cast<uint16_t>(c), args, msg);
  }
  vm::Vm vm;
  TestHost host;
  vm::Address test = test_contract_address();
  vm::Message msg;
};

std::vector<uint8_t> word_bytes(const vm::Word& w) {
  const auto be = vm::word_to_be(w);
  return {be.begin(), be.end()};
}

TEST(TestHostDirect, SignGivesTheKnownVector) {
  ArtifactRegistry registry;
  DirectHost d(registry);
  const vm::Word digest =
      *vm::parse_word("0x1111111111111111111111111111111111111111111111111111111111111111");
  std::vector<uint8_t> args = word_bytes(vm::Word{1});
  const auto dw = word_bytes(digest);
  args.insert(args.end(), dw.begin(), dw.end());
  vm::ExecResult r = d.cheat(vm::Cheat::sign, args);
  ASSERT_EQ(r.status, vm::Status::Success);
  ASSERT_EQ(r.output.size(), 96u);
  const auto expected = *vm::sign(vm::word_to_be(vm::Word{1}), vm::word_to_be(digest));
  EXPECT_EQ(r.output[31], expected.v);
  EXPECT_TRUE(r.output[31] == 27 || r.output[31] == 28);
  EXPECT_TRUE(std::equal(expected.r.begin(), expected.r.end(), r.output.begin() + 32));
  EXPECT_TRUE(std::equal(expected.s.begin(), expected.s.end(), r.output.begin() + 64));
  const auto signer =
      vm::ecrecover(vm::word_to_be(digest), vm::Word{expected.v},
                    vm::word_from_be(expected.r.data()), vm::word_from_be(expected.s.data()));
  ASSERT_TRUE(signer);
  EXPECT_EQ(vm::to_hex(*signer), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  // the curve order itself is not a key
  const vm::Word order =
      *vm::parse_word("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  args = word_bytes(order);
  args.insert(args.end(), dw.begin(), dw.end());
  r = d.cheat(vm::Cheat::sign, args);
  EXPECT_EQ(r.status, vm::Status::Revert);
  EXPECT_EQ(revert_text(r), "vm.sign: invalid private key");
  r = d.cheat(vm::Cheat::addr, word_bytes(order));
  EXPECT_EQ(revert_text(r), "vm.addr: invalid private key");
}

TEST(TestHostDirect, MalformedArgumentsAndUnknownIdsAreRefused) {
  ArtifactRegistry registry;
  DirectHost d(registry);
  EXPECT_EQ(revert_text(d.cheat(vm::Cheat::deal, word_bytes(vm::Word{1}))),
            "vm.deal: malformed arguments");
  EXPECT_EQ(revert_text(d.host.cheat(0x77, {}, d.msg)), "vm: unknown cheat code 119");
}

TEST(TestHostDirect, DebugLogsAreKeptUpToTheCap) {
  ArtifactRegistry registry;
  DirectHost d(registry);
  const std::vector<uint8_t> big(kMaxRunLogBytes / 2, 7);
  d.host.begin_run();
  d.host.debug_log(d.test, big);
  d.host.debug_log(d.test, big);
  d.host.debug_log(d.test, std::vector<uint8_t>{1});
  EXPECT_EQ(d.host.run_logs().size(), 2u);
  EXPECT_EQ(d.host.dropped_logs(), 1u);
  d.host.begin_run();
  EXPECT_TRUE(d.host.run_logs().empty());
  EXPECT_EQ(d.host.dropped_logs(), 0u);
}

}  // namespace
}  // namespace tenet::runner
