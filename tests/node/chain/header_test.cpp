// Header codec and hash against ethereum/tests block headers (London layout: 16 fields).

#include "tenet/node/chain/header.hpp"

#include <gtest/gtest.h>

#include <string>

#include "node/support/vectors.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {
namespace {

using test::from_hex;

const char* const kHeaderVectorFile =
    "BlockchainTests/GeneralStateTests/Pyspecs/berlin/eip2930_access_list/access_list.json";

template <std::size_t N>
std::array<uint8_t, N> header_fixed(const nlohmann::json& value) {
  const Bytes bytes = from_hex(value.get<std::string>());
  std::array<uint8_t, N> out{};
  EXPECT_EQ(bytes.size(), N);
  std::copy_n(bytes.begin(), std::min(N, bytes.size()), out.begin());
  return out;
}

Word header_word(const nlohmann::json& value) {
  auto w = vm::parse_word(value.get<std::string>());
  EXPECT_TRUE(w.has_value());
  return w.value_or(Word{});
}

/// The Header of an ethereum/tests "blockHeader" object.
Header header_from_json(const nlohmann::json& j) {
  Header h;
  h.parent_hash = header_fixed<32>(j["parentHash"]);
  h.ommers_hash = header_fixed<32>(j["uncleHash"]);
  h.beneficiary.bytes = header_fixed<20>(j["coinbase"]);
  h.state_root = header_fixed<32>(j["stateRoot"]);
  h.transactions_root = header_fixed<32>(j["transactionsTrie"]);
  h.receipts_root = header_fixed<32>(j["receiptTrie"]);
  h.logs_bloom = header_fixed<256>(j["bloom"]);
  h.difficulty = header_word(j["difficulty"]);
  h.number = header_word(j["number"]).low64();
  h.gas_limit = header_word(j["gasLimit"]).low64();
  h.gas_used = header_word(j["gasUsed"]).low64();
  h.timestamp = header_word(j["timestamp"]).low64();
  h.extra_data = from_hex(j["extraData"].get<std::string>());
  h.mix_hash = header_fixed<32>(j["mixHash"]);
  h.nonce = header_fixed<8>(j["nonce"]);
  h.base_fee = header_word(j["baseFeePerGas"]);
  return h;
}

/// The header item (the first) of a block's RLP.
Bytes header_rlp_of_block(const Bytes& block_rlp) {
  auto item = rlp::decode(block_rlp);
  EXPECT_TRUE(item.ok());
  rlp::ListReader r(*item);
  auto header = r.item();
  EXPECT_TRUE(header.ok());
  return Bytes(header->encoded.begin(), header->encoded.end());
}

/// Checks one header: encoding = the block's header item, hash, decode round trip.
void check_header_vector(const nlohmann::json& header_json, const std::string& block_rlp_hex) {
  const Header header = header_from_json(header_json);
  const Bytes expected_rlp = header_rlp_of_block(from_hex(block_rlp_hex));
  EXPECT_EQ(test::to_hex(encode_header(header)), test::to_hex(expected_rlp));
  EXPECT_EQ(test::to_hex(header_hash(header)), header_json["hash"].get<std::string>());
  auto decoded = decode_header(expected_rlp);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, header);
}

TEST(Header, LondonAndParisVectorsEncodeAndHash) {
  const nlohmann::json file = test::load_vector_file(kHeaderVectorFile);
  int checked = 0;
  for (const auto& [name, test_case] : file.items()) {
    const std::string network = test_case["network"].get<std::string>();
    if (network != "London" && network != "Paris") continue;
    SCOPED_TRACE(name);
    check_header_vector(test_case["genesisBlockHeader"], test_case["genesisRLP"]);
    for (const auto& block : test_case["blocks"]) {
      check_header_vector(block["blockHeader"], block["rlp"]);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(Header, EmptyOmmersHashIsKeccakOfEmptyList) {
  const Bytes empty_list{0xc0};
  EXPECT_EQ(vm::keccak256(empty_list), kEmptyOmmersHash);
}

TEST(Header, DecodeRefusesWrongShapes) {
  Header header;
  header.ommers_hash = kEmptyOmmersHash;
  header.difficulty = Word{1000};
  header.number = 7;
  header.base_fee = Word{1'000'000'000};
  const Bytes good = encode_header(header);
  ASSERT_TRUE(decode_header(good).ok());

  // 17 fields: one more item after the base fee.
  auto item = rlp::decode(good);
  ASSERT_TRUE(item.ok());
  rlp::Writer longer;
  longer.raw(item->payload).uint(1);
  auto too_many = decode_header(longer.list_bytes());
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().message.rfind("invalid header: end: ", 0), 0u)
      << too_many.error().message;

  // 15 fields: the base fee missing.
  rlp::Writer shorter;
  rlp::ListReader r(*item);
  for (int i = 0; i < 15; ++i) shorter.raw(r.item()->encoded);
  auto too_few = decode_header(shorter.list_bytes());
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.error().message.rfind("invalid header: baseFeePerGas: ", 0), 0u)
      << too_few.error().message;

  // A 7-byte nonce.
  Bytes bad_nonce = good;
  rlp::Writer fields;
  rlp::ListReader r2(*item);
  for (int i = 0; i < 14; ++i) fields.raw(r2.item()->encoded);
  fields.bytes(Bytes(7, 0)).word(header.base_fee);
  auto nonce = decode_header(fields.list_bytes());
  ASSERT_FALSE(nonce.ok());
  EXPECT_EQ(nonce.error().message, "invalid header: nonce: 7 bytes, not 8");

  auto not_list = decode_header(Bytes{0x80});
  ASSERT_FALSE(not_list.ok());
  EXPECT_EQ(not_list.error().message, "invalid header: not a list");
}

}  // namespace
}  // namespace tenet::node
