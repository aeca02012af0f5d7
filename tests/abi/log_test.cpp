// Typed `log(…)` payloads (tenet/abi/log.hpp): ABI of (string types, args…), decoded to
// the values' text; malformed payloads are errors, never crashes.
#include "tenet/abi/log.hpp"

#include <gtest/gtest.h>

#include "tenet/abi/values.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::abi {
namespace {

/// The payload of a log whose type list is `list` ("(string,uint256)") and whose values
/// are `args`, encoded with `types` ("string,uint256") by encode_values.
std::vector<uint8_t> payload(const std::string& list, std::string_view types,
                             std::vector<std::string> args) {
  auto ts = parse_type_list("string" + std::string(types.empty() ? "" : ",") + std::string(types));
  EXPECT_TRUE(ts) << types;
  args.insert(args.begin(), list);
  auto data = encode_values(*ts, args);
  EXPECT_TRUE(data) << (data ? "" : data.error().message);
  return data ? *data : std::vector<uint8_t>{};
}

/// decode_log, then format_log; or "error: …".
std::string printed(std::span<const uint8_t> p) {
  auto values = decode_log(p);
  return values ? format_log(*values) : "error: " + values.error().message;
}

TEST(AbiLog, DecodesTheValuesByTheTypeListAndJoinsThemWithSpaces) {
  auto p = payload("(string,uint256)", "string,uint256", {"x is", "9"});
  auto values = decode_log(p);
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(*values, (std::vector<std::string>{"x is", "9"}));
  EXPECT_EQ(format_log(*values), "x is 9");
  // The exact head: the offsets of the type list and of "x is", then 9.
  EXPECT_EQ(vm::hex_encode(p).substr(2, 64 * 3),
            std::string(62, '0') + "60" + std::string(62, '0') + "a0" + std::string(63, '0') + "9");
}

TEST(AbiLog, EveryKindOfValue) {
  EXPECT_EQ(printed(payload("(address,bool,int8,bytes,bytes4,uint8[2],(uint256,string)[],string[])",
                            "address,bool,int8,bytes,bytes4,uint8[2],(uint256,string)[],string[]",
                            {"0x00000000000000000000000000000000000000aa", "true", "-3", "0x0102",
                             "0xdeadbeef", "[1,2]", "[(7,\"a b\")]", "[\"x\",\"y\"]"})),
            "0x00000000000000000000000000000000000000aa true -3 0x0102 0xdeadbeef [1,2] "
            "[(7,\"a b\")] [\"x\",\"y\"]");
  // A string is its text at the top level, spaces and quotes included.
  EXPECT_EQ(printed(payload("(string,string)", "string,string", {"a \"q\"", ""})), "a \"q\" ");
}

TEST(AbiLog, NoArguments) {
  auto p = payload("()", "", {});
  auto values = decode_log(p);
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_TRUE(values->empty());
  EXPECT_EQ(format_log(*values), "");
}

TEST(AbiLog, MalformedPayloadsAreErrors) {
  EXPECT_EQ(printed({}), "error: not a log: data too short: a word at byte 0 of 0");
  EXPECT_EQ(printed(payload("string", "string", {"x"})),
            "error: the log's type list 'string' is not '(types)'");
  EXPECT_EQ(printed(payload("(uint7)", "uint256", {"1"})),
            "error: the log's type list '(uint7)': unknown type 'uint7'");
  // The list names more values than the payload holds.
  const std::string eight = "(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)";
  EXPECT_EQ(printed(payload(eight, "uint256", {"1"})),
            "error: a log of " + eight + ": data too short: a word at byte 192 of 192");
  // A value outside the listed type.
  EXPECT_EQ(printed(payload("(uint8)", "uint256", {"300"})),
            "error: a log of (uint8): value 0x12c at byte 32 is not a valid uint8");
  // Nesting without bound is refused before parsing recurses.
  std::string deep = "(" + std::string(300, '(') + "uint256" + std::string(300, ')') + ")";
  EXPECT_EQ(printed(payload(deep, "uint256", {"1"})),
            "error: the log's type list nests more than 256 brackets");
  std::string arrays = "(uint256" + std::string(0, ' ');
  for (int i = 0; i < 300; ++i) arrays += "[]";
  EXPECT_EQ(printed(payload(arrays + ")", "uint256", {"1"})),
            "error: the log's type list nests more than 256 brackets");
}

TEST(AbiLog, EveryTruncationAndEveryFlippedByteIsAnErrorOrAValueNeverACrash) {
  auto p = payload("(string,uint256[],(bool,bytes))", "string,uint256[],(bool,bytes)",
                   {"hello", "[1,2,3]", "(true,0xabcd)"});
  ASSERT_EQ(printed(p), "hello [1,2,3] (true,0xabcd)");
  // Cut anywhere: an error, except inside the last value's zero padding (not read).
  for (size_t n = 0; n < p.size(); ++n) {
    auto values = decode_log(std::span<const uint8_t>(p.data(), n));
    if (n < p.size() - 30) {
      EXPECT_FALSE(values) << n;
    } else {
      EXPECT_EQ(values ? format_log(*values) : "", "hello [1,2,3] (true,0xabcd)") << n;
    }
  }
  for (size_t i = 0; i < p.size(); ++i) {
    for (uint8_t flip : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
      std::vector<uint8_t> q = p;
      q[i] ^= flip;
      (void)decode_log(q);  // either result; it must return
    }
  }
}

}  // namespace
}  // namespace tenet::abi
