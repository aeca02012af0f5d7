// The sharded LRU node cache (see node_cache.hpp).
#include "tenet/node/trie/node_cache.hpp"

#include <cstring>
#include <list>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace tenet::node {
namespace {

/// Hashes a node hash for the map: eight of its bytes (already uniformly spread).
struct HashOfHash {
  std::size_t operator()(const Hash256& h) const {
    std::size_t v = 0;
    std::memcpy(&v, h.data() + 8, sizeof v);  // bytes 0-1 pick the shard, 8-15 the bucket
    return v;
  }
};

}  // namespace

/// One shard: an LRU list (front = most recent) and an index into it.
struct NodeCache::Shard {
  using Entry = std::pair<Hash256, Bytes>;

  /// The node, moved to the front, or none.
  std::optional<Bytes> find(const Hash256& hash) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = index.find(hash);
    if (it == index.end()) {
      ++misses;
      return std::nullopt;
    }
    ++hits;
    lru.splice(lru.begin(), lru, it->second);
    return it->second->second;
  }

  /// Adds the node at the front (or refreshes it), then evicts from the back to fit.
  void add(const Hash256& hash, ByteView rlp) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = index.find(hash);
    if (it != index.end()) {
      lru.splice(lru.begin(), lru, it->second);
      return;
    }
    const std::size_t cost = rlp.size() + kEntryOverhead;
    if (cost > capacity) return;
    lru.emplace_front(hash, Bytes(rlp.begin(), rlp.end()));
    index.emplace(hash, lru.begin());
    bytes += cost;
    while (bytes > capacity) {
      bytes -= lru.back().second.size() + kEntryOverhead;
      index.erase(lru.back().first);
      lru.pop_back();
    }
  }

  std::mutex mutex;
  std::list<Entry> lru;
  std::unordered_map<Hash256, std::list<Entry>::iterator, HashOfHash> index;
  std::size_t capacity = 0;
  std::size_t bytes = 0;
  std::size_t hits = 0;
  std::size_t misses = 0;
};

NodeCache::NodeCache(const NodeReader& backing, std::size_t capacity_bytes, std::size_t shards)
    : backing_(backing) {
  if (shards == 0) shards = 1;
  for (std::size_t i = 0; i < shards; ++i) {
    shards_.push_back(std::make_unique<Shard>());
    shards_.back()->capacity = capacity_bytes / shards;
  }
}

NodeCache::~NodeCache() = default;

NodeCache::Shard& NodeCache::shard_of(const Hash256& hash) const {
  const std::size_t pick = (std::size_t{hash[0]} << 8) | hash[1];
  return *shards_[pick % shards_.size()];
}

std::optional<Bytes> NodeCache::node(const Hash256& hash) const {
  Shard& shard = shard_of(hash);
  if (auto cached = shard.find(hash)) return cached;
  std::optional<Bytes> loaded = backing_.node(hash);
  if (loaded) shard.add(hash, *loaded);
  return loaded;
}

void NodeCache::insert(const Hash256& hash, ByteView rlp) {
  shard_of(hash).add(hash, rlp);
}

NodeCache::Stats NodeCache::stats() const {
  Stats total;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mutex);
    total.hits += shard->hits;
    total.misses += shard->misses;
    total.entries += shard->lru.size();
    total.bytes += shard->bytes;
  }
  return total;
}

}  // namespace tenet::node
