// Argument text ↔ ABI encoding and call data (tenet/abi/values.hpp, call.hpp).
#include <gtest/gtest.h>

#include "tenet/abi/call.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::abi {
namespace {

std::vector<AbiType> types(std::string_view list) {
  auto t = parse_type_list(list);
  EXPECT_TRUE(t) << list;
  return t ? *t : std::vector<AbiType>{};
}

std::string encoded(std::string_view list, const std::vector<std::string>& args) {
  auto data = encode_values(types(list), args);
  return data ? vm::hex_encode(*data) : "error: " + data.error().message;
}

std::string word(uint64_t v) {
  char buf[65];
  std::snprintf(buf, sizeof buf, "%064llx", static_cast<unsigned long long>(v));
  return buf;
}

TEST(AbiValues, StaticValues) {
  EXPECT_EQ(encoded("uint256,bool,int8", {"0x10", "true", "-1"}),
            "0x" + word(16) + word(1) + std::string(64, 'f'));
  EXPECT_EQ(encoded("address", {"0x00000000000000000000000000000000000000aa"}), "0x" + word(0xaa));
  EXPECT_EQ(encoded("bytes2", {"0x0102"}), "0x0102" + std::string(60, '0'));
}

TEST(AbiValues, DynamicValuesUseHeadsAndTails) {
  // f(string,uint256[]) with ("hi", [1,2]): two offsets, then the tails.
  EXPECT_EQ(encoded("string,uint256[]", {"hi", "[1,2]"}), "0x" + word(0x40) + word(0x80) + word(2) +
                                                              "6869" + std::string(60, '0') +
                                                              word(2) + word(1) + word(2));
  EXPECT_EQ(encoded("string", {"\"a, \\\"b\\\"\""}),
            "0x" + word(0x20) + word(6) + "612c20226222" + std::string(52, '0'));
}

TEST(AbiValues, ErrorsNameTheArgument) {
  EXPECT_EQ(encoded("uint256,uint256", {"1", "x"}), "error: argument 2: 'x' is not an integer");
  EXPECT_EQ(encoded("uint8", {"256"}), "error: argument 1: '256' does not fit in uint8");
  EXPECT_EQ(encoded("uint8", {"-1"}), "error: argument 1: '-1' is negative but uint8 is unsigned");
  EXPECT_EQ(encoded("int8", {"-129"}), "error: argument 1: '-129' does not fit in int8");
  EXPECT_EQ(encoded("int8", {"-128"}), "0x" + std::string(62, 'f') + "80");
  EXPECT_EQ(encoded("bool", {"yes"}), "error: argument 1: 'yes' is not a bool (true or false)");
  EXPECT_EQ(encoded("uint256[]", {"[1,x]"}), "error: argument 1: 'x' is not an integer");
  EXPECT_EQ(encoded("(uint256,int64)", {"(1)"}),
            "error: argument 1: '(1)' has 1 values, (uint256,int64) has 2");
  EXPECT_EQ(encoded("uint8[3]", {"[1,2]"}),
            "error: argument 1: '[1,2]' has 2 elements, uint8[3] has 3");
  EXPECT_EQ(encoded("uint256", {}), "error: 0 value(s) for 1 type(s)");
}

TEST(AbiValues, DecodesWhatItEncodes) {
  const auto ts = types("string,(uint256,int64)[],bytes,bool,address,bytes3,string[2]");
  const std::vector<std::string> args{"a \"q\"",
                                      "[(1,-2),(3,4)]",
                                      "0x0102ff",
                                      "false",
                                      "0x00000000000000000000000000000000000000aa",
                                      "0x010203",
                                      "[\"x\",\"\"]"};
  auto data = encode_values(ts, args);
  ASSERT_TRUE(data);
  auto back = decode_values(ts, *data);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, (std::vector<std::string>{"a \"q\"", "[(1,-2),(3,4)]", "0x0102ff", "false",
                                             "0x00000000000000000000000000000000000000aa",
                                             "0x010203", "[\"x\",\"\"]"}));
}

TEST(AbiValues, MalformedDataIsAnError) {
  EXPECT_EQ(decode_values(types("uint256"), std::vector<uint8_t>(31)).error().message,
            "data too short: a word at byte 0 of 31");
  std::vector<uint8_t> big(32, 0);
  big[30] = 1;
  EXPECT_EQ(decode_values(types("uint8"), big).error().message,
            "value 0x100 at byte 0 is not a valid uint8");
  EXPECT_EQ(decode_values(types("string"), big).error().message,
            "offset or length 256 at byte 0 points past the end of the data");
}

// Language 1.1 has every width bytes1 … bytes32: each parses, encodes left-aligned, decodes
// back, and rejects a word whose padding is not zero.
TEST(AbiValues, EveryFixedBytesWidth) {
  for (unsigned n = 1; n <= 32; ++n) {
    const std::string name = "bytes" + std::to_string(n);
    std::string value = "0x";
    for (unsigned i = 0; i < n; ++i) value += i % 2 == 0 ? "a5" : "0f";
    const auto ts = types(name);
    ASSERT_EQ(ts.size(), 1u) << name;
    EXPECT_EQ(type_name(ts[0]), name);
    const std::vector<std::string> args{value};
    auto data = encode_values(ts, args);
    ASSERT_TRUE(data) << name;
    EXPECT_EQ(vm::hex_encode(*data), value + std::string(64 - 2 * n, '0')) << name;
    auto back = decode_values(ts, *data);
    ASSERT_TRUE(back) << name << ": " << back.error().message;
    EXPECT_EQ(*back, std::vector<std::string>{value});
    if (n < 32) {
      (*data)[31] = 1;
      EXPECT_EQ(decode_values(ts, *data).error().message, "value 0x" + value.substr(2) +
                                                              std::string(62 - 2 * n, '0') +
                                                              "01 at byte 0 is not a valid " + name)
          << name;
    }
  }
}

TEST(AbiCall, SelectorThenArguments) {
  auto sig = parse_signature("transfer(address,uint256)");
  ASSERT_TRUE(sig);
  auto data = encode_call(
      *sig, std::vector<std::string>{"0x00000000000000000000000000000000000000aa", "1001"});
  ASSERT_TRUE(data);
  EXPECT_EQ(vm::hex_encode(*data), "0xa9059cbb" + word(0xaa) + word(1001));
  EXPECT_EQ(encode_call(*sig, std::vector<std::string>{"1"}).error().message,
            "'transfer(address,uint256)' takes 2 argument(s), 1 given");
  sig->written = "(address,uint256)";
  auto args = encode_arguments(
      *sig, std::vector<std::string>{"0x00000000000000000000000000000000000000aa", "5"});
  ASSERT_TRUE(args);
  EXPECT_EQ(vm::hex_encode(*args), "0x" + word(0xaa) + word(5));
  EXPECT_EQ(encode_arguments(*sig, std::vector<std::string>{}).error().message,
            "'(address,uint256)' takes 2 argument(s), 0 given");
}

}  // namespace
}  // namespace tenet::abi
