#pragma once
// Helpers shared by the trie tests: byte strings from text, and a node store that counts
// the loads and puts a trie makes.

#include <algorithm>
#include <cstddef>
#include <map>
#include <string_view>

#include "tenet/node/trie/memory_node_store.hpp"

namespace tenet::node::test {

/// The bytes of `text`.
inline Bytes bytes_of(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

/// The 32-byte big-endian encoding of `n` hashed with keccak256 (a uniformly spread key).
inline Bytes spread_key(uint64_t n) {
  Bytes raw(8);
  for (int i = 0; i < 8; ++i) raw[i] = static_cast<uint8_t>(n >> (56 - 8 * i));
  Hash256 h = vm::keccak256(raw);
  return Bytes(h.begin(), h.end());
}

/// Orders byte strings lexicographically (a plain loop: GCC 12 at -O3 warns falsely about
/// the memcmp std::less<std::vector<uint8_t>> inlines).
struct BytesLess {
  bool operator()(const Bytes& a, const Bytes& b) const {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return a[i] < b[i];
    }
    return a.size() < b.size();
  }
};

/// Expected trie contents: key → value.
using Contents = std::map<Bytes, Bytes, BytesLess>;

/// A MemoryNodeStore that counts how many nodes were read from it and written to it.
class CountingNodeStore : public MemoryNodeStore {
 public:
  std::optional<Bytes> node(const Hash256& hash) const override {
    ++loads;
    return MemoryNodeStore::node(hash);
  }
  void put_node(const Hash256& hash, ByteView rlp) override {
    ++puts;
    MemoryNodeStore::put_node(hash, rlp);
  }
  /// Resets both counters.
  void reset_counts() { loads = puts = 0; }

  mutable std::size_t loads = 0;
  std::size_t puts = 0;
};

}  // namespace tenet::node::test
