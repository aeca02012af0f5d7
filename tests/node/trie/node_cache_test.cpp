// The node cache: hits and misses, fresh nodes inserted, eviction within the capacity, misses
// not remembered, concurrent readers.
#include "tenet/node/trie/node_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "node/trie/trie_support.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node {
namespace {

using test::CountingNodeStore;
using test::spread_key;

/// A committed 1,000-key trie in `store`; returns its root.
Hash256 build(NodeSink& sink) {
  Trie trie(nullptr);
  for (uint64_t i = 0; i < 1'000; ++i) EXPECT_TRUE(trie.put(spread_key(i), spread_key(i + 1)).ok());
  return trie.commit(sink);
}

TEST(NodeCache, SecondReadIsServedFromTheCache) {
  CountingNodeStore store;
  const Hash256 root = build(store);
  const std::size_t hashed_path = Trie(&store, root).prove(spread_key(7))->size();
  NodeCache cache(store);
  Trie trie(&cache, root);
  store.reset_counts();
  EXPECT_EQ(*trie.get(spread_key(7)), std::optional<Bytes>(spread_key(8)));
  const std::size_t path = store.loads;
  EXPECT_EQ(path, hashed_path);
  EXPECT_EQ(*trie.get(spread_key(7)), std::optional<Bytes>(spread_key(8)));
  EXPECT_EQ(store.loads, path);  // nothing more from the store
  NodeCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.misses, path);
  EXPECT_EQ(stats.hits, path);
  EXPECT_EQ(stats.entries, path);
}

TEST(NodeCache, InsertedNodesNeverReachTheStore) {
  CountingNodeStore store;
  MemoryNodeStore fresh;
  const Hash256 root = build(fresh);
  NodeCache cache(store);
  for (uint64_t i = 0; i < 1'000; ++i) {
    auto proof = Trie(&fresh, root).prove(spread_key(i));
    ASSERT_TRUE(proof.ok());
    for (const Bytes& node : *proof) cache.insert(vm::keccak256(node), node);
  }
  store.reset_counts();
  Trie trie(&cache, root);  // the store itself holds nothing: every node comes from the cache
  for (uint64_t i = 0; i < 1'000; ++i) {
    EXPECT_EQ(*trie.get(spread_key(i)), std::optional<Bytes>(spread_key(i + 1)));
  }
  EXPECT_EQ(store.loads, 0u);
}

TEST(NodeCache, StaysWithinItsCapacity) {
  MemoryNodeStore store;
  const Hash256 root = build(store);
  const std::size_t capacity = 16 * 1024;
  NodeCache cache(store, capacity, 4);
  Trie trie(&cache, root);
  for (uint64_t i = 0; i < 1'000; ++i) {
    EXPECT_EQ(*trie.get(spread_key(i)), std::optional<Bytes>(spread_key(i + 1)));
  }
  NodeCache::Stats stats = cache.stats();
  EXPECT_LE(stats.bytes, capacity);
  EXPECT_GT(stats.entries, 10u);
  EXPECT_LT(stats.entries, store.size());
}

TEST(NodeCache, MissesAreNotRemembered) {
  MemoryNodeStore store;
  NodeCache cache(store);
  const Bytes rlp = test::bytes_of("a node's bytes");
  const Hash256 hash = vm::keccak256(rlp);
  EXPECT_FALSE(cache.node(hash).has_value());
  store.put_node(hash, rlp);
  EXPECT_EQ(cache.node(hash), std::optional<Bytes>(rlp));
}

TEST(NodeCache, ConcurrentReaders) {
  MemoryNodeStore store;
  const Hash256 root = build(store);
  NodeCache cache(store, 64 * 1024, 8);  // small: readers evict each other's nodes
  const Trie trie(&cache, root);
  std::vector<std::thread> readers;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (uint64_t i = 0; i < 1'000; ++i) {
        uint64_t key = (i * 7 + static_cast<uint64_t>(t) * 250) % 1'000;
        auto got = trie.get(spread_key(key));
        if (!got.ok() || *got != std::optional<Bytes>(spread_key(key + 1))) ++wrong[t];
      }
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace tenet::node
