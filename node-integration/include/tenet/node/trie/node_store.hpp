#pragma once
/// \file
/// Where trie nodes live: a trie reads the nodes it has not loaded yet by hash from a
/// `NodeReader` and emits the nodes a commit changed to a `NodeSink`. Nodes are keyed by
/// keccak256 of their RLP and never deleted, so every root ever committed stays readable.

#include <optional>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// Reads trie nodes by hash (the store, a cache, or a map in tests).
class NodeReader {
 public:
  virtual ~NodeReader() = default;
  /// The RLP of the node whose keccak256 is `hash`, or none when it is not stored.
  virtual std::optional<Bytes> node(const Hash256& hash) const = 0;
};

/// Receives the nodes a commit created: `rlp` is the node's encoding and `hash` its keccak256.
class NodeSink {
 public:
  virtual ~NodeSink() = default;
  /// Stores one node; storing the same node twice is harmless (same key, same bytes).
  virtual void put_node(const Hash256& hash, ByteView rlp) = 0;
};

}  // namespace tenet::node
