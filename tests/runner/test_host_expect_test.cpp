// vm.expect_revert (its three forms, the zero-value answer, rollback, each mismatch text, a
// creation, misuse) and vm.expect_emit (met, unmet, emitted before, rolled back) — language.md
// §11, toolchain.md §5, docs/testing.md.

#include <gtest/gtest.h>

#include "tenet/runner/environment.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/cheats.hpp"
#include "tenet/vm/container.hpp"
#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

const std::string kExpectSource = std::string(testing::kTargets) + R"(
contract Maker {
    pub fn make(x: u256) -> address { return address(new Broken(x)); }
}

test contract ExpectTest {
    token: Token;
    alice: address;

    fn setup() {
        self.alice = vm.addr(1);
        self.token = new Token(1000);
    }

    test fn transfer_too_much_reverts() {
        vm.expect_revert(InsufficientBalance(1000, 1001));
        self.token.transfer(self.alice, 1001);
    }
    test fn any_revert_answers_false() {
        vm.expect_revert();
        let ok = self.token.transfer(self.alice, 1001);
        assert_eq(ok, false);
        assert_eq(self.token.balanceOf(address(self)), 1000);
    }
    test fn message_answers_empty_string() {
        vm.expect_revert("boom");
        let s = self.token.boom();
        assert_eq(s, "");
    }
    test fn expected_revert_rolls_the_call_back() {
        vm.expect_revert("late");
        assert_eq(self.token.write_then_fail(), 0);
        assert_eq(self.token.total(), 1000);
    }
    test fn any_revert_matches_out_of_gas() {
        vm.expect_revert();
        self.token.spin{gas: 100000}();
        assert_eq(self.token.total(), 1000);
    }
    test fn applies_to_the_next_call_only() {
        vm.expect_revert();
        self.token.transfer(self.alice, 1001);
        self.token.transfer(self.alice, 1001);
    }

    test fn mismatch_success() {
        vm.expect_revert();
        self.token.transfer(self.alice, 1);
    }
    test fn mismatch_message() {
        vm.expect_revert("other");
        self.token.boom();
    }
    test fn mismatch_custom_error() {
        vm.expect_revert(InsufficientBalance(1, 2));
        self.token.transfer(self.alice, 1001);
    }
    test fn mismatch_out_of_gas() {
        vm.expect_revert("x");
        self.token.spin{gas: 100000}();
    }
    test fn mismatch_success_is_rolled_back() {
        vm.expect_revert(InsufficientBalance(0, 5));
        self.token.transfer(self.alice, 5);
    }
    test fn creation_that_succeeds() {
        vm.expect_revert("need x");
        new Broken(1);
    }
    test fn expect_revert_twice() {
        vm.expect_revert();
        vm.expect_revert();
    }
    test fn expect_revert_unused() { vm.expect_revert(); }

    test fn emit_met() {
        vm.expect_emit(Transfer(address(self), self.alice, 5));
        self.token.transfer(self.alice, 5);
    }
    test fn emits_met_in_order() {
        vm.expect_emit(Transfer(address(self), self.alice, 5));
        vm.expect_emit(Transfer(address(self), self.alice, 6));
        self.token.transfer(self.alice, 5);
        self.token.transfer(self.alice, 6);
    }
    test fn emits_out_of_order() {
        vm.expect_emit(Transfer(address(self), self.alice, 6));
        vm.expect_emit(Transfer(address(self), self.alice, 5));
        self.token.transfer(self.alice, 5);
        self.token.transfer(self.alice, 6);
    }
    test fn emit_unmet() {
        vm.expect_emit(Transfer(address(self), self.alice, 6));
        self.token.transfer(self.alice, 5);
    }
    test fn emit_before_the_cheat() {
        self.token.transfer(self.alice, 5);
        vm.expect_emit(Transfer(address(self), self.alice, 5));
    }
    test fn emit_rolled_back_by_revert_to() {
        vm.expect_emit(Transfer(address(self), self.alice, 5));
        let id = vm.snapshot();
        self.token.transfer(self.alice, 5);
        vm.revert_to(id);
    }
    test fn emit_rolled_back_by_expected_revert() {
        vm.expect_emit(Transfer(address(self), address(self), 5));
        vm.expect_revert("late");
        self.token.write_then_fail();
    }
}
)";

class TestHostExpect : public testing::CompiledSuiteTest<TestHostExpect> {
 public:
  static std::string source() { return kExpectSource; }
  static std::string test_contract() { return "ExpectTest"; }
  static std::vector<std::string> deployed() { return {"Token", "Broken", "Maker"}; }
};

TEST_F(TestHostExpect, TheLanguageGuideExamplePasses) {
  passes("transfer_too_much_reverts");
}

TEST_F(TestHostExpect, ExpectedRevertAnswersTheZeroValuesOfTheResults) {
  passes("any_revert_answers_false");
  passes("message_answers_empty_string");
}

TEST_F(TestHostExpect, ExpectedRevertRollsTheCallBack) {
  passes("expected_revert_rolls_the_call_back");
}

TEST_F(TestHostExpect, AnyRevertMatchesOutOfGas) {
  passes("any_revert_matches_out_of_gas");
}

TEST_F(TestHostExpect, OnlyTheNextCallIsExpectedToRevert) {
  RunOutcome r = executor->run(test_call("applies_to_the_next_call_only"));
  EXPECT_EQ(r.result.status, vm::Status::Revert);
  EXPECT_EQ(abi::describe_revert(abi::decode_revert(r.result.output, built->registry.errors())),
            "InsufficientBalance(1000, 1001)");
}

TEST_F(TestHostExpect, MismatchesSayWhatWasExpectedAndWhatHappened) {
  EXPECT_EQ(reverts("mismatch_success"), "vm.expect_revert: expected any revert, got success");
  EXPECT_EQ(reverts("mismatch_message"),
            "vm.expect_revert: expected Error(\"other\"), got Error(\"boom\")");
  EXPECT_EQ(reverts("mismatch_custom_error"),
            "vm.expect_revert: expected InsufficientBalance(1, 2), got InsufficientBalance(1000, "
            "1001)");
  EXPECT_EQ(reverts("mismatch_out_of_gas"),
            "vm.expect_revert: expected Error(\"x\"), got out of gas");
  EXPECT_EQ(reverts("creation_that_succeeds"),
            "vm.expect_revert: expected Error(\"need x\"), got success");
}

TEST_F(TestHostExpect, AnUnexpectedSuccessIsRolledBack) {
  RunOutcome r = executor->run(test_call("mismatch_success_is_rolled_back"));
  EXPECT_EQ(revert_text(r.result),
            "vm.expect_revert: expected InsufficientBalance(0, 5), got success");
  // the host answered Revert after undoing the transfer: no Transfer log survives
  EXPECT_TRUE(executor->host().logs().empty());
}

TEST_F(TestHostExpect, Misuse) {
  EXPECT_EQ(reverts("expect_revert_twice"), "vm.expect_revert: one is already pending");
  EXPECT_EQ(misuse("expect_revert_unused"), "vm.expect_revert: no call or creation came after it");
}

TEST_F(TestHostExpect, ExpectEmit) {
  passes("emit_met");
  passes("emits_met_in_order");
  const std::string transfer6 =
      "vm.expect_emit: Transfer(0x7fa9385be102ac3eac297483dd6233d62b3e1496, "
      "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf, 6) was never emitted";
  EXPECT_EQ(misuse("emit_unmet"), transfer6);
  EXPECT_EQ(misuse("emits_out_of_order"),
            "vm.expect_emit: Transfer(0x7fa9385be102ac3eac297483dd6233d62b3e1496, "
            "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf, 5) was never emitted");
  EXPECT_EQ(misuse("emit_before_the_cheat"),
            "vm.expect_emit: Transfer(0x7fa9385be102ac3eac297483dd6233d62b3e1496, "
            "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf, 5) was never emitted");
  EXPECT_EQ(misuse("emit_rolled_back_by_revert_to"),
            "vm.expect_emit: Transfer(0x7fa9385be102ac3eac297483dd6233d62b3e1496, "
            "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf, 5) was never emitted");
  EXPECT_EQ(misuse("emit_rolled_back_by_expected_revert"),
            "vm.expect_emit: Transfer(0x7fa9385be102ac3eac297483dd6233d62b3e1496, "
            "0x7fa9385be102ac3eac297483dd6233d62b3e1496, 5) was never emitted");
}

TEST_F(TestHostExpect, AnUnknownEventIsShownInHex) {
  ArtifactRegistry empty;
  vm::Vm vm(vm::VmOptions{.test_mode = true});
  TestHost host(vm, empty, initial_context(1'000'000));
  host.set_test_contract(test_contract_address());
  vm::Message msg;
  msg.recipient = test_contract_address();
  // expect_emit(bytes32[] topics = [0x…01], bytes data = 0xabcd)
  std::vector<uint8_t> args(32 * 6, 0);
  args[31] = 64;   // offset of topics
  args[63] = 128;  // offset of data
  args[95] = 1;    // one topic
  args[127] = 1;   // topic 0x…01
  args[159] = 2;   // two bytes of data
  args[160] = 0xab;
  args[161] = 0xcd;
  host.begin_run();
  ASSERT_EQ(host.cheat(static_cast<uint16_t>(vm::Cheat::expect_emit), args, msg).status,
            vm::Status::Success);
  EXPECT_EQ(host.finish_run(),
            "vm.expect_emit: a log with topics "
            "[0x0000000000000000000000000000000000000000000000000000000000000001] and data "
            "0xabcd was never emitted");
}

/// The ABI arguments of expect_revert: (exact, data).
std::vector<uint8_t> expect_revert_args(bool exact, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> args(96 + (data.size() + 31) / 32 * 32, 0);
  args[31] = exact ? 1 : 0;
  args[63] = 64;
  args[95] = static_cast<uint8_t>(data.size());
  for (size_t i = 0; i < data.size(); ++i) args[96 + i] = data[i];
  return args;
}

TEST(TestHostExpectDirect, ATrapMatchesAnyRevertAndIsNamedInAMismatch) {
  ArtifactRegistry empty;
  vm::Vm vm(vm::VmOptions{.test_mode = true});
  TestHost host(vm, empty, initial_context(1'000'000));
  auto assembled = vm::assemble(
      ".fn main locals=0 export=\"main()\"\n  PUSH 0\n  PUSH 0\n  PUSH 1\n"
      "  RETURNDATACOPY\n  STOP\n.end\n",
      "trap.tasm", {});
  ASSERT_TRUE(assembled.ok()) << assembled.error().message;
  const vm::Address deployer = default_sender();
  host.set_balance(deployer, test_balance());
  vm::ExecResult deployed = host.deploy(deployer, vm::serialize_container(*assembled), 1'000'000);
  ASSERT_EQ(deployed.status, vm::Status::Success) << deployed.reason;
  const vm::Address test = test_contract_address();
  host.set_test_contract(test);
  vm::Message frame;  // the test contract's depth-0 frame
  frame.recipient = test;
  const auto selector = vm::selector_of("main()");
  const std::vector<uint8_t> input(selector.begin(), selector.end());
  vm::Message call;  // the call that frame makes
  call.depth = 1;
  call.gas = 100'000;
  call.sender = test;
  call.recipient = deployed.created;
  call.input = input;
  host.begin_run();
  ASSERT_EQ(host.cheat(static_cast<uint16_t>(vm::Cheat::expect_revert),
                       expect_revert_args(false, {}), frame)
                .status,
            vm::Status::Success);
  vm::ExecResult matched = host.call(call);
  EXPECT_EQ(matched.status, vm::Status::Success);
  EXPECT_EQ(matched.gas_left, 0);       // a trap consumes the frame's gas
  EXPECT_TRUE(matched.output.empty());  // unknown code: no zero values
  EXPECT_EQ(host.finish_run(), std::nullopt);
  const std::vector<uint8_t> x = {0x08, 0xc3, 0x79, 0xa0};  // selector only: not Error("x")
  ASSERT_EQ(host.cheat(static_cast<uint16_t>(vm::Cheat::expect_revert), expect_revert_args(true, x),
                       frame)
                .status,
            vm::Status::Success);
  vm::ExecResult mismatch = host.call(call);
  EXPECT_EQ(mismatch.status, vm::Status::Revert);
  EXPECT_EQ(revert_text(mismatch),
            "vm.expect_revert: expected 0x08c379a0, got trap: RETURNDATACOPY reads past the end "
            "of the return data");
  // a call of another frame (depth 2) is not the one expected
  ASSERT_EQ(host.cheat(static_cast<uint16_t>(vm::Cheat::expect_revert),
                       expect_revert_args(false, {}), frame)
                .status,
            vm::Status::Success);
  call.depth = 2;
  EXPECT_EQ(host.call(call).status, vm::Status::Trap);
  EXPECT_EQ(host.finish_run(), "vm.expect_revert: no call or creation came after it");
}

/// A creation under expect_revert, made by a contract the host treats as the test contract:
/// answered as a success with the zero address, and the internal cheat code 0x0f says so.
TEST_F(TestHostExpect, ACreationUnderExpectRevertYieldsTheZeroAddress) {
  TestHost& host = executor->host();
  // Maker plays the test contract: deploy it, then make its creations the expected ones.
  auto maker_code = compiler::compile_contract(*built->checked->program, built->checked->sources,
                                               built->checked->contract("Maker"),
                                               compiler::CompileOptions{compiler::OptLevel::O1});
  ASSERT_TRUE(maker_code.ok());
  vm::ExecResult deployed = host.deploy(default_sender(), maker_code->bytecode, 10'000'000);
  ASSERT_EQ(deployed.status, vm::Status::Success);
  const vm::Address maker = deployed.created;
  host.set_test_contract(maker);
  host.record_trace(true);
  host.begin_run();
  vm::Message frame;  // the cheat comes from Maker's depth-0 frame
  frame.recipient = maker;
  const auto taken = [&] {
    vm::ExecResult r = host.cheat(0x0f, {}, frame);
    EXPECT_EQ(r.status, vm::Status::Success);
    return r.output.size() == 32 && r.output[31] == 1;
  };
  EXPECT_FALSE(taken());
  std::vector<uint8_t> any(96, 0);
  any[63] = 64;  // (false, empty bytes)
  ASSERT_EQ(host.cheat(static_cast<uint16_t>(vm::Cheat::expect_revert), any, frame).status,
            vm::Status::Success);
  const auto selector = vm::selector_of("make(uint256)");
  std::vector<uint8_t> make_zero(selector.begin(), selector.end());
  make_zero.resize(36, 0);
  vm::ExecResult r = host.transact(default_sender(), maker, make_zero, 10'000'000);
  // Maker, compiled outside test mode, still bubbles a zero address (with the empty return
  // data the answered success leaves): a test contract asks 0x0f instead and goes on.
  EXPECT_EQ(r.status, vm::Status::Revert);
  EXPECT_TRUE(r.output.empty());
  EXPECT_TRUE(taken());
  ASSERT_EQ(host.trace().nodes.size(), 2u);
  const CallNode& creation = host.trace().nodes[1];
  EXPECT_EQ(creation.kind, vm::CallKind::Create);
  EXPECT_EQ(creation.status, vm::Status::Revert);
  EXPECT_TRUE(creation.expected_revert);
  EXPECT_EQ(creation.recipient, vm::Address{});
  EXPECT_EQ(host.finish_run(), std::nullopt);
  // a creation that succeeds sets it back to false
  host.begin_run();
  make_zero[35] = 1;
  EXPECT_EQ(host.transact(default_sender(), maker, make_zero, 10'000'000).status,
            vm::Status::Success);
  EXPECT_FALSE(taken());
}

}  // namespace
}  // namespace tenet::runner
