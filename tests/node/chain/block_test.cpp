// Block bodies: transactions as raw envelopes, senders, impersonation flags and overrides.

#include "tenet/node/chain/block.hpp"

#include <gtest/gtest.h>

#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {
namespace {

Block body_sample_block() {
  Block block;
  block.header.number = 4;
  Transaction legacy;
  legacy.type = TxType::Legacy;
  legacy.chain_id = 31337;
  legacy.nonce = 3;
  legacy.gas_limit = 21'000;
  legacy.gas_price = Word{2'000'000'000};
  legacy.to = Address{};
  legacy.value = Word{5};
  legacy.r = Word{1};
  legacy.s = Word{2};
  Transaction dynamic;
  dynamic.type = TxType::DynamicFee;
  dynamic.chain_id = 31337;
  dynamic.gas_limit = 100'000;
  dynamic.max_fee = Word{3'000'000'000};
  dynamic.max_priority_fee = Word{1'000'000'000};
  dynamic.data = {0xef, 0x00, 0x01};
  dynamic.access_list = {AccessListEntry{Address{}, {Word{1}}}};
  dynamic.y_parity = 1;
  dynamic.r = Word{3};
  dynamic.s = Word{1};
  block.transactions = {legacy, dynamic};
  Address a;
  a.bytes[19] = 0xaa;
  Address b;
  b.bytes[0] = 0xbb;
  block.senders = {a, b};
  block.impersonated = {false, true};
  block.overrides = {StateOverride{StateOverride::Kind::Storage, a, Word{1}, Word{2}, {}},
                     StateOverride{StateOverride::Kind::Code, b, Word{}, Word{}, {0x01, 0x02}}};
  return block;
}

TEST(BlockBody, RoundTrip) {
  const Block block = body_sample_block();
  auto decoded = decode_body(block.header, encode_body(block));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, block);
  Block empty;
  auto decoded_empty = decode_body(empty.header, encode_body(empty));
  ASSERT_TRUE(decoded_empty.ok()) << decoded_empty.error().message;
  EXPECT_EQ(*decoded_empty, empty);
}

TEST(BlockBody, MismatchedListsAreRefused) {
  Block block = body_sample_block();
  block.senders.pop_back();
  auto decoded = decode_body(block.header, encode_body(block));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message,
            "invalid block body: 2 transactions, 1 senders, 2 impersonation flags");
}

TEST(BlockBody, GarbageIsRefused) {
  auto not_list = decode_body(Header{}, Bytes{0x80});
  ASSERT_FALSE(not_list.ok());
  EXPECT_EQ(not_list.error().message, "invalid block body: not a list");
  rlp::Writer txs;
  txs.bytes(Bytes{0x05, 0xc0});
  rlp::Writer body;
  body.list(txs).list(rlp::Writer{}).list(rlp::Writer{}).list(rlp::Writer{});
  auto bad_tx = decode_body(Header{}, body.list_bytes());
  ASSERT_FALSE(bad_tx.ok());
  EXPECT_EQ(bad_tx.error().message, "invalid block body: transaction type not supported: type 5");
}

}  // namespace
}  // namespace tenet::node
