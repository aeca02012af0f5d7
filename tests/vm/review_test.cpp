// Review tests: edge cases of the interpreter, gas, memory, journaling and dispatch
// that the other suites do not pin down (each documented in docs/bytecode.md,
// docs/gas.md or docs/vm.md).
#include <algorithm>
#include <cstring>
#include <limits>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using ReviewMemory = VmTest;
using ReviewCalls = VmTest;
using ReviewInternal = VmTest;
using ReviewJournal = VmTest;
using ReviewGas = VmTest;
using ReviewStatic = VmTest;
using ReviewDispatch = VmTest;
using ReviewLimits = VmTest;

const std::string kHuge = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

// ---- Memory -------------------------------------------------------------------------------

TEST_F(ReviewMemory, ZeroLengthAccessesWithHugeOffsetsNeitherGrowNorTrap) {
  // KECCAK256, CALLDATACOPY, MCOPY, MFILL, RETURNDATACOPY (destination), LOG0 and
  // DEBUGLOG of length 0 at offsets far beyond 2^64; then MSIZE must still be 0.
  EXPECT_EQ(eval("PUSH " + kHuge + "\nPUSH 0\nKECCAK256\nPOP\n"
                 "PUSH " + kHuge + "\nPUSH " + kHuge + "\nPUSH 0\nCALLDATACOPY\n"
                 "PUSH " + kHuge + "\nPUSH " + kHuge + "\nPUSH 0\nMCOPY\n"
                 "PUSH " + kHuge + "\nPUSH 7\nPUSH 0\nMFILL\n"
                 "PUSH " + kHuge + "\nPUSH 0\nPUSH 0\nRETURNDATACOPY\n"
                 "PUSH " + kHuge + "\nPUSH 0\nLOG0\n"
                 "PUSH " + kHuge + "\nPUSH 0\nDEBUGLOG\n"
                 "MSIZE"),
            Word{0});
  ExecResult r = exec("PUSH " + kHuge + "\nPUSH 0\nRETURN");
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_TRUE(r.output.empty());
  r = exec("PUSH " + kHuge + "\nPUSH 0\nREVERT");
  EXPECT_EQ(r.status, Status::Revert) << r.reason;
  EXPECT_TRUE(r.output.empty());
}

TEST_F(ReviewMemory, CallDataCopyFromOffsetBeyond2To64GivesZeros) {
  // Memory word 0 is pre-filled with ones; copying 32 bytes of call data from an offset
  // of 2^64 + 0 (whose low 64 bits are 0) must give zeros, not the selector.
  EXPECT_EQ(eval("PUSH 0\nPUSH " + kHuge + "\nMSTORE\n"
                 "PUSH 0\nPUSH 0x10000000000000000\nPUSH 32\nCALLDATACOPY\n"
                 "PUSH 0\nMLOAD"),
            Word{0});
  // CALLDATALOAD likewise.
  EXPECT_EQ(eval("PUSH 0x10000000000000000\nCALLDATALOAD"), Word{0});
}

TEST_F(ReviewMemory, McopyWithOverlappingRangesActsLikeMemmove) {
  // Bytes 0..31 = 0x01..0x20; copy 0..31 to 1..32 (forward overlap), read word 1..32.
  std::string fill;
  for (int i = 0; i < 32; ++i) fill += "PUSH " + std::to_string(i) + "\nPUSH " + std::to_string(i + 1) + "\nMSTORE8\n";
  Word expect_forward;
  Word expect_backward;
  {
    std::array<uint8_t, 64> mem{};
    for (int i = 0; i < 32; ++i) mem[static_cast<size_t>(i)] = static_cast<uint8_t>(i + 1);
    std::array<uint8_t, 64> fwd = mem;
    std::memmove(fwd.data() + 1, fwd.data(), 32);
    expect_forward = word_from_be(fwd.data() + 1);
    std::array<uint8_t, 64> bwd = mem;
    std::memmove(bwd.data(), bwd.data() + 1, 32);
    expect_backward = word_from_be(bwd.data());
  }
  EXPECT_EQ(eval(fill + "PUSH 1\nPUSH 0\nPUSH 32\nMCOPY\nPUSH 1\nMLOAD"), expect_forward);
  EXPECT_EQ(eval(fill + "PUSH 0\nPUSH 1\nPUSH 32\nMCOPY\nPUSH 0\nMLOAD"), expect_backward);
}

TEST_F(ReviewMemory, AccessPastTheLimitIsOutOfGasEvenWithAllTheGas) {
  // Offset 2^32 - 31 with 32 bytes ends past 2^32: out of gas however much gas there is.
  ExecResult r = exec("PUSH 0xffffffe1\nMLOAD\nSTOP", std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(r.gas_left, 0);
  // A 2^32-byte hash with offset 1 likewise.
  r = exec("PUSH 1\nPUSH 0x100000000\nKECCAK256\nSTOP", std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.status, Status::OutOfGas);
}

// ---- Calls ----------------------------------------------------------------------------------

/// A callee that returns the gas it was given (GAS at its first instruction, plus 2 for GAS).
const std::string kGasReporter = R"T(
.fn g export="g()"
  GAS
)T" + kReturnTop + R"T(
.end
)T";

/// Records the gas left (after the block charge) at the outermost frame's CALL.
class GasAtCall : public Tracer {
 public:
  void on_instruction(int depth, uint16_t, uint32_t, Op op, int64_t gas_left, std::span<const Word>) override {
    if (depth == 0 && op == Op::CALL) gas = gas_left;
  }
  int64_t gas = -1;
};

TEST_F(ReviewCalls, HugeGasRequestForwardsAllButOne64th) {
  const Address callee = deploy(kGasReporter);
  // Request 2^256-1 gas: at most g - g/64 is forwarded, where g is the gas left after
  // the CALL's own charges.
  const Address a = deploy(R"T(
.fn main locals=1 export="main(address)"
  PUSH 0
  PUSH )T" + selector_word("g()") + R"T(
  MSTORE
  PUSH )T" + kHuge + R"T(
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
  POP
  GAS
  LSET 0
  PUSH 0
  PUSH 0
  PUSH 32
  RETURNDATACOPY
  PUSH 32
  LGET 0
  MSTORE
  PUSH 0
  PUSH 64
  RETURN
.end
)T");
  GasAtCall tracer;
  vm.set_tracer(&tracer);
  ExecResult r = call(a, calldata("main(address)", {to_word(callee)}), 1'000'000);
  vm.set_tracer(nullptr);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(r.output.size(), 64u);
  ASSERT_GT(tracer.gas, 0);
  // The callee's only block (GAS PUSH0 SWAP MSTORE PUSH0 PUSH1 RETURN) costs 9; the CALL
  // adds 2500 for the cold callee (memory for the input was paid by the MSTORE).
  const int64_t g = tracer.gas - 2500;
  EXPECT_EQ(static_cast<int64_t>(word_from_be(r.output.data()).low64()) + 9, g - g / 64);
}

TEST_F(ReviewCalls, ViewExportMakesEveryNestedCallStatic) {
  // A view function calls a non-view setter with CALL (no value): the callee inherits the
  // static context and traps on SSTORE, so the CALL reports failure.
  const Address setter = deploy(R"T(
.fn set export="set()"
  PUSH 1
  PUSH 1
  SSTORE
  STOP
.end
)T");
  const Address a = deploy(R"T(
.fn peek view export="peek(address)"
)T" + call_first_arg("set()") + R"T(
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("peek(address)", {to_word(setter)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
  EXPECT_EQ(host.get_storage(setter, Word{1}), Word{0});
  // Called directly, the setter works.
  EXPECT_EQ(call(setter, calldata("set()")).status, Status::Success);
  EXPECT_EQ(host.get_storage(setter, Word{1}), Word{1});
}

// ---- Creation ------------------------------------------------------------------------------

TEST_F(ReviewCalls, RevertingConstructorGivesZeroAndExposesItsRevertData) {
  const std::string child = R"T(
.constructor init
.fn init
  PUSH 0
  PUSH 1
  SSTORE
  PUSH 0
  PUSH 0xbeef
  MSTORE
  PUSH 30
  PUSH 2
  REVERT
.end
)T";
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    return serialize_container(*assemble(child, "child.tasm"));
  };
  auto code = assemble_ok(R"T(
.child "child.tasm"
.fn make locals=1 export="make()"
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
  LSET 0
  PUSH 0
  LGET 0
  MSTORE
  PUSH 32
  RETURNDATASIZE
  MSTORE
  PUSH 64
  PUSH 0
  RETURNDATASIZE
  RETURNDATACOPY
  PUSH 0
  PUSH 96
  RETURN
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  const Address factory = d.created;
  ExecResult r = call(factory, calldata("make()"));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(r.output.size(), 96u);
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
  EXPECT_EQ(word_from_be(r.output.data() + 32), Word{2});
  EXPECT_EQ(r.output[64], 0xbe);
  EXPECT_EQ(r.output[65], 0xef);
  // The failed creation used nonce 1 of the factory; nothing exists at that address.
  EXPECT_EQ(host.find_account(factory)->nonce, 2u);
  EXPECT_EQ(host.find_account(create_address(factory, 1)), nullptr);
}

TEST_F(ReviewCalls, SuccessfulCreateClearsTheReturnData) {
  const std::string child = ".constructor init\n.fn init\n  STOP\n.end\n";
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    return serialize_container(*assemble(child, "child.tasm"));
  };
  const Address reporter = deploy(kGasReporter);
  auto code = assemble_ok(R"T(
.child "child.tasm"
.fn make export="make(address)"
)T" + call_first_arg("g()") + R"T(
  POP
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
  POP
  PUSH 0
  RETURNDATASIZE
  MSTORE
  PUSH 0
  PUSH 32
  RETURN
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = call(d.created, calldata("make(address)", {to_word(reporter)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
}

// ---- Internal calls ------------------------------------------------------------------------

TEST_F(ReviewInternal, DeepRecursionGrowsTheFrameBufferAndKeepsArgumentsAndResults) {
  // sum(n, acc) with 3 further locals and two results: (n*(n+1)/2 + acc, n). Deep enough
  // that the word buffer must grow several times while frames are live.
  const Address a = deploy(R"T(
.fn main export="main(uint256)"
  PUSH 4
  CALLDATALOAD
  PUSH 1000
  CALLF sum
  PUSH 32
  SWAP 1
  MSTORE
  PUSH 0
  SWAP 1
  MSTORE
  PUSH 0
  PUSH 64
  RETURN
.end
.fn sum params=2 results=2 locals=3
  LGET 0
  LSET 2
  LGET 1
  LSET 3
  LGET 0
  ISZERO
  JUMPI base
  LGET 0
  PUSH 1
  SUB
  LGET 1
  LGET 0
  ADD
  CALLF sum
  POP
  LGET 2
  RETF
base:
  LGET 1
  LGET 0
  RETF
.end
)T");
  ExecResult r = call(a, calldata("main(uint256)", {Word{1000}}), 100'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(r.output.size(), 64u);
  EXPECT_EQ(word_from_be(r.output.data()), Word{1000 + 1000 * 1001 / 2});
  EXPECT_EQ(word_from_be(r.output.data() + 32), Word{1000});
}

// ---- Journal --------------------------------------------------------------------------------

TEST_F(ReviewJournal, RevertedFrameRestoresClearedAndCreatedSlotsExactly) {
  const Address a = deploy(R"T(
.fn init export="init()"
  PUSH 1
  PUSH 11
  SSTORE
  STOP
.end
.fn churn export="churn()"
  PUSH 1
  PUSH 0
  SSTORE
  PUSH 2
  PUSH 22
  SSTORE
  PUSH 0
  PUSH 0
  REVERT
.end
)T");
  ASSERT_EQ(call(a, calldata("init()")).status, Status::Success);
  const auto before = host.find_account(a)->storage;
  ExecResult r = call(a, calldata("churn()"));
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(host.find_account(a)->storage, before);
  EXPECT_EQ(host.find_account(a)->storage.size(), 1u);
}

TEST_F(ReviewGas, CallWithValueToColdEmptyAccountCostsExactly) {
  // Static: PUSH PUSH CALLDATALOAD PUSH PUSH PUSH CALL POP STOP = 1+1+3+1+1+1+100+1+0 = 109;
  // dynamic: 2500 (cold callee) + 9000 (value). Asking for 0 gas forwards 0.
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 0
  PUSH 4
  CALLDATALOAD
  PUSH 1
  PUSH 0
  PUSH 0
  CALL
  POP
  STOP
.end
)T");
  host.set_balance(a, Word{10});
  const Address target = *parse_address("0x00000000000000000000000000000000000000aa");
  ExecResult r = call(a, calldata("main(address)", {to_word(target)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, 109 + 2500 + 9000);
  EXPECT_EQ(host.get_balance(target), Word{1});
  EXPECT_EQ(host.get_balance(a), Word{9});
}

TEST_F(ReviewGas, StorageCostsFollowTheOriginalValue) {
  const Address a = deploy(R"T(
.fn init export="init()"
  PUSH 1
  PUSH 5
  SSTORE
  STOP
.end
.fn churn export="churn()"
  PUSH 1
  PUSH 6
  SSTORE
  PUSH 1
  PUSH 5
  SSTORE
  PUSH 1
  PUSH 0
  SSTORE
  STOP
.end
)T");
  ASSERT_EQ(call(a, calldata("init()")).status, Status::Success);
  // churn (EIP-2200 without refunds): 5 -> 6 is cold and modified (2100 + 2900); 6 -> 5
  // is dirty (100) and makes the slot equal to its original again, so 5 -> 0 is judged
  // as a modification of a clean slot (2900); static 6.
  ExecResult r = call(a, calldata("churn()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, 6 + 2100 + 2900 + 100 + 2900);
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{0});
  EXPECT_TRUE(host.find_account(a)->storage.empty());
}

TEST_F(ReviewGas, MemoryGrowthIncludesTheQuadraticPart) {
  // MSTORE at 1023*32 grows memory to 1024 words: 3*1024 + 1024*1024/512 = 5120.
  ExecResult r = exec("PUSH 32736\nPUSH 1\nMSTORE\nSTOP", 100'000);
  ASSERT_EQ(r.status, Status::Success);
  EXPECT_EQ(100'000 - r.gas_left, 5 + 5120);
}

TEST_F(ReviewGas, RefusedCallReturnsTheForwardedGasToTheCaller) {
  // The callee has no function for the selector: the CALL fails but all forwarded gas
  // comes back, so the caller pays only the CALL's own costs.
  const Address callee = deploy(".fn f export=\"f()\"\n  STOP\n.end\n");
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 50000
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 0
  CALL
  POP
  STOP
.end
)T");
  ExecResult r = call(a, calldata("main(address)", {to_word(callee)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, 109 + 2500);
}

TEST_F(ReviewGas, OutOfGasInACalleeConsumesOnlyWhatWasForwarded) {
  const Address callee = deploy(".fn f export=\"f()\"\nloop:\n  JUMP loop\n.end\n");
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 0
  PUSH )T" + selector_word("f()") + R"T(
  MSTORE
  PUSH 1000
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("main(address)", {to_word(callee)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
  // PUSH PUSH MSTORE(3+3 memory) PUSH PUSH CALLDATALOAD PUSH PUSH PUSH CALL PUSH SWAP MSTORE PUSH PUSH RETURN
  const int64_t own = 1 + 1 + 3 + 3 + 1 + 1 + 3 + 1 + 1 + 1 + 100 + 1 + 1 + 3 + 1 + 1 + 0;
  EXPECT_EQ(100'000 - r.gas_left, own + 2500 + 1000);
}

TEST_F(ReviewGas, CreateCostsItsStaticGasPerByteAndForwardsTheRest) {
  const std::string child = ".fn f export=\"f()\"\n  STOP\n.end\n";
  auto child_bytes = serialize_container(*assemble(child, "child.tasm"));
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> { return child_bytes; };
  auto code = assemble_ok(R"T(
.child "child.tasm"
.fn make export="make()"
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
  POP
  STOP
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = call(d.created, calldata("make()"), 1'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  // No constructor: creation succeeds at once and returns all forwarded gas.
  EXPECT_EQ(1'000'000 - r.gas_left, 3 + 32000 + 1 + 200 * static_cast<int64_t>(child_bytes.size()));
}

TEST_F(ReviewStatic, EveryStateChangeTrapsInAViewFunction) {
  struct Case {
    std::string body;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"PUSH 0\nPUSH 0\nLOG0\nSTOP", "LOG in a static context"},
      {"PUSH 0\nPUSH 0\nPUSH 0\nPUSH 0\nLOG2\nSTOP", "LOG in a static context"},
      {"PUSH 1\nPUSH 0\nTRANSFER\nSTOP", "TRANSFER in a static context"},
      {"PUSH 0\nPUSH 1\nPUSH 1\nPUSH 0\nPUSH 0\nCALL\nSTOP", "CALL with value in a static context"},
      {"PUSH 0\nPUSH 0\nPUSH 0\nCREATE 0\nSTOP", "CREATE in a static context"},
  };
  for (const Case& c : cases) {
    // The child: one function, STOP, no constructor.
    auto code = assemble_ok(".child 0x7f544e420100ffffffff000100000000000000000001000000000000000000010000000000000000\n"
                            ".fn v view export=\"v()\"\n" + c.body + "\n.end\n");
    ExecResult d = host.deploy(sender, code, 10'000'000);
    ASSERT_EQ(d.status, Status::Success) << d.reason;
    ExecResult r = call(d.created, calldata("v()"));
    EXPECT_EQ(r.status, Status::Trap) << c.body;
    EXPECT_EQ(r.reason, c.reason) << c.body;
    EXPECT_EQ(r.gas_left, 0);
  }
  EXPECT_TRUE(host.logs().empty());
}

TEST_F(ReviewStatic, ZeroValueCallsAndReadsAreAllowedInAStaticContext) {
  const Address target = deploy(kGasReporter);
  const Address a = deploy(R"T(
.fn v view export="v(address)"
)T" + call_first_arg("g()") + R"T(
  PUSH 0
  SLOAD
  ADD
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("v(address)", {to_word(target)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{1});
}

TEST_F(ReviewDispatch, JumpTableIndexBeyond64BitsTakesTheDefault) {
  EXPECT_EQ(eval("PUSH 0x10000000000000000\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"), Word{2});
  EXPECT_EQ(eval("PUSH 0\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"), Word{1});
  EXPECT_EQ(eval("PUSH 1\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"), Word{2});
}

TEST_F(ReviewDispatch, ConstructorSeesOnlyItsArgumentsAsCallData) {
  const Address a = deploy(R"T(
.constructor init
.fn init
  PUSH 0
  CALLDATASIZE
  SSTORE
  PUSH 1
  PUSH 0
  CALLDATALOAD
  SSTORE
  STOP
.end
)T",
                           be(Word{77}));
  EXPECT_EQ(host.get_storage(a, Word{0}), Word{32});
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{77});
}

TEST_F(ReviewDispatch, ConstructorCallingBackIntoItsCreatorIsReentrant) {
  // The factory's make() creates a child whose constructor calls factory.ping(), which is
  // not reentrant: the factory has a frame on the call stack, so the call is refused with
  // Reentrancy(); the constructor stores the call's result and return data size.
  const std::string child = R"T(
.constructor init
.fn init
  PUSH 0
  PUSH )T" + selector_word("ping()") + R"T(
  MSTORE
  GAS
  CALLER
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
  PUSH 0
  SWAP 1
  SSTORE
  PUSH 1
  RETURNDATASIZE
  SSTORE
  STOP
.end
)T";
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    return serialize_container(*assemble(child, "child.tasm"));
  };
  auto code = assemble_ok(R"T(
.child "child.tasm"
.fn make export="make()"
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
)T" + kReturnTop + R"T(
.end
.fn ping export="ping()"
  STOP
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = call(d.created, calldata("make()"));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  const Address made = to_address(word_from_be(r.output.data()));
  ASSERT_NE(made, Address{});
  EXPECT_EQ(host.get_storage(made, Word{0}), Word{0});
  EXPECT_EQ(host.get_storage(made, Word{1}), Word{4});
}

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

TEST_F(ReviewLimits, FrameStackLimitIsEnforcedAfterTheBufferDoubled) {
  // Each level keeps 4095 locals and 1000 stack items: the 4 Mi-word frame buffer runs
  // out after about 823 levels, before the internal depth limit of 1024. (The buffer used
  // to grow by doubling past 4 Mi words, after which the limit was never checked again and
  // the recursion ran on to the depth limit with an 8 Mi-word buffer.)
  std::string pushes;
  for (int i = 0; i < 1000; ++i) pushes += "  PUSH0\n";
  const Address a = deploy(".fn main export=\"main()\"\n  CALLF r\n  STOP\n.end\n"
                           ".fn r locals=4095\n" + pushes + "  CALLF r\n  STOP\n.end\n");
  ExecResult r = call(a, calldata("main()"), 100'000'000);
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.reason, "frame stack limit exceeded");
  EXPECT_EQ(r.gas_left, 0);
}

TEST_F(ReviewLimits, TracedRunMatchesUntracedRunAcrossBufferGrowth) {
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

TEST_F(ReviewJournal, SlotWarmedByARevertedFrameIsColdAgain) {
  // b.touch() reads slot 5 and reverts; b.read() then measures its own SLOAD of slot 5
  // (two GAS readings in one block differ by the dynamic cost only): cold again, 2100.
  const Address b = deploy(R"T(
.fn touch export="touch()"
  PUSH 5
  SLOAD
  POP
  PUSH 0
  PUSH 0
  REVERT
.end
.fn read export="read()"
  GAS
  PUSH 5
  SLOAD
  POP
  GAS
  SUB
)T" + kReturnTop + R"T(
.end
)T");
  auto call_b = [](std::string_view sig) {
    return call_first_arg(sig) + "  POP\n";
  };
  const Address a = deploy(".fn main export=\"main(address)\"\n" + call_b("touch()") + call_b("read()") +
                           "  PUSH 0\n  PUSH 0\n  PUSH 32\n  RETURNDATACOPY\n  PUSH 0\n  PUSH 32\n  RETURN\n.end\n");
  ExecResult r = call(a, calldata("main(address)", {to_word(b)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(r.output.size(), 32u);
  EXPECT_EQ(word_from_be(r.output.data()), Word{2100});
}

}  // namespace
}  // namespace tenet::vm::testing
