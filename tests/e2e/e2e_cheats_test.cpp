// End-to-end tests of test contracts (language.md §11): cheat codes compiled to CHEAT with
// the ids and ABI argument encodings of vm/cheats.hpp, run against a host that records
// them; assertion messages; fail(); the exports of a test contract; test-mode validation.

#include <gtest/gtest.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "tenet/compiler/irgen.hpp"
#include "tenet/vm/cheats.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::compiler {
namespace {

using testing::aw;
using testing::cat;
using testing::hex;
using testing::hex_word;
using testing::input;
using testing::iw;
using testing::tail;
using vm::Address;
using vm::Cheat;
using vm::Word;

/// The revert data Error(message), as hex.
std::string error_hex(const std::string& message) {
  return "08c379a0" + hex(cat({iw(32), tail(message)}));
}

const Address kAlice = *vm::parse_address("0x00000000000000000000000000000000000a11ce");
const Address kVmAddr = *vm::parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");

/// A JournaledHost that runs a few cheat codes: it records every CHEAT (id and argument
/// bytes), answers vm.addr with kVmAddr, vm.snapshot with 7, vm.sign with (28, 0x11…, 0x22…)
/// and refuses vm.deal with the revert data "deal refused"; it answers the internal
/// expected_revert_taken with `taken` (or refuses it with "no answer" when `refuse_taken`).
class CheatHost : public vm::JournaledHost {
 public:
  using vm::JournaledHost::JournaledHost;

  /// One CHEAT seen: its id and its argument bytes as hex.
  struct Seen {
    uint16_t id;
    std::string args;
    bool operator==(const Seen&) const = default;
  };
  std::vector<Seen> seen;
  bool taken = false;         ///< the answer to expected_revert_taken
  bool refuse_taken = false;  ///< refuse expected_revert_taken instead

  vm::ExecResult cheat(uint16_t id, std::span<const uint8_t> in, const vm::Message& msg) override {
    (void)msg;
    seen.push_back({id, hex(std::vector<uint8_t>(in.begin(), in.end()))});
    vm::ExecResult r;
    switch (static_cast<Cheat>(id)) {
      case Cheat::addr:
        r.output = aw(kVmAddr);
        break;
      case Cheat::snapshot:
        r.output = iw(7);
        break;
      case Cheat::sign:
        r.output = cat({iw(28), std::vector<uint8_t>(32, 0x11), std::vector<uint8_t>(32, 0x22)});
        break;
      case Cheat::deal: {
        std::string text = "deal refused";
        r.status = vm::Status::Revert;
        r.output.assign(text.begin(), text.end());
        break;
      }
      case Cheat::expected_revert_taken:
        if (refuse_taken) {
          std::string text = "no answer";
          r.status = vm::Status::Revert;
          r.output.assign(text.begin(), text.end());
        } else {
          r.output = iw(taken ? 1 : 0);
        }
        break;
      default:
        break;
    }
    return r;
  }
};

const char* kCheatsSource = R"(
error Oops(code: u256, who: address);
event Moved(to: address indexed, amount: u256, note: string);
enum Color { Red, Green, Blue }

test contract CheatTest {
    count: u256;

    fn setup() { vm.warp(1000); self.count = 1; }

    test fn cheats(who: address) {
        vm.prank(who);
        vm.start_prank(who);
        vm.stop_prank();
        vm.roll(77);
        vm.label(who, "alice");
        vm.assume(who != address(0));
        vm.revert_to(5);
    }
    test fn expectations(who: address) {
        vm.expect_revert();
        vm.expect_revert("no");
        vm.expect_revert(Oops(3, who));
        vm.expect_emit(Moved(who, 9, "hi"));
    }
    test fn results(d: bytes32, r: bytes32) {
        assert_eq(vm.addr(1), address(0x7e5f4552091a69125d5dfcb7b8c2659029395bdf));
        assert_eq(vm.snapshot(), 7);
        let (v, r2, s2) = vm.sign(2, d);
        assert_eq(v, 28);
        assert_eq(r2, r);
        assert_ne(s2, r);
    }
    test fn refused(who: address) {
        vm.deal(who, 5);
        self.count = 2;
    }
    invariant fn count_is_one() { assert_eq(self.count, 1, "count"); }

    test fn eq_u(a: u256, b: u256) { assert_eq(a, b); }
    test fn ne_u(a: u256, b: u256) { assert_ne(a, b); }
    test fn lt_i(a: i64, b: i64) { assert_lt(a, b); }
    test fn le_u8(a: u8, b: u8) { assert_le(a, b); }
    test fn gt_i(a: i256, b: i256) { assert_gt(a, b); }
    test fn ge_u(a: u256, b: u256) { assert_ge(a, b, "too small"); }
    test fn eq_addr(a: address, b: address) { assert_eq(a, b); }
    test fn eq_b32(a: bytes32, b: bytes32) { assert_eq(a, b); }
    test fn eq_bool(a: bool, b: bool) { assert_eq(a, b, "flags"); }
    test fn eq_str(a: string, b: string) { assert_eq(a, b); }
    test fn eq_bytes(a: bytes, b: bytes) { assert_eq(a, b); }
    test fn eq_enum() { assert_eq(Color::Blue, Color::Red); }
    test fn eq_const() { assert_eq(10, 11); }
    test fn failing() { fail("boom"); }
}
)";

class E2eCheats : public ::testing::TestWithParam<OptLevel> {
 protected:
  E2eCheats() : vm(vm::VmOptions{true}), host(vm) {
    host.set_balance(sender, vm::testing::W("1000000000000000000000"));
  }

  /// Compiles `name` of the checked program `c`; the bytecode (empty on failure).
  std::vector<uint8_t> compile(const testing::CheckedSource& c, const std::string& name) {
    CompileOptions options;
    options.level = GetParam();
    auto r = compile_contract(*c.program, c.sources, c.contract(name), options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r) return {};
    return r->bytecode;
  }

  /// Deploys `code` (no constructor arguments).
  Address deploy(const std::vector<uint8_t>& code) {
    vm::ExecResult r = host.deploy(sender, code, 10'000'000, Word{});
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason << " " << hex(r.output);
    return r.created;
  }

  /// Compiles and deploys CheatTest of kCheatsSource.
  Address deploy_cheat_test() {
    checked = testing::check_source(kCheatsSource);
    return deploy(compile(*checked, "CheatTest"));
  }

  /// Calls and expects success.
  void ok(const Address& to, const std::vector<uint8_t>& in) {
    vm::ExecResult r = host.transact(sender, to, in, 10'000'000, Word{});
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason << " revert data " << hex(r.output);
  }

  /// Calls and expects a revert; the revert data as hex.
  std::string reverts(const Address& to, const std::vector<uint8_t>& in) {
    vm::ExecResult r = host.transact(sender, to, in, 10'000'000, Word{});
    EXPECT_EQ(r.status, vm::Status::Revert) << r.reason << " output " << hex(r.output);
    return hex(r.output);
  }

  vm::Vm vm;
  CheatHost host;
  Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  std::unique_ptr<testing::CheckedSource> checked;
};

uint16_t id(Cheat c) {
  return static_cast<uint16_t>(c);
}

TEST_P(E2eCheats, CheatIdsAndArgumentBytes) {
  Address t = deploy_cheat_test();
  host.seen.clear();
  ok(t, input("setup()"));
  ok(t, input("cheats(address)", {aw(kAlice)}));
  const std::string alice = hex(aw(kAlice));
  std::vector<CheatHost::Seen> want = {
      {id(Cheat::warp), hex_word(1000)},
      {id(Cheat::prank), alice},
      {id(Cheat::start_prank), alice},
      {id(Cheat::stop_prank), ""},
      {id(Cheat::roll), hex_word(77)},
      {id(Cheat::label), alice + hex_word(64) + hex(tail("alice"))},
      {id(Cheat::assume), hex_word(1)},
      {id(Cheat::revert_to), hex_word(5)},
  };
  EXPECT_EQ(host.seen, want);
}

TEST_P(E2eCheats, ExpectRevertAndExpectEmitEncodeExpectedBytes) {
  Address t = deploy_cheat_test();
  host.seen.clear();
  ok(t, input("expectations(address)", {aw(kAlice)}));
  ASSERT_EQ(host.seen.size(), 4u);
  // (bool exact, bytes expected)
  EXPECT_EQ(host.seen[0].args, hex_word(0) + hex_word(64) + hex_word(0));
  std::vector<uint8_t> no = cat({vm::testing::be(Word{0x08c379a0u}), iw(32), tail("no")});
  std::vector<uint8_t> no_data(no.begin() + 28, no.end());  // the 4-byte selector, then the ABI
  EXPECT_EQ(host.seen[1].args,
            hex_word(1) + hex_word(64) + hex(tail(std::string(no_data.begin(), no_data.end()))));
  std::vector<uint8_t> oops =
      cat({testing::selector_bytes("Oops(uint256,address)"), iw(3), aw(kAlice)});
  EXPECT_EQ(host.seen[2].args,
            hex_word(1) + hex_word(64) + hex(tail(std::string(oops.begin(), oops.end()))));
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(host.seen[i].id, id(Cheat::expect_revert));
  // (bytes32[] topics, bytes data): topic 0 = keccak256 of the signature, topic 1 = `to`.
  auto sig = std::string("Moved(address,uint256,string)");
  auto topic0 = vm::keccak256(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(sig.data()), sig.size()));
  std::vector<uint8_t> data = cat({iw(9), iw(64), tail("hi")});
  std::string want = hex_word(64) + hex_word(64 + 32 * 3) + hex_word(2) +
                     hex(std::vector<uint8_t>(topic0.begin(), topic0.end())) + hex(aw(kAlice)) +
                     hex(tail(std::string(data.begin(), data.end())));
  EXPECT_EQ(host.seen[3].id, id(Cheat::expect_emit));
  EXPECT_EQ(host.seen[3].args, want);
}

TEST_P(E2eCheats, ResultsAreDecodedFromTheHostOutput) {
  Address t = deploy_cheat_test();
  host.seen.clear();
  std::vector<uint8_t> d(32, 0x33), r(32, 0x11);
  ok(t, input("results(bytes32,bytes32)", {d, r}));
  ASSERT_EQ(host.seen.size(), 3u);
  EXPECT_EQ(host.seen[0], (CheatHost::Seen{id(Cheat::addr), hex_word(1)}));
  EXPECT_EQ(host.seen[1], (CheatHost::Seen{id(Cheat::snapshot), ""}));
  EXPECT_EQ(host.seen[2], (CheatHost::Seen{id(Cheat::sign), hex_word(2) + hex(d)}));
  // a different expected r: the decoded r (0x11…) is formatted in the message
  std::vector<uint8_t> other(32, 0x44);
  EXPECT_EQ(
      reverts(t, input("results(bytes32,bytes32)", {d, other})),
      error_hex("assertion failed: 0x" + std::string(64, '1') + " != 0x" + std::string(64, '4')));
}

// `new` under vm.expect_revert yields the zero address (toolchain.md §5): when a creation
// yields no address, a compiled test contract asks the host (internal cheat 0x0f, no
// arguments) whether that was the revert vm.expect_revert expected; only a `true` answer
// lets `new` go on with the zero address; otherwise the creation's revert data bubbles.
TEST_P(E2eCheats, NewYieldsTheZeroAddressWhenTheHostSaysTheRevertWasExpected) {
  checked = testing::check_source(R"(
contract Boom { init(x: u256) { require(x != 13, "thirteen"); } }
test contract NewTest {
    test fn make(x: u256, zero: bool) {
        let b = new Boom(x);
        assert_eq(address(b) == address(0), zero);
    }
}
)");
  Address t = deploy(compile(*checked, "NewTest"));
  const auto make = [](int64_t x, bool zero) {
    return input("make(uint256,bool)", {iw(x), iw(zero ? 1 : 0)});
  };
  // A creation that succeeds never asks.
  host.seen.clear();
  ok(t, make(1, false));
  EXPECT_TRUE(host.seen.empty());
  // A failed creation asks once, with empty input; `true`: the zero address, no revert.
  host.taken = true;
  ok(t, make(13, true));
  EXPECT_EQ(host.seen, (std::vector<CheatHost::Seen>{{id(Cheat::expected_revert_taken), ""}}));
  // `false` or a refusal: the creation's own revert data bubbles, as outside tests.
  host.taken = false;
  EXPECT_EQ(reverts(t, make(13, true)), error_hex("thirteen"));
  host.refuse_taken = true;
  EXPECT_EQ(reverts(t, make(13, true)), error_hex("thirteen"));
  // Outside test contracts nothing is asked: the bytecode has no CHEAT.
  auto plain = testing::check_source(R"(
contract Boom { init(x: u256) { require(x != 13, "thirteen"); } }
contract Maker { pub fn make(x: u256) -> address { return address(new Boom(x)); } }
)");
  auto maker = compile_contract(*plain->program, plain->sources, plain->contract("Maker"));
  ASSERT_TRUE(maker.ok());
  EXPECT_TRUE(vm::validate(maker->code.container).ok());  // CHEAT would be refused here
}

TEST_P(E2eCheats, RefusalBubblesTheHostOutput) {
  Address t = deploy_cheat_test();
  ok(t, input("setup()"));
  EXPECT_EQ(reverts(t, input("refused(address)", {aw(kAlice)})),
            hex({'d', 'e', 'a', 'l', ' ', 'r', 'e', 'f', 'u', 's', 'e', 'd'}));
  ok(t, input("count_is_one()"));  // the refused test changed nothing
}

TEST_P(E2eCheats, AssertionMessages) {
  Address t = deploy_cheat_test();
  ok(t, input("eq_u(uint256,uint256)", {iw(10), iw(10)}));
  EXPECT_EQ(reverts(t, input("eq_u(uint256,uint256)", {iw(10), iw(11)})),
            error_hex("assertion failed: 10 != 11"));
  EXPECT_EQ(
      reverts(t, input("eq_u(uint256,uint256)", {iw(0), iw(-1)})),
      error_hex("assertion failed: 0 != "
                "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
  ok(t, input("ne_u(uint256,uint256)", {iw(10), iw(11)}));
  EXPECT_EQ(reverts(t, input("ne_u(uint256,uint256)", {iw(10), iw(10)})),
            error_hex("assertion failed: 10 == 10"));
  ok(t, input("lt_i(int64,int64)", {iw(-5), iw(3)}));
  EXPECT_EQ(reverts(t, input("lt_i(int64,int64)", {iw(3), iw(-5)})),
            error_hex("assertion failed: 3 >= -5"));
  EXPECT_EQ(reverts(t, input("le_u8(uint8,uint8)", {iw(255), iw(9)})),
            error_hex("assertion failed: 255 > 9"));
  EXPECT_EQ(reverts(t, input("gt_i(int256,int256)", {iw(-1), iw(0)})),
            error_hex("assertion failed: -1 <= 0"));
  EXPECT_EQ(
      reverts(t, input("gt_i(int256,int256)",
                       {vm::testing::be(vm::testing::W(
                            "0x8000000000000000000000000000000000000000000000000000000000000000")),
                        iw(0)})),
      error_hex(
          "assertion failed: "
          "-57896044618658097711785492504343953926634992332820282019728792003956564819968 <= 0"));
  EXPECT_EQ(reverts(t, input("ge_u(uint256,uint256)", {iw(1), iw(2)})),
            error_hex("too small: 1 < 2"));
  EXPECT_EQ(reverts(t, input("eq_addr(address,address)", {aw(kAlice), aw(sender)})),
            error_hex("assertion failed: 0x00000000000000000000000000000000000a11ce != "
                      "0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38"));
  EXPECT_EQ(reverts(t, input("eq_b32(bytes32,bytes32)", {iw(0xab), iw(0)})),
            error_hex("assertion failed: 0x" + hex_word(0xab) + " != 0x" + hex_word(0)));
  EXPECT_EQ(reverts(t, input("eq_bool(bool,bool)", {iw(1), iw(0)})),
            error_hex("flags: true != false"));
  ok(t, input("eq_str(string,string)", {iw(64), iw(128), tail("same"), tail("same")}));
  EXPECT_EQ(reverts(t, input("eq_str(string,string)", {iw(64), iw(128), tail("abc"), tail("")})),
            error_hex("assertion failed: \"abc\" != \"\""));
  EXPECT_EQ(
      reverts(t, input("eq_bytes(bytes,bytes)", {iw(64), iw(128), tail("\x01\xfe"), tail("A")})),
      error_hex("assertion failed: 0x01fe != 0x41"));
  EXPECT_EQ(reverts(t, input("eq_enum()")), error_hex("assertion failed: 2 != 0"));
  EXPECT_EQ(reverts(t, input("eq_const()")), error_hex("assertion failed: 10 != 11"));
  EXPECT_EQ(reverts(t, input("count_is_one()")), error_hex("count: 0 != 1"));  // before setup
  EXPECT_EQ(reverts(t, input("failing()")), error_hex("boom"));
}

TEST_P(E2eCheats, TheContainerValidatesOnlyWithCheatsAllowed) {
  checked = testing::check_source(kCheatsSource);
  std::vector<uint8_t> code = compile(*checked, "CheatTest");
  auto container = vm::parse_container(code);
  ASSERT_TRUE(container.ok()) << container.error().message;
  auto strict = vm::validate(container->container);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("only allowed in test mode"), std::string::npos)
      << strict.error().message;
  vm::ValidationOptions test_mode;
  test_mode.allow_cheats = true;
  EXPECT_TRUE(vm::validate(container->container, test_mode).ok());
  // a VM outside test mode refuses to deploy it
  vm::Vm plain;
  vm::JournaledHost plain_host(plain);
  plain_host.set_balance(sender, Word{1000000});
  EXPECT_NE(plain_host.deploy(sender, code, 10'000'000, Word{}).status, vm::Status::Success);
}

TEST_P(E2eCheats, TokenTestCompilesWithItsImport) {
  testing::CheckedSource c;
  std::string error;
  auto path = std::filesystem::path(TENET_SOURCE_DIR) / "tests/programs/token_project/tests/Token.t.tn";
  auto file = c.sources.load_file(path.string(), error);
  ASSERT_TRUE(file.has_value()) << error;
  c.program = check_program(c.sources, *file, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib",
                            c.diagnostics);
  ASSERT_FALSE(c.diagnostics.has_errors()) << render_all(c.diagnostics, c.sources);
  Address t = deploy(compile(c, "TokenTest"));
  ASSERT_NE(t, Address{});
  host.seen.clear();
  ok(t, input("setup()"));
  ok(t, input("transfer_moves_balance()"));
  ok(t, input("supply_is_constant()"));
  // the state is not reset between calls here: alice already has 10
  EXPECT_EQ(reverts(t, input("fuzz_transfer(uint256)", {iw(25)})),
            error_hex("assertion failed: 35 != 25"));
  // vm.expect_revert is recorded (this host does not enforce it), then the transfer reverts
  EXPECT_EQ(reverts(t, input("transfer_too_much_reverts()")),
            hex(cat({testing::selector_bytes("InsufficientBalance(uint256,uint256)"), iw(990),
                     iw(1001)})));
  ASSERT_GE(host.seen.size(), 1u);
  EXPECT_EQ(host.seen[0], (CheatHost::Seen{id(Cheat::addr), hex_word(1)}));
}

TEST(E2eCheatsTable, DocsListEveryCheatCodeAsTheTableSays) {
  std::ifstream in(std::filesystem::path(TENET_SOURCE_DIR) / "docs/bytecode.md");
  std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(docs.empty());
  uint16_t previous = 0;
  for (const vm::CheatInfo& c : vm::kCheats) {
    char id[8];
    std::snprintf(id, sizeof id, "0x%02x", c.id);
    const std::string name = c.internal() ? "(internal)" : "`" + std::string(c.name) + "`";
    std::string row = "| " + std::string(id) + " | " + name + " | `" + std::string(c.args) +
                      "` | `" + std::string(c.results) + "` | ";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/bytecode.md lacks " << row;
    EXPECT_GT(c.id, previous);
    previous = c.id;
    if (c.internal()) {
      EXPECT_TRUE(c.signature.empty());
      EXPECT_EQ(c.semantics.substr(0, 10), "internal: ");
    } else {
      EXPECT_EQ(vm::cheat_by_name(c.name)->id, c.id);
    }
    EXPECT_EQ(vm::cheat_by_id(c.id)->name, c.name);
  }
  EXPECT_FALSE(vm::cheat_by_name("vm.nothing").has_value());
  EXPECT_FALSE(vm::cheat_by_name("").has_value());  // internal codes have no name
  EXPECT_FALSE(vm::cheat_by_id(0).has_value());
}

TEST(E2eCheatsTable, FormattingHelpersAreInternalFunctionsGeneratedOncePerModule) {
  auto c = testing::check_source(kCheatsSource);
  llvm::LLVMContext context;
  IrgenOptions options;
  options.test_mode = true;
  auto ir = generate_ir(context, *c->program, c->sources, c->contract("CheatTest"), options);
  ASSERT_TRUE(ir.ok()) << ir.error().message;
  for (const char* name : {"text.udec", "text.sdec", "text.hex", "text.hexbytes"}) {
    int count = 0;
    for (const llvm::Function& f : *ir->module) {
      if (f.getName().starts_with(name) && (f.getName().size() == std::string_view(name).size() ||
                                            f.getName()[std::string_view(name).size()] == '.')) {
        ++count;
        EXPECT_TRUE(f.hasInternalLinkage()) << name;
        EXPECT_FALSE(f.isDeclaration()) << name;
      }
    }
    EXPECT_EQ(count, 1) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(E2eCheats, E2eCheats, ::testing::Values(OptLevel::O0, OptLevel::O2),
                         [](const ::testing::TestParamInfo<OptLevel>& p) {
                           return std::string(p.param == OptLevel::O0 ? "O0" : "O2");
                         });

}  // namespace
}  // namespace tenet::compiler
