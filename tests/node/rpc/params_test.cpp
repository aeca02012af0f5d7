// JSON-RPC parameters (src/rpc/params.hpp): quantities, data, addresses, hashes, storage keys,
// block references with EIP-1898, transaction and filter objects, each refusal's message.

#include "../../../node-integration/src/rpc/params.hpp"

#include <gtest/gtest.h>

#include "node/support/vectors.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The message of a refusal, or "(accepted)".
template <typename T>
std::string params_test_message(const Parsed<T>& r) {
  return r.ok() ? "(accepted)" : r.error().message();
}

TEST(RpcParams, Quantities) {
  EXPECT_EQ(*parse_quantity(json("0x0"), "p"), Word{0});
  EXPECT_EQ(*parse_quantity(json("0x1f"), "p"), Word{31});
  EXPECT_EQ(*parse_quantity(json("0X001f"), "p"), Word{31});  // leading zeros accepted
  EXPECT_EQ(*parse_quantity(json(3600), "p"), Word{3600});
  EXPECT_EQ(vm::to_hex(*parse_quantity(json("0x" + std::string(64, 'f')), "p")),
            "0x" + std::string(64, 'f'));
  EXPECT_EQ(params_test_message(parse_quantity(json("0x"), "parameter 1")),
            "invalid params: parameter 1: empty quantity (0x)");
  EXPECT_EQ(params_test_message(parse_quantity(json("12"), "parameter 1")),
            "invalid params: parameter 1: hex string without 0x prefix");
  EXPECT_EQ(params_test_message(parse_quantity(json("0x1g"), "parameter 1")),
            "invalid params: parameter 1: invalid hex digit 'g'");
  EXPECT_EQ(params_test_message(parse_quantity(json("0x1" + std::string(64, '0')), "p")),
            "invalid params: p: quantity above 2^256 - 1");
  EXPECT_EQ(params_test_message(parse_quantity(json(-1), "p")),
            "invalid params: p: expected a non-negative integer");
  EXPECT_EQ(params_test_message(parse_quantity(json(1.5), "p")),
            "invalid params: p: expected a non-negative integer");
  EXPECT_EQ(params_test_message(parse_quantity(json(true), "p")),
            "invalid params: p: expected a hex string");
  EXPECT_EQ(*parse_u64(json("0xffffffffffffffff"), "p"), ~uint64_t{0});
  EXPECT_EQ(params_test_message(parse_u64(json("0x10000000000000000"), "p")),
            "invalid params: p: quantity above 2^64 - 1");
}

TEST(RpcParams, DataAddressesHashesKeys) {
  EXPECT_EQ(*parse_data(json("0x"), "p"), Bytes{});
  EXPECT_EQ(*parse_data(json("0x00ff"), "p"), (Bytes{0x00, 0xff}));
  EXPECT_EQ(params_test_message(parse_data(json("0x123"), "parameter 1")),
            "invalid params: parameter 1: hex data has an odd number of digits");
  EXPECT_EQ(params_test_message(parse_data(json("0x 12"), "p")),
            "invalid params: p: invalid hex digit ' '");
  const auto a = parse_address(json("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), "p");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(vm::to_hex(*a), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  EXPECT_EQ(params_test_message(parse_address(json("0x1234"), "parameter 1")),
            "invalid params: parameter 1: an address must be 20 bytes (40 hex digits)");
  EXPECT_EQ(params_test_message(parse_hash(json("0x12"), "p")),
            "invalid params: p: a hash must be 32 bytes (64 hex digits)");
  EXPECT_EQ(*parse_storage_key(json("0x0"), "p"), Word{0});
  EXPECT_EQ(*parse_storage_key(json("0x01"), "p"), Word{1});
  EXPECT_EQ(*parse_storage_key(json("0x" + std::string(63, '0') + "2"), "p"), Word{2});
  EXPECT_EQ(params_test_message(parse_storage_key(json(1), "p")),
            "invalid params: p: expected a hex string");
  EXPECT_EQ(params_test_message(parse_bool(json("true"), "p")),
            "invalid params: p: expected true or false");
}

TEST(RpcParams, BlockReferences) {
  for (const char* tag : {"latest", "safe", "finalized"}) {
    auto r = parse_block_ref(json(tag), "p");
    ASSERT_TRUE(r.ok()) << tag;
    EXPECT_EQ(r->kind, BlockRef::Kind::Latest);
    EXPECT_FALSE(r->pending);
  }
  EXPECT_TRUE(parse_block_ref(json("pending"), "p")->pending);
  EXPECT_EQ(parse_block_ref(json("pending"), "p")->kind, BlockRef::Kind::Latest);
  EXPECT_EQ(parse_block_ref(json("earliest"), "p")->kind, BlockRef::Kind::Earliest);
  auto n = parse_block_ref(json("0x2a"), "p");
  EXPECT_EQ(n->kind, BlockRef::Kind::Number);
  EXPECT_EQ(n->number, 42u);
  const std::string h = "0x" + std::string(62, '0') + "ab";
  auto by_hash = parse_block_ref(json{{"blockHash", h}, {"requireCanonical", true}}, "p");
  ASSERT_TRUE(by_hash.ok());
  EXPECT_EQ(by_hash->kind, BlockRef::Kind::Hash);
  EXPECT_EQ(by_hash->hash[31], 0xab);
  EXPECT_TRUE(by_hash->require_canonical);
  auto by_number = parse_block_ref(json{{"blockNumber", "0x5"}}, "p");
  EXPECT_EQ(by_number->kind, BlockRef::Kind::Number);
  EXPECT_EQ(by_number->number, 5u);
  EXPECT_EQ(params_test_message(parse_block_ref(json("newest"), "parameter 2")),
            "invalid params: parameter 2: expected a block number or one of latest, pending, "
            "safe, finalized, earliest");
  EXPECT_EQ(params_test_message(parse_block_ref(json::object(), "p")),
            "invalid params: p: expected exactly one of blockHash and blockNumber");
  EXPECT_EQ(params_test_message(parse_block_ref(json{{"blockNumber", "0x1"}}, "p", false)),
            "invalid params: p: expected a block number or tag");
  EXPECT_EQ(
      params_test_message(parse_block_ref(json{{"blockHash", h}, {"requireCanonical", 1}}, "p")),
      "invalid params: p: field requireCanonical: expected true or false");
}

TEST(RpcParams, TransactionObjects) {
  const json object = {
      {"from", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"},
      {"to", nullptr},
      {"gas", "0x5208"},
      {"maxFeePerGas", "0x77359400"},
      {"value", "0x1"},
      {"input", "0x6001"},
      {"data", "0x6001"},
      {"nonce", "0x3"},
      {"accessList", json::array({{{"address", "0x" + std::string(40, '1')},
                                   {"storageKeys", {"0x" + std::string(64, '0')}}}})},
      {"unknownKey", 7}};
  auto tx = parse_tx_request(object, "parameter 1");
  ASSERT_TRUE(tx.ok()) << tx.error().message();
  EXPECT_TRUE(tx->from.has_value());
  EXPECT_FALSE(tx->to.has_value());
  EXPECT_EQ(tx->gas, std::optional<uint64_t>(21000));
  EXPECT_EQ(tx->max_fee, std::optional<Word>(Word{2'000'000'000}));
  EXPECT_EQ(tx->data, (Bytes{0x60, 0x01}));
  EXPECT_EQ(tx->nonce, std::optional<uint64_t>(3));
  ASSERT_TRUE(tx->access_list.has_value());
  EXPECT_EQ(tx->access_list->at(0).storage_keys.size(), 1u);
  const CallRequest call = to_call_request(*tx);
  EXPECT_EQ(call.gas_price, Word{2'000'000'000});
  EXPECT_EQ(call.value, Word{1});
  EXPECT_EQ(call.data, (Bytes{0x60, 0x01}));

  EXPECT_EQ(params_test_message(parse_tx_request(json("0x"), "parameter 1")),
            "invalid params: parameter 1: expected a transaction object");
  EXPECT_EQ(params_test_message(parse_tx_request(json{{"input", "0x01"}, {"data", "0x02"}}, "p")),
            "invalid params: p: both input and data given, and they differ");
  EXPECT_EQ(params_test_message(
                parse_tx_request(json{{"gasPrice", "0x1"}, {"maxFeePerGas", "0x1"}}, "p")),
            "invalid params: p: both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) given");
  EXPECT_EQ(params_test_message(parse_tx_request(json{{"gas", "0xz"}}, "parameter 1")),
            "invalid params: parameter 1: field gas: invalid hex digit 'z'");
  EXPECT_EQ(params_test_message(parse_tx_request(json{{"to", "0x12"}}, "p")),
            "invalid params: p: field to: an address must be 20 bytes (40 hex digits)");
  EXPECT_EQ(params_test_message(parse_tx_request(
                json{{"accessList", json::array({{{"address", "0x" + std::string(40, '1')},
                                                  {"storageKeys", {"0x01"}}}})}},
                "p")),
            "invalid params: p: field accessList[0].storageKeys: a storage key must be 32 bytes "
            "(64 hex digits)");
}

TEST(RpcParams, FilterObjects) {
  const std::string t0 = "0x" + std::string(64, 'a');
  const std::string t1 = "0x" + std::string(64, 'b');
  auto f = parse_filter(json{{"fromBlock", "0x1"},
                             {"toBlock", "latest"},
                             {"address", "0x" + std::string(40, '2')},
                             {"topics", json::array({t0, nullptr, json::array({t0, t1})})}},
                        "p");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f->from_block->number, 1u);
  EXPECT_EQ(f->to_block->kind, BlockRef::Kind::Latest);
  EXPECT_EQ(f->addresses.size(), 1u);
  ASSERT_EQ(f->topics.size(), 3u);
  EXPECT_EQ(f->topics[0].size(), 1u);
  EXPECT_TRUE(f->topics[1].empty());
  EXPECT_EQ(f->topics[2].size(), 2u);
  auto many = parse_filter(
      json{{"address", json::array({"0x" + std::string(40, '2'), "0x" + std::string(40, '3')})}},
      "p");
  EXPECT_EQ(many->addresses.size(), 2u);
  EXPECT_FALSE(many->from_block.has_value());
  EXPECT_EQ(params_test_message(parse_filter(json{{"blockHash", t0}, {"fromBlock", "0x1"}}, "p")),
            "invalid params: p: blockHash together with fromBlock or toBlock");
  EXPECT_EQ(
      params_test_message(parse_filter(json{{"topics", json::array({t0, t0, t0, t0, t0})}}, "p")),
      "invalid params: p: field topics: at most 4 topic positions");
  EXPECT_EQ(params_test_message(parse_filter(json{{"topics", json::array({"0x12"})}}, "p")),
            "invalid params: p: field topics: a hash must be 32 bytes (64 hex digits)");
  EXPECT_EQ(params_test_message(parse_filter(json::array(), "parameter 1")),
            "invalid params: parameter 1: expected a filter object");
}

}  // namespace
}  // namespace tenet::node::rpc
