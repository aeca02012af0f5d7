/// \file
/// The chain thread's commands (node_service.hpp): admission, mining in each mode, time,
/// snapshots and state overrides. Everything here runs on the command queue's thread.

#include <algorithm>
#include <chrono>
#include <string>

#include "service_impl.hpp"
#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/chain/block_builder.hpp"
#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/validity.hpp"

namespace tenet::node {
namespace {

Refusal internal_refusal(const std::string& what) {
  return Refusal{RefusalKind::InvalidTransaction, "node error: " + what};
}

}  // namespace

Result<bool, Refusal> NodeService::Impl::admit(const Transaction& tx, const Address& sender,
                                               bool impersonated_sender) {
  if (!tx.to) {
    auto container = check_deployment_code(tx.data);
    if (!container.ok()) return container.error();
  }
  auto stateless = check_transaction(tx);
  if (!stateless.ok()) return stateless.error();
  std::shared_ptr<const ChainHead> head = chain->head();
  std::size_t code_size = tx.to ? code_size_at(*head, *tx.to) : 0;
  uint64_t intrinsic = transaction_intrinsic_gas(tx, code_size);
  if (tx.gas_limit < intrinsic) {
    return Refusal{RefusalKind::IntrinsicGasTooLow,
                   "have " + std::to_string(tx.gas_limit) + ", want " + std::to_string(intrinsic)};
  }
  uint64_t block_gas_limit = chain->genesis().gas_limit;
  if (tx.gas_limit > block_gas_limit) {
    return Refusal{RefusalKind::ExceedsBlockGasLimit, "gas " + std::to_string(tx.gas_limit) +
                                                          ", block gas limit " +
                                                          std::to_string(block_gas_limit)};
  }
  Word base_fee = next_base_fee(head->header);
  if (vm::lt(fee_cap(tx), base_fee)) {
    return Refusal{RefusalKind::FeeBelowBaseFee, "max fee " + vm::to_decimal(fee_cap(tx)) +
                                                     ", base fee " + vm::to_decimal(base_fee)};
  }
  Hash256 hash = transaction_hash(tx);
  std::lock_guard lock(mutex);
  if (pool.contains(hash) || chain->locate(hash)) return Refusal{RefusalKind::AlreadyKnown, ""};
  auto added = pool.add(tx, sender, account_at(*head, sender), impersonated_sender);
  if (!added.ok()) return added.error();
  return true;
}

Result<Submitted, Refusal> NodeService::Impl::submit(const Transaction& tx, const Address& sender,
                                                     bool impersonated_sender) {
  auto admitted = admit(tx, sender, impersonated_sender);
  if (!admitted.ok()) return admitted.error();
  Hash256 hash = transaction_hash(tx);
  if (automine) {
    if (std::optional<Refusal> refused = mine_each_ready(hash, sender)) return *refused;
  }
  return Submitted{hash, chain->locate(hash)};
}

std::vector<PooledTx> NodeService::Impl::ready_now() const {
  std::shared_ptr<const ChainHead> head = chain->head();
  std::lock_guard lock(mutex);
  return pool.ready(next_base_fee(head->header),
                    [&](const Address& a) { return account_at(*head, a).nonce; });
}

std::optional<Refusal> NodeService::Impl::mine_each_ready(const std::optional<Hash256>& watched,
                                                          const std::optional<Address>& sender) {
  std::optional<Refusal> watched_refusal;
  for (;;) {
    std::vector<PooledTx> ready;
    if (sender) {
      std::shared_ptr<const ChainHead> head = chain->head();
      std::lock_guard lock(mutex);
      ready = pool.executable(*sender, account_at(*head, *sender).nonce);
    } else {
      ready = ready_now();
    }
    if (ready.empty()) return watched_refusal;
    auto mined = mine_block({ready.front()}, false, std::nullopt);
    if (mined.ok()) continue;
    // The block refused its only transaction: it leaves the pool (it cannot run now).
    {
      std::lock_guard lock(mutex);
      pool.remove(ready.front().hash);
    }
    if (watched && ready.front().hash == *watched) watched_refusal = mined.error();
  }
}

uint64_t NodeService::Impl::take_timestamp(const Header& parent,
                                           std::optional<uint64_t> explicit_timestamp) {
  std::lock_guard lock(clock_mutex);
  int64_t now = service_now_seconds();
  if (!explicit_timestamp && next_timestamp) {
    explicit_timestamp = next_timestamp;
    next_timestamp.reset();
  }
  // An explicit time: the clock continues from it (anvil, Hardhat).
  if (explicit_timestamp) time_offset = static_cast<int64_t>(*explicit_timestamp) - now;
  return next_block_time(explicit_timestamp, now + time_offset, parent);
}

Result<MinedBlock, Refusal> NodeService::Impl::mine_block(const std::vector<PooledTx>& candidates,
                                                          bool allow_empty,
                                                          std::optional<uint64_t> timestamp) {
  std::shared_ptr<const ChainHead> head = chain->head();
  BlockEnv env =
      new_block_env(chain->store(), head->header, head->hash, Word{chain->genesis().chain_id});
  const int64_t offset_before = time_offset;
  const std::optional<uint64_t> next_before = next_timestamp;
  env.timestamp = take_timestamp(head->header, timestamp);
  auto unmined = [&](Refusal refusal) {  // no block: the time chosen for it is not used up
    std::lock_guard lock(clock_mutex);
    time_offset = offset_before;
    next_timestamp = next_before;
    return refusal;
  };
  BlockBuilder builder(chain->store(), head->header, env, vm);
  if (head->pending && !head->pending->empty()) {
    auto applied = builder.apply_overrides(*head->pending);
    if (!applied.ok()) return unmined(applied.error());
  }
  MinedBlock mined;
  std::set<Address> blocked;  // a refused transaction holds back its sender's later ones
  for (const PooledTx& candidate : candidates) {
    if (blocked.count(candidate.sender)) continue;
    auto added = builder.add(candidate.tx, candidate.sender, candidate.impersonated);
    if (added.ok()) {
      mined.included.push_back(candidate.hash);
    } else {
      blocked.insert(candidate.sender);
      mined.refused.emplace_back(candidate.hash, added.error());
    }
  }
  if (mined.included.empty() && !allow_empty) {
    return unmined(mined.refused.empty()
                       ? Refusal{RefusalKind::InvalidTransaction, "nothing to mine"}
                       : mined.refused.front().second);
  }
  Store::Batch batch;
  auto block = builder.finish(batch);
  if (!block.ok()) return internal_refusal(block.error().message);
  {
    std::lock_guard lock(mutex);
    auto appended = chain->append(*block, builder.receipts(), std::move(batch));
    if (!appended.ok()) return internal_refusal(appended.error().message);
    for (const Hash256& hash : mined.included) pool.remove(hash);
    mined.hash = chain->head()->hash;
  }
  notify_block();
  return mined;
}

void NodeService::Impl::notify_block() {
  std::shared_ptr<const ChainHead> head = chain->head();
  std::lock_guard lock(listeners_mutex);
  // A copy: a listener may unsubscribe itself (or another) while it runs.
  std::map<uint64_t, BlockListener> current = listeners;
  for (const auto& [id, listener] : current) {
    if (listeners.count(id)) listener(head);
  }
}

Result<std::vector<Hash256>, Refusal> NodeService::Impl::mine(uint64_t blocks,
                                                              std::optional<uint64_t> timestamp) {
  std::vector<Hash256> hashes;
  if (timestamp && *timestamp < chain->head()->header.timestamp) {
    return Refusal{RefusalKind::InvalidParams, "timestamp " + std::to_string(*timestamp) +
                                                   " is before the head's " +
                                                   std::to_string(chain->head()->header.timestamp)};
  }
  for (uint64_t i = 0; i < blocks; ++i) {
    auto mined = mine_block(ready_now(), true, i == 0 ? timestamp : std::nullopt);
    if (!mined.ok()) return mined.error();
    hashes.push_back(mined->hash);
  }
  return hashes;
}

uint64_t NodeService::Impl::snapshot() {
  std::shared_ptr<const ChainHead> head = chain->head();
  ServiceSnapshot saved;
  saved.head_number = head->header.number;
  if (head->pending) saved.pending = *head->pending;
  saved.time_offset = time_offset;
  saved.next_timestamp = next_timestamp;
  {
    std::lock_guard lock(mutex);
    saved.pool = pool;
    saved.impersonated = impersonated;
  }
  uint64_t id = next_snapshot_id++;
  snapshots.emplace(id, std::move(saved));
  return id;
}

bool NodeService::Impl::revert(uint64_t id) {
  auto it = snapshots.find(id);
  if (it == snapshots.end()) return false;
  ServiceSnapshot saved = std::move(it->second);
  snapshots.erase(it, snapshots.end());  // this one and every later one are used up
  {
    std::lock_guard lock(mutex);
    if (chain->head()->header.number > saved.head_number) {
      if (!chain->rewind_to(saved.head_number).ok()) return false;
    }
    if (!chain->set_pending(saved.pending).ok()) return false;
    pool = std::move(saved.pool);
    impersonated = std::move(saved.impersonated);
  }
  {
    std::lock_guard lock(clock_mutex);
    time_offset = saved.time_offset;
    next_timestamp = saved.next_timestamp;
  }
  filters.rewind(chain->head()->header.number + 1);
  return true;
}

Result<bool, Refusal> NodeService::Impl::set_state(const StateOverride& change) {
  if (change.kind == StateOverride::Kind::Code && !change.code.empty()) {
    auto valid = check_deployment_code(change.code);
    if (!valid.ok()) return valid.error();
    if (*valid != change.code.size()) {
      return Refusal{RefusalKind::InvalidContainer,
                     std::to_string(change.code.size() - *valid) + " bytes after the container"};
    }
  }
  if (change.kind == StateOverride::Kind::Nonce && !change.value.fits_u64()) {
    return Refusal{RefusalKind::InvalidParams, "nonce above 2^64 - 1"};
  }
  std::shared_ptr<const ChainHead> head = chain->head();
  std::vector<StateOverride> pending;
  if (head->pending) pending = *head->pending;
  pending.push_back(change);
  std::lock_guard lock(mutex);
  auto stored = chain->set_pending(std::move(pending));
  if (!stored.ok()) return internal_refusal(stored.error().message);
  if (change.kind == StateOverride::Kind::Nonce)
    pool.remove_below(change.address, change.value.low64());
  return true;
}

}  // namespace tenet::node
