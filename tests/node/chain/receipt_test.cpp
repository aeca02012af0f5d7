// Logs bloom and receipts: blooms and receipts roots of ethereum/tests blocks whose only
// transaction emits one LOG1 (vmLogTest/log1.json, Cancun: the receipt format is London's),
// and the stored receipts codec.

#include "tenet/node/chain/receipt.hpp"

#include <gtest/gtest.h>

#include "node/support/vectors.hpp"
#include "tenet/node/trie/ordered_root.hpp"

namespace tenet::node {
namespace {

using test::from_hex;

const char* const kLogVectorFile = "BlockchainTests/GeneralStateTests/VMTests/vmLogTest/log1.json";

Address receipt_address(std::string_view hex) {
  auto a = vm::parse_address(hex);
  EXPECT_TRUE(a.has_value());
  return a.value_or(Address{});
}

Word receipt_word(std::string_view hex) {
  auto w = vm::parse_word(hex);
  EXPECT_TRUE(w.has_value());
  return w.value_or(Word{});
}

/// One case of log1.json: the contract 0xcc…cc delegate-calls 0x100 + d, whose code runs one
/// LOG1 in 0xcc…cc's context. The topic (read from that code): d0 PUSH1 0 → 0; d7 CALLER →
/// the sender 0xa94f…0b; d8 0 − 1 → 2^256 − 1. The data (in the receipt, not in the bloom):
/// d0 none; d7 the 32 bytes it MSTOREd; d8 one byte at 0x1f after MSTORE8(0, 0xff), so 0x00.
struct Log1Case {
  const char* name;
  Word topic;
  Bytes data;
};

std::vector<Log1Case> log1_cases() {
  return {
      {"log1_d0g0v0_Cancun", Word{0}, {}},
      {"log1_d7g0v0_Cancun",
       vm::to_word(receipt_address("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")),
       from_hex("0xaabbffffffffffffffffffffffffffffffffffffffffffffffffffffffffccdd")},
      {"log1_d8g0v0_Cancun", vm::bit_not(Word{}), {0x00}},
  };
}

TEST(Receipt, BloomAndReceiptsRootOfLog1Blocks) {
  const nlohmann::json file = test::load_vector_file(kLogVectorFile);
  for (const Log1Case& c : log1_cases()) {
    SCOPED_TRACE(c.name);
    const nlohmann::json& header = file[c.name]["blocks"][0]["blockHeader"];
    vm::LogEntry log;
    log.address = receipt_address("0xcccccccccccccccccccccccccccccccccccccccc");
    log.topics = {c.topic};
    log.data = c.data;
    StoredReceipt receipt;
    receipt.type = TxType::Legacy;
    receipt.success = true;
    receipt.cumulative_gas_used = receipt_word(header["gasUsed"].get<std::string>()).low64();
    receipt.logs = {log};
    receipt.bloom = logs_bloom(receipt.logs);
    EXPECT_EQ(test::to_hex(receipt.bloom), header["bloom"].get<std::string>());
    const std::vector<Bytes> encoded{encode_consensus_receipt(receipt)};
    EXPECT_EQ(test::to_hex(ordered_trie_root(encoded)), header["receiptTrie"].get<std::string>());
  }
}

TEST(Receipt, BloomMayContainItsAddressAndTopics) {
  vm::LogEntry log;
  log.address = receipt_address("0xcccccccccccccccccccccccccccccccccccccccc");
  log.topics = {Word{5}};
  const std::vector<vm::LogEntry> logs{log};
  const Bloom bloom = logs_bloom(logs);
  EXPECT_TRUE(bloom_may_contain(bloom, log.address.bytes));
  EXPECT_TRUE(bloom_may_contain(bloom, vm::word_to_be(Word{5})));
  EXPECT_FALSE(bloom_may_contain(bloom, vm::word_to_be(Word{6})));
  EXPECT_FALSE(bloom_may_contain(Bloom{}, log.address.bytes));
  Bloom merged{};
  merge_bloom(merged, bloom);
  EXPECT_EQ(merged, bloom);
  EXPECT_EQ(logs_bloom({}), Bloom{});
}

TEST(Receipt, TypedConsensusReceiptIsPrefixed) {
  StoredReceipt receipt;
  receipt.type = TxType::DynamicFee;
  receipt.success = false;
  receipt.cumulative_gas_used = 21'000;
  const Bytes typed = encode_consensus_receipt(receipt);
  receipt.type = TxType::Legacy;
  const Bytes legacy = encode_consensus_receipt(receipt);
  ASSERT_EQ(typed.size(), legacy.size() + 1);
  EXPECT_EQ(typed[0], 0x02);
  EXPECT_EQ(Bytes(typed.begin() + 1, typed.end()), legacy);
  // [0x80 (status 0), 0x825208 (21000), 0xb90100 ‖ 256 zero bytes, 0xc0]: 4 + 263 + 1 + 4 bytes.
  EXPECT_EQ(legacy.size(), 3u + 1u + 3u + 259u + 1u);
  EXPECT_EQ(legacy[0], 0xf9);
  EXPECT_EQ(legacy[3], 0x80);
  EXPECT_EQ(legacy[4], 0x82);
  EXPECT_EQ(legacy.back(), 0xc0);
}

TEST(Receipt, StoredReceiptsRoundTrip) {
  StoredReceipt a;
  a.type = TxType::DynamicFee;
  a.success = true;
  a.cumulative_gas_used = 50'000;
  a.gas_used = 50'000;
  vm::LogEntry log;
  log.address = receipt_address("0x00000000000000000000000000000000000000aa");
  log.topics = {Word{1}, vm::bit_not(Word{})};
  log.data = {1, 2, 3};
  a.logs = {log, log};
  a.bloom = logs_bloom(a.logs);
  a.effective_gas_price = Word{1'875'000'000};
  a.contract_address = receipt_address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  StoredReceipt b;
  b.type = TxType::Legacy;
  b.success = false;
  b.cumulative_gas_used = 80'000;
  b.gas_used = 30'000;
  b.effective_gas_price = Word{2};
  b.revert_data = {0x08, 0xc3, 0x79, 0xa0};
  const std::vector<StoredReceipt> receipts{a, b};
  auto decoded = decode_stored_receipts(encode_stored_receipts(receipts));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, receipts);
  auto empty = decode_stored_receipts(encode_stored_receipts({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(Receipt, StoredReceiptsRefuseGarbage) {
  auto not_list = decode_stored_receipts(Bytes{0x01});
  ASSERT_FALSE(not_list.ok());
  EXPECT_EQ(not_list.error().message, "invalid stored receipts: not a list");
  // One receipt with type 3.
  const Bytes bad_type = from_hex("0xc2c103");
  auto type = decode_stored_receipts(bad_type);
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.error().message, "invalid stored receipt: type 3");
}

}  // namespace
}  // namespace tenet::node
