// End-to-end tests of irgen's ValueOps: entries built by hand with IrContext + ValueOps,
// optimised (O0 and O2), translated by codegen, deployed in a JournaledHost and called
// with call data from the Ethereum ABI specification's examples and ethers.js v6.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tenet/compiler/codegen.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"
#include "compiler/irgen/values_test_support.hpp"

namespace tenet::compiler::irgen {
namespace {

using testing::ValuesModule;

/// The concatenation of 64-digit hex words (and other hex pieces).
std::string words(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

/// A word holding the small number `n`.
std::string w(uint64_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string s(64, '0');
  for (int i = 63; n != 0; --i, n >>= 4) s[i] = kHex[n & 15];
  return s;
}

const std::string kOnes = std::string(64, 'f');

/// Revert data of Panic(code).
std::string panic_data(uint64_t code) {
  return "revert:4e487b71" + w(code);
}

class ValuesE2E : public ::testing::TestWithParam<OptLevel> {
 protected:
  ValuesE2E() : host(vm) {}

  /// Verifies, optimises at the test's level, translates and deploys `m`.
  void deploy(ValuesModule& m) {
    ASSERT_EQ(m.verify(), "");
    ASSERT_FALSE(m.ops->error.has_value()) << *m.ops->error;
    auto opt = optimise(*m.cx->module, GetParam());
    ASSERT_TRUE(opt.ok()) << opt.error().message;
    auto code = generate_bytecode(*m.cx->module, {}, false);
    ASSERT_TRUE(code.ok()) << code.error().message << "\n" << m.ir();
    std::vector<uint8_t> bytes = vm::serialize_container(code.value().container);
    vm::ExecResult r = host.deploy(sender, bytes, 100'000'000);
    ASSERT_EQ(r.status, vm::Status::Success) << r.reason;
    contract = r.created;
  }

  /// Calls the entry `selector` with `args` (hex); "ok:<hex>", "revert:<hex>" or the status.
  std::string call(const std::string& selector, const std::string& args) {
    auto input = vm::hex_decode(selector + args);
    EXPECT_TRUE(input.ok());
    if (!input.ok()) return "bad hex";
    vm::ExecResult r = host.transact(sender, contract, input.value(), 50'000'000);
    std::string out = vm::hex_encode(r.output);
    if (out.rfind("0x", 0) == 0) out = out.substr(2);
    if (r.status == vm::Status::Success) return "ok:" + out;
    if (r.status == vm::Status::Revert) return "revert:" + out;
    return std::string(vm::status_name(r.status)) + ":" + r.reason;
  }

  /// The storage word at `slot` (hex without 0x) of the contract, as 64 hex digits.
  std::string storage(const std::string& slot) {
    vm::Word v = host.get_storage(contract, *vm::parse_word("0x" + slot));
    std::string s = vm::to_hex(v);
    if (s.rfind("0x", 0) == 0) s = s.substr(2);
    return std::string(64 - s.size(), '0') + s;
  }

  /// Adds an entry that decodes `types` from the call data and returns their encoding.
  static void add_roundtrip(ValuesModule& m, const std::string& selector,
                            const std::vector<const Type*>& types) {
    m.begin_entry("rt" + selector, selector);
    std::vector<llvm::Value*> values = m.ops->abi_decode_calldata(4, types);
    m.return_bytes(m.ops->abi_encode(values, types));
  }

  vm::Vm vm;
  vm::JournaledHost host;
  vm::Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  vm::Address contract;
};

INSTANTIATE_TEST_SUITE_P(Values, ValuesE2E, ::testing::Values(OptLevel::O0, OptLevel::O2),
                         [](const auto& level) {
                           return level.param == OptLevel::O0 ? "O0" : "O2";
                         });

/// One round-trip case: the types, valid call data arguments (returned unchanged) and
/// malformed ones (each reverting with empty data).
struct RoundTrip {
  std::string name;
  std::vector<const Type*> types;
  std::string valid;
  std::vector<std::string> malformed;
};

TEST_P(ValuesE2E, AbiRoundTripsAndRejectsMalformedCallData) {
  ValuesModule m;
  auto& t = m.types;
  const Type* pair = m.make_struct("Pair", {t.u256(), t.string()});
  const Type* color = m.make_enum("Color", 3);
  const std::string kHello =
      words({w(0x20), w(0x32), "48656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f6e",
             "676572207468616e2033322062797465732e0000000000000000000000000000"});
  std::vector<RoundTrip> cases = {
      {"uint8", {t.u8()}, w(200), {w(256), kOnes, w(200).substr(2)}},
      {"int16",
       {t.integer(16, true)},
       kOnes.substr(0, 63) + "e",
       {w(0x8000), std::string(60, 'f') + "7fff"}},
      {"int8 min", {t.integer(8, true)}, std::string(62, 'f') + "80", {w(0x80)}},
      {"bool", {t.boolean()}, w(1), {w(2), kOnes}},
      {"address",
       {t.address()},
       "0000000000000000000000001804c8ab1f12e6bbf3894d4083f33e07309d1f38",
       {"0000000000000000000000011804c8ab1f12e6bbf3894d4083f33e07309d1f38"}},
      {"bytes32",
       {t.bytes32()},
       "0102030405060708091011121314151617181920212223242526272829303132",
       {""}},
      {"enum", {color}, w(2), {w(3), w(255)}},
      {"baz(uint32,bool)", {t.integer(32, false), t.boolean()}, words({w(69), w(1)}), {w(69)}},
      {"string",
       {t.string()},
       kHello,
       {
           words({w(0x40), w(0x32)}),                               // offset past the end
           words({kOnes, w(0x32)}),                                 // huge offset
           words({w(0x20), w(0x60), kHello.substr(128)}),           // length past the end
           words({w(0x20), std::string(1, '8') + w(0).substr(1)}),  // length 2^255
           kHello.substr(0, kHello.size() - 30),                    // 15 bytes short of the content
       }},
      {"empty string", {t.string()}, words({w(0x20), w(0)}), {w(0x20)}},
      {"bytes", {t.bytes()}, words({w(0x20), w(4), "deadbeef" + std::string(56, '0')}), {}},
      {"uint256[]",
       {t.dynamic_array(t.u256())},
       words({w(0x20), w(3), w(1), w(2), w(3)}),
       {words({w(0x20), w(4), w(1), w(2), w(3)}), words({w(0x20), kOnes, w(1), w(2), w(3)}),
        words(
            {w(0x20), "0000000000000000000000000000000000000000000000000800000000000000", w(1)})}},
      {"(uint256,string)[]",
       {t.dynamic_array(pair)},
       words({w(0x20), w(2), w(0x40), w(0xc0), w(1), w(0x40), w(3), "6f6e65" + std::string(58, '0'),
              w(2), w(0x40), w(3), "74776f" + std::string(58, '0')}),
       {words({w(0x20), w(2), w(0x40), w(0x1c0), w(1), w(0x40), w(3),
               "6f6e65" + std::string(58, '0'), w(2), w(0x40), w(3),
               "74776f" + std::string(58, '0')})}},
      {"uint256[2][]",
       {t.dynamic_array(t.fixed_array(t.u256(), 2))},
       words({w(0x20), w(2), w(1), w(2), w(3), w(4)}),
       {words({w(0x20), w(2), w(1), w(2), w(3)})}},
      {"g(uint256[][],string[])",  // the ABI specification's example
       {t.dynamic_array(t.dynamic_array(t.u256())), t.dynamic_array(t.string())},
       words({w(0x40), w(0x140),
              w(2),    w(0x40),
              w(0xa0), w(2),
              w(1),    w(2),
              w(1),    w(3),
              w(3),    w(0x60),
              w(0xa0), w(0xe0),
              w(3),    "6f6e65" + std::string(58, '0'),
              w(3),    "74776f" + std::string(58, '0'),
              w(5),    "7468726565" + std::string(54, '0')}),
       {}},
      {"sam(bytes,bool,uint256[])",  // the ABI specification's example
       {t.bytes(), t.boolean(), t.dynamic_array(t.u256())},
       words({w(0x60), w(1), w(0xa0), w(4), "64617665" + std::string(56, '0'), w(3), w(1), w(2),
              w(3)}),
       {words({w(0x60), w(2), w(0xa0), w(4), "64617665" + std::string(56, '0'), w(3), w(1), w(2),
               w(3)})}},
      {"((uint256,string),int64[3],bool),uint8",
       {m.make_struct("Outer", {pair, t.fixed_array(t.integer(64, true), 3), t.boolean()}), t.u8()},
       words({w(0x40), w(2), w(0xa0), kOnes, w(2), std::string(63, 'f') + "d", w(1), w(7), w(0x40),
              w(5), "736576656e" + std::string(54, '0')}),
       {words({w(0x40), w(2), w(0xa0), w(1), w(2), w(3), w(1), w(7), w(0x40), w(5)})}},
      {"string[2],uint16",
       {t.fixed_array(t.string(), 2), t.integer(16, false)},
       words({w(0x40), w(9), w(0x40), w(0x80), w(1), "61" + std::string(62, '0'), w(2),
              "6263" + std::string(60, '0')}),
       {words({w(0x40), w(0x10000), w(0x40), w(0x80), w(1), "61" + std::string(62, '0'), w(2),
               "6263" + std::string(60, '0')})}},
  };
  for (size_t i = 0; i < cases.size(); ++i) add_roundtrip(m, w(i).substr(56), cases[i].types);
  deploy(m);
  for (size_t i = 0; i < cases.size(); ++i) {
    const RoundTrip& c = cases[i];
    std::string selector = w(i).substr(56);
    EXPECT_EQ(call(selector, c.valid), "ok:" + c.valid) << c.name;
    for (const std::string& bad : c.malformed)
      EXPECT_EQ(call(selector, bad), "revert:") << c.name << " " << bad;
  }
  // Random corruptions of the valid encodings (a byte changed, the data cut short) either
  // decode or revert with empty data — never a trap, a panic or running out of gas.
  std::mt19937 random(7);
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string& valid = cases[i].valid;
    if (valid.empty()) continue;
    for (int round = 0; round < 40; ++round) {
      std::string bad = valid;
      size_t at = random() % (bad.size() / 2);
      if (round % 4 == 3) {
        bad.resize(2 * at);
      } else {
        static const char* kHex = "0123456789abcdef";
        bad[2 * at] = kHex[random() % 16];
        bad[2 * at + 1] = kHex[random() % 16];
        if (round % 2 == 1) bad.replace(2 * (at & ~size_t{31}), 56, 56, round % 3 == 0 ? 'f' : '0');
      }
      std::string r = call(w(i).substr(56), bad);
      EXPECT_TRUE(r.rfind("ok:", 0) == 0 || r == "revert:")
          << cases[i].name << " " << bad << " -> " << r;
    }
  }
}

TEST_P(ValuesE2E, MemoryValues) {
  ValuesModule m;
  auto& t = m.types;
  const Type* str = t.string();
  // 00000001: copy independence — decode s, copy it, change the copy's first byte.
  m.begin_entry("copy", "00000001");
  {
    llvm::Value* s = m.ops->abi_decode_calldata(4, {str})[0];
    llvm::Value* c = m.ops->copy(s, str);
    m.ops->store_byte(m.ops->element_ptr(c, str, m.cx->word(0)), m.cx->b.getInt8('X'));
    m.return_bytes(m.ops->abi_encode({s, c}, {str, str}));
  }
  // 00000002: string equality.
  m.begin_entry("eq", "00000002");
  {
    std::vector<llvm::Value*> v = m.ops->abi_decode_calldata(4, {str, str});
    m.return_bytes(m.ops->abi_encode({m.ops->equals(v[0], v[1], str)}, {t.boolean()}));
  }
  // 00000003: keccak256 of a string's bytes, sha256 and keccak256 of abi.encode(u256, string).
  m.begin_entry("hash", "00000003");
  {
    llvm::Value* s = m.ops->abi_decode_calldata(4, {str})[0];
    llvm::Value* k = m.ops->hash(Intrinsic::keccak256, {s}, {str});
    llvm::Value* k2 =
        m.ops->hash(Intrinsic::keccak256, {m.cx->word(5), m.cx->word(1)}, {t.u256(), t.u256()});
    llvm::Value* k3 = m.ops->hash(Intrinsic::keccak256, {m.cx->b.getInt8(-2), m.cx->word(1)},
                                  {t.integer(8, true), t.u256()});
    m.return_bytes(m.ops->abi_encode({k, k2, k3}, {t.bytes32(), t.bytes32(), t.bytes32()}));
  }
  // 00000004: a literal, a zero struct, a new array, lengths, with a selector.
  const Type* rec =
      m.make_struct("Rec", {t.u8(), str, t.dynamic_array(t.u256()), t.fixed_array(str, 2)});
  m.begin_entry("lit", "00000004");
  {
    llvm::Value* lit = m.ops->bytes_literal("Hello, world! This string is longer than 32 bytes.");
    llvm::Value* z = m.ops->zero_value(rec);
    llvm::Value* arr = m.ops->new_dynamic_array(t.dynamic_array(t.u256()), m.cx->word(2));
    m.ops->store_element(m.ops->element_ptr(arr, t.dynamic_array(t.u256()), m.cx->word(1)),
                         m.cx->word(9), t.u256());
    m.return_bytes(m.ops->abi_encode({lit, z, arr, m.ops->length(lit, str)},
                                     {str, rec, t.dynamic_array(t.u256()), t.u256()}, 0x01020304));
  }
  // 00000005: index 3 of a decoded [u8] (panics 0x32 when out of bounds).
  m.begin_entry("index", "00000005");
  {
    const Type* bytes_list = t.dynamic_array(t.u8());
    std::vector<llvm::Value*> v = m.ops->abi_decode_calldata(4, {bytes_list});
    llvm::Value* e =
        m.ops->load_element(m.ops->element_ptr(v[0], bytes_list, m.cx->word(3)), t.u8());
    m.return_bytes(m.ops->abi_encode({e}, {t.u8()}));
  }
  // 00000006: new [u256](n) with n from the call data (panics 0x41 when too large).
  m.begin_entry("new", "00000006");
  {
    llvm::Value* n = m.ops->abi_decode_calldata(4, {t.u256()})[0];
    llvm::Value* arr = m.ops->new_dynamic_array(t.dynamic_array(t.u256()), n);
    m.return_bytes(m.ops->abi_encode({m.ops->length(arr, t.dynamic_array(t.u256()))}, {t.u256()}));
  }
  deploy(m);
  const std::string kAbc = words({w(0x20), w(3), "616263" + std::string(58, '0')});
  EXPECT_EQ(call("00000001", kAbc),
            "ok:" + words({w(0x40), w(0x80), w(3), "616263" + std::string(58, '0'), w(3),
                           "586263" + std::string(58, '0')}));
  EXPECT_EQ(call("00000002", words({w(0x40), w(0x80), w(3), "616263" + std::string(58, '0'), w(3),
                                    "616263" + std::string(58, '0')})),
            "ok:" + w(1));
  EXPECT_EQ(call("00000002", words({w(0x40), w(0x80), w(3), "616263" + std::string(58, '0'), w(3),
                                    "616264" + std::string(58, '0')})),
            "ok:" + w(0));
  EXPECT_EQ(call("00000002", words({w(0x40), w(0x80), w(3), "616263" + std::string(58, '0'), w(2),
                                    "6162" + std::string(60, '0')})),
            "ok:" + w(0));
  EXPECT_EQ(
      call("00000003", words({w(0x20), w(0x32),
                              "48656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f6e",
                              "676572207468616e2033322062797465732e0000000000000000000000000000"})),
      "ok:bb39f0e2d88f594e7217f52739a3c7fee2ad440e46cffdf5fb40a3d03d9bc91a"
      "e2689cd4a84e23ad2f564004f1c9013e9589d260bde6380aba3ca7e09e4df40c"
      "84a2b82f3835a09091553cc981cd434c85d4f7a608cb171945a84757cfbaad3c");
  // (string, (uint8,string,uint256[],string[2]), uint256[], uint256) after selector 01020304.
  EXPECT_EQ(call("00000004", ""),
            "ok:01020304" +
                words({w(0x80), w(0xe0), w(0x220), w(0x32),
                       // the literal
                       w(0x32), "48656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f6e",
                       "676572207468616e2033322062797465732e0000000000000000000000000000",
                       // the zero Rec: u8, offset of string, offset of [u256], offset of string[2]
                       w(0), w(0x80), w(0xa0), w(0xc0), w(0), w(0), w(0x40), w(0x60), w(0), w(0),
                       // the new array [0, 9]
                       w(2), w(0), w(9)}));
  EXPECT_EQ(call("00000005", words({w(0x20), w(4), w(1), w(2), w(3), w(4)})), "ok:" + w(4));
  EXPECT_EQ(call("00000005", words({w(0x20), w(3), w(1), w(2), w(3)})), panic_data(0x32));
  EXPECT_EQ(call("00000006", w(3)), "ok:" + w(3));
  EXPECT_EQ(call("00000006", w(uint64_t{1} << 27)), panic_data(0x41));
  EXPECT_EQ(call("00000006", kOnes), panic_data(0x41));
}

TEST_P(ValuesE2E, StorageLayoutOfWholeValues) {
  ValuesModule m;
  auto& t = m.types;
  const Type* rec =
      m.make_struct("Rec", {t.u256(), t.string(), t.dynamic_array(t.u256()), t.integer(8, true)});
  const Type* list = t.dynamic_array(t.u256());
  // 00000001: store a Rec from the call data at slot 5.
  m.begin_entry("store", "00000001");
  m.ops->storage_store(m.cx->word(5), m.ops->abi_decode_calldata(4, {rec})[0], rec);
  m.stop();
  // 00000002: return the Rec at slot 5.
  m.begin_entry("load", "00000002");
  m.return_bytes(m.ops->abi_encode({m.ops->storage_load(m.cx->word(5), rec)}, {rec}));
  // 00000003: m[5] = 42 for map<u256, u256> at slot 1, m[-2] = 43 for map<i8, u256> at 1, m["key"]
  // = 44 at 1.
  m.begin_entry("maps", "00000003");
  m.ops->storage_store(m.ops->map_slot(m.cx->word(1), m.cx->word(5), t.u256()), m.cx->word(42),
                       t.u256());
  m.ops->storage_store(m.ops->map_slot(m.cx->word(1), m.cx->b.getInt8(-2), t.integer(8, true)),
                       m.cx->word(43), t.u256());
  m.ops->storage_store(m.ops->map_slot(m.cx->word(1), m.ops->bytes_literal("key"), t.string()),
                       m.cx->word(44), t.u256());
  m.stop();
  // 00000004: push(n) onto the [u256] at slot 0; 00000005: pop and return it; 00000006: arr[i] at
  // slot 0.
  m.begin_entry("push", "00000004");
  m.ops->storage_push(m.cx->word(0), list, m.ops->abi_decode_calldata(4, {t.u256()})[0]);
  m.stop();
  m.begin_entry("pop", "00000005");
  m.return_bytes(m.ops->abi_encode({m.ops->storage_pop(m.cx->word(0), list)}, {t.u256()}));
  m.begin_entry("at", "00000006");
  {
    llvm::Value* i = m.ops->abi_decode_calldata(4, {t.u256()})[0];
    llvm::Value* slot = m.ops->array_element_slot(m.cx->word(0), list, i);
    m.return_bytes(m.ops->abi_encode(
        {m.ops->storage_load(slot, t.u256()), m.ops->storage_length(m.cx->word(0), list)},
        {t.u256(), t.u256()}));
  }
  // 00000007: s[i] = 'Z' for the Rec's string at slot 6, returning the old byte; then s[i] again.
  m.begin_entry("byte", "00000007");
  {
    llvm::Value* i = m.ops->abi_decode_calldata(4, {t.u256()})[0];
    llvm::Value* old = m.ops->storage_load_byte(m.cx->word(6), i);
    m.ops->storage_store_byte(m.cx->word(6), i, m.cx->b.getInt8('Z'));
    llvm::Value* now = m.ops->storage_load_byte(m.cx->word(6), i);
    m.return_bytes(m.ops->abi_encode({old, now}, {t.u8(), t.u8()}));
  }
  deploy(m);

  const std::string kHello =
      "48656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f6e"
      "676572207468616e2033322062797465732e0000000000000000000000000000";
  // Rec{7, "Hello, world! …", [1, 2, 3], -2}
  const std::string big = words({w(0x20), w(7), w(0x80), w(0xe0), kOnes.substr(0, 63) + "e",
                                 w(0x32), kHello, w(3), w(1), w(2), w(3)});
  ASSERT_EQ(call("00000001", big), "ok:");
  EXPECT_EQ(storage(w(5)), w(7));
  EXPECT_EQ(storage(w(6)), w(0x32));
  // keccak256(pad32(6)) and keccak256(pad32(7)).
  const std::string k6 = "f652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f";
  const std::string k6b = "f652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d40";
  const std::string k7 = "a66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c688";
  EXPECT_EQ(storage(k6), kHello.substr(0, 64));
  EXPECT_EQ(storage(k6b), kHello.substr(64));
  EXPECT_EQ(storage(w(7)), w(3));
  EXPECT_EQ(storage(k7), w(1));
  EXPECT_EQ(storage("a66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c68a"), w(3));
  EXPECT_EQ(storage(w(8)), kOnes.substr(0, 63) + "e");
  EXPECT_EQ(call("00000002", ""), "ok:" + big);
  // Bytes 0, 31, 32 and 49 of "Hello, world! This string is longer than 32 bytes."; 50 is out of
  // bounds.
  EXPECT_EQ(call("00000007", w(0)), "ok:" + words({w(0x48), w(0x5a)}));
  EXPECT_EQ(call("00000007", w(31)), "ok:" + words({w(0x6e), w(0x5a)}));
  EXPECT_EQ(call("00000007", w(32)), "ok:" + words({w(0x67), w(0x5a)}));
  EXPECT_EQ(call("00000007", w(49)), "ok:" + words({w(0x2e), w(0x5a)}));
  EXPECT_EQ(call("00000007", w(50)), panic_data(0x32));
  EXPECT_EQ(storage(k6), "5a656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f5a");
  EXPECT_EQ(storage(k6b), "5a6572207468616e2033322062797465735a0000000000000000000000000000");
  ASSERT_EQ(call("00000001", big), "ok:");
  // A shorter value clears what the longer one left behind.
  const std::string small = words(
      {w(0x20), w(1), w(0x80), w(0xc0), w(2), w(2), "6869" + std::string(60, '0'), w(1), w(5)});
  ASSERT_EQ(call("00000001", small), "ok:");
  EXPECT_EQ(call("00000002", ""), "ok:" + small);
  EXPECT_EQ(storage(k6), "6869" + std::string(60, '0'));
  EXPECT_EQ(storage(k6b), w(0));
  EXPECT_EQ(storage(k7), w(5));
  EXPECT_EQ(storage("a66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c689"), w(0));
  EXPECT_EQ(storage("a66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c68a"), w(0));

  ASSERT_EQ(call("00000003", ""), "ok:");
  EXPECT_EQ(storage("e2689cd4a84e23ad2f564004f1c9013e9589d260bde6380aba3ca7e09e4df40c"), w(42));
  EXPECT_EQ(storage("84a2b82f3835a09091553cc981cd434c85d4f7a608cb171945a84757cfbaad3c"), w(43));
  EXPECT_EQ(storage("27c5b2b30fba377256b485ddee54115a67d43520505078b28b8a52f8e5e4c564"), w(44));

  const std::string k0 = "290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563";
  EXPECT_EQ(call("00000005", ""), panic_data(0x31));
  ASSERT_EQ(call("00000004", w(11)), "ok:");
  ASSERT_EQ(call("00000004", w(12)), "ok:");
  EXPECT_EQ(storage(w(0)), w(2));
  EXPECT_EQ(storage(k0), w(11));
  EXPECT_EQ(call("00000006", w(1)), "ok:" + words({w(12), w(2)}));
  EXPECT_EQ(call("00000006", w(2)), panic_data(0x32));
  EXPECT_EQ(call("00000005", ""), "ok:" + w(12));
  EXPECT_EQ(storage(w(0)), w(1));
  EXPECT_EQ(storage("290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e564"), w(0));
}

TEST_P(ValuesE2E, NestedValuesInStorageAndDeepCopies) {
  ValuesModule m;
  auto& t = m.types;
  const Type* list = t.dynamic_array(t.string());
  const Type* pair = m.make_struct("Pair", {t.u256(), t.string()});
  const Type* grid =
      m.make_struct("Grid", {t.fixed_array(t.u256(), 3), t.fixed_array(t.string(), 2), pair});
  // 00000001: store a [string] at slot 2 and return what slot 2 then holds.
  m.begin_entry("list", "00000001");
  m.ops->storage_store(m.cx->word(2), m.ops->abi_decode_calldata(4, {list})[0], list);
  m.return_bytes(m.ops->abi_encode({m.ops->storage_load(m.cx->word(2), list)}, {list}));
  // 00000002: the same for a Grid at slot 10.
  m.begin_entry("grid", "00000002");
  m.ops->storage_store(m.cx->word(10), m.ops->abi_decode_calldata(4, {grid})[0], grid);
  m.return_bytes(m.ops->abi_encode({m.ops->storage_load(m.cx->word(10), grid)}, {grid}));
  // 00000003: a deep copy of a Grid, changed (g.0[0] = 99, g.2.1[0] = 'W'), returned with the
  // original.
  m.begin_entry("copy", "00000003");
  {
    llvm::Value* g = m.ops->abi_decode_calldata(4, {grid})[0];
    llvm::Value* c = m.ops->copy(g, grid);
    llvm::Value* numbers =
        m.ops->load_element(m.ops->field_ptr(c, 0), grid->struct_info()->fields[0].type);
    m.ops->store_element(m.ops->element_ptr(numbers, t.fixed_array(t.u256(), 3), m.cx->word(0)),
                         m.cx->word(99), t.u256());
    llvm::Value* p = m.ops->load_element(m.ops->field_ptr(c, 2), pair);
    llvm::Value* text = m.ops->load_element(m.ops->field_ptr(p, 1), t.string());
    m.ops->store_byte(m.ops->element_ptr(text, t.string(), m.cx->word(0)), m.cx->b.getInt8('W'));
    m.return_bytes(m.ops->abi_encode({g, c}, {grid, grid}));
  }
  deploy(m);

  const std::string kHello =
      "48656c6c6f2c20776f726c6421205468697320737472696e67206973206c6f6e"
      "676572207468616e2033322062797465732e0000000000000000000000000000";
  const std::string two =
      words({w(0x20), w(2), w(0x40), w(0x80), w(1), "61" + std::string(62, '0'), w(0x32), kHello});
  EXPECT_EQ(call("00000001", two), "ok:" + two);
  const std::string k2 = "405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5ace";
  const std::string k2_1 = "405787fa12a823e0f2b7631cc41b3ba8828b3321ca811111fa75cd3aa3bb5acf";
  const std::string kk2_1 = "2f2149d90beac0570c7f26368e4bc897ca24bba51b1a0f4960d358f764f11f31";
  const std::string kk2_1b = "2f2149d90beac0570c7f26368e4bc897ca24bba51b1a0f4960d358f764f11f32";
  EXPECT_EQ(storage(w(2)), w(2));
  EXPECT_EQ(storage(k2), w(1));
  EXPECT_EQ(storage("1ab0c6948a275349ae45a06aad66a8bd65ac18074615d53676c09b67809099e0"),
            "61" + std::string(62, '0'));
  EXPECT_EQ(storage(k2_1), w(0x32));
  EXPECT_EQ(storage(kk2_1), kHello.substr(0, 64));
  EXPECT_EQ(storage(kk2_1b), kHello.substr(64));
  const std::string one = words({w(0x20), w(1), w(0x20), w(1), "62" + std::string(62, '0')});
  EXPECT_EQ(call("00000001", one), "ok:" + one);
  EXPECT_EQ(storage(k2_1), w(0));
  EXPECT_EQ(storage(kk2_1), w(0));
  EXPECT_EQ(storage(kk2_1b), w(0));

  const std::string g = words({w(0x20), w(1), w(2), w(3), w(0xa0), w(0x160), w(0x40), w(0x80), w(1),
                               "78" + std::string(62, '0'), w(2), "797a" + std::string(60, '0'),
                               w(4), w(0x40), w(1), "77" + std::string(62, '0')});
  EXPECT_EQ(call("00000002", g), "ok:" + g);
  EXPECT_EQ(storage(w(10)), w(1));
  EXPECT_EQ(storage(w(12)), w(3));
  EXPECT_EQ(storage(w(13)), w(1));
  EXPECT_EQ(storage(w(14)), w(2));
  EXPECT_EQ(storage(w(15)), w(4));
  EXPECT_EQ(storage(w(16)), w(1));
  const std::string changed = words(
      {w(99), w(2), w(3), w(0xa0), w(0x160), w(0x40), w(0x80), w(1), "78" + std::string(62, '0'),
       w(2), "797a" + std::string(60, '0'), w(4), w(0x40), w(1), "57" + std::string(62, '0')});
  EXPECT_EQ(call("00000003", g),
            "ok:" + words({w(0x40), w(0x40 + 0x1e0)}) + g.substr(64) + changed);
}

/// Storage as a map of non-zero slots.
using Slots = std::map<std::string, std::string>;

/// keccak256(pad32(slot)) + k, in hex.
vm::Word data_slot_of(const vm::Word& slot) {
  auto h = vm::keccak256(vm::word_to_be(slot));
  return vm::word_from_be(h.data());
}

std::string hex_word(const vm::Word& v) {
  std::string s = vm::to_hex(v);
  if (s.rfind("0x", 0) == 0) s = s.substr(2);
  return std::string(64 - s.size(), '0') + s;
}

/// Appends the 32-byte word `v` to `out`.
void put_word(std::vector<uint8_t>& out, const vm::Word& v) {
  auto b = vm::word_to_be(v);
  out.insert(out.end(), b.begin(), b.end());
}

TEST_P(ValuesE2E, RandomStoresOfNestedDynamicValuesLeaveExactlyTheirSlots) {
  ValuesModule m;
  auto& t = m.types;
  const Type* blobs = t.dynamic_array(t.bytes());
  const Type* grid = t.dynamic_array(t.dynamic_array(t.integer(16, false)));
  // 00000001: self.blobs (slot 2) = the argument; returns what slot 2 then holds.
  m.begin_entry("blobs", "00000001");
  m.ops->storage_store(m.cx->word(2), m.ops->abi_decode_calldata(4, {blobs})[0], blobs);
  m.return_bytes(m.ops->abi_encode({m.ops->storage_load(m.cx->word(2), blobs)}, {blobs}));
  // 00000002: the same for self.grid at slot 3.
  m.begin_entry("grid", "00000002");
  m.ops->storage_store(m.cx->word(3), m.ops->abi_decode_calldata(4, {grid})[0], grid);
  m.return_bytes(m.ops->abi_encode({m.ops->storage_load(m.cx->word(3), grid)}, {grid}));
  deploy(m);

  std::vector<std::vector<uint8_t>> blob_value;
  std::vector<std::vector<uint16_t>> grid_value;
  // The non-zero slots both values should occupy (language.md §10).
  auto expected = [&] {
    Slots slots;
    auto set = [&](const vm::Word& slot, const vm::Word& v) {
      if (!(v == vm::Word{})) slots[hex_word(slot)] = hex_word(v);
    };
    set(vm::Word{2}, vm::Word{blob_value.size()});
    vm::Word base = data_slot_of(vm::Word{2});
    for (size_t i = 0; i < blob_value.size(); ++i) {
      vm::Word at = vm::add(base, vm::Word{i});
      set(at, vm::Word{blob_value[i].size()});
      vm::Word chunks = data_slot_of(at);
      for (size_t j = 0; 32 * j < blob_value[i].size(); ++j) {
        uint8_t word[32] = {};
        for (size_t k = 0; k < 32 && 32 * j + k < blob_value[i].size(); ++k)
          word[k] = blob_value[i][32 * j + k];
        set(vm::add(chunks, vm::Word{j}), vm::word_from_be(word));
      }
    }
    set(vm::Word{3}, vm::Word{grid_value.size()});
    base = data_slot_of(vm::Word{3});
    for (size_t i = 0; i < grid_value.size(); ++i) {
      vm::Word at = vm::add(base, vm::Word{i});
      set(at, vm::Word{grid_value[i].size()});
      vm::Word elements = data_slot_of(at);
      for (size_t j = 0; j < grid_value[i].size(); ++j)
        set(vm::add(elements, vm::Word{j}), vm::Word{grid_value[i][j]});
    }
    return slots;
  };
  auto actual = [&] {
    Slots slots;
    for (const auto& [k, v] : host.find_account(contract)->storage)
      slots[hex_word(k)] = hex_word(v);
    return slots;
  };

  std::mt19937 random(11);
  for (int round = 0; round < 24; ++round) {
    std::vector<uint8_t> args;
    put_word(args, vm::Word{0x20});
    if (round % 2 == 0) {
      blob_value.assign(random() % 5, {});
      for (auto& b : blob_value) {
        b.resize(random() % 3 == 0 ? 0 : random() % 70);
        for (auto& c : b) c = random() % 4 == 0 ? 0 : static_cast<uint8_t>(random());
      }
      put_word(args, vm::Word{blob_value.size()});
      uint64_t offset = 32 * blob_value.size();
      for (const auto& b : blob_value) {
        put_word(args, vm::Word{offset});
        offset += 32 + 32 * ((b.size() + 31) / 32);
      }
      for (const auto& b : blob_value) {
        put_word(args, vm::Word{b.size()});
        args.insert(args.end(), b.begin(), b.end());
        args.resize(args.size() + (32 - b.size() % 32) % 32, 0);
      }
    } else {
      grid_value.assign(random() % 5, {});
      for (auto& row : grid_value) {
        row.resize(random() % 6);
        for (auto& v : row) v = random() % 3 == 0 ? 0 : static_cast<uint16_t>(random());
      }
      put_word(args, vm::Word{grid_value.size()});
      uint64_t offset = 32 * grid_value.size();
      for (const auto& row : grid_value) {
        put_word(args, vm::Word{offset});
        offset += 32 + 32 * row.size();
      }
      for (const auto& row : grid_value) {
        put_word(args, vm::Word{row.size()});
        for (uint16_t v : row) put_word(args, vm::Word{v});
      }
    }
    std::string hex = vm::hex_encode(args);
    if (hex.rfind("0x", 0) == 0) hex = hex.substr(2);
    ASSERT_EQ(call(round % 2 == 0 ? "00000001" : "00000002", hex), "ok:" + hex) << round;
    ASSERT_EQ(actual(), expected()) << round;
  }
}

}  // namespace
}  // namespace tenet::compiler::irgen
