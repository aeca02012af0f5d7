#pragma once
/// \file
/// Building one block on a parent: overrides first, then transactions one by one (a refused
/// one leaves no trace), then the roots, bloom and seal. Mining, genesis replay and --verify
/// all build blocks through this one class.

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "tenet/node/chain/block.hpp"
#include "tenet/node/chain/receipt.hpp"
#include "tenet/node/common/refusal.hpp"
#include "tenet/node/state/executor.hpp"
#include "tenet/node/store/store.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::node {

/// One block under construction over `parent`'s state.
class BlockBuilder {
 public:
  /// A block after `parent` in environment `env` (number, timestamp, gas limit, base fee,
  /// chain id), reading state from `store`, executing on `vm`.
  BlockBuilder(const Store& store, const Header& parent, const BlockEnv& env, vm::Vm& vm);
  /// Makes the host a block runs on, from the VM, the block's context and the parent state.
  using HostFactory = std::function<std::unique_ptr<vm::JournaledHost>(
      vm::Vm& vm, const vm::TxContext& context, vm::StateBackend* backend)>;
  /// As above, on the host `make_host` returns (a subclass observing the frames: traces).
  BlockBuilder(const Store& store, const Header& parent, const BlockEnv& env, vm::Vm& vm,
               const HostFactory& make_host);
  ~BlockBuilder();
  BlockBuilder(const BlockBuilder&) = delete;
  BlockBuilder& operator=(const BlockBuilder&) = delete;

  /// Applies overrides (before any transaction). Refuses a Code override that is not a valid
  /// container ("invalid container: <rule>").
  Result<bool, Refusal> apply_overrides(std::span<const StateOverride> overrides);
  /// Executes `tx` (execute_transaction); on a refusal the block is unchanged.
  Result<const StoredReceipt*, Refusal> add(const Transaction& tx, const Address& sender,
                                            bool impersonated);
  /// Gas used so far.
  uint64_t gas_used() const;
  /// The receipts so far.
  const std::vector<StoredReceipt>& receipts() const;
  /// Commits the state (nodes and code into `batch`), fills the header's roots, bloom and gas
  /// used, seals it and returns the block. Errors: a missing or malformed state node.
  Result<Block> finish(Store::Batch& batch);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node
