// The trie's readers: get and prove walk one path without caching (see trie.hpp).
#include "node.hpp"
#include "node_codec.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node {

Result<std::optional<Bytes>> Trie::get(ByteView key) const {
  Bytes path = detail::to_nibbles(key);
  return detail::walk_path(reader_, *root_, path, [](const detail::TrieNode&, bool) {});
}

Result<std::vector<Bytes>> Trie::prove(ByteView key) const {
  Bytes path = detail::to_nibbles(key);
  std::vector<Bytes> proof;
  auto walked = detail::walk_path(reader_, *root_, path,
                                  [&proof](const detail::TrieNode& node, bool is_root) {
                                    Bytes rlp = detail::fresh_rlp(node);
                                    if (is_root || rlp.size() >= 32)
                                      proof.push_back(std::move(rlp));
                                  });
  if (!walked.ok()) return walked.error();
  return proof;
}

}  // namespace tenet::node
