#pragma once
// Helpers shared by the chain tests: the default genesis spec, memory stores and empty blocks.

#include <gtest/gtest.h>

#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/chain/chain.hpp"
#include "tenet/node/chain/pow.hpp"
#include "tenet/node/keys/hd_wallet.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node::test {

/// 10,000 ether in wei.
inline Word ten_thousand_ether() {
  return vm::mul(Word{10'000}, Word{1'000'000'000'000'000'000ull});
}

/// anvil's default genesis: the 10 accounts of the default mnemonic with 10,000 ether each,
/// chain 31337, gas limit 30,000,000, at `timestamp`, sealed at `difficulty`.
inline GenesisSpec default_genesis_spec(uint64_t timestamp = 1'700'000'000,
                                        const Word& difficulty = Word{1}) {
  GenesisSpec spec;
  auto accounts = dev_accounts(kDefaultMnemonic, 10);
  EXPECT_TRUE(accounts.ok());
  for (const DevAccount& a : *accounts) spec.accounts.push_back(a.address);
  spec.balance = ten_thousand_ether();
  spec.difficulty = difficulty;
  spec.timestamp = timestamp;
  return spec;
}

/// A store over RocksDB's memory environment.
inline std::unique_ptr<Store> memory_store() {
  auto store = Store::open({.dir = "/chain-test", .in_memory = true});
  EXPECT_TRUE(store.ok());
  return std::move(*store);
}

/// An empty block after `parent` (same state), sealed, `seconds` later.
inline Block empty_block_after(const Header& parent, uint64_t seconds = 1) {
  Block block;
  Header& h = block.header;
  h.parent_hash = header_hash(parent);
  h.ommers_hash = kEmptyOmmersHash;
  h.state_root = parent.state_root;
  h.transactions_root = kEmptyTrieRoot;
  h.receipts_root = kEmptyTrieRoot;
  h.difficulty = parent.difficulty;
  h.number = parent.number + 1;
  h.gas_limit = parent.gas_limit;
  h.timestamp = parent.timestamp + seconds;
  h.base_fee = next_base_fee(parent);
  seal(h);
  return block;
}

}  // namespace tenet::node::test
