// Whole-frame behaviour: exact gas, out of gas, nested calls and rollback,
// re-entrancy, static context, value, creation and the call depth limit.
#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Execution = VmTest;

/// Code that calls the address in local 0 with selector `sig` and, as argument, the word
/// in local 1; bubbles a failure's revert data; otherwise continues.
std::string call_and_bubble(std::string_view sig, const std::string& op = "CALL") {
  std::string s = "  PUSH 0\n  PUSH " + selector_word(sig) + "\n  MSTORE\n  PUSH 4\n  LGET 1\n  MSTORE\n" +
                  "  GAS\n  LGET 0\n" + (op == "CALL" ? "  PUSH 0\n" : "") + "  PUSH 0\n  PUSH 36\n  " + op + "\n" +
                  "  JUMPI ok\n  PUSH 0\n  PUSH 0\n  RETURNDATASIZE\n  RETURNDATACOPY\n  PUSH 0\n  RETURNDATASIZE\n"
                  "  REVERT\nok:\n";
  return s;
}

TEST_F(Execution, ExactGasOfStraightLineCode) {
  // Every body below runs as main (8 locals) with a max stack of 2: the entry frame of
  // 10 words costs C(10) = 30 before the first block.
  const int64_t frame = entry_frame_gas(10);
  ASSERT_EQ(frame, 30);
  // One block: PUSH1 1 + PUSH1 1 + ADD 3 + POP 1 + STOP 0.
  ExecResult r = exec("PUSH 1\nPUSH 2\nADD\nPOP\nSTOP", 1000);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(1000 - r.gas_left, frame + 6);
  // Memory growth to one word: C(10 + 1) − C(10) = 3.
  r = exec("PUSH 0\nPUSH 1\nMSTORE\nSTOP", 1000);
  EXPECT_EQ(1000 - r.gas_left, frame + 5 + 3);
  // Growth to 32 words: C(10 + 32) − C(10) = 126 + 1764/512 − 30 = 99 (one more than
  // C(32) = 98 alone: frame and memory share one quadratic).
  r = exec("PUSH 992\nPUSH 1\nMSTORE\nSTOP", 1000);
  EXPECT_EQ(1000 - r.gas_left, frame + 5 + 99);
  // KECCAK256 of 64 bytes: 72 + 16*2, memory 2 words (6).
  r = exec("PUSH 0\nPUSH 64\nKECCAK256\nPOP\nSTOP", 1000);
  EXPECT_EQ(1000 - r.gas_left, frame + 75 + 32 + 6);
  // EXP with a 2-byte exponent: 10 + 50*2.
  r = exec("PUSH 3\nPUSH 300\nEXP\nPOP\nSTOP", 1000);
  EXPECT_EQ(1000 - r.gas_left, frame + 1 + 1 + 10 + 1 + 100);
}

TEST_F(Execution, ExactGasOfStorage) {
  // Cold slot, 0 -> 1: 2100 + 20000; then warm and dirty: 100; then a cold read: 2100.
  // The entry frame (8 locals + 2 stack) costs C(10).
  ExecResult r = exec("PUSH 1\nPUSH 1\nSSTORE\nPUSH 1\nPUSH 2\nSSTORE\nPUSH 9\nSLOAD\nPOP\nSTOP", 100000);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(100000 - r.gas_left, entry_frame_gas(10) + 2 + 22100 + 2 + 100 + 1 + 2100 + 1);
}

TEST_F(Execution, ExactGasAcrossBlocksAndInternalCalls) {
  // Entry block: PUSH(1) CALLF(5 + 2 locals) = 8; after-call block: POP(1) STOP(0) = 1;
  // callee block: PUSH(1) RETF(2) = 3. Frames: main's (max stack 1) costs C(1) = 3 at
  // entry; f's reaches word 0 + 1 param + 2 locals + 1 stack = 4, so CALLF charges the
  // growth C(4) − C(1) = 9.
  const Address a = deploy(R"T(
.fn main export="main()"
  PUSH 7
  CALLF f
  POP
  STOP
.end
.fn f params=1 results=1 locals=2
  PUSH 1
  RETF
.end
)T");
  ExecResult r = call(a, calldata("main()"), 1000);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(1000 - r.gas_left, 3 + 9 + 8 + 3 + 1);
}

/// Counts executed instructions of one kind.
class CountingTracer : public Tracer {
 public:
  explicit CountingTracer(Op op) : op_(op) {}
  void on_instruction(int, uint16_t, uint32_t, Op op, int64_t, std::span<const Word>) override {
    if (op == op_) ++count;
  }
  int count = 0;

 private:
  Op op_;
};

TEST_F(Execution, OutOfGasAtTheDocumentedBlockEntry) {
  // Entry block: PUSH PUSH SSTORE JUMP = 1+1+0+2 static, SSTORE 22100 dynamic.
  // Loop block: LGET PUSH ADD LSET JUMP = 8 static, charged on each entry.
  // The entry frame (1 local + 2 stack) costs C(3) = 9 first.
  const Address a = deploy(R"T(
.fn main locals=1 export="main()"
  PUSH 1
  PUSH 1
  SSTORE
  JUMP loop
loop:
  LGET 0
  PUSH 1
  ADD
  LSET 0
  JUMP loop
.end
)T");
  CountingTracer tracer(Op::LGET);
  vm.set_tracer(&tracer);
  // 10 loop entries paid, the 11th short by 1.
  const int64_t gas = entry_frame_gas(3) + 4 + 22100 + 8 * 10 + 7;
  ExecResult r = call(a, calldata("main()"), gas);
  vm.set_tracer(nullptr);
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(r.gas_left, 0);
  EXPECT_EQ(tracer.count, 10);
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{0});  // rolled back
}

TEST_F(Execution, OutOfGasOnMemoryBeyondTheLimit) {
  ExecResult r = exec("PUSH 0x100000000\nMLOAD\nSTOP");
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(r.gas_left, 0);
}

const std::string kInner = R"T(
.fn poke export="poke(uint256)"
  PUSH 1
  PUSH 4
  CALLDATALOAD
  SSTORE
  PUSH 1
  PUSH 7
  PUSH 7
  LOG1
  PUSH 0
  PUSH 0
  REVERT
.end
.fn set export="set(uint256)"
  PUSH 1
  PUSH 4
  CALLDATALOAD
  SSTORE
  STOP
.end
)T";

TEST_F(Execution, RevertRollsBackExactlyTheRevertedFrame) {
  const Address inner = deploy(kInner);
  // middle.go(inner): storage[1] = 2; inner.poke(5) (reverts); storage[2] = call result.
  const Address middle = deploy(R"T(
.fn go export="go(address)"
  PUSH 1
  PUSH 2
  SSTORE
  PUSH 0
  PUSH )T" + selector_word("poke(uint256)") + R"T(
  MSTORE
  PUSH 4
  PUSH 5
  MSTORE
  GAS
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 36
  CALL
  PUSH 2
  SWAP 1
  SSTORE
  STOP
.end
)T");
  ExecResult r = call(middle, calldata("go(address)", {to_word(inner)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host.get_storage(middle, Word{1}), Word{2});
  EXPECT_EQ(host.get_storage(middle, Word{2}), Word{0});  // the call failed
  EXPECT_EQ(host.get_storage(inner, Word{1}), Word{0});   // and its write was undone
  EXPECT_TRUE(host.logs().empty());                       // so was its log

  // outer.run(middle) calls middle.go(inner) successfully, then reverts: all undone.
  const Address outer = deploy(R"T(
.fn run locals=2 export="run(address,address)"
  PUSH 4
  CALLDATALOAD
  LSET 0
  PUSH 36
  CALLDATALOAD
  LSET 1
)T" + call_and_bubble("set(uint256)") + R"T(
  PUSH 0
  PUSH 0
  REVERT
.end
)T");
  r = call(outer, calldata("run(address,address)", {to_word(inner), Word{9}}));
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(host.get_storage(inner, Word{1}), Word{0});
  r = call(inner, calldata("set(uint256)", {Word{9}}));
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(host.get_storage(inner, Word{1}), Word{9});
}

std::string reentrancy_pair(bool back_is_reentrant) {
  return R"T(
.fn enter locals=2 export="enter(address)"
  PUSH 4
  CALLDATALOAD
  LSET 0
  ADDRESS
  LSET 1
)T" + call_and_bubble("bounce(address)") +
         R"T(  STOP
.end
.fn back )T" + (back_is_reentrant ? "reentrant " : "") +
         R"T(export="back(address)"
  PUSH 1
  PUSH 1
  SSTORE
  STOP
.end
)T";
}

const std::string kBouncer = R"T(
.fn bounce locals=2 export="bounce(address)"
  PUSH 4
  CALLDATALOAD
  LSET 0
)T" + call_and_bubble("back(address)") +
                             R"T(  STOP
.end
)T";

TEST_F(Execution, ReentrancyIsRejectedWithReentrancyError) {
  const Address bouncer = deploy(kBouncer);
  const Address a = deploy(reentrancy_pair(false));
  ExecResult r = call(a, calldata("enter(address)", {to_word(bouncer)}));
  EXPECT_EQ(r.status, Status::Revert);
  const auto sel = selector_of("Reentrancy()");
  EXPECT_EQ(r.output, std::vector<uint8_t>(sel.begin(), sel.end()));
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{0});
}

TEST_F(Execution, ReentrancyAllowedForReentrantFunctions) {
  const Address bouncer = deploy(kBouncer);
  const Address a = deploy(reentrancy_pair(true));
  ExecResult r = call(a, calldata("enter(address)", {to_word(bouncer)}));
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{1});
}

TEST_F(Execution, StaticCallCannotWrite) {
  const Address inner = deploy(kInner);
  const Address a = deploy(R"T(
.fn peek locals=2 export="peek(address)"
  PUSH 4
  CALLDATALOAD
  LSET 0
  PUSH 3
  LSET 1
)T" + call_and_bubble("set(uint256)", "STATICCALL") +
                           R"T(  STOP
.end
)T");
  ExecResult r = call(a, calldata("peek(address)", {to_word(inner)}));
  EXPECT_EQ(r.status, Status::Revert);  // the static callee trapped, its (empty) data bubbled
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(host.get_storage(inner, Word{1}), Word{0});
}

TEST_F(Execution, ViewFunctionRunsInStaticContext) {
  const Address a = deploy(R"T(
.fn f view export="f()"
  PUSH 1
  PUSH 1
  SSTORE
  STOP
.end
)T");
  ExecResult r = call(a, calldata("f()"));
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.reason, "SSTORE in a static context");
  EXPECT_EQ(r.gas_left, 0);
}

TEST_F(Execution, DispatchRefusals) {
  const Address a = deploy(R"T(
.fn f export="f()"
  STOP
.end
.fn g payable export="g()"
  CALLVALUE
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("nope()"), 5000);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(r.gas_left, 5000);
  r = call(a, {0x01, 0x02}, 5000);
  EXPECT_EQ(r.status, Status::Revert);
  r = call(a, {}, 5000);
  EXPECT_EQ(r.status, Status::Revert);
  r = call(a, calldata("f()"), 5000, Word{1});
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.reason, "the function is not payable");
  EXPECT_EQ(host.get_balance(a), Word{0});
  r = call(a, calldata("g()"), 5000, Word{123});
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(word_from_be(r.output.data()), Word{123});
  EXPECT_EQ(host.get_balance(a), Word{123});
}

TEST_F(Execution, ReceiveRunsOnEmptyCallData) {
  const Address a = deploy(R"T(
.receive on_receive
.fn on_receive payable
  PUSH 0
  CALLVALUE
  SSTORE
  STOP
.end
)T");
  ExecResult r = call(a, {}, 100000, Word{55});
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host.get_storage(a, Word{0}), Word{55});
}

TEST_F(Execution, TransferMovesValueWithoutRunningCode) {
  const Address payee = *parse_address("0x00000000000000000000000000000000000000aa");
  const Address a = deploy(R"T(
.fn pay payable export="pay(address,uint256)"
  PUSH 4
  CALLDATALOAD
  PUSH 36
  CALLDATALOAD
  TRANSFER
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("pay(address,uint256)", {to_word(payee), Word{40}}), 100000, Word{100});
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{1});
  EXPECT_EQ(host.get_balance(payee), Word{40});
  EXPECT_EQ(host.get_balance(a), Word{60});
  r = call(a, calldata("pay(address,uint256)", {to_word(payee), Word{1000}}), 100000);
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});  // short: nothing moves
  EXPECT_EQ(host.get_balance(payee), Word{40});
}

TEST_F(Execution, CreateAddressesFollowEthereumsRule) {
  const Address first = deploy(".fn f export=\"f()\"\n  STOP\n.end\n");
  EXPECT_EQ(first, create_address(sender, 0));
  const Address second = deploy(".fn f export=\"f()\"\n  STOP\n.end\n");
  EXPECT_EQ(second, create_address(sender, 1));

  const std::string child = ".constructor init\n.fn init\n  PUSH 0\n  PUSH 0\n  CALLDATALOAD\n  SSTORE\n  STOP\n.end\n";
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    return serialize_container(*assemble(child, "child.tasm"));
  };
  auto factory_code = assemble_ok(R"T(
.child "child.tasm"
.fn make export="make(uint256)"
  PUSH 0
  PUSH 4
  CALLDATALOAD
  MSTORE
  PUSH 0
  PUSH 0
  PUSH 32
  CREATE 0
)T" + kReturnTop + R"T(
.end
)T",
                                  loader);
  ExecResult d = host.deploy(sender, factory_code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  const Address factory = d.created;
  for (uint64_t n = 1; n <= 3; ++n) {
    ExecResult r = call(factory, calldata("make(uint256)", {Word{100 + n}}));
    ASSERT_EQ(r.status, Status::Success) << r.reason;
    const Address made = to_address(word_from_be(r.output.data()));
    EXPECT_EQ(made, create_address(factory, n));  // a contract's nonce starts at 1
    EXPECT_EQ(host.get_storage(made, Word{0}), Word{100 + n});
    EXPECT_GT(host.get_code_size(made), 0u);
  }
}

TEST_F(Execution, InvalidChildFailsCreation) {
  // A child whose code fails validation: CREATE pushes 0.
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    Container c;
    c.functions.push_back(FunctionInfo{0, 1, 0, 0, 0, 0, 0});
    c.constructor = 0;
    c.code = {0x15};  // POP on an empty stack, and no terminator
    return serialize_container(c);
  };
  auto code = assemble_ok(R"T(
.child "bad"
.fn make export="make()"
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
)T" + kReturnTop + R"T(
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = call(d.created, calldata("make()"));
  ASSERT_EQ(r.status, Status::Success);
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
}

TEST_F(Execution, CallDepthLimitIs1024) {
  // Each frame counts itself in storage[0], then calls itself (reentrant) ignoring failure.
  const Address a = deploy(R"T(
.fn down reentrant export="down()"
  PUSH 0
  PUSH 0
  SLOAD
  PUSH 1
  ADD
  SSTORE
  PUSH 0
  PUSH )T" + selector_word("down()") + R"T(
  MSTORE
  GAS
  ADDRESS
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
  POP
  STOP
.end
)T");
  ExecResult r = call(a, calldata("down()"), 4'000'000'000'000'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host.get_storage(a, Word{0}), Word{1025});  // depths 0..1024 ran
}

}  // namespace
}  // namespace tenet::vm::testing

namespace tenet::vm::testing {
namespace {

/// A host with one cheat code: id 7 echoes its input back doubled in length.
class CheatHost : public JournaledHost {
 public:
  using JournaledHost::JournaledHost;
  ExecResult cheat(uint16_t id, std::span<const uint8_t> input, const Message&) override {
    if (id != 7) return ExecResult{Status::Revert, 0, {}, {}, "unknown cheat"};
    std::vector<uint8_t> out(input.begin(), input.end());
    out.insert(out.end(), input.begin(), input.end());
    return ExecResult{Status::Success, 0, out, {}, {}};
  }
};

const std::string kCheatProgram = R"T(
.fn main export="main()"
  PUSH 0
  PUSH 0xab
  MSTORE8
  PUSH 0
  PUSH 1
  CHEAT 7
  PUSH 0
  PUSH 1
  CHEAT 8
  ADD
  RETURNDATASIZE
  ADD
)T" + kReturnTop + R"T(
.end
)T";

TEST(ExecutionCheats, CheatCodesRunOnlyInTestMode) {
  Vm vm(VmOptions{true});
  CheatHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  auto c = assemble(kCheatProgram, "cheat.tasm", {}, ValidationOptions{true});
  ASSERT_TRUE(c.ok()) << c.error().message;
  ExecResult d = host.deploy(sender, serialize_container(*c), 1'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = host.transact(sender, d.created, calldata("main()"), 1'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  // CHEAT 7 succeeds (1), CHEAT 8 fails (0) and leaves empty return data.
  EXPECT_EQ(word_from_be(r.output.data()), Word{1});

  // The same container is rejected by a VM outside test mode.
  Vm plain;
  JournaledHost plain_host(plain);
  ExecResult rejected = plain_host.deploy(sender, serialize_container(*c), 1'000'000);
  EXPECT_EQ(rejected.status, Status::Invalid);
  EXPECT_EQ(rejected.reason, "function 0 at offset 7: test-only-instruction: CHEAT 7 is only allowed in test mode");
}

}  // namespace
}  // namespace tenet::vm::testing
