#pragma once
// Helpers shared by the chain tests: the default genesis spec, memory stores and empty blocks.

#include <gtest/gtest.h>

#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/chain/chain.hpp"
#include "tenet/node/chain/pow.hpp"
#include "tenet/node/keys/hd_wallet.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node::test {

/// One gwei in wei (fees and prices in the tests).
inline constexpr uint64_t kGwei = 1'000'000'000;

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

#include "tenet/node/chain/block_builder.hpp"
#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"

namespace tenet::node::test {

/// The default mnemonic's account `i`.
inline DevAccount chain_dev_account(unsigned i) {
  auto accounts = dev_accounts(kDefaultMnemonic, i + 1);
  EXPECT_TRUE(accounts.ok());
  return (*accounts)[i];
}

/// A type-2 transaction on chain 31337 signed by `from` (max fee 10 gwei, tip 1 gwei).
inline Transaction chain_signed_tx(const DevAccount& from, uint64_t nonce,
                                   std::optional<Address> to, Bytes data, const Word& value = {},
                                   uint64_t gas = 1'000'000) {
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.nonce = nonce;
  tx.gas_limit = gas;
  tx.max_fee = Word{10'000'000'000};
  tx.max_priority_fee = Word{1'000'000'000};
  tx.to = to;
  tx.value = value;
  tx.data = std::move(data);
  auto signed_tx = sign_transaction(tx, from.private_key);
  EXPECT_TRUE(signed_tx.has_value());
  return signed_tx.value_or(tx);
}

/// The container assembled from `source` (fails the test on an error).
inline Bytes chain_assembled(const std::string& source) {
  auto c = vm::assemble(source, "chain_test.tasm", {}, vm::ValidationOptions{false});
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

/// The environment of the block after `parent` on chain 31337, `seconds` later.
inline BlockEnv chain_env_after(const Header& parent, uint64_t seconds = 1) {
  BlockEnv env;
  env.number = parent.number + 1;
  env.timestamp = parent.timestamp + seconds;
  env.gas_limit = parent.gas_limit;
  env.base_fee = next_base_fee(parent);
  env.chain_id = Word{31337};
  return env;
}

/// One transaction to mine: the signed transaction and its sender.
struct ChainTx {
  Transaction tx;
  Address sender;
};

/// Mines `txs` (each must be accepted) after `overrides` into the next block of `chain` and
/// appends it; returns the block.
inline Block chain_mine(Chain& chain, vm::Vm& vm, const std::vector<ChainTx>& txs,
                        const std::vector<StateOverride>& overrides = {}) {
  const auto head = chain.head();
  BlockEnv env = new_block_env(chain.store(), head->header, head->hash, Word{31337});
  env.timestamp = head->header.timestamp + 1;
  BlockBuilder builder(chain.store(), head->header, env, vm);
  auto applied = builder.apply_overrides(overrides);
  EXPECT_TRUE(applied.ok()) << (applied.ok() ? "" : applied.error().message());
  for (const ChainTx& t : txs) {
    auto added = builder.add(t.tx, t.sender, false);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message());
  }
  Store::Batch batch;
  auto block = builder.finish(batch);
  EXPECT_TRUE(block.ok()) << (block.ok() ? "" : block.error().message);
  auto appended = chain.append(*block, builder.receipts(), std::move(batch));
  EXPECT_TRUE(appended.ok()) << (appended.ok() ? "" : appended.error().message);
  return *block;
}

}  // namespace tenet::node::test
