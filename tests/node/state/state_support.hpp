#pragma once
// Helpers shared by the state tests: addresses, and a world state kept in memory (nodes and
// code in maps) that a JournaledHost over a TrieBackend reads and commit_changes advances.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "tenet/node/state/commit.hpp"
#include "tenet/node/state/memory_code_store.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/node/state/trie_backend.hpp"
#include "tenet/node/trie/memory_node_store.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::node::test {

/// The address whose last byte is `n` (and whose first byte is `high`).
inline Address state_addr(uint8_t n, uint8_t high = 0) {
  Address a;
  a.bytes[0] = high;
  a.bytes[19] = n;
  return a;
}

/// 10^18 × n wei.
inline Word ether(uint64_t n) {
  return vm::mul(Word{n}, Word{1'000'000'000'000'000'000ULL});
}

/// A world state in memory: the tries' nodes, the code, and the current root.
struct MemoryWorld {
  MemoryNodeStore nodes;
  MemoryCodeStore codes;
  Hash256 root = kEmptyTrieRoot;

  /// The state at the current root.
  StateView view() const { return StateView(nodes, codes, root); }

  /// Commits what `host` changed over the current root and forgets the change set.
  void commit(vm::JournaledHost& host) {
    auto committed = commit_changes(host, view(), nodes, codes);
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    root = *committed;
    host.clear_changes();
  }
};

/// A host over a world's state at its current root (the view and backend live with it).
struct HostOver {
  HostOver(vm::Vm& vm, const MemoryWorld& world, vm::TxContext context = {},
           const std::vector<StateOverride>* overlay = nullptr)
      : view(world.view()), backend(view, overlay), host(vm, context, &backend) {}
  StateView view;
  TrieBackend backend;
  vm::JournaledHost host;
};

}  // namespace tenet::node::test
