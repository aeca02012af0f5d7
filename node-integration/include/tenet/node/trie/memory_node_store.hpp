#pragma once
/// \file
/// Trie nodes in a map: both a `NodeReader` and a `NodeSink`, for tests, ordered roots and
/// anything that needs a trie without a database.

#include <cstddef>
#include <map>
#include <optional>

#include "tenet/node/trie/node_store.hpp"

namespace tenet::node {

/// An in-memory node store: every node put stays readable by its hash.
class MemoryNodeStore : public NodeReader, public NodeSink {
 public:
  /// The node stored under `hash`, if any.
  std::optional<Bytes> node(const Hash256& hash) const override;
  /// Stores `rlp` under `hash` (overwriting an identical copy).
  void put_node(const Hash256& hash, ByteView rlp) override;
  /// How many distinct nodes are stored.
  std::size_t size() const { return nodes_.size(); }
  /// Replaces the bytes stored under `hash` (tests use it to corrupt a store).
  void overwrite(const Hash256& hash, Bytes rlp) { nodes_[hash] = std::move(rlp); }
  /// Forgets the node stored under `hash` (tests use it to lose a node).
  void erase(const Hash256& hash) { nodes_.erase(hash); }

 private:
  std::map<Hash256, Bytes> nodes_;
};

}  // namespace tenet::node
