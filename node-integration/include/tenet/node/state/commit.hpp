#pragma once
/// \file
/// Writing what a JournaledHost changed into the tries: one call per block (or per
/// transaction), costing in proportion to what changed, never to the state's size.

#include "tenet/node/state/state_view.hpp"
#include "tenet/node/trie/node_store.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::node {

/// For every account in `host.changes()`: its storage trie at the parent's storage root gets
/// the changed slots (zero erases), then RLP[nonce, balance, storageRoot, codeHash] goes into
/// the secure state trie at `parent.root()`; empty accounts (nonce 0, balance 0, no code) are
/// erased (EIP-161); new code goes to `code`. Emits only the changed nodes to `nodes` and
/// returns the new state root. Errors: a missing or malformed node of the parent state.
Result<Hash256> commit_changes(const vm::JournaledHost& host, const StateView& parent,
                               NodeSink& nodes, CodeSink& code);

}  // namespace tenet::node
