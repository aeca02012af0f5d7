// The project's one hex codec, and its one big-endian reader and writer.
#include "tenet/vm/hex.hpp"

#include <gtest/gtest.h>

#include <array>

#include "tenet/vm/bytes.hpp"

namespace tenet::vm {
namespace {

TEST(Hex, EncodesLowerCaseWithPrefix) {
  EXPECT_EQ(hex_encode(std::vector<uint8_t>{}), "0x");
  EXPECT_EQ(hex_encode(std::vector<uint8_t>{0x00, 0xab, 0x7f}), "0x00ab7f");
}

TEST(Hex, DecodesWithOrWithoutPrefixIgnoringWhitespace) {
  EXPECT_EQ(hex_decode("0xAbCd").value(), (std::vector<uint8_t>{0xab, 0xcd}));
  EXPECT_EQ(hex_decode("ab cd\n01").value(), (std::vector<uint8_t>{0xab, 0xcd, 0x01}));
  EXPECT_TRUE(hex_decode("0x").value().empty());
}

TEST(Hex, RejectsMalformedInput) {
  EXPECT_EQ(hex_decode("0xabc").error().message, "hex data has an odd number of digits");
  EXPECT_EQ(hex_decode("0xzz").error().message, "invalid hex digit 'z'");
}

TEST(Hex, Digits) {
  EXPECT_EQ(hex_digit(0), '0');
  EXPECT_EQ(hex_digit(10), 'a');
  EXPECT_EQ(hex_digit(15), 'f');
  EXPECT_EQ(hex_digit_value('7'), 7);
  EXPECT_EQ(hex_digit_value('c'), 12);
  EXPECT_EQ(hex_digit_value('C'), 12);
  EXPECT_EQ(hex_digit_value('g'), -1);
  EXPECT_EQ(hex_digit_value('x'), -1);
  for (unsigned v = 0; v < 16; ++v) EXPECT_EQ(hex_digit_value(hex_digit(v)), static_cast<int>(v));
}

TEST(Hex, EncodesWithoutPrefixAndSingleBytes) {
  EXPECT_EQ(hex_digits(std::vector<uint8_t>{}), "");
  EXPECT_EQ(hex_digits(std::vector<uint8_t>{0x0f, 0xa0}), "0fa0");
  std::string out = "x=";
  append_hex(out, std::vector<uint8_t>{0x01, 0xff});
  EXPECT_EQ(out, "x=01ff");
  EXPECT_EQ(hex_encode_byte(0x0f), "0x0f");
  EXPECT_EQ(hex_encode_byte(0xfe), "0xfe");
}

TEST(Hex, EncodesQuantitiesWithoutLeadingZeros) {
  EXPECT_EQ(hex_encode_quantity(uint64_t{0}), "0x0");
  EXPECT_EQ(hex_encode_quantity(uint64_t{0x1f}), "0x1f");
  EXPECT_EQ(hex_encode_quantity(uint64_t{0x100}), "0x100");
  EXPECT_EQ(hex_encode_quantity(~uint64_t{0}), "0xffffffffffffffff");
  EXPECT_EQ(hex_encode_quantity(std::vector<uint8_t>{}), "0x0");
  EXPECT_EQ(hex_encode_quantity(std::vector<uint8_t>{0, 0, 0x0a, 0xbc}), "0xabc");
}

TEST(BigEndian, LoadsAndStores) {
  const std::array<uint8_t, 8> bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
  EXPECT_EQ(load_be<uint16_t>(bytes.data()), 0x0102u);
  EXPECT_EQ(load_be<uint32_t>(bytes.data() + 1), 0x02030405u);
  EXPECT_EQ(load_be<uint64_t>(bytes.data()), 0x0102030405060708u);
  EXPECT_EQ(load_be(bytes.data(), 3), 0x010203u);
  EXPECT_EQ(load_be(bytes.data(), 0), 0u);
  std::array<uint8_t, 8> out{};
  store_be(0x0102030405060708u, out.data(), 8);
  EXPECT_EQ(out, bytes);
  store_be(0xaabb, out.data() + 1, 2);
  EXPECT_EQ(out[0], 0x01);
  EXPECT_EQ(out[1], 0xaa);
  EXPECT_EQ(out[2], 0xbb);
  EXPECT_EQ(out[3], 0x04);
  std::vector<uint8_t> appended{0xff};
  append_be(appended, 0x12345678, 4);
  append_be(appended, 0x1234, 1);  // only the low byte
  EXPECT_EQ(appended, (std::vector<uint8_t>{0xff, 0x12, 0x34, 0x56, 0x78, 0x34}));
}

}  // namespace
}  // namespace tenet::vm
