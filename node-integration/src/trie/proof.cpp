// Verifying EIP-1186 proofs: the path is walked over a reader that serves the proof's nodes
// in order and only when each hashes to the reference being followed (see proof.hpp).
#include "tenet/node/trie/proof.hpp"

#include <string>

#include "node.hpp"
#include "node_codec.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::node {
namespace {

/// Serves the proof's nodes one after another, each only for the hash it has.
class ProofReader : public NodeReader {
 public:
  explicit ProofReader(std::span<const Bytes> proof) : proof_(proof) {}

  std::optional<Bytes> node(const Hash256& hash) const override {
    if (next_ >= proof_.size()) {
      failure_ =
          "proof ends before the key's path does (node " + std::to_string(next_) + " missing)";
      return std::nullopt;
    }
    if (vm::keccak256(proof_[next_]) != hash) {
      failure_ = "proof node " + std::to_string(next_) + " does not hash to " +
                 (next_ == 0 ? std::string("the root ") : std::string("its parent's reference ")) +
                 detail::hash_text(hash);
      return std::nullopt;
    }
    return proof_[next_++];
  }

  /// How many nodes the walk used.
  std::size_t used() const { return next_; }
  /// Why the walk stopped, when the reader refused a node.
  const std::string& failure() const { return failure_; }

 private:
  std::span<const Bytes> proof_;
  mutable std::size_t next_ = 0;
  mutable std::string failure_;
};

}  // namespace

Result<std::optional<Bytes>> verify_proof(const Hash256& root, ByteView key,
                                          std::span<const Bytes> proof) {
  if (root == kEmptyTrieRoot) {
    if (!proof.empty()) return vm::Error{"proof for the empty trie must be empty"};
    return std::optional<Bytes>{};
  }
  detail::TrieRef start;
  start.hash = root;
  start.hashed = true;
  ProofReader reader(proof);
  Bytes path = detail::to_nibbles(key);
  auto value = detail::walk_path(&reader, start, path, [](const detail::TrieNode&, bool) {});
  if (!value.ok()) {
    if (!reader.failure().empty()) return vm::Error{reader.failure()};
    // The reader served the node, so it hashed right: it did not decode.
    const std::string& message = value.error().message;
    return vm::Error{"proof node " + std::to_string(reader.used() - 1) +
                     " is malformed: " + message.substr(message.find(": ") + 2)};
  }
  if (reader.used() != proof.size()) {
    return vm::Error{"proof has " + std::to_string(proof.size() - reader.used()) +
                     " node(s) past the end of the key's path"};
  }
  return value;
}

}  // namespace tenet::node
