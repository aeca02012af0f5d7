// EIP-1186 proofs: present and absent keys proved and verified against the root; proofs that
// do not hash-chain, end early, run long or hold malformed nodes refused.
#include <gtest/gtest.h>

#include "node/trie/trie_support.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using test::bytes_of;
using test::spread_key;

/// A committed trie of 2,000 spread keys with 32-byte values, plus some short keys.
class TrieProof : public ::testing::Test {
 protected:
  void SetUp() override {
    Trie trie(&store_);
    for (uint64_t i = 0; i < 2'000; ++i)
      ASSERT_TRUE(trie.put(spread_key(i), spread_key(i + 9'999'999)).ok());
    for (const char* key : {"do", "dog", "doge", "horse"}) {
      ASSERT_TRUE(trie.put(bytes_of(key), bytes_of(key)).ok());
    }
    root_ = trie.commit(store_);
  }

  std::vector<Bytes> prove(ByteView key) {
    auto proof = Trie(&store_, root_).prove(key);
    EXPECT_TRUE(proof.ok());
    return proof.ok() ? *proof : std::vector<Bytes>{};
  }

  MemoryNodeStore store_;
  Hash256 root_{};
};

TEST_F(TrieProof, PresentKeysVerify) {
  for (uint64_t i = 0; i < 2'000; i += 97) {
    std::vector<Bytes> proof = prove(spread_key(i));
    EXPECT_EQ(vm::keccak256(proof.front()), root_);
    auto value = verify_proof(root_, spread_key(i), proof);
    ASSERT_TRUE(value.ok()) << value.error().message;
    EXPECT_EQ(*value, std::optional<Bytes>(spread_key(i + 9'999'999)));
  }
  // "dog" ends at a branch value, "doge" below it.
  for (const char* key : {"do", "dog", "doge", "horse"}) {
    auto value = verify_proof(root_, bytes_of(key), prove(bytes_of(key)));
    ASSERT_TRUE(value.ok()) << key << ": " << value.error().message;
    EXPECT_EQ(*value, std::optional<Bytes>(bytes_of(key)));
  }
}

TEST_F(TrieProof, AbsentKeysVerifyAsAbsent) {
  for (uint64_t i = 5'000; i < 5'020; ++i) {  // diverging inside the spread keys' branches
    auto value = verify_proof(root_, spread_key(i), prove(spread_key(i)));
    ASSERT_TRUE(value.ok()) << value.error().message;
    EXPECT_FALSE(value->has_value());
  }
  for (const char* key : {"d", "dogs", "dot", "horses", ""}) {
    auto value = verify_proof(root_, bytes_of(key), prove(bytes_of(key)));
    ASSERT_TRUE(value.ok()) << key << ": " << value.error().message;
    EXPECT_FALSE(value->has_value()) << key;
  }
}

TEST_F(TrieProof, ProofOfAnUncommittedTrie) {
  Trie trie(&store_, root_);
  ASSERT_TRUE(trie.put(spread_key(7), bytes_of("changed")).ok());
  auto proof = trie.prove(spread_key(7));  // dirty path, encoded on the fly
  ASSERT_TRUE(proof.ok());
  Hash256 root = trie.root_hash();
  EXPECT_EQ(*verify_proof(root, spread_key(7), *proof), std::optional<Bytes>(bytes_of("changed")));
}

TEST_F(TrieProof, EmptyTrie) {
  Trie empty(nullptr);
  auto proof = empty.prove(bytes_of("k"));
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(proof->empty());
  auto value = verify_proof(kEmptyTrieRoot, bytes_of("k"), {});
  ASSERT_TRUE(value.ok());
  EXPECT_FALSE(value->has_value());
  std::vector<Bytes> nonempty{Bytes{0x80}};
  EXPECT_EQ(verify_proof(kEmptyTrieRoot, bytes_of("k"), nonempty).error().message,
            "proof for the empty trie must be empty");
}

TEST_F(TrieProof, TamperedProofsAreRefused) {
  const Bytes key = spread_key(42);
  const std::vector<Bytes> good = prove(key);
  ASSERT_GE(good.size(), 3u);

  std::vector<Bytes> flipped = good;  // a changed value byte in the leaf
  flipped.back().back() ^= 1;
  EXPECT_EQ(verify_proof(root_, key, flipped).error().message,
            "proof node " + std::to_string(good.size() - 1) +
                " does not hash to its parent's reference " +
                vm::hex_encode(vm::keccak256(good.back())));

  std::vector<Bytes> short_proof(good.begin(), good.end() - 1);
  EXPECT_EQ(verify_proof(root_, key, short_proof).error().message,
            "proof ends before the key's path does (node " + std::to_string(good.size() - 1) +
                " missing)");

  std::vector<Bytes> long_proof = good;
  long_proof.push_back(good.back());
  EXPECT_EQ(verify_proof(root_, key, long_proof).error().message,
            "proof has 1 node(s) past the end of the key's path");

  std::vector<Bytes> swapped = good;
  std::swap(swapped[1], swapped[2]);
  EXPECT_FALSE(verify_proof(root_, key, swapped).ok());

  Hash256 other_root = root_;
  other_root[0] ^= 1;
  EXPECT_EQ(verify_proof(other_root, key, good).error().message,
            "proof node 0 does not hash to the root " + vm::hex_encode(other_root));

  // Another key's proof does not prove this key.
  EXPECT_FALSE(verify_proof(root_, key, prove(spread_key(43))).ok());

  // A root node that hashes right but is not a node.
  Bytes junk = *vm::hex_decode("0x83616263");
  std::vector<Bytes> junk_proof{junk};
  EXPECT_EQ(verify_proof(vm::keccak256(junk), key, junk_proof).error().message,
            "proof node 0 is malformed: not a list");
}

/// Proving a secure trie's key: verify against keccak256 of the key.
TEST(SecureTrieProof, VerifiesAgainstHashedKey) {
  MemoryNodeStore store;
  SecureTrie trie(&store);
  for (uint64_t i = 0; i < 100; ++i) ASSERT_TRUE(trie.put(spread_key(i), bytes_of("v")).ok());
  Hash256 root = trie.commit(store);
  SecureTrie view(&store, root);
  auto proof = view.prove(spread_key(5));
  ASSERT_TRUE(proof.ok());
  Hash256 hashed = vm::keccak256(spread_key(5));
  EXPECT_EQ(*verify_proof(root, hashed, *proof), std::optional<Bytes>(bytes_of("v")));
}

}  // namespace
}  // namespace tenet::node
