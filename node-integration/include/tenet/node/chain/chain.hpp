#pragma once
/// \file
/// The canonical chain over a Store: opening (genesis or an existing data directory), the
/// head every reader sees (swapped atomically per block), appending a block with one atomic
/// batch, rewinding (evm_revert), and the lookups the RPC answers from.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tenet/node/chain/block.hpp"
#include "tenet/node/chain/genesis.hpp"
#include "tenet/node/chain/receipt.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/node/store/store.hpp"

namespace tenet::node {

/// What readers see: the head block and the pending overrides ("latest" shows them).
struct ChainHead {
  Header header;
  Hash256 hash{};
  std::shared_ptr<const std::vector<StateOverride>> pending;
};

/// The chain. Writers (append, rewind_to, set_pending) are one thread's; readers any thread's.
class Chain {
 public:
  /// Opens the chain in `store`: writes and mines genesis when the store is empty; else checks
  /// the stored format ("tenet-node/1") and genesis against `spec` (check_genesis with
  /// `explicit_fields`), and loads the head and the pending overrides.
  static Result<std::unique_ptr<Chain>> open(Store& store, const GenesisSpec& spec,
                                             const std::set<std::string>& explicit_fields);
  /// The genesis parameters in force (stored ones when reopened).
  const GenesisSpec& genesis() const;
  /// The current head (never null).
  std::shared_ptr<const ChainHead> head() const;
  /// Writes `block` and its receipts with `batch` (state nodes and code already in it):
  /// header, body, receipts, canonical number, tx index, head pointer, pending list cleared —
  /// one atomic write; then publishes the new head.
  Result<bool> append(const Block& block, const std::vector<StoredReceipt>& receipts,
                      Store::Batch&& batch);
  /// Makes block `number` the head (drops the canonical entries and tx index of later blocks).
  Result<bool> rewind_to(uint64_t number);
  /// Replaces the pending overrides (stored at once in Table::Pending) and publishes them.
  Result<bool> set_pending(std::vector<StateOverride> pending);

  std::optional<Header> header_by_number(uint64_t number) const;
  std::optional<Header> header_by_hash(const Hash256& hash) const;
  std::optional<Hash256> hash_by_number(uint64_t number) const;
  /// The whole block (header and body).
  std::optional<Block> block(const Hash256& hash) const;
  std::optional<std::vector<StoredReceipt>> receipts(const Hash256& block_hash) const;
  /// Where a canonical transaction is.
  std::optional<TxLocation> locate(const Hash256& tx_hash) const;
  /// The state after block `header`.
  StateView state_at(const Header& header) const;
  /// The store.
  const Store& store() const;

 private:
  struct Impl;
  explicit Chain(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;

 public:
  ~Chain();
};

}  // namespace tenet::node
