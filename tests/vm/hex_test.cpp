// The project's one hex codec.
#include "tenet/vm/hex.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tenet::vm
