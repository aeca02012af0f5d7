// Operand records of instrumented builds (CompileOptions::record_operands): a failing
// comparison in `require`, `assert`, `assert_eq`… or `if cmp { revert …; }` logs
// "tcmp" ‖ ABI (file, line, column, op, lhs, rhs) before it reverts (abi/log.hpp).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "tenet/abi/log.hpp"

namespace tenet::compiler {
namespace {

using testing::aw;
using testing::input;
using testing::iw;
using vm::Address;
using vm::Word;

const char* kOperandsSource = R"(error Small(n: u256);
contract Checks {
    pub fn two(a: u256, b: u256) {
        require(a > 3);
        require(b > 5);
    }
    pub fn reason(a: i64, b: i64) { require(a <= b, "too big"); }
    pub fn plain(x: bool) { require(x); }
    pub fn asserted(who: address) { assert(who == address(0x1234)); }
    pub fn guarded(n: u256) {
        if n < 10 { revert Small(n); }
        if n != 11 { revert("not eleven"); }
    }
    pub fn strings(s: string) { require(s == "yes", "no"); }
}
test contract T {
    test fn eq(a: u8, b: u8) { assert_eq(a, b); }
}
)";

class E2eOperands : public ::testing::Test {
 protected:
  E2eOperands() : vm(vm::VmOptions{true}), host(vm) {
    host.set_balance(sender, vm::testing::W("1000000000000000000000"));
    host.keep_debug_logs(true);
    checked = testing::check_source(kOperandsSource);
  }

  CompiledContract compile(const std::string& name, bool record, OptLevel level = OptLevel::O0) {
    CompileOptions options;
    options.level = level;
    options.record_operands = record;
    auto r =
        compile_contract(*checked->program, checked->sources, checked->contract(name), options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : CompiledContract{};
  }

  Address deploy(const std::string& name, OptLevel level = OptLevel::O0) {
    vm::ExecResult r = host.deploy(sender, compile(name, true, level).bytecode, 10'000'000, Word{});
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason;
    return r.created;
  }

  /// Calls `to`, then returns the operand records logged, as "file:line:col lhs op rhs".
  std::vector<std::string> records(const Address& to, const std::vector<uint8_t>& in,
                                   vm::Status want) {
    const size_t before = host.debug_logs().size();
    vm::ExecResult r = host.transact(sender, to, in, 10'000'000, Word{});
    EXPECT_EQ(r.status, want) << r.reason;
    std::vector<std::string> out;
    for (size_t i = before; i < host.debug_logs().size(); ++i) {
      const auto& payload = host.debug_logs()[i];
      if (!abi::is_operand_record(payload)) continue;
      auto rec = abi::decode_operand_record(payload);
      EXPECT_TRUE(rec.ok()) << rec.error().message;
      if (!rec) continue;
      out.push_back(rec->file + ":" + std::to_string(rec->line) + ":" +
                    std::to_string(rec->column) + " " + rec->lhs + " " + rec->op + " " + rec->rhs);
    }
    return out;
  }

  using Records = std::vector<std::string>;
  vm::Vm vm;
  vm::JournaledHost host;
  Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  std::unique_ptr<testing::CheckedSource> checked;
};

TEST_F(E2eOperands, TheFailingRequireRecordsItsOperands) {
  Address c = deploy("Checks");
  const auto two = [](int64_t a, int64_t b) {
    return input("two(uint256,uint256)", {iw(a), iw(b)});
  };
  EXPECT_EQ(records(c, two(4, 2), vm::Status::Revert), Records{"test.tn:5:17 2 > 5"});
  EXPECT_EQ(records(c, two(1, 9), vm::Status::Revert), Records{"test.tn:4:17 1 > 3"});
  EXPECT_EQ(records(c, two(4, 9), vm::Status::Success), Records{});
  EXPECT_EQ(records(c, input("reason(int64,int64)", {iw(-1), iw(-7)}), vm::Status::Revert),
            Records{"test.tn:7:45 -1 <= -7"});
  // Not a comparison: nothing to record.
  EXPECT_EQ(records(c, input("plain(bool)", {iw(0)}), vm::Status::Revert), Records{});
  EXPECT_EQ(records(c, input("asserted(address)", {aw(Address{})}), vm::Status::Revert),
            Records{"test.tn:9:44 0x0000000000000000000000000000000000000000 == "
                    "0x0000000000000000000000000000000000001234"});
  EXPECT_EQ(records(c, input("strings(string)", {iw(32), testing::tail("no")}), vm::Status::Revert),
            Records{"test.tn:14:41 \"no\" == \"yes\""});
}

TEST_F(E2eOperands, IfRevertRecordsTheTakenComparison) {
  Address c = deploy("Checks", OptLevel::O2);
  const auto guarded = [](int64_t n) { return input("guarded(uint256)", {iw(n)}); };
  EXPECT_EQ(records(c, guarded(3), vm::Status::Revert), Records{"test.tn:11:12 3 < 10"});
  EXPECT_EQ(records(c, guarded(12), vm::Status::Revert), Records{"test.tn:12:12 12 != 11"});
  EXPECT_EQ(records(c, guarded(11), vm::Status::Success), Records{});
}

TEST_F(E2eOperands, AssertEqRecordsTheAssertedRelation) {
  Address t = deploy("T");
  EXPECT_EQ(records(t, input("eq(uint8,uint8)", {iw(3), iw(4)}), vm::Status::Revert),
            Records{"test.tn:17:32 3 == 4"});
}

TEST_F(E2eOperands, WithoutTheFlagTheBytecodeIsTheNormalOne) {
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    for (const char* name : {"Checks", "T"}) {
      SCOPED_TRACE(name);
      CompileOptions options;
      options.level = level;
      auto normal =
          compile_contract(*checked->program, checked->sources, checked->contract(name), options);
      ASSERT_TRUE(normal.ok());
      EXPECT_EQ(compile(name, false, level).bytecode, normal->bytecode);
      EXPECT_NE(compile(name, true, level).bytecode, normal->bytecode);
    }
  }
}

}  // namespace
}  // namespace tenet::compiler
