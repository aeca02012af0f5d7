// The Merkle Patricia Trie: lazy loading, writes along one path, incremental commit
// (see trie.hpp).
#include "tenet/node/trie/trie.hpp"

#include <algorithm>

#include "node.hpp"
#include "node_codec.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::node {

namespace {

using detail::NodeKind;
using detail::TrieNode;
using detail::TrieRef;
using Nibbles = std::span<const uint8_t>;

/// How many leading nibbles `a` and `b` share.
std::size_t common_prefix(Nibbles a, Nibbles b) {
  auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return static_cast<std::size_t>(ia - a.begin());
}

/// `a` followed by `b`.
Bytes concat(Nibbles a, Nibbles b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

/// A reference holding `node`.
TrieRef hold(std::unique_ptr<TrieNode> node) {
  TrieRef ref;
  ref.node = std::move(node);
  return ref;
}

/// Marks `node` as changed: its encoding is stale and it must be emitted again.
void touch(TrieNode& node) {
  node.dirty = true;
  node.unsaved = true;
}

/// Writes and erases along one path, loading unloaded nodes through `reader`.
class PathEditor {
 public:
  explicit PathEditor(const NodeReader* reader) : reader_(reader) {}

  /// Loads `ref`'s node into memory if it is an unloaded hash.
  Result<bool> resolve(TrieRef& ref) const {
    if (!ref.hashed || ref.node) return true;
    auto node = detail::load_node(reader_, ref.hash);
    if (!node.ok()) return node.error();
    ref.node = std::move(*node);
    ref.hashed = false;
    return true;
  }

  /// Sets the value at `rest` below `ref` (non-empty `value`); returns whether it changed.
  Result<bool> insert(TrieRef& ref, Nibbles rest, ByteView value) {
    if (ref.empty()) {
      ref =
          hold(TrieNode::leaf(Bytes(rest.begin(), rest.end()), Bytes(value.begin(), value.end())));
      return true;
    }
    if (auto loaded = resolve(ref); !loaded.ok()) return loaded;
    TrieNode& node = *ref.node;
    if (node.kind == NodeKind::Branch) {
      if (rest.empty()) return set_value(node, value);
      auto changed = insert(node.children[rest[0]], rest.subspan(1), value);
      if (changed.ok() && *changed) touch(node);
      return changed;
    }
    const std::size_t shared = common_prefix(node.path, rest);
    if (node.kind == NodeKind::Leaf && shared == node.path.size() && shared == rest.size()) {
      return set_value(node, value);
    }
    if (node.kind == NodeKind::Extension && shared == node.path.size()) {
      auto changed = insert(node.children[0], rest.subspan(shared), value);
      if (changed.ok() && *changed) touch(node);
      return changed;
    }
    split(ref, shared, rest, value);
    return true;
  }

  /// Erases the value at `rest` below `ref`; returns whether it was there.
  Result<bool> erase(TrieRef& ref, Nibbles rest) {
    if (ref.empty()) return false;
    if (auto loaded = resolve(ref); !loaded.ok()) return loaded;
    TrieNode& node = *ref.node;
    if (node.kind == NodeKind::Leaf) {
      if (!std::equal(node.path.begin(), node.path.end(), rest.begin(), rest.end())) return false;
      ref = TrieRef{};
      return true;
    }
    if (node.kind == NodeKind::Extension) {
      const std::size_t shared = common_prefix(node.path, rest);
      if (shared != node.path.size()) return false;
      auto changed = erase(node.children[0], rest.subspan(shared));
      if (!changed.ok() || !*changed) return changed;
      return absorb_child(ref);
    }
    if (rest.empty()) {
      if (node.value.empty()) return false;
      node.value.clear();
    } else {
      auto changed = erase(node.children[rest[0]], rest.subspan(1));
      if (!changed.ok() || !*changed) return changed;
    }
    return collapse_branch(ref);
  }

 private:
  /// Sets a leaf's or branch's value; returns whether it changed.
  static Result<bool> set_value(TrieNode& node, ByteView value) {
    if (std::equal(node.value.begin(), node.value.end(), value.begin(), value.end())) return false;
    node.value.assign(value.begin(), value.end());
    touch(node);
    return true;
  }

  /// Replaces the leaf or extension at `ref` (sharing `shared` nibbles with `rest`) by a
  /// branch holding both it and the new value, under an extension when `shared` > 0.
  static void split(TrieRef& ref, std::size_t shared, Nibbles rest, ByteView value) {
    std::unique_ptr<TrieNode> old = std::move(ref.node);
    auto branch = TrieNode::branch();
    Nibbles old_path = old->path;
    if (shared == old_path.size()) {  // only a leaf can end here: its value moves up
      branch->value = std::move(old->value);
    } else if (old->kind == NodeKind::Leaf) {
      branch->children[old_path[shared]] = hold(TrieNode::leaf(
          Bytes(old_path.begin() + shared + 1, old_path.end()), std::move(old->value)));
    } else if (shared + 1 == old_path.size()) {
      branch->children[old_path[shared]] = std::move(old->children[0]);
    } else {
      branch->children[old_path[shared]] = hold(TrieNode::extension(
          Bytes(old_path.begin() + shared + 1, old_path.end()), std::move(old->children[0])));
    }
    if (shared == rest.size()) {
      branch->value.assign(value.begin(), value.end());
    } else {
      branch->children[rest[shared]] = hold(TrieNode::leaf(
          Bytes(rest.begin() + shared + 1, rest.end()), Bytes(value.begin(), value.end())));
    }
    if (shared == 0) {
      ref = hold(std::move(branch));
    } else {
      ref = hold(
          TrieNode::extension(Bytes(rest.begin(), rest.begin() + shared), hold(std::move(branch))));
    }
  }

  /// After an erase below the extension at `ref`: merges it with its child when the child
  /// became a leaf or an extension. Returns true (the trie changed).
  Result<bool> absorb_child(TrieRef& ref) {
    TrieNode& ext = *ref.node;
    TrieRef& child = ext.children[0];
    if (child.empty()) {  // only a malformed store puts a leaf under an extension
      ref = TrieRef{};
      return true;
    }
    if (auto loaded = resolve(child); !loaded.ok()) return loaded;
    TrieNode& inner = *child.node;
    if (inner.kind == NodeKind::Leaf) {
      ref = hold(TrieNode::leaf(concat(ext.path, inner.path), std::move(inner.value)));
    } else if (inner.kind == NodeKind::Extension) {
      ref = hold(TrieNode::extension(concat(ext.path, inner.path), std::move(inner.children[0])));
    } else {
      touch(ext);
    }
    return true;
  }

  /// After an erase in the branch at `ref`: keeps it if two or more entries remain, else
  /// collapses it into a leaf or an extension. Returns true (the trie changed).
  Result<bool> collapse_branch(TrieRef& ref) {
    TrieNode& branch = *ref.node;
    std::size_t entries = branch.value.empty() ? 0 : 1;
    std::size_t last = 16;
    for (std::size_t i = 0; i < 16; ++i) {
      if (!branch.children[i].empty()) {
        ++entries;
        last = i;
      }
    }
    if (entries >= 2) {
      touch(branch);
      return true;
    }
    if (entries == 0) {
      ref = TrieRef{};
      return true;
    }
    if (last == 16) {
      ref = hold(TrieNode::leaf({}, std::move(branch.value)));
      return true;
    }
    TrieRef& only = branch.children[last];
    if (auto loaded = resolve(only); !loaded.ok()) return loaded;
    TrieNode& inner = *only.node;
    const uint8_t nibble[1] = {static_cast<uint8_t>(last)};
    if (inner.kind == NodeKind::Leaf) {
      ref = hold(TrieNode::leaf(concat(nibble, inner.path), std::move(inner.value)));
    } else if (inner.kind == NodeKind::Extension) {
      ref = hold(TrieNode::extension(concat(nibble, inner.path), std::move(inner.children[0])));
    } else {
      ref = hold(TrieNode::extension(Bytes{nibble[0]}, std::move(only)));
    }
    return true;
  }

  const NodeReader* reader_;
};

/// Emits every unsaved node below and including `node` (the root when `is_root`).
void emit(TrieNode& node, NodeSink& sink, bool is_root) {
  if (!node.unsaved) return;
  for (TrieRef& child : node.children) {
    if (child.node) emit(*child.node, sink, false);
  }
  if (node.rlp.size() >= 32) {
    sink.put_node(node.hash, node.rlp);
  } else if (is_root) {
    sink.put_node(vm::keccak256(node.rlp), node.rlp);
  }
  node.unsaved = false;
}

}  // namespace

Trie::Trie(const NodeReader* reader, const Hash256& root)
    : reader_(reader), root_(std::make_unique<TrieRef>()) {
  if (root != kEmptyTrieRoot) {
    root_->hash = root;
    root_->hashed = true;
  }
}

Trie::~Trie() = default;
Trie::Trie(Trie&&) noexcept = default;
Trie& Trie::operator=(Trie&&) noexcept = default;

Result<bool> Trie::put(ByteView key, ByteView value) {
  if (value.empty()) return erase(key);
  Bytes path = detail::to_nibbles(key);
  return PathEditor(reader_).insert(*root_, path, value);
}

Result<bool> Trie::erase(ByteView key) {
  Bytes path = detail::to_nibbles(key);
  return PathEditor(reader_).erase(*root_, path);
}

Hash256 Trie::root_hash() {
  if (root_->empty()) return kEmptyTrieRoot;
  if (!root_->node) return root_->hash;
  TrieNode& root = *root_->node;
  detail::seal(root);
  return root.rlp.size() >= 32 ? root.hash : vm::keccak256(root.rlp);
}

Hash256 Trie::commit(NodeSink& sink) {
  Hash256 root = root_hash();
  if (root_->node) emit(*root_->node, sink, true);
  return root;
}

Result<std::optional<Bytes>> SecureTrie::get(ByteView key) const {
  return trie_.get(vm::keccak256(key));
}

Result<bool> SecureTrie::put(ByteView key, ByteView value) {
  return trie_.put(vm::keccak256(key), value);
}

Result<bool> SecureTrie::erase(ByteView key) {
  return trie_.erase(vm::keccak256(key));
}

Result<std::vector<Bytes>> SecureTrie::prove(ByteView key) const {
  return trie_.prove(vm::keccak256(key));
}

}  // namespace tenet::node
