#pragma once
/// \file
/// A bounded cache of trie nodes in front of a slower `NodeReader` (the store): sharded LRU,
/// safe for concurrent readers. Nodes are immutable (keyed by their hash), so a cached node
/// never goes stale; only nodes that are stored (or being stored) may be inserted.

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "tenet/node/trie/node_store.hpp"

namespace tenet::node {

/// A sharded LRU cache of nodes, itself a `NodeReader`: a miss reads `backing` and keeps the
/// node. Thread-safe (one mutex per shard); the backing reader must be safe to call from
/// several threads if the cache is.
class NodeCache : public NodeReader {
 public:
  /// Counters, summed over the shards.
  struct Stats {
    std::size_t hits = 0;     ///< reads answered from the cache
    std::size_t misses = 0;   ///< reads passed to the backing reader
    std::size_t entries = 0;  ///< nodes held
    std::size_t bytes = 0;    ///< bytes charged for them (node size + a fixed overhead)
  };

  /// The default capacity: 64 MiB.
  static constexpr std::size_t kDefaultCapacity = std::size_t{64} << 20;
  /// The bytes charged per node besides its RLP (list and map entries).
  static constexpr std::size_t kEntryOverhead = 96;

  /// A cache of at most `capacity_bytes` (split evenly over `shards`) in front of `backing`.
  explicit NodeCache(const NodeReader& backing, std::size_t capacity_bytes = kDefaultCapacity,
                     std::size_t shards = 16);
  ~NodeCache() override;
  NodeCache(const NodeCache&) = delete;
  NodeCache& operator=(const NodeCache&) = delete;

  /// The node from the cache, else from the backing reader (then cached); none if neither
  /// has it (a miss is not remembered).
  std::optional<Bytes> node(const Hash256& hash) const override;
  /// Caches a node just written to the backing store (the chain thread after a block).
  void insert(const Hash256& hash, ByteView rlp);
  /// The counters.
  Stats stats() const;

 private:
  struct Shard;
  Shard& shard_of(const Hash256& hash) const;

  const NodeReader& backing_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace tenet::node
