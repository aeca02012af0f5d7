/// \file
/// NodeService's reads (node_service.hpp), on the caller's thread: account state at the head,
/// eth_call and eth_estimateGas on a thread_local Vm, logs with the header bloom skipping
/// blocks, and the filters.

#include <algorithm>
#include <string>

#include "service_impl.hpp"
#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/chain/receipt.hpp"
#include "tenet/node/state/trie_backend.hpp"

namespace tenet::node {
namespace {

/// The VM of the calling thread (a Vm is not thread-safe; eth_call runs on RPC threads).
vm::Vm& thread_vm() {
  thread_local vm::Vm vm;
  return vm;
}

/// Whether a block whose logs bloom is `bloom` may hold a log `filter` matches.
bool bloom_admits(const LogFilter& filter, const Bloom& bloom) {
  if (!filter.addresses.empty() &&
      std::none_of(filter.addresses.begin(), filter.addresses.end(),
                   [&](const Address& a) { return bloom_may_contain(bloom, a.bytes); })) {
    return false;
  }
  for (const std::vector<Hash256>& alternatives : filter.topics) {
    if (alternatives.empty()) continue;
    if (std::none_of(alternatives.begin(), alternatives.end(),
                     [&](const Hash256& t) { return bloom_may_contain(bloom, t); })) {
      return false;
    }
  }
  return true;
}

}  // namespace

SenderState NodeService::Impl::account_at(const ChainHead& head, const Address& account) const {
  StateView view = chain->state_at(head.header);
  TrieBackend backend(view, head.pending.get());
  std::optional<vm::AccountRecord> record = backend.load_account(account);
  if (!record) return SenderState{};
  return SenderState{record->nonce, record->balance};
}

std::size_t NodeService::Impl::code_size_at(const ChainHead& head, const Address& account) const {
  StateView view = chain->state_at(head.header);
  TrieBackend backend(view, head.pending.get());
  std::optional<vm::AccountRecord> record = backend.load_account(account);
  if (!record) return 0;
  return backend.load_code(record->code_hash).size();
}

BlockEnv NodeService::Impl::env_of(const Header& header) const {
  return existing_block_env(chain->store(), header, Word{chain->genesis().chain_id});
}

BlockEnv NodeService::Impl::next_block_env(const ChainHead& head) const {
  BlockEnv env =
      new_block_env(chain->store(), head.header, head.hash, Word{chain->genesis().chain_id});
  std::lock_guard lock(clock_mutex);
  env.timestamp =
      next_block_time(next_timestamp, service_now_seconds() + time_offset, head.header);
  return env;
}

std::vector<LogRecord> NodeService::Impl::logs_in_block(const LogFilter& filter,
                                                        uint64_t number) const {
  std::vector<LogRecord> out;
  std::optional<Hash256> hash = chain->hash_by_number(number);
  if (!hash) return out;
  std::optional<Header> header = chain->header_by_hash(*hash);
  if (!header || !bloom_admits(filter, header->logs_bloom)) return out;
  std::optional<std::vector<StoredReceipt>> receipts = chain->receipts(*hash);
  std::optional<Block> block = chain->block(*hash);
  if (!receipts || !block) return out;
  uint32_t log_index = 0;
  for (std::size_t i = 0; i < receipts->size() && i < block->transactions.size(); ++i) {
    Hash256 tx_hash = transaction_hash(block->transactions[i]);
    for (const vm::LogEntry& log : (*receipts)[i].logs) {
      if (log_matches(filter, log)) {
        out.push_back(LogRecord{log, number, *hash, tx_hash, static_cast<uint32_t>(i), log_index});
      }
      ++log_index;
    }
  }
  return out;
}

LogScan NodeService::Impl::scan_logs(const LogFilter& filter, uint64_t from, uint64_t to) const {
  LogScan scan;
  for (uint64_t number = from; number <= to; ++number) {
    std::vector<LogRecord> found = logs_in_block(filter, number);
    if (scan.logs.size() + found.size() > kMaxLogsPerQuery) {
      scan.over_cap = true;
      // A block's logs are never split; a lone block over the cap is returned whole.
      if (!scan.logs.empty()) {
        scan.next_block = number;
        return scan;
      }
    }
    scan.logs.insert(scan.logs.end(), found.begin(), found.end());
    if (scan.over_cap) {
      scan.next_block = number + 1;
      return scan;
    }
  }
  scan.next_block = to + 1;
  return scan;
}

uint64_t NodeService::pending_nonce(const Address& account) const {
  std::lock_guard lock(impl_->mutex);
  std::shared_ptr<const ChainHead> head = impl_->chain->head();
  return impl_->pool.pending_nonce(account, impl_->account_at(*head, account).nonce);
}

std::optional<std::pair<Transaction, Address>> NodeService::pooled(const Hash256& hash) const {
  std::lock_guard lock(impl_->mutex);
  const PooledTx* entry = impl_->pool.find(hash);
  if (!entry) return std::nullopt;
  return std::make_pair(entry->tx, entry->sender);
}

TxOutcome NodeService::call(const CallRequest& request, const Header& at) const {
  std::shared_ptr<const ChainHead> head = impl_->chain->head();
  const std::vector<StateOverride>* overlay = at == head->header ? head->pending.get() : nullptr;
  StateView view = impl_->chain->state_at(at);
  TrieBackend backend(view, overlay);
  BlockEnv env = impl_->env_of(at);
  vm::JournaledHost host(
      thread_vm(), tx_context(env, request.from.value_or(Address{}), request.gas_price), &backend);
  TxOutcome outcome = simulate_call(host, env, request);
  if (backend.failed()) {
    outcome.status = vm::Status::Trap;
    outcome.reason = "state read failed: " + backend.error().message;
  }
  return outcome;
}

Result<uint64_t, TxOutcome> NodeService::estimate(const CallRequest& request,
                                                  const Header& at) const {
  std::shared_ptr<const ChainHead> head = impl_->chain->head();
  const bool on_head = at == head->header;
  const std::vector<StateOverride>* overlay = on_head ? head->pending.get() : nullptr;
  StateView view = impl_->chain->state_at(at);
  // A transaction estimated on the head will run in the next block: simulate it there (as
  // anvil and Hardhat do), so gas that depends on block.timestamp or block.number is not
  // under-estimated.
  const BlockEnv env = on_head ? impl_->next_block_env(*head) : impl_->env_of(at);
  return estimate_gas(view, overlay, env, request, thread_vm());
}

Result<std::vector<LogRecord>, Refusal> NodeService::logs(const LogFilter& filter) const {
  uint64_t from = filter.from_block, to = filter.to_block;
  if (filter.block_hash) {
    std::optional<Header> header = impl_->chain->header_by_hash(*filter.block_hash);
    std::optional<Hash256> canonical =
        header ? impl_->chain->hash_by_number(header->number) : std::nullopt;
    if (!canonical || *canonical != *filter.block_hash) {
      return Refusal{RefusalKind::InvalidParams, "unknown block"};
    }
    from = to = header->number;
  }
  to = std::min(to, impl_->chain->head()->header.number);
  if (from > to) return std::vector<LogRecord>{};
  LogScan scan = impl_->scan_logs(filter, from, to);
  if (scan.over_cap) {
    return Refusal{RefusalKind::LimitExceeded,
                   "query returns more than " + std::to_string(kMaxLogsPerQuery) + " logs"};
  }
  return std::move(scan.logs);
}

Result<uint64_t, Refusal> NodeService::new_log_filter(const LogFilter& filter) {
  InstalledFilter installed{
      InstalledFilter::Kind::Logs, filter, impl_->chain->head()->header.number + 1, {}};
  return impl_->filters.install(std::move(installed), FilterTable::Clock::now());
}

Result<uint64_t, Refusal> NodeService::new_block_filter() {
  InstalledFilter installed{
      InstalledFilter::Kind::Blocks, {}, impl_->chain->head()->header.number + 1, {}};
  return impl_->filters.install(std::move(installed), FilterTable::Clock::now());
}

std::optional<std::variant<std::vector<Hash256>, std::vector<LogRecord>>>
NodeService::filter_changes(uint64_t id) {
  std::optional<InstalledFilter> filter = impl_->filters.poll(id, FilterTable::Clock::now());
  if (!filter) return std::nullopt;
  uint64_t head = impl_->chain->head()->header.number;
  if (filter->kind == InstalledFilter::Kind::Blocks) {
    std::vector<Hash256> hashes;
    uint64_t number = filter->next_block;
    for (; number <= head && hashes.size() < kMaxLogsPerQuery; ++number) {
      if (std::optional<Hash256> hash = impl_->chain->hash_by_number(number))
        hashes.push_back(*hash);
    }
    impl_->filters.advance(id, number);
    return hashes;
  }
  uint64_t from = std::max(filter->next_block, filter->query.from_block);
  uint64_t to = std::min(head, filter->query.to_block);
  if (filter->query.block_hash || from > to) {  // a one-block filter has no changes
    impl_->filters.advance(id, head + 1);
    return std::vector<LogRecord>{};
  }
  LogScan scan = impl_->scan_logs(filter->query, from, to);
  impl_->filters.advance(id, scan.next_block);
  return std::move(scan.logs);
}

std::optional<Result<std::vector<LogRecord>, Refusal>> NodeService::filter_logs(uint64_t id) {
  std::optional<InstalledFilter> filter = impl_->filters.poll(id, FilterTable::Clock::now());
  if (!filter || filter->kind != InstalledFilter::Kind::Logs) return std::nullopt;
  return logs(filter->query);
}

bool NodeService::uninstall_filter(uint64_t id) {
  return impl_->filters.uninstall(id);
}

}  // namespace tenet::node
