// More end-to-end tests of the compiler: storage of structs, strings and fixed arrays,
// getters of structs and arrays, receive, payable init, built-ins, constants, signed
// comparisons, multi-result external calls, re-entrancy, failing constructors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "tenet/abi/log.hpp"

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
using testing::tail;
using vm::Address;
using vm::Word;

class E2eLanguage : public testing::E2eTest, public ::testing::WithParamInterface<OptLevel> {
 protected:
  Address deploy(const std::string& source, const std::string& name,
                 const std::vector<uint8_t>& args = {}, const Word& value = Word{}) {
    return E2eTest::deploy(source, name, GetParam(), args, value);
  }
};

INSTANTIATE_TEST_SUITE_P(
    E2e, E2eLanguage, ::testing::Values(OptLevel::O0, OptLevel::O1, OptLevel::O2),
    [](const ::testing::TestParamInfo<OptLevel>& p) {
      return std::string(p.param == OptLevel::O0 ? "O0" : p.param == OptLevel::O1 ? "O1" : "O2");
    });

TEST_P(E2eLanguage, StorageValuesAndGetters) {
  Address a = deploy(R"(
struct Profile { name: string, age: u8, tags: [u256], friend: address }
struct Pair { a: u256, b: i8 }
enum Level { Low, High }
contract C {
    pub profile: Profile;
    pub pairs: [Pair];
    pub grid: [[u8; 3]; 2];
    pub title: string;
    pub level: Level;
    pub fn setup() {
        self.profile = Profile { name: "alice", age: 30, tags: [1, 2], friend: address(7) };
        self.pairs.push(Pair { a: 1, b: -1 });
        self.pairs.push(Pair { a: 2, b: -2 });
        self.pairs[1].b = 5;
        self.grid[1][2] = 9;
        self.title = "a title longer than thirty-two bytes, stored in chunks";
        self.level = Level::High;
    }
    pub fn local_copy() -> (u8, u8) {
        let mut p = self.profile;
        p.age = 99;
        return (p.age, self.profile.age);
    }
    pub fn tags() -> [u256] { return self.profile.tags; }
    pub fn shorten() { self.title = "short"; }
    pub fn poke(i: u256) -> u8 { self.title[i] = 0x41; self.title[i] += 1; return self.title[i]; }
}
)",
                     "C");
  ok(a, input("setup()"));
  // The struct getter returns the fields except arrays (solc's rule).
  EXPECT_EQ(ok(a, input("profile()")), hw(96) + hw(30) + hw(7) + hex(tail("alice")));
  EXPECT_EQ(ok(a, input("pairs(uint256)", {iw(1)})), hw(2) + hw(5));
  EXPECT_EQ(ok(a, input("grid(uint256,uint256)", {iw(1), iw(2)})), hw(9));
  EXPECT_EQ(ok(a, input("grid(uint256,uint256)", {iw(0), iw(2)})), hw(0));
  EXPECT_EQ(reverts(a, input("grid(uint256,uint256)", {iw(2), iw(0)})), panic_hex(0x32));
  EXPECT_EQ(ok(a, input("title()")),
            hw(32) + hex(tail("a title longer than thirty-two bytes, stored in chunks")));
  EXPECT_EQ(ok(a, input("level()")), hw(1));
  EXPECT_EQ(ok(a, input("local_copy()")), hw(99) + hw(30));
  EXPECT_EQ(ok(a, input("tags()")), hw(32) + hw(2) + hw(1) + hw(2));
  ok(a, input("shorten()"));
  EXPECT_EQ(ok(a, input("title()")), hw(32) + hex(tail("short")));
  EXPECT_EQ(ok(a, input("poke(uint256)", {iw(4)})), hw(0x42));
  EXPECT_EQ(ok(a, input("title()")), hw(32) + hex(tail("shorB")));
  EXPECT_EQ(reverts(a, input("poke(uint256)", {iw(5)})), panic_hex(0x32));
}

TEST_P(E2eLanguage, ReceivePayableInitAndContext) {
  Address a = deploy(R"(
const LIMIT: u256 = 10 ** 3;
contract C {
    pub received: u256;
    pub creator: address;
    pub start_value: u256;
    const FACTOR: u64 = 3;
    payable init() { self.creator = msg.sender; self.start_value = msg.value; }
    pub payable fn receive() { self.received += msg.value; }
    pub view fn context() -> (u64, u64, u256, address, u64) {
        return (block.number, block.timestamp, block.chain_id, tx.origin, FACTOR * 2);
    }
    pub fn limit() -> u256 { return LIMIT + 1; }
    pub fn gas_is_left() -> bool { return gas_left() > 1000; }
    pub fn balance() -> u256 { return address(self).balance; }
}
)",
                     "C", {}, Word{77});
  EXPECT_EQ(ok(a, input("creator()")), hex(aw(sender)));
  EXPECT_EQ(ok(a, input("start_value()")), hw(77));
  EXPECT_EQ(ok(a, {}, Word{5}), "");
  EXPECT_EQ(ok(a, {}, Word{6}), "");
  EXPECT_EQ(ok(a, input("received()")), hw(11));
  EXPECT_EQ(ok(a, input("balance()")), hw(88));
  // Non-payable functions refuse value (the VM checks the export flag).
  EXPECT_EQ(reverts(a, input("limit()"), Word{1}), "");
  EXPECT_EQ(ok(a, input("limit()")), hw(1001));
  EXPECT_EQ(ok(a, input("gas_is_left()")), hw(1));
  vm::TxContext context;
  context.number = 12;
  context.timestamp = 1700000000;
  context.chain_id = Word{31337};
  host.set_context(context);
  EXPECT_EQ(ok(a, input("context()")),
            hw(12) + hw(1700000000) + hw(31337) + hex(aw(sender)) + hw(6));
}

// Every log carries its own type list, so the runner prints it without the contract.
TEST_P(E2eLanguage, LogPayloadsNameTheirTypes) {
  Address a = deploy(R"(
struct P { x: u8, tag: string }
enum E { A, B }
contract C {
    pub fn logs(who: address, n: i16) {
        log();
        log(P { x: 3, tag: "t" }, E::B, [1, 2], who, n, true, 7);
    }
}
)",
                     "C");
  host.keep_debug_logs(true);
  const Address who = *vm::parse_address("0x00000000000000000000000000000000000000ab");
  ok(a, input("logs(address,int16)", {aw(who), iw(-5)}));
  ASSERT_EQ(host.debug_logs().size(), 2u);
  std::vector<std::string> lists, lines;
  for (const auto& payload : host.debug_logs()) {
    // The type list is the payload's first value: a string at the first offset.
    const auto small = [&payload](size_t at) {  // a word known to be below 65536
      return static_cast<size_t>(payload.at(at + 30)) * 256 + payload.at(at + 31);
    };
    const size_t offset = small(0);
    const size_t length = small(offset);
    lists.emplace_back(payload.begin() + static_cast<long>(offset) + 32,
                       payload.begin() + static_cast<long>(offset + 32 + length));
    auto values = abi::decode_log(payload);
    ASSERT_TRUE(values.ok()) << values.error().message;
    lines.push_back(abi::format_log(*values));
  }
  EXPECT_EQ(lists, (std::vector<std::string>{
                       "()", "((uint8,string),uint8,uint256[2],address,int16,bool,uint256)"}));
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "", "(3,\"t\") 1 [1,2] 0x00000000000000000000000000000000000000ab -5 true 7"}));
}

TEST_P(E2eLanguage, BuiltinsAndSignedComparisons) {
  Address a = deploy(R"(
contract C {
    pub fn enc(a: u8, s: string) -> bytes { return abi.encode(a, s); }
    pub fn hashes(a: u256, b: u256) -> (bytes32, bytes32) { return (keccak256(a, b), sha256(a)); }
    pub fn recover() -> address { return ecrecover(bytes32(1), 27, bytes32(0), bytes32(3)); }
    pub fn logs(x: u256) { log("x is", x); }
    pub fn cmp(a: i32, b: i32) -> (bool, bool, bool) { return (a < b, a >= b, a != b); }
    pub fn mixed(a: u8, b: u64) -> bool { return a < b; }
    pub fn big(a: i256) -> i256 { return a / -1; }
    pub fn sar(a: i256, n: u256) -> i256 { return a >> n; }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("enc(uint8,string)", {iw(5), iw(64), tail("hi")})),
            hw(32) + hw(128) + hw(5) + hw(64) + hex(tail("hi")));
  auto k = vm::keccak256(cat({iw(1), iw(2)}));
  std::string sha = ok(a, input("hashes(uint256,uint256)", {iw(1), iw(2)}));
  EXPECT_EQ(sha.substr(0, 64), hex(std::vector<uint8_t>(k.begin(), k.end())));
  auto s = vm::sha256(iw(1));
  EXPECT_EQ(sha.substr(64), hex(std::vector<uint8_t>(s.begin(), s.end())));
  EXPECT_EQ(ok(a, input("recover()")), hw(0));
  host.keep_debug_logs(true);
  ok(a, input("logs(uint256)", {iw(9)}));
  ASSERT_EQ(host.debug_logs().size(), 1u);
  // (string types, args…): the type list "(string,uint256)" first (abi::decode_log).
  EXPECT_EQ(hex(host.debug_logs()[0]),
            hw(96) + hw(160) + hw(9) + hex(tail("(string,uint256)")) + hex(tail("x is")));
  auto logged = abi::decode_log(host.debug_logs()[0]);
  ASSERT_TRUE(logged.ok()) << logged.error().message;
  EXPECT_EQ(abi::format_log(*logged), "x is 9");
  EXPECT_EQ(ok(a, input("cmp(int32,int32)", {iw(-5), iw(3)})), hw(1) + hw(0) + hw(1));
  EXPECT_EQ(ok(a, input("cmp(int32,int32)", {iw(3), iw(-5)})), hw(0) + hw(1) + hw(1));
  EXPECT_EQ(ok(a, input("mixed(uint8,uint64)", {iw(200), iw(300)})), hw(1));
  EXPECT_EQ(ok(a, input("big(int256)", {iw(-7)})), hw(7));
  std::vector<uint8_t> min(32, 0);
  min[0] = 0x80;
  EXPECT_EQ(reverts(a, input("big(int256)", {min})), panic_hex(0x11));
  EXPECT_EQ(ok(a, input("sar(int256,uint256)", {min, iw(255)})), hw(-1));
  EXPECT_EQ(ok(a, input("sar(int256,uint256)", {min, iw(256)})), hw(-1));
  EXPECT_EQ(ok(a, input("sar(int256,uint256)", {iw(5), iw(256)})), hw(0));
}

const char* const kReentry = R"(
interface IVault {
    fn poke();
    view fn pair(x: u256) -> (u256, string);
}
contract Vault {
    pub pokes: u256;
    pub fn poke() { self.pokes += 1; }
    pub view fn pair(x: u256) -> (u256, string) { return (x * 2, "two"); }
    pub fn call_back(other: address) { Helper(other).ping(address(self)); }
    pub reentrant fn open_poke() { self.pokes += 10; }
}
contract Helper {
    pub fn ping(vault: address) { IVault(vault).poke(); }
    pub fn ping_open(vault: address) { Vault(vault).open_poke(); }
    pub fn pair(vault: address) -> (u256, string) {
        let (n, s) = IVault(vault).pair(21);
        return (n + 1, s);
    }
}
contract Broken {
    init(x: u256) { require(x > 0, "need x"); }
}
contract Maker {
    pub fn make(x: u256) -> address { return address(new Broken(x)); }
}
)";

TEST_P(E2eLanguage, ReentrancyMultiResultCallsAndFailedCreate) {
  Address vault = deploy(kReentry, "Vault");
  Address helper = deploy(kReentry, "Helper");
  EXPECT_EQ(ok(helper, input("ping(address)", {aw(vault)})), "");
  EXPECT_EQ(ok(vault, input("pokes()")), hw(1));
  // Vault → Helper → Vault.poke re-enters Vault: Reentrancy() bubbles up.
  EXPECT_EQ(reverts(vault, input("call_back(address)", {aw(helper)})), "ab143c06");
  EXPECT_EQ(ok(helper, input("ping_open(address)", {aw(vault)})), "");
  EXPECT_EQ(ok(vault, input("pokes()")), hw(11));
  EXPECT_EQ(ok(helper, input("pair(address)", {aw(vault)})), hw(43) + hw(64) + hex(tail("two")));
  Address maker = deploy(kReentry, "Maker");
  EXPECT_EQ(reverts(maker, input("make(uint256)", {iw(0)})),
            "08c379a0" + hw(32) + hex(tail("need x")));
  EXPECT_EQ(ok(maker, input("make(uint256)", {iw(1)})), hex(aw(vm::create_address(maker, 1))));
}

constexpr const char* kCompoundOrder = R"(
contract C {
    pub x: u256;
    a: [u256];
    fn shrink() -> u256 { self.a.pop(); return 1; }
    fn bump() -> u256 { self.x = 10; return 1; }
    pub fn shrink_then_add() { self.a.push(5); self.a[0] += self.shrink(); }
    pub fn bump_then_add() { self.x += self.bump(); }
    pub fn length() -> u256 { return self.a.len(); }
}
)";

// Regression: a compound assignment to storage computed (and bounds-checked) its slot and
// read the old value before the right-hand side ran, so a `pop` on the right left a write
// past the array's end, and a write to the same field on the right was lost.
TEST_P(E2eLanguage, CompoundAssignmentEvaluatesTheRightHandSideFirst) {
  Address c = deploy(kCompoundOrder, "C");
  EXPECT_EQ(reverts(c, input("shrink_then_add()")), panic_hex(0x32));
  EXPECT_EQ(ok(c, input("length()")), hw(0));
  EXPECT_EQ(ok(c, input("bump_then_add()")), "");
  EXPECT_EQ(ok(c, input("x()")), hw(11));
}

TEST_P(E2eLanguage, IndexedStaticStructsAreHashedInPlace) {
  Address a = deploy(R"(
struct Point { x: u256, y: i8 }
event Moved(p: Point indexed, corners: [u16; 2] indexed, n: u256);
contract C {
    pub fn go() { emit Moved(Point { x: 1, y: -2 }, [3, 4], 5); }
}
)",
                     "C");
  ok(a, input("go()"));
  ASSERT_EQ(host.logs().size(), 1u);
  const vm::LogEntry& log = host.logs()[0];
  ASSERT_EQ(log.topics.size(), 3u);
  auto point = vm::keccak256(cat({iw(1), iw(-2)}));
  auto corners = vm::keccak256(cat({iw(3), iw(4)}));
  EXPECT_EQ(hex(vm::testing::be(log.topics[1])),
            hex(std::vector<uint8_t>(point.begin(), point.end())));
  EXPECT_EQ(hex(vm::testing::be(log.topics[2])),
            hex(std::vector<uint8_t>(corners.begin(), corners.end())));
  EXPECT_EQ(hex(log.data), hw(5));
}

TEST_P(E2eLanguage, IndexedDynamicValuesAreHashedInPlace) {
  const std::string long_text = "bcdefghijklmnopqrstuvwxyzBCDEFGHIJKLMNOP";  // 40 characters
  ASSERT_EQ(long_text.size(), 40u);
  Address a = deploy(R"(
struct Named { a: u256, s: string }
event Nums(xs: [u256] indexed);
event Strs(ss: [string] indexed, n: u256);
event Rec(r: Named indexed, n: u256);
event Blobs(tag: u8 indexed, bs: [bytes; 2] indexed);
struct Tagged { tags: [string], n: u8 }
event Deep(d: [[u8]] indexed, t: Tagged indexed);
contract C {
    pub fn go() {
        let xs: [u256] = [7, 8, 9];
        emit Nums(xs);
        let none: [u256] = [];
        emit Nums(none);
        let ss: [string] = ["a", "bcdefghijklmnopqrstuvwxyzBCDEFGHIJKLMNOP"];
        emit Strs(ss, 4);
        emit Rec(Named { a: 5, s: "hello" }, 6);
        let b2 = hex"0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021";
        emit Blobs(2, [hex"deadbeef", b2]);
        let d: [[u8]] = [[1, 2], [], [3]];
        let tags: [string] = ["x", ""];
        emit Deep(d, Tagged { tags: tags, n: 9 });
    }
}
)",
                     "C");
  ok(a, input("go()"));
  ASSERT_EQ(host.logs().size(), 6u);
  // The in-place encoding of string/bytes contents: zero-padded to a multiple of 32 bytes.
  auto padded = [](std::vector<uint8_t> bytes) {
    bytes.resize((bytes.size() + 31) / 32 * 32, 0);
    return bytes;
  };
  auto text = [&](const std::string& s) {
    return padded(std::vector<uint8_t>(s.begin(), s.end()));
  };
  auto topic = [](const std::vector<uint8_t>& encoding) {
    auto h = vm::keccak256(encoding);
    return hex(std::vector<uint8_t>(h.begin(), h.end()));
  };
  auto topics = [&](size_t i) {
    std::vector<std::string> out;
    for (const Word& t : host.logs()[i].topics) out.push_back(hex(vm::testing::be(t)));
    return out;
  };
  std::vector<uint8_t> counting;
  for (uint8_t byte = 1; byte <= 33; ++byte) counting.push_back(byte);
  ASSERT_EQ(topics(0).size(), 2u);
  EXPECT_EQ(topics(0)[1], topic(cat({iw(7), iw(8), iw(9)})));
  ASSERT_EQ(topics(1).size(), 2u);
  // An empty `[u256]` has an empty in-place encoding.
  EXPECT_EQ(topics(1)[1], topic({}));
  EXPECT_EQ(topics(1)[1], "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(topics(1)[0], topics(0)[0]);
  ASSERT_EQ(topics(2).size(), 2u);
  EXPECT_EQ(topics(2)[1], topic(cat({text("a"), text(long_text)})));
  EXPECT_EQ(text(long_text).size(), 64u);
  EXPECT_EQ(hex(host.logs()[2].data), hw(4));
  ASSERT_EQ(topics(3).size(), 2u);
  EXPECT_EQ(topics(3)[1], topic(cat({iw(5), text("hello")})));
  EXPECT_EQ(hex(host.logs()[3].data), hw(6));
  ASSERT_EQ(topics(4).size(), 3u);
  EXPECT_EQ(topics(4)[1], hw(2));
  EXPECT_EQ(topics(4)[2], topic(cat({padded({0xde, 0xad, 0xbe, 0xef}), padded(counting)})));
  EXPECT_EQ(hex(host.logs()[4].data), "");
  // Nested: no lengths at any depth; an empty string adds nothing.
  ASSERT_EQ(topics(5).size(), 3u);
  EXPECT_EQ(topics(5)[1], topic(cat({iw(1), iw(2), iw(3)})));
  EXPECT_EQ(topics(5)[2], topic(cat({text("x"), iw(9)})));
}

TEST_P(E2eLanguage, ResultsNeverAliasTheCallersLocals) {
  Address a = deploy(R"(
struct Box { xs: [u256; 2] }
contract C {
    fn id(xs: [u256; 2]) -> [u256; 2] { return xs; }
    fn inner(b: Box) -> [u256; 2] { return b.xs; }
    fn fresh() -> [u256; 2] { let ys = [5, 6]; return ys; }
    fn both() -> ([u256; 2], [u256; 2]) { let zs = [7, 8]; return (zs, zs); }
    pub fn run() -> (u256, u256, u256, u256) {
        let xs = [1, 2];
        let mut ys = self.id(xs);
        ys[0] = 10;
        let b = Box { xs: [3, 4] };
        let mut zs = self.inner(b);
        zs[0] = 30;
        let mut f = self.fresh();
        f[0] += 1;
        let (mut p, q) = self.both();
        p[0] = 70;
        return (xs[0] + ys[0], b.xs[0] + zs[0], f[0] + f[1], p[0] + q[0]);
    }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("run()")), hw(11) + hw(33) + hw(12) + hw(77));
}

TEST_P(E2eLanguage, MixedFeatures) {
  Address a = deploy(R"(
struct P { a: u8, b: string }
enum E { A, B }
const NAMES: string = "xyz";
contract C {
    pub store: [P];
    pub fm: map<u256, [u8; 2]>;
    pub fn f() -> string { return NAMES; }
    pub fn g(e: E) -> u8 { let x: u64 = 5; let y = x + 1; return u8(y) + u8(e); }
    pub fn h() -> bool { return E::A != E::B; }
    pub fn k(ps: [P]) -> u256 { let mut t = 0; for p_i in 0..ps.len() { t += u256(ps[p_i].a) + ps[p_i].b.len(); } return t; }
    pub fn m() { self.store.push(P { a: 1, b: "q" }); self.store[0].b = "zz"; self.fm[3][1] = 9; }
    pub fn n() -> P { return self.store[0]; }
    pub fn o(a: u8) -> u256 { let arr: [u256] = []; let b2 = new [P](2); return arr.len() + b2.len() + u256(a); }
    pub fn q(h: bytes32) -> bool { return h == bytes32(0) || h > bytes32(5); }
    pub fn r() -> bytes { return hex"deadbeef"; }
    pub fn s(x: i8) -> i256 { return i256(x) ** 3; }
}
)",
                     "C");
  EXPECT_EQ(ok(a, input("f()")), hw(32) + hex(tail("xyz")));
  EXPECT_EQ(ok(a, input("g(uint8)", {iw(1)})), hw(7));
  EXPECT_EQ(ok(a, input("h()")), hw(1));
  EXPECT_EQ(ok(a, input("k((uint8,string)[])", {iw(32), iw(2), iw(0x40), iw(0xc0), iw(1), iw(0x40),
                                                tail("ab"), iw(2), iw(0x40), tail("c")})),
            hw(6));
  ok(a, input("m()"));
  EXPECT_EQ(ok(a, input("n()")), hw(32) + hw(1) + hw(0x40) + hex(tail("zz")));
  EXPECT_EQ(ok(a, input("store(uint256)", {iw(0)})), hw(1) + hw(0x40) + hex(tail("zz")));
  EXPECT_EQ(ok(a, input("fm(uint256,uint256)", {iw(3), iw(1)})), hw(9));
  EXPECT_EQ(ok(a, input("o(uint8)", {iw(4)})), hw(6));
  EXPECT_EQ(ok(a, input("q(bytes32)", {iw(0)})), hw(1));
  EXPECT_EQ(ok(a, input("q(bytes32)", {iw(6)})), hw(1));
  EXPECT_EQ(ok(a, input("q(bytes32)", {iw(3)})), hw(0));
  EXPECT_EQ(ok(a, input("r()")), hw(32) + hw(4) + "deadbeef" + std::string(56, '0'));
  EXPECT_EQ(ok(a, input("s(int8)", {iw(-3)})), hw(-27));
  EXPECT_EQ(ok(a, input("s(int8)", {iw(-128)})), hw(-2097152));
}

TEST_P(E2eLanguage, NestedStoragePaths) {
  Address a = deploy(R"(
struct Inner { a: u64, b: string }
struct Account { pad: [u8; 3], history: [u256], inner: Inner, limits: map<u8, u256> }
contract C {
    accounts: map<address, Account>;
    pub fn record(v: u256) {
        self.accounts[msg.sender].history.push(v);
        self.accounts[msg.sender].inner.b = "note";
        self.accounts[msg.sender].inner.a += 2;
        self.accounts[msg.sender].pad[2] = 7;
        self.accounts[msg.sender].limits[4] = v * 10;
    }
    pub fn read(who: address) -> (u256, u256, u64, string, u8, u256) {
        let acc_history_len = self.accounts[who].history.len();
        let last = self.accounts[who].history[acc_history_len - 1];
        let inner = self.accounts[who].inner;
        return (acc_history_len, last, inner.a, inner.b, self.accounts[who].pad[2], self.accounts[who].limits[4]);
    }
}
)",
                     "C");
  ok(a, input("record(uint256)", {iw(5)}));
  ok(a, input("record(uint256)", {iw(6)}));
  EXPECT_EQ(ok(a, input("read(address)", {aw(sender)})),
            hw(2) + hw(6) + hw(4) + hw(6 * 32) + hw(7) + hw(60) + hex(tail("note")));
  EXPECT_EQ(reverts(a, input("read(address)", {aw(a)})), panic_hex(0x11));
}

TEST(E2eImports, ErrorsOfImportedFreeFunctions) {
  // The error is declared in lib.tn and not imported into main.tn: only `check` is.
  auto dir =
      std::filesystem::temp_directory_path() /
      ("tenet_e2e_imports_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "lib.tn")
      << "error Tiny(n: u8);\n"
         "fn check(n: u8) -> u8 { if n < 3 { revert Tiny(n); } return n; }\n";
  std::ofstream(dir / "main.tn") << "import { check } from \"./lib.tn\";\n"
                                    "contract M { pub fn f(n: u8) -> u8 { return check(n); } }\n";
  SourceManager sources;
  DiagnosticEngine diagnostics;
  std::string error;
  auto id = sources.load_file((dir / "main.tn").string(), error);
  ASSERT_TRUE(id) << error;
  auto program =
      check_program(sources, *id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib", diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, sources);
  auto compiled = compile_contract(*program, sources, *program->find_contract("M"));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  vm::Vm vm;
  vm::JournaledHost host(vm);
  Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  vm::ExecResult d = host.deploy(sender, compiled->bytecode, 10'000'000);
  ASSERT_EQ(d.status, vm::Status::Success) << d.reason;
  vm::ExecResult r = host.transact(sender, d.created, input("f(uint8)", {iw(2)}), 10'000'000);
  EXPECT_EQ(r.status, vm::Status::Revert);
  EXPECT_EQ(hex(r.output), hex(selector_bytes("Tiny(uint8)")) + hw(2));
  r = host.transact(sender, d.created, input("f(uint8)", {iw(5)}), 10'000'000);
  EXPECT_EQ(hex(r.output), hw(5));
}

// language.md §10 (1.1): a bytesN value is its left-aligned ABI word in its slot and as a map
// key (pad32), an enum key is its uint8 word, as Solidity's layout has them.
TEST_P(E2eLanguage, FixedBytesAndEnumKeysUseTheAbiWordInStorage) {
  Address a = deploy(R"(
enum Kind { Small, Medium, Large }
contract C {
    names: map<bytes4, u256>;
    kinds: map<Kind, bytes2>;
    tag: bytes3;
    pub fn go() {
        self.names[bytes4(0x01020304)] = 7;
        self.kinds[Kind::Large] = bytes2(0xbeef);
        self.tag = bytes3(0xabcdef);
    }
}
)",
                     "C");
  ok(a, input("go()"));
  auto left = [](std::initializer_list<uint8_t> bytes) {
    std::vector<uint8_t> w(32, 0);
    std::copy(bytes.begin(), bytes.end(), w.begin());
    return w;
  };
  auto slot = [](const std::vector<uint8_t>& key, int64_t p) {
    auto h = vm::keccak256(cat({key, iw(p)}));
    return vm::word_from_be(h.data());
  };
  auto word = [&](const Word& key) { return hex(vm::testing::be(host.get_storage(a, key))); };
  EXPECT_EQ(word(slot(left({1, 2, 3, 4}), 0)), hw(7));
  EXPECT_EQ(word(slot(iw(2), 1)), hex(left({0xbe, 0xef})));
  EXPECT_EQ(word(Word{2}), hex(left({0xab, 0xcd, 0xef})));
}

}  // namespace
}  // namespace tenet::compiler
