// External calls (the 63/64 rule, static context through view exports), creation
// (reverting constructors, return data) and internal calls (frame buffer growth).
#include <algorithm>
#include <cstring>

#include "tenet/vm/gas.hpp"
#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Calls = VmTest;
using InternalCalls = VmTest;

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
  void on_instruction(int depth, uint16_t, uint32_t, Op op, int64_t gas_left,
                      std::span<const Word>) override {
    if (depth == 0 && op == Op::CALL) gas = gas_left;
  }
  int64_t gas = -1;
};

TEST_F(Calls, HugeGasRequestForwardsAllButOne64th) {
  const Address callee = deploy(kGasReporter);
  // Request 2^256-1 gas: at most g - g/64 is forwarded, where g is the gas left after
  // the CALL's own charges.
  const Address a = deploy(R"T(
.fn main locals=1 export="main(address)"
  PUSH 0
  PUSH )T" + selector_word("g()") +
                           R"T(
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
  // The callee's entry frame (max stack 2) costs C(2) = 6 and its only block (GAS PUSH0
  // SWAP MSTORE PUSH0 PUSH1 RETURN) 9 before GAS reads; the CALL adds 2500 plus the code
  // charge for the cold callee (memory for the input was paid by the MSTORE).
  const int64_t g =
      tracer.gas - 2500 - static_cast<int64_t>(cold_code_cost(host.get_code_size(callee)));
  EXPECT_EQ(static_cast<int64_t>(word_from_be(r.output.data()).low64()) + entry_frame_gas(2) + 9,
            g - g / 64);
}

TEST_F(Calls, ViewExportMakesEveryNestedCallStatic) {
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
)T" + call_first_arg("set()") +
                           R"T(
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

TEST_F(Calls, RevertingConstructorGivesZeroAndExposesItsRevertData) {
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

TEST_F(Calls, SuccessfulCreateClearsTheReturnData) {
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

TEST_F(InternalCalls, DeepRecursionGrowsTheFrameBufferAndKeepsArgumentsAndResults) {
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

}  // namespace
}  // namespace tenet::vm::testing
