// The trie's nodes: construction, decoding, encoding (see node.hpp).
#include "node.hpp"

#include <algorithm>
#include <functional>
#include <string>

#include "node_codec.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::node::detail {
namespace {

constexpr std::size_t kHashSize = 32;
constexpr std::size_t kBranchItems = 17;

/// Decodes a child reference item: empty string, 32-byte hash, or embedded node.
Result<TrieRef> decode_ref(const RlpItem& item) {
  TrieRef ref;
  if (item.is_list) {
    if (item.encoding.size() >= kHashSize) return vm::Error{"embedded node of 32 bytes or more"};
    auto child = decode_node(item.encoding);
    if (!child.ok()) return child.error();
    ref.node = std::move(*child);
    return ref;
  }
  if (item.payload.empty()) return ref;
  if (item.payload.size() != kHashSize) {
    return vm::Error{"child reference of " + std::to_string(item.payload.size()) + " bytes"};
  }
  std::copy(item.payload.begin(), item.payload.end(), ref.hash.begin());
  ref.hashed = true;
  return ref;
}

/// Decodes a two-item node (leaf or extension).
Result<std::unique_ptr<TrieNode>> decode_short(const std::vector<RlpItem>& items) {
  if (items[0].is_list) return vm::Error{"path is a list"};
  auto path = hex_prefix_decode(items[0].payload);
  if (!path.ok()) return path.error();
  if (path->leaf) {
    if (items[1].is_list) return vm::Error{"leaf value is a list"};
    return TrieNode::leaf(std::move(path->nibbles),
                          Bytes(items[1].payload.begin(), items[1].payload.end()));
  }
  if (path->nibbles.empty()) return vm::Error{"extension with an empty path"};
  auto child = decode_ref(items[1]);
  if (!child.ok()) return child.error();
  if (child->empty()) return vm::Error{"extension without a child"};
  return TrieNode::extension(std::move(path->nibbles), std::move(*child));
}

/// Decodes a seventeen-item branch.
Result<std::unique_ptr<TrieNode>> decode_branch(const std::vector<RlpItem>& items) {
  auto node = TrieNode::branch();
  for (std::size_t i = 0; i < 16; ++i) {
    auto child = decode_ref(items[i]);
    if (!child.ok()) return child.error();
    node->children[i] = std::move(*child);
  }
  if (items[16].is_list) return vm::Error{"branch value is a list"};
  node->value.assign(items[16].payload.begin(), items[16].payload.end());
  return node;
}

/// Appends the item for `ref` whose node may be dirty, computing its encoding with `encode`.
void append_ref(Bytes& out, const TrieRef& ref,
                const std::function<Bytes(const TrieNode&)>& encode) {
  if (!ref.node || !ref.node->dirty) {
    append_clean_ref(out, ref);
    return;
  }
  Bytes child = encode(*ref.node);
  if (child.size() < kHashSize) {
    out.insert(out.end(), child.begin(), child.end());
  } else {
    append_rlp_string(out, vm::keccak256(child));
  }
}

/// The encoding of `node`, computing dirty children's encodings with `encode`.
Bytes encode_node(const TrieNode& node, const std::function<Bytes(const TrieNode&)>& encode) {
  Bytes items;
  switch (node.kind) {
    case NodeKind::Leaf:
      append_rlp_string(items, hex_prefix_encode(node.path, true));
      append_rlp_string(items, node.value);
      break;
    case NodeKind::Extension:
      append_rlp_string(items, hex_prefix_encode(node.path, false));
      append_ref(items, node.children[0], encode);
      break;
    case NodeKind::Branch:
      for (const TrieRef& child : node.children) append_ref(items, child, encode);
      append_rlp_string(items, node.value);
      break;
  }
  return rlp_list(items);
}

}  // namespace

std::unique_ptr<TrieNode> TrieNode::leaf(Bytes path, Bytes value) {
  auto node = std::make_unique<TrieNode>();
  node->kind = NodeKind::Leaf;
  node->path = std::move(path);
  node->value = std::move(value);
  return node;
}

std::unique_ptr<TrieNode> TrieNode::extension(Bytes path, TrieRef child) {
  auto node = std::make_unique<TrieNode>();
  node->kind = NodeKind::Extension;
  node->path = std::move(path);
  node->children.push_back(std::move(child));
  return node;
}

std::unique_ptr<TrieNode> TrieNode::branch() {
  auto node = std::make_unique<TrieNode>();
  node->kind = NodeKind::Branch;
  node->children.resize(16);
  return node;
}

Result<std::unique_ptr<TrieNode>> decode_node(ByteView rlp) {
  auto items = decode_rlp_list(rlp);
  if (!items.ok()) return items.error();
  Result<std::unique_ptr<TrieNode>> node = vm::Error{""};
  if (items->size() == 2) {
    node = decode_short(*items);
  } else if (items->size() == kBranchItems) {
    node = decode_branch(*items);
  } else {
    return vm::Error{"list of " + std::to_string(items->size()) + " items"};
  }
  if (!node.ok()) return node;
  (*node)->rlp.assign(rlp.begin(), rlp.end());
  (*node)->dirty = false;
  (*node)->unsaved = false;
  return node;
}

Result<std::unique_ptr<TrieNode>> load_node(const NodeReader* reader, const Hash256& hash) {
  std::optional<Bytes> rlp = reader ? reader->node(hash) : std::nullopt;
  if (!rlp) return vm::Error{"missing trie node " + hash_text(hash)};
  if (vm::keccak256(*rlp) != hash) {
    return vm::Error{"malformed trie node " + hash_text(hash) + ": its bytes hash differently"};
  }
  auto node = decode_node(*rlp);
  if (!node.ok())
    return vm::Error{"malformed trie node " + hash_text(hash) + ": " + node.error().message};
  (*node)->hash = hash;
  return node;
}

void seal(TrieNode& node) {
  if (!node.dirty) return;
  for (TrieRef& child : node.children) {
    if (child.node) seal(*child.node);
  }
  node.rlp = encode_node(node, fresh_rlp);
  if (node.rlp.size() >= kHashSize) node.hash = vm::keccak256(node.rlp);
  node.dirty = false;
}

Bytes fresh_rlp(const TrieNode& node) {
  if (!node.dirty) return node.rlp;
  return encode_node(node, fresh_rlp);
}

void append_clean_ref(Bytes& out, const TrieRef& ref) {
  if (ref.empty()) {
    out.push_back(0x80);
  } else if (!ref.node) {
    append_rlp_string(out, ref.hash);
  } else if (ref.node->rlp.size() < kHashSize) {
    out.insert(out.end(), ref.node->rlp.begin(), ref.node->rlp.end());
  } else {
    append_rlp_string(out, ref.node->hash);
  }
}

Result<std::optional<Bytes>> walk_path(const NodeReader* reader, const TrieRef& root, ByteView key,
                                       const std::function<void(const TrieNode&, bool)>& visit) {
  std::unique_ptr<TrieNode> holder;  // the last node loaded from `reader`
  const TrieRef* ref = &root;
  for (bool is_root = true;; is_root = false) {
    if (ref->empty()) return std::optional<Bytes>{};
    const TrieNode* node = ref->node.get();
    if (!node) {
      auto loaded = load_node(reader, ref->hash);
      if (!loaded.ok()) return loaded.error();
      holder = std::move(*loaded);
      node = holder.get();
    }
    visit(*node, is_root);
    if (node->kind == NodeKind::Leaf) {
      if (!std::equal(node->path.begin(), node->path.end(), key.begin(), key.end())) break;
      return std::optional<Bytes>{node->value};
    }
    if (node->kind == NodeKind::Extension) {
      if (key.size() < node->path.size() ||
          !std::equal(node->path.begin(), node->path.end(), key.begin())) {
        break;
      }
      key = key.subspan(node->path.size());
      ref = &node->children[0];
      continue;
    }
    if (key.empty()) {
      if (node->value.empty()) break;
      return std::optional<Bytes>{node->value};
    }
    ref = &node->children[key[0]];
    key = key.subspan(1);
  }
  return std::optional<Bytes>{};
}

}  // namespace tenet::node::detail
