// The trie in memory: get/put/erase, structure normalisation (a sequence of writes gives the
// root of a fresh build of the same contents), secure keys, ordered roots.
#include "tenet/node/trie/trie.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "node/trie/trie_support.hpp"
#include "tenet/node/trie/ordered_root.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using test::bytes_of;

TEST(Trie, EmptyRootIsKeccakOfEmptyString) {
  EXPECT_EQ(vm::hex_encode(kEmptyTrieRoot),
            "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  EXPECT_EQ(kEmptyTrieRoot, vm::keccak256(Bytes{0x80}));
  Trie trie(nullptr);
  EXPECT_EQ(trie.root_hash(), kEmptyTrieRoot);
  auto got = trie.get(bytes_of("dog"));
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
}

TEST(Trie, GetPutErase) {
  Trie trie(nullptr);
  EXPECT_TRUE(*trie.put(bytes_of("do"), bytes_of("verb")));
  EXPECT_TRUE(*trie.put(bytes_of("dog"), bytes_of("puppy")));
  EXPECT_TRUE(*trie.put(bytes_of("doge"), bytes_of("coin")));
  EXPECT_TRUE(*trie.put(bytes_of("horse"), bytes_of("stallion")));
  EXPECT_FALSE(*trie.put(bytes_of("dog"), bytes_of("puppy")));  // same value: no change
  EXPECT_EQ(*trie.get(bytes_of("dog")), std::optional<Bytes>(bytes_of("puppy")));
  EXPECT_EQ(*trie.get(bytes_of("do")), std::optional<Bytes>(bytes_of("verb")));
  EXPECT_FALSE(trie.get(bytes_of("d"))->has_value());
  EXPECT_FALSE(trie.get(bytes_of("dogs"))->has_value());
  // The "puppy" vector of trieanyorder.json.
  EXPECT_EQ(vm::hex_encode(trie.root_hash()),
            "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
  EXPECT_TRUE(*trie.erase(bytes_of("doge")));
  EXPECT_FALSE(*trie.erase(bytes_of("doge")));
  EXPECT_TRUE(*trie.put(bytes_of("dog"), {}));  // an empty value erases
  EXPECT_FALSE(trie.get(bytes_of("dog"))->has_value());
  EXPECT_EQ(*trie.get(bytes_of("do")), std::optional<Bytes>(bytes_of("verb")));
}

/// The root of `contents` built from scratch in key order.
Hash256 fresh_root(const test::Contents& contents) {
  Trie trie(nullptr);
  for (const auto& [key, value] : contents) EXPECT_TRUE(trie.put(key, value).ok());
  return trie.root_hash();
}

/// Erasing everything, in any order, leaves the empty trie.
TEST(Trie, EraseEverythingLeavesEmptyRoot) {
  Trie trie(nullptr);
  for (uint64_t i = 0; i < 300; ++i) ASSERT_TRUE(trie.put(test::spread_key(i), bytes_of("v")).ok());
  for (uint64_t i = 300; i-- > 0;) ASSERT_TRUE(*trie.erase(test::spread_key(i)));
  EXPECT_EQ(trie.root_hash(), kEmptyTrieRoot);
}

/// Random inserts, updates and erases over short keys that are often prefixes of each other
/// (branch values, extensions split and merged): after each step the root equals a fresh
/// build's, so every erase re-normalises the structure.
TEST(Trie, RandomWritesMatchFreshBuild) {
  std::mt19937_64 rng(20261206);
  for (int round = 0; round < 20; ++round) {
    Trie trie(nullptr);
    test::Contents contents;
    for (int step = 0; step < 200; ++step) {
      Bytes key(1 + rng() % 3);
      for (auto& b : key) b = static_cast<uint8_t>(rng() % 4 * 0x11);  // few distinct nibbles
      Bytes value;
      if (rng() % 3 != 0) value.assign(1 + rng() % 40, static_cast<uint8_t>(rng()));
      auto changed = trie.put(key, value);
      ASSERT_TRUE(changed.ok());
      bool existed = contents.count(key) != 0;
      bool expect_change = value.empty() ? existed : !existed || contents[key] != value;
      EXPECT_EQ(*changed, expect_change);
      if (value.empty()) {
        contents.erase(key);
      } else {
        contents[key] = value;
      }
      ASSERT_EQ(trie.root_hash(), fresh_root(contents)) << "round " << round << " step " << step;
    }
    for (const auto& [key, value] : contents) {
      EXPECT_EQ(*trie.get(key), std::optional<Bytes>(value));
    }
  }
}

TEST(Trie, SecureTrieHashesKeys) {
  SecureTrie secure(nullptr);
  Trie plain(nullptr);
  ASSERT_TRUE(secure.put(bytes_of("key"), bytes_of("value")).ok());
  ASSERT_TRUE(plain.put(vm::keccak256(bytes_of("key")), bytes_of("value")).ok());
  EXPECT_EQ(secure.root_hash(), plain.root_hash());
  EXPECT_EQ(*secure.get(bytes_of("key")), std::optional<Bytes>(bytes_of("value")));
  EXPECT_TRUE(*secure.erase(bytes_of("key")));
  EXPECT_EQ(secure.root_hash(), kEmptyTrieRoot);
}

TEST(OrderedTrieRoot, KeysAreRlpOfTheIndex) {
  EXPECT_EQ(ordered_trie_root({}), kEmptyTrieRoot);
  std::vector<Bytes> values;
  Trie expected(nullptr);
  for (uint64_t i = 0; i < 300; ++i) {
    values.push_back(Bytes(40, static_cast<uint8_t>(i)));
    Bytes key;  // RLP(i): 0x80 for 0, the byte itself below 0x80, else 0x81 or 0x82 + big-endian
    if (i == 0) {
      key = {0x80};
    } else if (i < 0x80) {
      key = {static_cast<uint8_t>(i)};
    } else if (i < 0x100) {
      key = {0x81, static_cast<uint8_t>(i)};
    } else {
      key = {0x82, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
    }
    ASSERT_TRUE(expected.put(key, values.back()).ok());
  }
  EXPECT_EQ(ordered_trie_root(values), expected.root_hash());
}

/// A transactions root from ethereum/tests 4c87ebb: BlockchainTests/ValidBlocks/
/// bcValidBlockTest/SimpleTx3LowS.json, case SimpleTx3LowS_Cancun, block 1 (three legacy
/// transactions, their RLP as the block carries them; transactionsTrie from its header).
TEST(OrderedTrieRoot, TransactionsRootOfAnEthereumTestsBlock) {
  const char* const raw[] = {
      "0xf861808203e882c35094095e7baea6a6c7c4c2dfeb977efac326af552d870a801ca0446eb869f0f7f365d5"
      "fa3e649c42eba5f9b3f66092c0841e74bd6092ea08342da0626c0c7cb722f7b8aed94db18bed4f14fe2300bf"
      "7f68ce8f40e285914db6d273",
      "0xf861808203e882520894000000000000000000000000000b9331677e6ebf14801ca098ff92120155472636"
      "7d2be8c804a7ff89ccf285ebc57dff8ae4c44b9c19ac4aa07fffffffffffffffffffffffffffffff5d576e73"
      "57a4501ddfe92f46681b10a0",
      "0xf861038203e882520894b94f5374fce5edbc8e2a8697c15331677e6ebf0b1e801ca098ff92120155472636"
      "7d2be8c804a7ff89ccf285ebc57dff8ae4c44b9c19ac4aa07fffffffffffffffffffffffffffffff5d576e73"
      "57a4501ddfe92f46681b10a0",
  };
  std::vector<Bytes> transactions;
  for (const char* hex : raw) transactions.push_back(*vm::hex_decode(hex));
  EXPECT_EQ(vm::hex_encode(ordered_trie_root(transactions)),
            "0xdcc73afcdd056d5346f7850e662ed11497299dd6c785c3bfb543ac9ecb0c9551");
}

}  // namespace
}  // namespace tenet::node
