#pragma once
/// \file
/// Ethereum's Merkle Patricia Trie (Yellow Paper appendix D), incremental and archival.
///
/// A `Trie` starts from a root hash and loads nodes lazily by hash through a `NodeReader`:
/// a read or write touches only the nodes on its key's path, and subtrees it never visits stay
/// hash references that are never loaded. Writes copy their path into memory and mark it dirty;
/// `commit` hashes the dirty nodes bottom-up and emits only them to a `NodeSink`, so a commit
/// costs in proportion to what changed (keys × depth), not to the trie's size. Nodes are never
/// deleted: every root once committed stays readable (archive).
///
/// Node encoding: leaf `[HP(path, leaf), value]`, extension `[HP(path, ext), child]`, branch
/// `[c0, …, c15, value]`; a child whose RLP is under 32 bytes is embedded in its parent, else
/// it is referenced by keccak256 of its RLP. The root hash is keccak256 of the root node's RLP.
///
/// Not thread-safe for writers; const members (get, prove, …) may run concurrently with each
/// other (they never cache). After a write returns an error (a missing or malformed node) the
/// trie's contents are unspecified: discard it.

#include <memory>
#include <optional>
#include <vector>

#include "tenet/node/common/types.hpp"
#include "tenet/node/trie/node_store.hpp"

namespace tenet::node {

/// The root of the empty trie: keccak256(RLP("")) = keccak256(0x80) =
/// 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421.
inline constexpr Hash256 kEmptyTrieRoot = {
    0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
    0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21,
};

namespace detail {
struct TrieRef;
}  // namespace detail

/// A Merkle Patricia Trie over byte-string keys and values.
class Trie {
 public:
  /// The trie whose root is `root`, reading unloaded nodes from `reader` (may be null for a
  /// trie built only in memory; reading a node then fails as missing).
  explicit Trie(const NodeReader* reader, const Hash256& root = kEmptyTrieRoot);
  ~Trie();
  Trie(Trie&&) noexcept;
  Trie& operator=(Trie&&) noexcept;
  Trie(const Trie&) = delete;
  Trie& operator=(const Trie&) = delete;

  /// The value under `key`, or none. Errors: "missing trie node 0x…" when the reader lacks a
  /// node on the path, "malformed trie node 0x…: <why>" when a stored node does not decode or
  /// does not hash to its reference.
  Result<std::optional<Bytes>> get(ByteView key) const;
  /// Sets `key` to `value`; an empty `value` erases `key` (and re-normalises the structure: a
  /// branch left with one entry collapses into a leaf or an extension). Returns whether the
  /// trie changed. Errors as `get`.
  Result<bool> put(ByteView key, ByteView value);
  /// Erases `key` (same as `put(key, {})`).
  Result<bool> erase(ByteView key);
  /// The root hash of the current contents (hashes dirty nodes, emits nothing).
  Hash256 root_hash();
  /// Hashes the dirty nodes and emits each node not emitted before (every node of 32 bytes or
  /// more, and the root node whatever its size) to `sink`; returns the root hash. Nothing
  /// is emitted for the empty trie.
  Hash256 commit(NodeSink& sink);
  /// EIP-1186: the RLP of every hashed node on `key`'s path, root first (empty for the empty
  /// trie); it proves the value or the key's absence (see `verify_proof`). Errors as `get`.
  Result<std::vector<Bytes>> prove(ByteView key) const;

 private:
  const NodeReader* reader_;
  std::unique_ptr<detail::TrieRef> root_;
};

/// A trie whose keys are hashed with keccak256 before use (the state and storage tries):
/// paths are uniform and 64 nibbles deep, whatever the keys.
class SecureTrie {
 public:
  /// The secure trie whose root is `root`, reading unloaded nodes from `reader`.
  explicit SecureTrie(const NodeReader* reader, const Hash256& root = kEmptyTrieRoot)
      : trie_(reader, root) {}
  /// The value under keccak256(`key`), or none.
  Result<std::optional<Bytes>> get(ByteView key) const;
  /// Sets keccak256(`key`) to `value`; an empty value erases.
  Result<bool> put(ByteView key, ByteView value);
  /// Erases keccak256(`key`).
  Result<bool> erase(ByteView key);
  /// The root hash of the current contents.
  Hash256 root_hash() { return trie_.root_hash(); }
  /// Emits the changed nodes to `sink`; returns the root hash.
  Hash256 commit(NodeSink& sink) { return trie_.commit(sink); }
  /// The proof for keccak256(`key`); verify it with `verify_proof(root, keccak256(key), …)`.
  Result<std::vector<Bytes>> prove(ByteView key) const;

 private:
  Trie trie_;
};

}  // namespace tenet::node
