// Building one block (block_builder.hpp): a JournaledHost over the parent state, overrides,
// transactions (a refused one rolled back), then commit, roots, bloom and seal.

#include "tenet/node/chain/block_builder.hpp"

#include <algorithm>

#include "tenet/node/chain/pow.hpp"
#include "tenet/node/state/commit.hpp"
#include "tenet/node/state/trie_backend.hpp"
#include "tenet/node/trie/ordered_root.hpp"
#include "tenet/node/tx/fees.hpp"

namespace tenet::node {

namespace {

/// Checks override code: empty, or exactly one container check_deployment_code accepts.
std::optional<Refusal> override_code_refusal(ByteView code) {
  if (code.empty()) return std::nullopt;
  auto size = check_deployment_code(code);
  if (!size) return size.error();
  if (*size != code.size()) {
    return Refusal{RefusalKind::InvalidContainer,
                   std::to_string(code.size() - *size) + " bytes after the container"};
  }
  return std::nullopt;
}

}  // namespace

struct BlockBuilder::Impl {
  Impl(const Store& s, const Header& p, const BlockEnv& e, vm::Vm& v,
       const BlockBuilder::HostFactory& make_host)
      : store(s),
        parent(p),
        env(e),
        parent_state(s, s, p.state_root),
        backend(parent_state, nullptr),
        host_ptr(make_host(v, tx_context(e, Address{}, Word{}), &backend)),
        host(*host_ptr) {}

  const Store& store;
  Header parent;
  BlockEnv env;
  StateView parent_state;
  TrieBackend backend;
  std::unique_ptr<vm::JournaledHost> host_ptr;
  vm::JournaledHost& host;
  Block block;
  std::vector<StoredReceipt> receipts;
  uint64_t gas_used = 0;
};

BlockBuilder::BlockBuilder(const Store& store, const Header& parent, const BlockEnv& env,
                           vm::Vm& vm)
    : BlockBuilder(store, parent, env, vm,
                   [](vm::Vm& v, const vm::TxContext& context, vm::StateBackend* backend) {
                     return std::make_unique<vm::JournaledHost>(v, context, backend);
                   }) {}

BlockBuilder::BlockBuilder(const Store& store, const Header& parent, const BlockEnv& env,
                           vm::Vm& vm, const HostFactory& make_host)
    : impl_(std::make_unique<Impl>(store, parent, env, vm, make_host)) {}

BlockBuilder::~BlockBuilder() = default;

Result<bool, Refusal> BlockBuilder::apply_overrides(std::span<const StateOverride> overrides) {
  if (!impl_->block.transactions.empty()) {
    return Refusal{RefusalKind::InvalidParams, "overrides after a transaction"};
  }
  for (const StateOverride& o : overrides) {
    if (o.kind == StateOverride::Kind::Code) {
      if (auto refusal = override_code_refusal(o.code)) return *refusal;
    }
    if (o.kind == StateOverride::Kind::Nonce && !o.value.fits_u64()) {
      return Refusal{RefusalKind::InvalidParams,
                     "nonce " + vm::to_hex(o.value) + " above 2^64 - 1"};
    }
  }
  vm::JournaledHost& host = impl_->host;
  for (const StateOverride& o : overrides) {
    switch (o.kind) {
      case StateOverride::Kind::Balance:
        host.set_balance(o.address, o.value);
        break;
      case StateOverride::Kind::Nonce:
        host.set_nonce(o.address, o.value.low64());
        break;
      case StateOverride::Kind::Code:
        host.set_code(o.address, o.code);
        break;
      case StateOverride::Kind::Storage:
        host.set_storage(o.address, o.key, o.value);
        break;
    }
    impl_->block.overrides.push_back(o);
  }
  return true;
}

Result<const StoredReceipt*, Refusal> BlockBuilder::add(const Transaction& tx,
                                                        const Address& sender, bool impersonated) {
  Impl& b = *impl_;
  const vm::Checkpoint checkpoint = b.host.checkpoint();
  auto outcome = execute_transaction(b.host, b.env, tx, sender, b.env.gas_limit - b.gas_used);
  if (!outcome) {
    b.host.rollback(checkpoint);
    return outcome.error();
  }
  b.gas_used += outcome->gas_used;
  StoredReceipt receipt;
  receipt.type = tx.type;
  receipt.success = outcome->status == vm::Status::Success;
  receipt.cumulative_gas_used = b.gas_used;
  receipt.gas_used = outcome->gas_used;
  receipt.logs = std::move(outcome->logs);
  receipt.bloom = logs_bloom(receipt.logs);
  receipt.effective_gas_price = outcome->effective_gas_price;
  receipt.contract_address = outcome->contract_address;
  if (outcome->status == vm::Status::Revert) {
    const std::size_t kept = std::min(outcome->output.size(), kMaxStoredRevertData);
    receipt.revert_data.assign(outcome->output.begin(), outcome->output.begin() + kept);
  }
  b.receipts.push_back(std::move(receipt));
  b.block.transactions.push_back(tx);
  b.block.senders.push_back(sender);
  b.block.impersonated.push_back(impersonated);
  return &b.receipts.back();
}

uint64_t BlockBuilder::gas_used() const {
  return impl_->gas_used;
}

const std::vector<StoredReceipt>& BlockBuilder::receipts() const {
  return impl_->receipts;
}

Result<Block> BlockBuilder::finish(Store::Batch& batch) {
  Impl& b = *impl_;
  if (b.backend.failed()) return b.backend.error();
  auto root = commit_changes(b.host, b.parent_state, batch, batch);
  if (!root) return root.error();
  b.host.clear_changes();
  std::vector<Bytes> txs;
  txs.reserve(b.block.transactions.size());
  for (const Transaction& tx : b.block.transactions) txs.push_back(encode_transaction(tx));
  std::vector<Bytes> receipts;
  receipts.reserve(b.receipts.size());
  Bloom bloom{};
  for (const StoredReceipt& r : b.receipts) {
    receipts.push_back(encode_consensus_receipt(r));
    merge_bloom(bloom, r.bloom);
  }
  Header& h = b.block.header;
  h.parent_hash = header_hash(b.parent);
  h.ommers_hash = kEmptyOmmersHash;
  h.beneficiary = b.env.coinbase;
  h.state_root = *root;
  h.transactions_root = ordered_trie_root(txs);
  h.receipts_root = ordered_trie_root(receipts);
  h.logs_bloom = bloom;
  h.difficulty = b.parent.difficulty;
  h.number = b.env.number;
  h.gas_limit = b.env.gas_limit;
  h.gas_used = b.gas_used;
  h.timestamp = b.env.timestamp;
  h.base_fee = b.env.base_fee;
  seal(h);
  return b.block;
}

}  // namespace tenet::node
