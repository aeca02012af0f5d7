// Revert data decoding (tenet/abi/revert.hpp) and the ABI entry helpers (entry.hpp).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tenet/abi/revert.hpp"
#include "tenet/abi/signature.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::abi {
namespace {

std::vector<uint8_t> bytes(const std::string& hex) {
  return *vm::hex_decode(hex);
}

std::string describe(const std::string& hex, std::span<const AbiEntry> errors = {}) {
  return describe_revert(decode_revert(bytes(hex), errors));
}

AbiEntry insufficient_balance() {
  AbiEntry e;
  e.kind = AbiEntryKind::error;
  e.name = "InsufficientBalance";
  e.inputs = {{"have", "uint256", "uint256", {}, std::nullopt},
              {"want", "uint256", "uint256", {}, std::nullopt}};
  return e;
}

const std::string kWord3e8 = "00000000000000000000000000000000000000000000000000000000000003e8";
const std::string kWord3e9 = "00000000000000000000000000000000000000000000000000000000000003e9";

TEST(AbiRevert, StandardEncodings) {
  EXPECT_EQ(describe("0x"), "(no revert data)");
  EXPECT_EQ(decode_revert({}).kind, "empty");
  EXPECT_EQ(describe("0x4e487b71" + std::string(62, '0') + "12"),
            "Panic(0x12): division or modulo by zero");
  const auto panic = decode_revert(bytes("0x4e487b71" + std::string(62, '0') + "11"));
  EXPECT_EQ(panic.kind, "panic");
  EXPECT_EQ(panic.code, 0x11u);
  // Error("hi")
  EXPECT_EQ(describe("0x08c379a0" + std::string(62, '0') + "20" + std::string(63, '0') + "2" +
                     "6869" + std::string(60, '0')),
            "Error(\"hi\")");
  EXPECT_EQ(describe(vm::hex_encode(vm::selector_of("Reentrancy()"))), "Reentrancy()");
  EXPECT_EQ(describe("0x0102"), "0x0102");
  EXPECT_EQ(describe("0xdeadbeef"), "0xdeadbeef");
}

TEST(AbiRevert, CustomErrorsOfTheAbi) {
  const std::vector<AbiEntry> errors{insufficient_balance()};
  EXPECT_EQ(describe("0xcf479181" + kWord3e8 + kWord3e9, errors),
            "InsufficientBalance(1000, 1001)");
  const auto d = decode_revert(bytes("0xcf479181" + kWord3e8 + kWord3e9), errors);
  EXPECT_EQ(d.kind, "custom");
  EXPECT_EQ(d.args, (std::vector<std::string>{"1000", "1001"}));
  EXPECT_EQ(describe("0xcf479181" + kWord3e8, errors),
            "InsufficientBalance (malformed arguments: data too short: a word at byte 32 of 32)");
  EXPECT_EQ(describe("0xcf479181" + kWord3e8 + kWord3e9), "0xcf479181");
}

TEST(AbiEntry, SignatureSelectorAndJson) {
  const AbiEntry e = insufficient_balance();
  EXPECT_EQ(abi_signature(e), "InsufficientBalance(uint256,uint256)");
  EXPECT_EQ(abi_selector_hex(e), "0xcf479181");
  EXPECT_EQ(to_json(std::span(&e, 1)).dump(),
            R"([{"inputs":[{"internalType":"uint256","name":"have","type":"uint256"},)"
            R"({"internalType":"uint256","name":"want","type":"uint256"}],)"
            R"("name":"InsufficientBalance","type":"error"}])");
  EXPECT_EQ(abi_fragment_lines(std::span(&e, 1)),
            std::vector<std::string>{"error InsufficientBalance(uint256,uint256) 0xcf479181"});
}

}  // namespace
}  // namespace tenet::abi
