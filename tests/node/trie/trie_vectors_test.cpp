// ethereum/tests TrieTests (tests/node/vectors/TrieTests, README there): every vector's root,
// plain and secure, ordered and any-order; then each vector's final contents committed,
// reopened, read back and proved.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "node/trie/trie_support.hpp"
#include "tenet/node/trie/memory_node_store.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

/// A vector's key or value: hex after "0x", else the string's bytes.
Bytes vector_bytes(const std::string& text) {
  if (text.rfind("0x", 0) == 0) {
    auto decoded = vm::hex_decode(text);
    EXPECT_TRUE(decoded.ok()) << text;
    return decoded.ok() ? *decoded : Bytes{};
  }
  return Bytes(text.begin(), text.end());
}

nlohmann::json load_vectors(const std::string& file) {
  std::ifstream in(std::string(TENET_SOURCE_DIR) + "/tests/node/vectors/TrieTests/" + file);
  EXPECT_TRUE(in.good()) << file;
  return nlohmann::json::parse(in);
}

/// The final contents of a vector: key → value, erased keys removed.
using test::Contents;

/// Applies one (key, value-or-null) pair; null erases.
template <class T>
void apply(T& trie, Contents& contents, const nlohmann::json& key, const nlohmann::json& value) {
  Bytes k = vector_bytes(key.template get<std::string>());
  Bytes v = value.is_null() ? Bytes{} : vector_bytes(value.template get<std::string>());
  ASSERT_TRUE(trie.put(k, v).ok());
  if (v.empty()) {
    contents.erase(k);
  } else {
    contents[k] = v;
  }
}

/// The key a proof of `key` is verified against.
template <class T>
Bytes proof_key(const Bytes& key) {
  if constexpr (std::is_same_v<T, SecureTrie>) {
    Hash256 hashed = vm::keccak256(key);
    return Bytes(hashed.begin(), hashed.end());
  } else {
    return key;
  }
}

/// Commits `trie`, reopens it at its root and checks every key's value and proof.
template <class T>
void check_reopened(T& trie, const Contents& contents) {
  MemoryNodeStore store;
  Hash256 root = trie.commit(store);
  T reopened(&store, root);
  for (const auto& [key, value] : contents) {
    auto got = reopened.get(key);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(*got, std::optional<Bytes>(value));
    auto proof = reopened.prove(key);
    ASSERT_TRUE(proof.ok());
    auto proved = verify_proof(root, proof_key<T>(key), *proof);
    ASSERT_TRUE(proved.ok()) << proved.error().message;
    EXPECT_EQ(*proved, std::optional<Bytes>(value));
  }
}

/// Runs every case of `file`; `in` is a list of pairs (in order) or an object (any order).
template <class T>
void run_file(const std::string& file, std::size_t expected_cases) {
  nlohmann::json vectors = load_vectors(file);
  EXPECT_EQ(vectors.size(), expected_cases);
  for (const auto& [name, test] : vectors.items()) {
    SCOPED_TRACE(file + " " + name);
    T trie(nullptr);
    Contents contents;
    if (test["in"].is_array()) {
      for (const auto& pair : test["in"]) apply(trie, contents, pair[0], pair[1]);
    } else {
      for (const auto& [key, value] : test["in"].items()) {
        apply(trie, contents, nlohmann::json(key), value);
      }
    }
    EXPECT_EQ(vm::hex_encode(trie.root_hash()), test["root"].template get<std::string>());
    check_reopened(trie, contents);
  }
}

TEST(TrieVectors, Trietest) {
  run_file<Trie>("trietest.json", 5);
}
TEST(TrieVectors, TrieAnyOrder) {
  run_file<Trie>("trieanyorder.json", 7);
}
TEST(TrieVectors, TrietestSecure) {
  run_file<SecureTrie>("trietest_secureTrie.json", 3);
}
TEST(TrieVectors, TrieAnyOrderSecure) {
  run_file<SecureTrie>("trieanyorder_secureTrie.json", 7);
}
TEST(TrieVectors, HexEncodedSecure) {
  run_file<SecureTrie>("hex_encoded_securetrie_test.json", 3);
}

/// Any-order vectors must give the same root in reverse order too.
TEST(TrieVectors, TrieAnyOrderReversed) {
  nlohmann::json vectors = load_vectors("trieanyorder.json");
  for (const auto& [name, test] : vectors.items()) {
    SCOPED_TRACE(name);
    std::vector<std::pair<std::string, nlohmann::json>> pairs;
    for (const auto& [key, value] : test["in"].items()) pairs.emplace_back(key, value);
    Trie trie(nullptr);
    Contents contents;
    for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
      apply(trie, contents, nlohmann::json(it->first), it->second);
    }
    EXPECT_EQ(vm::hex_encode(trie.root_hash()), test["root"].template get<std::string>());
  }
}

}  // namespace
}  // namespace tenet::node
