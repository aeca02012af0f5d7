// End-to-end tests of the compiler (irgen → optimise → codegen, compile_contract): Tenet
// programs compiled at O0, O1 and O2, deployed into a JournaledHost and called with ABI call
// data; exact return data, revert data and logs.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "compiler/test_support.hpp"
#include "e2e_support.hpp"

namespace tenet::compiler {
namespace {

using testing::aw;
using testing::cat;
using testing::hex;
using testing::hex_word;
using testing::hw;
using testing::input;
using testing::iw;
using testing::panic_hex;
using testing::selector_bytes;
using vm::Address;
using vm::Word;

/// The ABI encoding of one string as return data: offset, length, padded bytes.
std::string string_hex(const std::string& s) {
  std::string out = hex_word(32) + hex_word(s.size());
  std::vector<uint8_t> bytes(s.begin(), s.end());
  bytes.resize((s.size() + 31) / 32 * 32, 0);
  return out + hex(bytes);
}
/// Revert data of Error(message).
std::string error_string_hex(const std::string& message) {
  return "08c379a0" + string_hex(message);
}

class E2e : public testing::E2eTest, public ::testing::WithParamInterface<OptLevel> {
 protected:
  Address deploy(const std::string& source, const std::string& name,
                 const std::vector<uint8_t>& args = {}, const Word& value = Word{}) {
    return E2eTest::deploy(source, name, GetParam(), args, value);
  }
};

INSTANTIATE_TEST_SUITE_P(E2e, E2e, ::testing::Values(OptLevel::O0, OptLevel::O1, OptLevel::O2),
                         [](const ::testing::TestParamInfo<OptLevel>& p) {
                           return std::string(p.param == OptLevel::O0   ? "O0"
                                              : p.param == OptLevel::O1 ? "O1"
                                                                        : "O2");
                         });

// The shared token contract (tests/programs/token_fixture.tn).
using testing::kTokenFixture;

TEST_P(E2e, Token) {
  Address token = deploy(kTokenFixture, "Token", iw(1000));
  const std::string transfer_topic =
      "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  ASSERT_EQ(host.logs().size(), 1u);
  EXPECT_EQ(hex(vm::testing::be(host.logs()[0].topics[0])), transfer_topic);
  EXPECT_EQ(hex(vm::testing::be(host.logs()[0].topics[1])), hw(0));
  EXPECT_EQ(hex(vm::testing::be(host.logs()[0].topics[2])), hex(aw(sender)));
  EXPECT_EQ(hex(host.logs()[0].data), hw(1000));

  EXPECT_EQ(ok(token, input("balanceOf(address)", {aw(sender)})), hw(1000));
  EXPECT_EQ(ok(token, input("total_supply()")), hw(1000));
  Address alice = *vm::parse_address("0x00000000000000000000000000000000000a11ce");
  EXPECT_EQ(ok(token, input("transfer(address,uint256)", {aw(alice), iw(10)})), hw(1));
  ASSERT_EQ(host.logs().size(), 2u);
  EXPECT_EQ(host.logs()[1].address, token);
  EXPECT_EQ(hex(vm::testing::be(host.logs()[1].topics[1])), hex(aw(sender)));
  EXPECT_EQ(hex(vm::testing::be(host.logs()[1].topics[2])), hex(aw(alice)));
  EXPECT_EQ(hex(host.logs()[1].data), hw(10));
  EXPECT_EQ(ok(token, input("balanceOf(address)", {aw(alice)})), hw(10));
  EXPECT_EQ(ok(token, input("balanceOf(address)", {aw(sender)})), hw(990));
  EXPECT_EQ(reverts(token, input("transfer(address,uint256)", {aw(alice), iw(2000)})),
            "cf479181" + hw(990) + hw(2000));
  // Malformed call data and unknown selectors revert with empty data.
  EXPECT_EQ(reverts(token, input("transfer(address,uint256)", {aw(alice)})), "");
  EXPECT_EQ(reverts(token, input("mint(uint256)", {iw(1)})), "");
}

TEST_P(E2e, CheckedArithmetic) {
  Address a = deploy(R"(
contract A {
    pub fn add8(a: u8, b: u8) -> u8 { return a + b; }
    pub fn sub(a: u256, b: u256) -> u256 { return a - b; }
    pub fn mul16(a: i16, b: i16) -> i16 { return a * b; }
    pub fn div(a: u256, b: u256) -> u256 { return a / b; }
    pub fn sdiv(a: i64, b: i64) -> i64 { return a / b; }
    pub fn srem(a: i8, b: i8) -> i8 { return a % b; }
    pub fn wrap(a: u8, b: u8) -> u8 { return a +% b; }
    pub fn neg(a: i32) -> i32 { return -a; }
    pub fn pow(a: u64, e: u8) -> u64 { return a ** e; }
    pub fn spow(a: i8, e: u256) -> i8 { return a ** e; }
    pub fn mods(a: u256, b: u256, m: u256) -> (u256, u256) { return (addmod(a, b, m), mulmod(a, b, m)); }
    pub fn compound(a: u8) -> u8 { let mut x = a; x += 100; x *= 2; return x; }
}
)",
                     "A");
  EXPECT_EQ(ok(a, input("add8(uint8,uint8)", {iw(100), iw(155)})), hw(255));
  EXPECT_EQ(reverts(a, input("add8(uint8,uint8)", {iw(200), iw(100)})), panic_hex(0x11));
  EXPECT_EQ(reverts(a, input("sub(uint256,uint256)", {iw(1), iw(2)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("mul16(int16,int16)", {iw(-100), iw(300)})), hw(-30000));
  EXPECT_EQ(reverts(a, input("mul16(int16,int16)", {iw(-200), iw(300)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("div(uint256,uint256)", {iw(7), iw(2)})), hw(3));
  EXPECT_EQ(reverts(a, input("div(uint256,uint256)", {iw(7), iw(0)})), panic_hex(0x12));
  EXPECT_EQ(ok(a, input("sdiv(int64,int64)", {iw(-7), iw(2)})), hw(-3));
  EXPECT_EQ(reverts(a, input("sdiv(int64,int64)", {iw(INT64_MIN), iw(-1)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("srem(int8,int8)", {iw(-7), iw(2)})), hw(-1));
  EXPECT_EQ(ok(a, input("srem(int8,int8)", {iw(-128), iw(-1)})), hw(0));
  EXPECT_EQ(reverts(a, input("srem(int8,int8)", {iw(5), iw(0)})), panic_hex(0x12));
  EXPECT_EQ(ok(a, input("wrap(uint8,uint8)", {iw(200), iw(100)})), hw(44));
  EXPECT_EQ(ok(a, input("neg(int32)", {iw(5)})), hw(-5));
  EXPECT_EQ(reverts(a, input("neg(int32)", {iw(INT32_MIN)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("pow(uint64,uint8)", {iw(2), iw(63)})), hex_word(1ull << 63));
  EXPECT_EQ(reverts(a, input("pow(uint64,uint8)", {iw(2), iw(64)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("spow(int8,uint256)", {iw(-2), iw(7)})), hw(-128));
  EXPECT_EQ(reverts(a, input("spow(int8,uint256)", {iw(2), iw(7)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("spow(int8,uint256)", {iw(-3), iw(4)})), hw(81));
  EXPECT_EQ(ok(a, input("mods(uint256,uint256,uint256)", {iw(10), iw(7), iw(6)})), hw(5) + hw(4));
  EXPECT_EQ(reverts(a, input("mods(uint256,uint256,uint256)", {iw(10), iw(7), iw(0)})),
            panic_hex(0x12));
  EXPECT_EQ(ok(a, input("compound(uint8)", {iw(20)})), hw(240));
  EXPECT_EQ(reverts(a, input("compound(uint8)", {iw(30)})), panic_hex(0x11));
  // Arguments that do not fit their type are rejected by the decoder.
  EXPECT_EQ(reverts(a, input("add8(uint8,uint8)", {iw(256), iw(1)})), "");
}

TEST_P(E2e, ShiftsAndBits) {
  Address a = deploy(R"(
contract S {
    pub fn shl8(a: u8, n: u256) -> u8 { return a << n; }
    pub fn sar(a: i64, n: u8) -> i64 { return a >> n; }
    pub fn shr(a: u256, n: u16) -> u256 { return a >> n; }
    pub fn bits(a: u16, b: u16) -> (u16, u16, u16, u16) { return (a & b, a | b, a ^ b, ~a); }
    pub fn word(h: bytes32) -> bytes32 { return h ^ bytes32(1); }
}
)",
                     "S");
  EXPECT_EQ(ok(a, input("shl8(uint8,uint256)", {iw(3), iw(6)})), hw(192));
  EXPECT_EQ(ok(a, input("shl8(uint8,uint256)", {iw(1), iw(8)})), hw(0));
  EXPECT_EQ(ok(a, input("shl8(uint8,uint256)", {iw(1), iw(1000)})), hw(0));
  EXPECT_EQ(ok(a, input("sar(int64,uint8)", {iw(-8), iw(1)})), hw(-4));
  EXPECT_EQ(ok(a, input("sar(int64,uint8)", {iw(-8), iw(200)})), hw(-1));
  EXPECT_EQ(ok(a, input("sar(int64,uint8)", {iw(8), iw(64)})), hw(0));
  EXPECT_EQ(ok(a, input("shr(uint256,uint16)", {iw(-1), iw(255)})), hw(1));
  EXPECT_EQ(ok(a, input("shr(uint256,uint16)", {iw(-1), iw(256)})), hw(0));
  EXPECT_EQ(ok(a, input("bits(uint16,uint16)", {iw(0xf0f0), iw(0xff00)})),
            hw(0xf000) + hw(0xfff0) + hw(0x0ff0) + hw(0x0f0f));
  EXPECT_EQ(ok(a, input("word(bytes32)", {iw(3)})), hw(2));
}

TEST_P(E2e, ConversionsAndEnums) {
  Address a = deploy(R"(
enum Status { Pending, Shipped, Done }
contract C {
    pub fn narrow(x: u256) -> u8 { return u8(x); }
    pub fn to_signed(x: u64) -> i64 { return i64(x); }
    pub fn to_unsigned(x: i16) -> u32 { return u32(x); }
    pub fn widen(x: i8) -> i256 { let y: i256 = x; return y; }
    pub fn addr(x: u256) -> address { return address(x); }
    pub fn status(n: u8) -> Status { return Status(n); }
    pub fn code(s: Status) -> u8 { return u8(s); }
    pub fn is_shipped(s: Status) -> bool { return s == Status::Shipped; }
    pub fn word(x: u256) -> bytes32 { return bytes32(x); }
    pub fn me() -> address { return address(self); }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("narrow(uint256)", {iw(255)})), hw(255));
  EXPECT_EQ(reverts(a, input("narrow(uint256)", {iw(256)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("to_signed(uint64)", {iw(INT64_MAX)})), hw(INT64_MAX));
  EXPECT_EQ(reverts(a, input("to_signed(uint64)", {vm::testing::be(Word{1ull << 63})})),
            panic_hex(0x11));
  EXPECT_EQ(ok(a, input("to_unsigned(int16)", {iw(300)})), hw(300));
  EXPECT_EQ(reverts(a, input("to_unsigned(int16)", {iw(-1)})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("widen(int8)", {iw(-5)})), hw(-5));
  EXPECT_EQ(ok(a, input("addr(uint256)", {iw(77)})), hw(77));
  EXPECT_EQ(reverts(a, input("addr(uint256)", {vm::testing::be(Word{0, 0, 1ull << 32, 0})})),
            panic_hex(0x11));
  EXPECT_EQ(ok(a, input("status(uint8)", {iw(1)})), hw(1));
  EXPECT_EQ(reverts(a, input("status(uint8)", {iw(3)})), panic_hex(0x21));
  EXPECT_EQ(ok(a, input("code(uint8)", {iw(2)})), hw(2));
  EXPECT_EQ(reverts(a, input("code(uint8)", {iw(3)})), "");  // the decoder checks enum range
  EXPECT_EQ(ok(a, input("is_shipped(uint8)", {iw(1)})), hw(1));
  EXPECT_EQ(ok(a, input("word(uint256)", {iw(9)})), hw(9));
  EXPECT_EQ(ok(a, input("me()")), hex(aw(a)));
}

TEST_P(E2e, StructsArraysAndCopies) {
  Address a = deploy(R"(
struct Point { x: u256, y: i64 }
contract C {
    pub fn sum(xs: [u256]) -> u256 {
        let mut s = 0;
        for i in 0..xs.len() { s += xs[i]; }
        return s;
    }
    pub fn at(i: u256) -> u16 { let xs: [u16; 3] = [10, 20, 30]; return xs[i]; }
    pub fn point(x: u256, y: i64) -> Point { return Point { x: x, y: y }; }
    pub fn swap(p: Point) -> Point { let mut q = p; q.x = 7; q.y = -q.y; return q; }
    pub fn copies() -> (u256, u256) {
        let mut a = [1, 2, 3];
        let mut b = a;
        b[0] = 9;
        a[1] = 8;
        return (a[0] * 10 + a[1], b[0] * 10 + b[1]);
    }
    pub fn dynamic(n: u256) -> [u256] {
        let mut xs = new [u256](n);
        for i in 0..n { xs[i] = i * i; }
        return xs;
    }
    pub fn nested() -> u256 {
        let mut ps: [Point; 2] = [Point { x: 1, y: 2 }, Point { x: 3, y: 4 }];
        ps[1].x = 30;
        let p = ps[1];
        ps[1].x = 99;
        return p.x + ps[0].x;
    }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("sum(uint256[])", {iw(32), iw(3), iw(4), iw(5), iw(6)})), hw(15));
  EXPECT_EQ(ok(a, input("at(uint256)", {iw(2)})), hw(30));
  EXPECT_EQ(reverts(a, input("at(uint256)", {iw(3)})), panic_hex(0x32));
  EXPECT_EQ(ok(a, input("point(uint256,int64)", {iw(5), iw(-6)})), hw(5) + hw(-6));
  EXPECT_EQ(ok(a, input("swap((uint256,int64))", {iw(5), iw(-6)})), hw(7) + hw(6));
  EXPECT_EQ(ok(a, input("copies()")), hw(18) + hw(92));
  EXPECT_EQ(ok(a, input("dynamic(uint256)", {iw(3)})), hw(32) + hw(3) + hw(0) + hw(1) + hw(4));
  EXPECT_EQ(ok(a, input("nested()")), hw(31));
}

TEST_P(E2e, Strings) {
  Address a = deploy(R"(
contract C {
    pub fn hello() -> string { return "hello"; }
    pub fn same(a: string, b: string) -> bool { return a == b; }
    pub fn size(s: string) -> u256 { return s.len(); }
    pub fn first(b: bytes) -> u8 { return b[0]; }
    pub fn hash(s: string) -> bytes32 { return keccak256(s); }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("hello()")), string_hex("hello"));
  auto str = [](const std::string& s) {
    std::vector<uint8_t> bytes(s.begin(), s.end());
    bytes.resize((s.size() + 31) / 32 * 32, 0);
    return cat({iw(static_cast<int64_t>(s.size())), bytes});
  };
  EXPECT_EQ(ok(a, input("same(string,string)", {iw(64), iw(128), str("abc"), str("abc")})), hw(1));
  EXPECT_EQ(ok(a, input("same(string,string)", {iw(64), iw(128), str("abc"), str("abd")})), hw(0));
  EXPECT_EQ(ok(a, input("size(string)", {iw(32), str("hello world")})), hw(11));
  EXPECT_EQ(ok(a, input("first(bytes)", {iw(32), str("A")})), hw(65));
  EXPECT_EQ(reverts(a, input("first(bytes)", {iw(32), str("")})), panic_hex(0x32));
  // keccak256("abc")
  EXPECT_EQ(ok(a, input("hash(string)", {iw(32), str("abc")})),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST_P(E2e, StorageMapsArraysAndStructs) {
  Address a = deploy(R"(
struct Entry { owner: address, amount: u256 }
contract C {
    pub count: u64;
    pub allowance: map<address, map<address, u256>>;
    pub items: [u256];
    entries: map<u256, Entry>;
    pub names: map<string, u256>;
    pub fn approve(spender: address, v: u256) { self.allowance[msg.sender][spender] = v; }
    pub fn push(v: u256) { self.items.push(v); self.count += 1; }
    pub fn pop() -> u256 { return self.items.pop(); }
    pub fn len() -> u256 { return self.items.len(); }
    pub fn set(k: u256, v: u256) { self.entries[k] = Entry { owner: msg.sender, amount: v }; }
    pub fn bump(k: u256) -> u256 { self.entries[k].amount *= 3; return self.entries[k].amount; }
    pub fn owner(k: u256) -> address { let e = self.entries[k]; return e.owner; }
    pub fn name(n: string, v: u256) { self.names[n] = v; }
}
)",
                     "C");
  Address spender = *vm::parse_address("0x00000000000000000000000000000000000000b0");
  ok(a, input("approve(address,uint256)", {aw(spender), iw(42)}));
  EXPECT_EQ(ok(a, input("allowance(address,address)", {aw(sender), aw(spender)})), hw(42));
  EXPECT_EQ(ok(a, input("allowance(address,address)", {aw(spender), aw(sender)})), hw(0));
  EXPECT_EQ(reverts(a, input("pop()")), panic_hex(0x31));
  ok(a, input("push(uint256)", {iw(5)}));
  ok(a, input("push(uint256)", {iw(6)}));
  EXPECT_EQ(ok(a, input("len()")), hw(2));
  EXPECT_EQ(ok(a, input("count()")), hw(2));
  EXPECT_EQ(ok(a, input("items(uint256)", {iw(1)})), hw(6));
  EXPECT_EQ(reverts(a, input("items(uint256)", {iw(2)})), panic_hex(0x32));
  EXPECT_EQ(ok(a, input("pop()")), hw(6));
  EXPECT_EQ(ok(a, input("len()")), hw(1));
  ok(a, input("set(uint256,uint256)", {iw(9), iw(14)}));
  EXPECT_EQ(ok(a, input("bump(uint256)", {iw(9)})), hw(42));
  EXPECT_EQ(ok(a, input("owner(uint256)", {iw(9)})), hex(aw(sender)));
  const std::vector<uint8_t> bob = cat({{'b', 'o', 'b'}, std::vector<uint8_t>(29, 0)});
  ok(a, input("name(string,uint256)", {iw(64), iw(7), iw(3), bob}));
  EXPECT_EQ(ok(a, input("names(string)", {iw(32), iw(3), bob})), hw(7));
  EXPECT_EQ(ok(a, input("names(string)", {iw(32), iw(0)})), hw(0));
}

TEST_P(E2e, RequireRevertAssertAndEvents) {
  Address a = deploy(R"(
error TooBig(limit: u256, got: u256);
event Named(who: string indexed, n: u256, note: string);
contract C {
    pub fn check(x: u256) -> u256 {
        require(x != 0);
        require(x < 100, "x too big");
        require(x != 50, TooBig(49, x));
        assert(x != 42);
        if x == 7 { revert("seven"); }
        if x == 8 { revert TooBig(7, 8); }
        return x;
    }
    pub fn named(n: u256) { emit Named("bob", n, "hi"); }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("check(uint256)", {iw(3)})), hw(3));
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(0)})), "");
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(100)})), error_string_hex("x too big"));
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(50)})),
            hex(selector_bytes("TooBig(uint256,uint256)")) + hw(49) + hw(50));
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(42)})), panic_hex(0x01));
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(7)})), error_string_hex("seven"));
  EXPECT_EQ(reverts(a, input("check(uint256)", {iw(8)})),
            hex(selector_bytes("TooBig(uint256,uint256)")) + hw(7) + hw(8));
  ok(a, input("named(uint256)", {iw(5)}));
  ASSERT_EQ(host.logs().size(), 1u);
  const vm::LogEntry& log = host.logs()[0];
  ASSERT_EQ(log.topics.size(), 2u);
  auto k = vm::keccak256(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>("Named(string,uint256,string)"), 28));
  EXPECT_EQ(hex(vm::testing::be(log.topics[0])), hex(std::vector<uint8_t>(k.begin(), k.end())));
  auto bob = vm::keccak256(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("bob"), 3));
  EXPECT_EQ(hex(vm::testing::be(log.topics[1])), hex(std::vector<uint8_t>(bob.begin(), bob.end())));
  EXPECT_EQ(hex(log.data), hw(5) + hw(64) + hw(2) + "6869" + std::string(60, '0'));
}

TEST_P(E2e, ControlFlowAndRecursion) {
  Address a = deploy(R"(
fn fib(n: u64) -> u64 { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }
contract C {
    pub fn fib(n: u64) -> u64 { return fib(n); }
    pub fn count_to(n: u8) -> u256 {
        let mut c = 0;
        for i in 0..=n { c += 1; }
        return c;
    }
    pub fn loops() -> u256 {
        let mut s = 0;
        let mut i = 0;
        while true {
            i += 1;
            if i > 10 { break; }
            if i % 2 == 0 { continue; }
            s += i;
        }
        return s;
    }
    pub fn pick(c: bool, a: u256, b: u256) -> u256 { return c ? a : b; }
    pub fn logic(a: u256) -> bool { return a > 3 && a < 10 || a == 100; }
    pub fn pair(a: u256) -> (u256, bool) { let (x, y) = self.split(a); return (x, y); }
    fn split(a: u256) -> (u256, bool) { return (a / 2, a % 2 == 1); }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("fib(uint64)", {iw(20)})), hw(6765));
  EXPECT_EQ(ok(a, input("count_to(uint8)", {iw(255)})), hw(256));
  EXPECT_EQ(ok(a, input("loops()")), hw(25));
  EXPECT_EQ(ok(a, input("pick(bool,uint256,uint256)", {iw(1), iw(4), iw(5)})), hw(4));
  EXPECT_EQ(ok(a, input("pick(bool,uint256,uint256)", {iw(0), iw(4), iw(5)})), hw(5));
  EXPECT_EQ(ok(a, input("logic(uint256)", {iw(5)})), hw(1));
  EXPECT_EQ(ok(a, input("logic(uint256)", {iw(10)})), hw(0));
  EXPECT_EQ(ok(a, input("logic(uint256)", {iw(100)})), hw(1));
  EXPECT_EQ(ok(a, input("pair(uint256)", {iw(7)})), hw(3) + hw(1));
}

const char* const kCalls = R"(
error Nope(code: u256);
interface ICounter {
    fn add(n: u256) -> u256;
    view fn get() -> u256;
}
contract Counter {
    pub value: u256;
    owner: address;
    init(start: u256) { self.value = start; self.owner = msg.sender; }
    pub fn add(n: u256) -> u256 {
        if n == 13 { revert Nope(n); }
        self.value += n;
        return self.value;
    }
    pub view fn get() -> u256 { return self.value; }
    pub payable fn deposit() -> u256 { return address(self).balance; }
}
contract Factory {
    counter: Counter;
    pub payable fn make(start: u256) -> address {
        self.counter = new Counter(start);
        return address(self.counter);
    }
    pub fn add(n: u256) -> u256 { return self.counter.add(n); }
    pub fn get_via(a: address) -> u256 { return ICounter(a).get(); }
    pub fn fund(v: u256) -> u256 { return self.counter.deposit{value: v}(); }
    pub fn pay(to: address, v: u256) { to.transfer(v); }
    pub fn balance_of(a: address) -> u256 { return a.balance; }
    pub fn code(a: address) -> u256 { return a.code_size; }
    pub payable fn receive() {}
}
)";

TEST_P(E2e, ExternalCallsNewAndValue) {
  Address f = deploy(kCalls, "Factory");
  vm::ExecResult made = call(f, input("make(uint256)", {iw(5)}), Word{1000});
  ASSERT_EQ(made.status, vm::Status::Success) << made.reason << hex(made.output);
  Address counter = vm::to_address(vm::word_from_be(made.output.data()));
  EXPECT_EQ(counter, vm::create_address(f, 1));
  EXPECT_EQ(ok(counter, input("value()")), hw(5));
  EXPECT_EQ(ok(f, input("add(uint256)", {iw(3)})), hw(8));
  EXPECT_EQ(ok(f, input("get_via(address)", {aw(counter)})), hw(8));
  // A failing callee's revert data bubbles up.
  EXPECT_EQ(reverts(f, input("add(uint256)", {iw(13)})),
            hex(selector_bytes("Nope(uint256)")) + hw(13));
  // Calling an account without code reverts with empty data.
  EXPECT_EQ(reverts(f, input("get_via(address)", {aw(sender)})), "");
  EXPECT_EQ(ok(f, input("fund(uint256)", {iw(300)})), hw(300));
  EXPECT_EQ(ok(f, input("balance_of(address)", {aw(f)})), hw(700));
  Address payee = *vm::parse_address("0x00000000000000000000000000000000000000cc");
  ok(f, input("pay(address,uint256)", {aw(payee), iw(200)}));
  EXPECT_EQ(ok(f, input("balance_of(address)", {aw(payee)})), hw(200));
  EXPECT_EQ(reverts(f, input("pay(address,uint256)", {aw(payee), iw(10000)})), "");
  EXPECT_NE(ok(f, input("code(address)", {aw(counter)})), hw(0));
  EXPECT_EQ(ok(f, input("code(address)", {aw(payee)})), hw(0));
}

// Found by the compiler fuzz target: a contract without entry points (no `pub fn`,
// constructor or `receive`) left a module without functions, and codegen refused it
// ("the module defines no functions") although sema accepts it. It deploys, and every
// call reverts as a call matching no `pub` function does.
TEST_P(E2e, ContractWithoutEntryPoints) {
  for (const char* source : {"contract C {}", "contract C { fn unused() {} }"}) {
    SCOPED_TRACE(source);
    Address c = deploy(source, "C");
    EXPECT_EQ(reverts(c, input("f()")), "");
    EXPECT_EQ(reverts(c, {}, Word{1}), "");
  }
}

TEST(E2eDriver, DetectsContractsThatDeployThemselves) {
  auto c = testing::check_source(R"(
contract A { pub fn f() { let b = new B(); } }
contract B { pub fn g() { let a = new A(); } }
)");
  auto r = compile_contract(*c->program, c->sources, c->contract("A"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "contract A cannot deploy itself (A \u2192 B \u2192 A)");
}

// Every contract a compiled one can create, at any depth, comes back with its name, its
// ContractInfo, its bytecode and its line table (the test runner registers each by code
// hash), flattened in first-created order and each once.
TEST(E2eDriver, ReturnsEveryCreatedContractOnce) {
  auto c = testing::check_source(R"(
contract Leaf { pub fn f() -> u256 { return 1; } }
contract Mid { pub fn make() -> address { return address(new Leaf()); } }
contract Other { pub fn g() -> u256 { return 2; } }
test contract T {
  pub fn test_a() { let m = new Mid(); let l = new Leaf(); let o = new Other(); }
  pub fn test_b() { let m = new Mid(); }
}
)");
  auto r = compile_contract(*c->program, c->sources, c->contract("T"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->contract, &c->contract("T"));
  std::vector<std::string> names;
  for (const CompiledContract& child : r->children) {
    names.push_back(child.name);
    EXPECT_EQ(child.contract, &c->contract(child.name));
    EXPECT_TRUE(child.children.empty()) << child.name;
    EXPECT_FALSE(child.code.lines.empty()) << child.name;
    EXPECT_EQ(child.code.files, std::vector<std::string>{"test.tn"}) << child.name;
    // The same bytes as compiling the child on its own.
    auto alone = compile_contract(*c->program, c->sources, c->contract(child.name));
    ASSERT_TRUE(alone.ok());
    EXPECT_EQ(child.bytecode, alone->bytecode) << child.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Mid", "Leaf", "Other"}));
  auto leaf = compile_contract(*c->program, c->sources, c->contract("Leaf"));
  ASSERT_TRUE(leaf.ok());
  EXPECT_TRUE(leaf->children.empty());
}

TEST(E2eDriver, RefusesAContractOverTheContainerSizeLimit) {
  // A 60,000-character string makes the container larger than the 24,576 bytes a chain
  // accepts: a compile error, not a container every deployment would refuse.
  const std::string text(60000, 'x');
  auto c =
      testing::check_source("contract Big { pub fn s() -> string { return \"" + text + "\"; } }\n");
  auto r = compile_contract(*c->program, c->sources, c->contract("Big"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("contract 'Big': its bytecode is ", 0), 0u)
      << r.error().message;
  EXPECT_NE(r.error().message.find(" bytes, over the limit of 24576 bytes a container may have"),
            std::string::npos)
      << r.error().message;
}

TEST(E2eDriver, TestContractsMayBeLargerThanAChainAccepts) {
  // Test contracts run only in the test host, whose limit is 1 MiB.
  const std::string text(60000, 'x');
  auto c = testing::check_source("test contract BigTest { pub fn s() -> string { return \"" + text +
                                 "\"; } }\n");
  auto r = compile_contract(*c->program, c->sources, c->contract("BigTest"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GT(r->bytecode.size(), vm::ContainerLimits::kMaxContainerSize);
}

TEST(E2eDriver, IsDeterministicAndKeepsIr) {
  auto c = testing::check_source(kCalls);
  CompileOptions options;
  options.keep_ir = true;
  auto a = compile_contract(*c->program, c->sources, c->contract("Factory"), options);
  auto b = compile_contract(*c->program, c->sources, c->contract("Factory"), options);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->bytecode, b->bytecode);
  EXPECT_NE(a->llvm_ir.find("tenet-export"), std::string::npos);
  EXPECT_NE(a->llvm_ir_opt.find("define"), std::string::npos);
  EXPECT_EQ(a->name, "Factory");
}

/// The 1-based line of the first occurrence of `needle` in `text` (0 when absent).
uint32_t line_of(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

TEST(E2eDriver, LineTableCoversTheSourceStatements) {
  auto c = testing::check_source(kTokenFixture);
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    CompileOptions options;
    options.level = level;
    auto r = compile_contract(*c->program, c->sources, c->contract("Token"), options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->code.files, std::vector<std::string>{"test.tn"});
    std::set<uint32_t> lines;
    for (const LineEntry& e : r->code.lines) lines.insert(e.line);
    // The lines of `self.balances[msg.sender] = supply;` (init), `return self.balances[who];`,
    // `if bal < amount { revert … }`, `self.balances[to] += amount;`
    for (const char* statement :
         {"self.balances[msg.sender] = supply;", "return self.balances[who];", "if bal < amount",
          "self.balances[to] += amount;"}) {
      const uint32_t line = line_of(kTokenFixture, statement);
      EXPECT_TRUE(lines.contains(line)) << "line " << line << ": " << statement;
    }
  }
}

}  // namespace
}  // namespace tenet::compiler
