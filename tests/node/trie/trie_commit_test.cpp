// Committing and reloading: nodes emitted by hash, lazy loads, archive reads of old roots,
// the cost of a commit in proportion to what changed, and errors from a bad store.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "node/trie/trie_support.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using test::bytes_of;
using test::CountingNodeStore;
using test::spread_key;

/// A value of 32 bytes derived from `n` and `version`.
Bytes value_of(uint64_t n, uint64_t version = 0) {
  return test::spread_key(n * 1'000'003 + version + 7);
}

TEST(TrieCommit, EmptyTrieEmitsNothing) {
  MemoryNodeStore store;
  Trie trie(&store);
  EXPECT_EQ(trie.commit(store), kEmptyTrieRoot);
  EXPECT_EQ(store.size(), 0u);
}

/// A root under 32 bytes is still stored under its hash, so the trie reopens.
TEST(TrieCommit, SmallRootIsStoredByHash) {
  MemoryNodeStore store;
  Trie trie(&store);
  ASSERT_TRUE(trie.put(bytes_of("a"), bytes_of("b")).ok());
  Hash256 root = trie.commit(store);
  EXPECT_EQ(store.size(), 1u);
  Trie reopened(&store, root);
  EXPECT_EQ(*reopened.get(bytes_of("a")), std::optional<Bytes>(bytes_of("b")));
}

TEST(TrieCommit, ReloadRoundTripAndArchive) {
  MemoryNodeStore store;
  test::Contents contents;
  Trie trie(&store);
  for (uint64_t i = 0; i < 500; ++i) {
    ASSERT_TRUE(trie.put(spread_key(i), value_of(i)).ok());
    contents[spread_key(i)] = value_of(i);
  }
  const Hash256 first = trie.commit(store);
  const test::Contents first_contents = contents;
  // Second version, written through a trie reopened at the first root.
  Trie second(&store, first);
  for (uint64_t i = 0; i < 500; i += 3) {
    ASSERT_TRUE(second.put(spread_key(i), value_of(i, 1)).ok());
    contents[spread_key(i)] = value_of(i, 1);
  }
  for (uint64_t i = 1; i < 500; i += 7) {
    ASSERT_TRUE(*second.erase(spread_key(i)));
    contents.erase(spread_key(i));
  }
  const Hash256 second_root = second.commit(store);
  EXPECT_NE(first, second_root);
  // Both roots stay readable, each with its own contents.
  Trie old_view(&store, first);
  Trie new_view(&store, second_root);
  for (uint64_t i = 0; i < 500; ++i) {
    EXPECT_EQ(*old_view.get(spread_key(i)), std::optional<Bytes>(first_contents.at(spread_key(i))));
    auto expected = contents.count(spread_key(i)) ? std::optional<Bytes>(contents.at(spread_key(i)))
                                                  : std::nullopt;
    EXPECT_EQ(*new_view.get(spread_key(i)), expected);
  }
  // A fresh build of the second contents has the same root.
  Trie fresh(nullptr);
  for (const auto& [key, value] : contents) ASSERT_TRUE(fresh.put(key, value).ok());
  EXPECT_EQ(fresh.root_hash(), second_root);
}

/// Committing twice emits nothing new the second time; root_hash() does not emit.
TEST(TrieCommit, CommitEmitsEachNodeOnce) {
  CountingNodeStore store;
  Trie trie(&store);
  for (uint64_t i = 0; i < 100; ++i) ASSERT_TRUE(trie.put(spread_key(i), value_of(i)).ok());
  Hash256 root = trie.root_hash();
  EXPECT_EQ(store.puts, 0u);
  EXPECT_EQ(trie.commit(store), root);
  const std::size_t first_puts = store.puts;
  EXPECT_EQ(first_puts, store.size());
  EXPECT_EQ(trie.commit(store), root);
  EXPECT_EQ(store.puts, first_puts);
}

/// Random writes with a commit and reopen every few steps: the root always equals a fresh
/// build's, a trie reopened at the committed root reads that version, and proofs of random
/// present and absent keys verify to the expected answer.
TEST(TrieCommit, RandomWritesWithCommitsMatchFreshBuild) {
  std::mt19937_64 rng(1186);
  MemoryNodeStore store;
  test::Contents contents;
  Trie trie(&store);
  for (int step = 0; step < 600; ++step) {
    Bytes key = spread_key(rng() % 150);
    key.resize(1 + rng() % 4);  // short keys: prefixes, branch values
    Bytes value;
    if (rng() % 3 != 0) value.assign(1 + rng() % 50, static_cast<uint8_t>(rng()));
    ASSERT_TRUE(trie.put(key, value).ok());
    if (value.empty()) {
      contents.erase(key);
    } else {
      contents[key] = value;
    }
    if (step % 25 == 24) {
      Hash256 root = trie.commit(store);
      Trie fresh(nullptr);
      for (const auto& [k, v] : contents) ASSERT_TRUE(fresh.put(k, v).ok());
      ASSERT_EQ(root, fresh.root_hash()) << "step " << step;
      trie = Trie(&store, root);  // continue from the stored version only
      for (const auto& [k, v] : contents) ASSERT_EQ(*trie.get(k), std::optional<Bytes>(v));
      for (int probe = 0; probe < 10; ++probe) {  // proofs of present and absent keys
        Bytes k = spread_key(rng() % 150);
        k.resize(1 + rng() % 4);
        auto proof = trie.prove(k);
        ASSERT_TRUE(proof.ok());
        auto proved = verify_proof(root, k, *proof);
        ASSERT_TRUE(proved.ok()) << proved.error().message;
        auto it = contents.find(k);
        EXPECT_EQ(*proved, it == contents.end() ? std::nullopt : std::optional<Bytes>(it->second));
      }
    }
  }
}

/// The incremental cost: one changed key in a 10,000-key secure-style trie loads and emits
/// only the nodes on that key's path (its proof's length, O(depth)), not O(n).
TEST(TrieCommit, OneChangeInTenThousandKeysCostsItsPath) {
  CountingNodeStore store;
  Trie build(&store);
  for (uint64_t i = 0; i < 10'000; ++i) ASSERT_TRUE(build.put(spread_key(i), value_of(i)).ok());
  const Hash256 root = build.commit(store);
  const std::size_t stored = store.size();

  Trie reader(&store, root);
  auto proof = reader.prove(spread_key(4321));
  ASSERT_TRUE(proof.ok());
  const std::size_t depth = proof->size();  // hashed nodes on the path, root included
  EXPECT_EQ(depth, 5u);  // four branches and the leaf (log16(10,000) ≈ 3.3 branch levels)
  EXPECT_EQ(stored, 13'850u);

  // Update one key.
  store.reset_counts();
  Trie block(&store, root);
  ASSERT_TRUE(block.put(spread_key(4321), value_of(4321, 1)).ok());
  const Hash256 updated = block.commit(store);
  EXPECT_EQ(store.loads, depth);
  EXPECT_EQ(store.puts, depth);
  EXPECT_EQ(store.size(), stored + depth);  // the old path stays: archive

  // Insert one new key: the path plus at most the leaf it splits.
  store.reset_counts();
  Trie insert(&store, updated);
  ASSERT_TRUE(insert.put(spread_key(10'000), value_of(10'000)).ok());
  (void)insert.commit(store);
  EXPECT_LE(store.loads, depth);
  EXPECT_LE(store.puts, depth + 2);
  EXPECT_EQ(store.loads, 4u);  // this key leaves the path at the fourth branch
  EXPECT_EQ(store.puts, 5u);   // four branches and the new leaf

  // Erase one key: the path plus at most the sibling a collapsing branch absorbs.
  store.reset_counts();
  Trie erase(&store, updated);
  ASSERT_TRUE(*erase.erase(spread_key(4321)));
  (void)erase.commit(store);
  EXPECT_LE(store.loads, depth + 1);
  EXPECT_LE(store.puts, depth);
  EXPECT_EQ(store.loads, 6u);  // the path and the leaf the last branch collapses into
  EXPECT_EQ(store.puts, 4u);   // three branches and the leaf the fourth collapsed into

  // A read loads exactly the path and caches nothing.
  store.reset_counts();
  Trie view(&store, updated);
  EXPECT_EQ(*view.get(spread_key(4321)), std::optional<Bytes>(value_of(4321, 1)));
  EXPECT_EQ(*view.get(spread_key(4321)), std::optional<Bytes>(value_of(4321, 1)));
  EXPECT_EQ(store.loads, 2 * depth);
  EXPECT_EQ(store.puts, 0u);
}

TEST(TrieCommit, MissingNodeIsAnErrorNamingItsHash) {
  MemoryNodeStore store;
  Trie trie(&store);
  for (uint64_t i = 0; i < 50; ++i) ASSERT_TRUE(trie.put(spread_key(i), value_of(i)).ok());
  Hash256 root = trie.commit(store);
  store.erase(root);
  Trie reopened(&store, root);
  auto got = reopened.get(spread_key(1));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "missing trie node " + vm::hex_encode(root));
  auto put = reopened.put(spread_key(1), bytes_of("x"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().message, "missing trie node " + vm::hex_encode(root));
  auto proof = reopened.prove(spread_key(1));
  ASSERT_FALSE(proof.ok());
  // A trie without a reader cannot load anything.
  Trie detached(nullptr, root);
  EXPECT_EQ(detached.get(spread_key(1)).error().message,
            "missing trie node " + vm::hex_encode(root));
}

TEST(TrieCommit, StoredBytesThatHashDifferentlyAreAnError) {
  MemoryNodeStore store;
  Trie trie(&store);
  for (uint64_t i = 0; i < 50; ++i) ASSERT_TRUE(trie.put(spread_key(i), value_of(i)).ok());
  Hash256 root = trie.commit(store);
  Bytes corrupted = *store.node(root);
  corrupted.back() ^= 1;
  store.overwrite(root, corrupted);
  auto got = Trie(&store, root).get(spread_key(1));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message,
            "malformed trie node " + vm::hex_encode(root) + ": its bytes hash differently");
}

/// Nodes that hash correctly but do not decode: each refused with its reason.
TEST(TrieCommit, MalformedNodesAreErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"0x83616263", "not a list"},
      {"0xc3010203", "list of 3 items"},
      {"0xc20102ff", "rlp: input contains more than one value at byte 3"},
      {"0xc3810180",
       "rlp: non-canonical size information (single byte below 0x80 wrapped in a string) at byte "
       "1"},
      {"0xc24080", "path flag nibble above 3"},
      {"0xc21180", "extension without a child"},
      {"0xc3008180", "extension with an empty path"},
      {"0xc41182abcd", "child reference of 2 bytes"},
      {"0xc3c12080", "path is a list"},
      {"0xc20180", "even path with a non-zero pad nibble"},
      {"0xc220c0", "leaf value is a list"},
      {"0xc28201", "rlp: value size exceeds available input length at byte 1"},
      {"0xf8020180", "rlp: non-canonical size information at byte 0"},
      {"0xc4b8000180", "rlp: non-canonical size information (leading zero bytes) at byte 1"},
  };
  for (const auto& [hex, reason] : cases) {
    SCOPED_TRACE(hex);
    Bytes rlp = *vm::hex_decode(hex);
    MemoryNodeStore store;
    Hash256 hash = vm::keccak256(rlp);
    store.put_node(hash, rlp);
    auto got = Trie(&store, hash).get(bytes_of("k"));
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().message,
              "malformed trie node " + vm::hex_encode(hash) + ": " + std::string(reason));
  }
}

}  // namespace
}  // namespace tenet::node
