// Genesis: the dev accounts' state root, a fixed hash for a fixed spec, the stored record and
// the check of flags against it.

#include "tenet/node/chain/genesis.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "node/chain/chain_support.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

// The state root of anvil's default accounts (10 × 10,000 ether, nothing else). anvil 1.7.1
// reports the empty root in its genesis header; its block 1 mined empty by evm_mine (no
// reward after the merge) commits the state: with `--hardfork london
// --disable-default-create2-deployer` its stateRoot is this one. (With anvil's defaults it is
// 0x8994ab5d…54a3: Prague's system contracts and the CREATE2 deployer are in its state too.)
constexpr const char* kAnvilDefaultStateRoot =
    "0xe914d7e6a70676d0aecddd6b3e1110d78639f4e45a167334b8ba589316f48632";

// The genesis hash of default_genesis_spec(1,700,000,000) (difficulty 1: nonce 0), computed by
// this code: its layout and state root are checked above and in header_test.cpp.
constexpr const char* kDefaultGenesisHash =
    "0xd1450dce555966e42699b5b6c332a1f7286e861315f20956a9babdfab843a2fc";

TEST(Genesis, StateRootOfTheDevAccountsIsAnvils) {
  const GenesisSpec spec = test::default_genesis_spec();
  Store::Batch batch;
  const Block block = genesis_block(spec, batch);
  EXPECT_EQ(vm::hex_encode(block.header.state_root), kAnvilDefaultStateRoot);
  EXPECT_GT(batch.size_bytes(), 0u);
}

TEST(Genesis, HeaderFieldsAndFixedHash) {
  const GenesisSpec spec = test::default_genesis_spec(1'700'000'000);
  Store::Batch batch;
  const Block block = genesis_block(spec, batch);
  const Header& h = block.header;
  EXPECT_EQ(h.number, 0u);
  EXPECT_EQ(h.parent_hash, Hash256{});
  EXPECT_EQ(h.ommers_hash, kEmptyOmmersHash);
  EXPECT_EQ(h.transactions_root, kEmptyTrieRoot);
  EXPECT_EQ(h.receipts_root, kEmptyTrieRoot);
  EXPECT_EQ(h.base_fee, Word{kInitialBaseFee});
  EXPECT_EQ(h.gas_limit, 30'000'000u);
  EXPECT_EQ(h.timestamp, 1'700'000'000u);
  EXPECT_EQ(h.difficulty, Word{1});
  EXPECT_EQ(h.nonce, (std::array<uint8_t, 8>{}));
  EXPECT_TRUE(block.transactions.empty());
  EXPECT_EQ(vm::hex_encode(header_hash(h)), kDefaultGenesisHash);
}

TEST(Genesis, SealedAtTheChainDifficulty) {
  const GenesisSpec spec = test::default_genesis_spec(1'700'000'000, Word{1000});
  Store::Batch batch;
  const Block block = genesis_block(spec, batch);
  EXPECT_EQ(block.header.difficulty, Word{1000});
  EXPECT_TRUE(meets_difficulty(header_hash(block.header), Word{1000}));
  Store::Batch again;
  EXPECT_EQ(genesis_block(spec, again).header, block.header);
}

TEST(Genesis, RecordRoundTrip) {
  GenesisSpec spec = test::default_genesis_spec(1'700'000'123, Word{1000});
  spec.chain_id = 1337;
  spec.gas_limit = 12'345'678;
  Hash256 hash{};
  hash[0] = 0x11;
  const std::string record = genesis_record(spec, hash);
  auto parsed = parse_genesis_record(record);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->chain_id, 1337u);
  EXPECT_EQ(parsed->accounts, spec.accounts);
  EXPECT_EQ(parsed->balance, spec.balance);
  EXPECT_EQ(parsed->difficulty, Word{1000});
  EXPECT_EQ(parsed->gas_limit, 12'345'678u);
  EXPECT_EQ(parsed->timestamp, 1'700'000'123u);
  const auto json = nlohmann::json::parse(record);
  EXPECT_EQ(json["hash"], vm::hex_encode(hash));
  EXPECT_EQ(json["mnemonic_first_address"], "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  EXPECT_EQ(json["accounts"][0]["balance"], "0x21e19e0c9bab2400000");
}

TEST(Genesis, RecordRefusesGarbage) {
  auto not_json = parse_genesis_record("{");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().message, "genesis record: not a JSON object");
  auto missing = parse_genesis_record(R"({"chain_id": 1})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "genesis record: balance missing");
}

TEST(Genesis, CheckComparesOnlyExplicitFlags) {
  const GenesisSpec stored = test::default_genesis_spec();
  GenesisSpec given = stored;
  given.chain_id = 1;
  given.gas_limit = 1'000'000;
  EXPECT_TRUE(check_genesis(stored, given, {}).ok());
  EXPECT_TRUE(check_genesis(stored, given, {"balance", "accounts"}).ok());
  auto chain_id = check_genesis(stored, given, {"chain-id"});
  ASSERT_FALSE(chain_id.ok());
  EXPECT_EQ(chain_id.error().message,
            "--chain-id conflicts with the data directory: stored 31337, given 1");
  auto gas = check_genesis(stored, given, {"gas-limit"});
  ASSERT_FALSE(gas.ok());
  EXPECT_EQ(gas.error().message,
            "--gas-limit conflicts with the data directory: stored 30000000, given 1000000");
}

TEST(Genesis, CheckNamesEachField) {
  const GenesisSpec stored = test::default_genesis_spec();
  GenesisSpec given = stored;
  given.accounts.resize(3);
  auto accounts = check_genesis(stored, given, {"accounts"});
  ASSERT_FALSE(accounts.ok());
  EXPECT_EQ(accounts.error().message,
            "--accounts conflicts with the data directory: stored 10, given 3");
  given = stored;
  std::swap(given.accounts[0], given.accounts[1]);
  auto mnemonic = check_genesis(stored, given, {"mnemonic"});
  ASSERT_FALSE(mnemonic.ok());
  EXPECT_EQ(mnemonic.error().message,
            "--mnemonic conflicts with the data directory: stored first account "
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266, given first account "
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  given = stored;
  given.balance = Word{5};
  auto balance = check_genesis(stored, given, {"balance"});
  ASSERT_FALSE(balance.ok());
  EXPECT_EQ(balance.error().message,
            "--balance conflicts with the data directory: stored 10000000000000000000000 wei, "
            "given 5 wei");
  given = stored;
  given.difficulty = Word{1000};
  auto difficulty = check_genesis(stored, given, {"difficulty"});
  ASSERT_FALSE(difficulty.ok());
  EXPECT_EQ(difficulty.error().message,
            "--difficulty conflicts with the data directory: stored 1, given 1000");
}

}  // namespace
}  // namespace tenet::node
