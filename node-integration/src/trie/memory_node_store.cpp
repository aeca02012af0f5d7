// Trie nodes in a map (see memory_node_store.hpp).
#include "tenet/node/trie/memory_node_store.hpp"

namespace tenet::node {

std::optional<Bytes> MemoryNodeStore::node(const Hash256& hash) const {
  auto it = nodes_.find(hash);
  if (it == nodes_.end()) return std::nullopt;
  return it->second;
}

void MemoryNodeStore::put_node(const Hash256& hash, ByteView rlp) {
  nodes_[hash] = Bytes(rlp.begin(), rlp.end());
}

}  // namespace tenet::node
