#pragma once
/// \file
/// The root of a list as Ethereum's block headers commit to it (transactions, receipts): a
/// trie whose key for item i is RLP(i) and whose value is the item's bytes.

#include <span>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// The root of the trie mapping RLP(i) to `values[i]` (kEmptyTrieRoot for no values). Values
/// must not be empty (an empty value would erase its key); encoded transactions and receipts
/// never are.
Hash256 ordered_trie_root(std::span<const Bytes> values);

}  // namespace tenet::node
