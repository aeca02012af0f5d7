#pragma once
// The trie's in-memory nodes (private to src/trie): a node is a leaf, an extension or a
// branch; a reference to a child is empty, a hash not loaded yet, or a node in memory. Nodes
// cache their RLP and hash until a write marks them dirty; `unsaved` nodes have not been
// emitted to a sink yet.

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "tenet/node/common/types.hpp"
#include "tenet/node/trie/node_store.hpp"

namespace tenet::node::detail {

struct TrieNode;

/// A reference to a child (or to the root): empty, an unloaded hash, or a node in memory.
struct TrieRef {
  std::unique_ptr<TrieNode> node;  ///< the node, when in memory
  Hash256 hash{};                  ///< the node's hash, when `hashed` and not in memory
  bool hashed = false;             ///< true for an unloaded hash reference

  /// True when the reference points at nothing.
  bool empty() const { return !node && !hashed; }
};

/// The three kinds of node.
enum class NodeKind : uint8_t { Leaf, Extension, Branch };

/// One node.
struct TrieNode {
  NodeKind kind = NodeKind::Leaf;
  Bytes path;                     ///< leaf and extension: the nibbles this node consumes
  Bytes value;                    ///< leaf: the value; branch: the value ending here (or empty)
  std::vector<TrieRef> children;  ///< branch: 16; extension: 1; leaf: none
  bool dirty = true;              ///< the cached encoding is stale
  bool unsaved = true;            ///< not yet emitted to a sink
  Bytes rlp;                      ///< the encoding, when not dirty
  Hash256 hash{};                 ///< keccak256(rlp), when not dirty and rlp is 32+ bytes

  /// A new (dirty) leaf.
  static std::unique_ptr<TrieNode> leaf(Bytes path, Bytes value);
  /// A new (dirty) extension over `child`.
  static std::unique_ptr<TrieNode> extension(Bytes path, TrieRef child);
  /// A new (dirty) empty branch.
  static std::unique_ptr<TrieNode> branch();
};

/// Decodes the stored node `rlp` (clean, saved); embedded children are decoded too, hashed
/// ones stay unloaded references. The error says what is malformed.
Result<std::unique_ptr<TrieNode>> decode_node(ByteView rlp);

/// Loads the node `hash` from `reader` (which may be null) and checks it hashes to `hash`.
/// Errors: "missing trie node 0x…", "malformed trie node 0x…: <why>".
Result<std::unique_ptr<TrieNode>> load_node(const NodeReader* reader, const Hash256& hash);

/// Computes and caches the encoding (and hash) of `node` and of its dirty descendants.
void seal(TrieNode& node);
/// The encoding of `node` without caching anything (for const readers).
Bytes fresh_rlp(const TrieNode& node);
/// The item a parent holds for a reference whose encoding is current: 0x80 for empty, the
/// RLP of a 32-byte hash, or an embedded node's own RLP (under 32 bytes).
void append_clean_ref(Bytes& out, const TrieRef& ref);

/// Follows `key` (nibbles) from `root`, loading unloaded nodes from `reader` without caching
/// them, and calls `visit(node, is_root)` for each node on the path, root first; returns the
/// value at the end of the path, or none where it ends in an empty slot or diverges.
Result<std::optional<Bytes>> walk_path(const NodeReader* reader, const TrieRef& root, ByteView key,
                                       const std::function<void(const TrieNode&, bool)>& visit);

}  // namespace tenet::node::detail
