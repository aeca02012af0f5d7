// Dispatch: jump tables with huge indices, the constructor's call data, re-entrancy of
// a constructor calling back into its creator.

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Dispatch = VmTest;

TEST_F(Dispatch, JumpTableIndexBeyond64BitsTakesTheDefault) {
  EXPECT_EQ(
      eval("PUSH 0x10000000000000000\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"),
      Word{2});
  EXPECT_EQ(eval("PUSH 0\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"), Word{1});
  EXPECT_EQ(eval("PUSH 1\nJUMPTABLE d, a\na:\nPUSH 1\nJUMP out\nd:\nPUSH 2\nout:"), Word{2});
}

TEST_F(Dispatch, ConstructorSeesOnlyItsArgumentsAsCallData) {
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

TEST_F(Dispatch, ConstructorCallingBackIntoItsCreatorIsReentrant) {
  // The factory's make() creates a child whose constructor calls factory.ping(), which is
  // not reentrant: the factory has a frame on the call stack, so the call is refused with
  // Reentrancy(); the constructor stores the call's result and return data size.
  const std::string child = R"T(
.constructor init
.fn init
  PUSH 0
  PUSH )T" + selector_word("ping()") +
                            R"T(
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

}  // namespace
}  // namespace tenet::vm::testing
