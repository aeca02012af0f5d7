// JSON forms of transactions, blocks, receipts and logs (src/rpc/json_codec.hpp): EIP-155's
// worked example as a pending transaction (every field), a type 2 transaction mined (gasPrice
// is the effective price), a block with hashes and with objects, receipts with log indexes and
// revertData.

#include "../../../node-integration/src/rpc/json_codec.hpp"

#include <gtest/gtest.h>

#include <set>

#include "node/support/vectors.hpp"
#include "tenet/node/tx/signing.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

Hash256 json_codec_test_key(uint8_t fill) {
  Hash256 k{};
  k.fill(fill);
  return k;
}

/// EIP-155's example, signed with key 0x46…46.
Transaction json_codec_test_eip155() {
  Transaction tx;
  tx.type = TxType::Legacy;
  tx.chain_id = 1;
  tx.nonce = 9;
  tx.gas_price = Word{20'000'000'000ull};
  tx.gas_limit = 21'000;
  Address to;
  to.bytes.fill(0x35);
  tx.to = to;
  tx.value = Word{1'000'000'000'000'000'000ull};
  return *sign_transaction(tx, json_codec_test_key(0x46));
}

/// A type 2 deployment with an access list, signed with key 0x01…01.
Transaction json_codec_test_dynamic() {
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.nonce = 0;
  tx.gas_limit = 100'000;
  tx.max_priority_fee = Word{1'000'000'000};
  tx.max_fee = Word{3'000'000'000};
  tx.data = {0x01, 0x02};
  Address a;
  a.bytes.fill(0x11);
  tx.access_list = {AccessListEntry{a, {Word{1}}}};
  return *sign_transaction(tx, json_codec_test_key(0x01));
}

TEST(RpcJsonCodec, PendingLegacyTransactionEveryField) {
  const Transaction tx = json_codec_test_eip155();
  const Address from = *vm::address_of(json_codec_test_key(0x46));
  const json expected = {
      {"type", "0x0"},
      {"chainId", "0x1"},
      {"nonce", "0x9"},
      {"gas", "0x5208"},
      {"gasPrice", "0x4a817c800"},
      {"to", "0x3535353535353535353535353535353535353535"},
      {"value", "0xde0b6b3a7640000"},
      {"input", "0x"},
      {"v", "0x25"},
      {"r", "0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"},
      {"s", "0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"},
      {"hash", test::to_hex(transaction_hash(tx))},
      {"from", vm::to_hex(from)},
      {"blockHash", nullptr},
      {"blockNumber", nullptr},
      {"transactionIndex", nullptr}};
  EXPECT_EQ(transaction_json(tx, from, std::nullopt), expected);
  EXPECT_EQ(test::to_hex(encode_transaction(tx)),
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764"
            "00008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8"
            "997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
}

TEST(RpcJsonCodec, MinedDynamicFeeTransaction) {
  const Transaction tx = json_codec_test_dynamic();
  Hash256 block_hash{};
  block_hash.fill(0xbb);
  const TxPlace place{block_hash, 7, 2, Word{1'500'000'000}};
  const json j = transaction_json(tx, Address{}, place);
  EXPECT_EQ(j["type"], "0x2");
  EXPECT_EQ(j["chainId"], "0x7a69");
  EXPECT_EQ(j["gasPrice"], "0x9502f900");  // min(3 gwei, 1.5 gwei + 1 gwei)
  EXPECT_EQ(j["maxFeePerGas"], "0xb2d05e00");
  EXPECT_EQ(j["maxPriorityFeePerGas"], "0x3b9aca00");
  EXPECT_EQ(j["to"], nullptr);
  EXPECT_EQ(j["input"], "0x0102");
  EXPECT_EQ(j["accessList"],
            json::array({{{"address", "0x1111111111111111111111111111111111111111"},
                          {"storageKeys", {"0x" + std::string(63, '0') + "1"}}}}));
  EXPECT_EQ(j["v"], j["yParity"]);
  EXPECT_EQ(j["blockHash"], "0x" + std::string(64, 'b'));
  EXPECT_EQ(j["blockNumber"], "0x7");
  EXPECT_EQ(j["transactionIndex"], "0x2");
}

Block json_codec_test_block() {
  Block b;
  b.header.parent_hash.fill(0x01);
  b.header.ommers_hash.fill(0x02);
  b.header.state_root.fill(0x03);
  b.header.transactions_root.fill(0x04);
  b.header.receipts_root.fill(0x05);
  b.header.difficulty = Word{1000};
  b.header.number = 4;
  b.header.gas_limit = 30'000'000;
  b.header.gas_used = 21'000;
  b.header.timestamp = 0x5f5e100;
  b.header.nonce = {0, 0, 0, 0, 0, 0, 0x01, 0x2c};
  b.header.base_fee = Word{875'000'000};
  b.transactions = {json_codec_test_eip155()};
  b.senders = {*vm::address_of(json_codec_test_key(0x46))};
  b.impersonated = {false};
  return b;
}

TEST(RpcJsonCodec, BlockWithHashesAndObjects) {
  const Block b = json_codec_test_block();
  Hash256 hash{};
  hash.fill(0xcc);
  const json j = block_json(b, hash, 620, false);
  std::set<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"number",
                                         "hash",
                                         "parentHash",
                                         "sha3Uncles",
                                         "miner",
                                         "stateRoot",
                                         "transactionsRoot",
                                         "receiptsRoot",
                                         "logsBloom",
                                         "difficulty",
                                         "totalDifficulty",
                                         "gasLimit",
                                         "gasUsed",
                                         "timestamp",
                                         "extraData",
                                         "mixHash",
                                         "nonce",
                                         "baseFeePerGas",
                                         "size",
                                         "uncles",
                                         "transactions"}));
  EXPECT_EQ(j["number"], "0x4");
  EXPECT_EQ(j["hash"], "0x" + std::string(64, 'c'));
  std::string twos;
  for (int i = 0; i < 32; ++i) twos += "02";
  EXPECT_EQ(j["sha3Uncles"], "0x" + twos);
  EXPECT_EQ(j["miner"], "0x" + std::string(40, '0'));
  EXPECT_EQ(j["logsBloom"], "0x" + std::string(512, '0'));
  EXPECT_EQ(j["difficulty"], "0x3e8");
  EXPECT_EQ(j["totalDifficulty"], "0x1388");  // 1000 × 5 blocks
  EXPECT_EQ(j["gasLimit"], "0x1c9c380");
  EXPECT_EQ(j["gasUsed"], "0x5208");
  EXPECT_EQ(j["timestamp"], "0x5f5e100");
  EXPECT_EQ(j["extraData"], "0x");
  EXPECT_EQ(j["mixHash"], "0x" + std::string(64, '0'));
  EXPECT_EQ(j["nonce"], "0x000000000000012c");
  EXPECT_EQ(j["baseFeePerGas"], "0x342770c0");
  EXPECT_EQ(j["size"], "0x26c");
  EXPECT_EQ(j["uncles"], json::array());
  EXPECT_EQ(j["transactions"], json::array({test::to_hex(transaction_hash(b.transactions[0]))}));
  const json full = block_json(b, hash, 620, true);
  ASSERT_EQ(full["transactions"].size(), 1u);
  EXPECT_EQ(full["transactions"][0], transaction_json(b.transactions[0], b.senders[0],
                                                      TxPlace{hash, 4, 0, Word{875'000'000}}));
}

TEST(RpcJsonCodec, ReceiptsAndLogs) {
  const Transaction tx = json_codec_test_dynamic();
  Hash256 block_hash{};
  block_hash.fill(0xdd);
  StoredReceipt r;
  r.type = TxType::DynamicFee;
  r.success = true;
  r.cumulative_gas_used = 80'000;
  r.gas_used = 59'000;
  r.effective_gas_price = Word{2'000'000'000};
  Address c;
  c.bytes.fill(0x22);
  r.contract_address = c;
  r.logs = {vm::LogEntry{c, {Word{7}}, {0xab}}, vm::LogEntry{c, {}, {}}};
  const TxPlace place{block_hash, 9, 1, Word{1'000'000'000}};
  const json j = receipt_json(r, tx, Address{}, place, 3);
  EXPECT_EQ(j["transactionHash"], test::to_hex(transaction_hash(tx)));
  EXPECT_EQ(j["transactionIndex"], "0x1");
  EXPECT_EQ(j["blockNumber"], "0x9");
  EXPECT_EQ(j["to"], nullptr);
  EXPECT_EQ(j["contractAddress"], "0x" + std::string(40, '2'));
  EXPECT_EQ(j["cumulativeGasUsed"], "0x13880");
  EXPECT_EQ(j["gasUsed"], "0xe678");
  EXPECT_EQ(j["effectiveGasPrice"], "0x77359400");
  EXPECT_EQ(j["status"], "0x1");
  EXPECT_EQ(j["type"], "0x2");
  EXPECT_FALSE(j.contains("revertData"));
  ASSERT_EQ(j["logs"].size(), 2u);
  EXPECT_EQ(j["logs"][0], (json{{"address", "0x" + std::string(40, '2')},
                                {"topics", {"0x" + std::string(63, '0') + "7"}},
                                {"data", "0xab"},
                                {"blockNumber", "0x9"},
                                {"blockHash", "0x" + std::string(64, 'd')},
                                {"transactionHash", test::to_hex(transaction_hash(tx))},
                                {"transactionIndex", "0x1"},
                                {"logIndex", "0x3"},
                                {"removed", false}}));
  EXPECT_EQ(j["logs"][1]["logIndex"], "0x4");
  r.success = false;
  r.logs.clear();
  r.revert_data = {0xde, 0xad};
  const json failed = receipt_json(r, tx, Address{}, place, 0);
  EXPECT_EQ(failed["status"], "0x0");
  EXPECT_EQ(failed["revertData"], "0xdead");
}

}  // namespace
}  // namespace tenet::node::rpc
