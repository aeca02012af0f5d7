#pragma once
/// \file
/// Merkle proofs (EIP-1186): a proof is the RLP of every hashed node on a key's path, root
/// first, as `Trie::prove` returns it; embedded nodes (under 32 bytes) travel inside their
/// parent. A verifier needs only the root hash.

#include <optional>
#include <span>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// The value under `key` in the trie whose root is `root`, as `proof` shows it: the value, or
/// none when the proof shows the key absent (the path ends in an empty slot or diverges).
/// Refuses (an error) a proof whose first node does not hash to `root`, whose next node does
/// not hash to the reference its parent holds, that ends before the path does, that carries
/// nodes past the path's end, or that holds a malformed node. The empty root's proof is empty.
/// For a `SecureTrie`, pass keccak256 of the key.
Result<std::optional<Bytes>> verify_proof(const Hash256& root, ByteView key,
                                          std::span<const Bytes> proof);

}  // namespace tenet::node
