// Roots of ordered lists (transactions, receipts): keys are RLP(index) (see ordered_root.hpp).
#include "tenet/node/trie/ordered_root.hpp"

#include "node_codec.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node {

Hash256 ordered_trie_root(std::span<const Bytes> values) {
  Trie trie(nullptr);
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Every node is in memory: a put into a trie built from empty never reads a node.
    (void)trie.put(detail::rlp_uint(i), values[i]);
  }
  return trie.root_hash();
}

}  // namespace tenet::node
