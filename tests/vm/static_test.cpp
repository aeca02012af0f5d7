// The static context: every state change traps in a view function; zero-value calls
// and reads are allowed.
#include <string>
#include <vector>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using StaticContext = VmTest;

TEST_F(StaticContext, EveryStateChangeTrapsInAViewFunction) {
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
    auto code = assemble_ok(
        ".child "
        "0x7f544e420100ffffffff000100000000000000000001000000000000000000010000000000000000\n"
        ".fn v view export=\"v()\"\n" +
        c.body + "\n.end\n");
    ExecResult d = host.deploy(sender, code, 10'000'000);
    ASSERT_EQ(d.status, Status::Success) << d.reason;
    ExecResult r = call(d.created, calldata("v()"));
    EXPECT_EQ(r.status, Status::Trap) << c.body;
    EXPECT_EQ(r.reason, c.reason) << c.body;
    EXPECT_EQ(r.gas_left, 0);
  }
  EXPECT_TRUE(host.logs().empty());
}

TEST_F(StaticContext, ZeroValueCallsAndReadsAreAllowedInAStaticContext) {
  const Address target = deploy(kGasReporter);
  const Address a = deploy(R"T(
.fn v view export="v(address)"
)T" + call_first_arg("g()") +
                           R"T(
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

}  // namespace
}  // namespace tenet::vm::testing
