#pragma once
/// \file
/// NodeService's state (node_service.hpp). Members marked "chain thread" are touched only by
/// commands of the queue; those under `mutex` are also read by RPC threads.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "command_queue.hpp"
#include "tenet/node/chain/chain.hpp"
#include "tenet/node/pool/tx_pool.hpp"
#include "tenet/node/service/filter_table.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/node/store/store.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::node {

/// The wall clock in seconds since the epoch (genesis time, and the blocks' clock).
inline int64_t service_now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A block's timestamp from the node's clock reading `t` (now + evm_increaseTime's offset):
/// never before its parent's, never negative.
inline uint64_t clock_time(int64_t t, const Header& parent) {
  return std::max(t < 0 ? uint64_t{0} : static_cast<uint64_t>(t), parent.timestamp);
}

/// The timestamp of the next block on `parent`: `chosen` (evm_setNextBlockTimestamp or an
/// explicit mining time) when set, else the clock reading `t`; never before the parent's.
inline uint64_t next_block_time(std::optional<uint64_t> chosen, int64_t t, const Header& parent) {
  return chosen ? std::max(*chosen, parent.timestamp) : clock_time(t, parent);
}

/// What evm_snapshot saved (not persisted).
struct ServiceSnapshot {
  uint64_t head_number = 0;
  TxPool pool;
  std::vector<StateOverride> pending;
  int64_t time_offset = 0;
  std::optional<uint64_t> next_timestamp;
  std::set<Address> impersonated;
};

/// What one mined block took from its candidates.
struct MinedBlock {
  Hash256 hash{};
  /// The candidates included, by hash.
  std::vector<Hash256> included;
  /// The candidates the block refused (they stay out of this block), by hash.
  std::vector<std::pair<Hash256, Refusal>> refused;
};

/// Logs read from a block range: the logs, the first block not read, and whether reading
/// stopped because the next block would pass kMaxLogsPerQuery.
struct LogScan {
  std::vector<LogRecord> logs;
  uint64_t next_block = 0;
  bool over_cap = false;
};

struct NodeService::Impl {
  explicit Impl(const NodeConfig& c) : config(c) {}

  // ---- chain thread (service_mining.cpp) ----
  Result<Submitted, Refusal> submit(const Transaction& tx, const Address& sender,
                                    bool impersonated);
  Result<bool, Refusal> admit(const Transaction& tx, const Address& sender, bool impersonated);
  Result<MinedBlock, Refusal> mine_block(const std::vector<PooledTx>& candidates, bool allow_empty,
                                         std::optional<uint64_t> timestamp);
  /// Automine: every ready transaction (only `sender`'s when given: after its submission
  /// nothing else can have become ready) in its own block; the refusal of `watched` if its
  /// block refused it.
  std::optional<Refusal> mine_each_ready(const std::optional<Hash256>& watched,
                                         const std::optional<Address>& sender);
  Result<std::vector<Hash256>, Refusal> mine(uint64_t blocks, std::optional<uint64_t> timestamp);
  uint64_t take_timestamp(const Header& parent, std::optional<uint64_t> explicit_timestamp);
  uint64_t snapshot();
  bool revert(uint64_t id);
  Result<bool, Refusal> set_state(const StateOverride& change);
  std::vector<PooledTx> ready_now() const;
  /// The interval timer's thread body: a block every config.block_time seconds until
  /// `stopping`.
  void run_timer();

  // ---- any thread (service_reads.cpp) ----
  SenderState account_at(const ChainHead& head, const Address& account) const;
  std::size_t code_size_at(const ChainHead& head, const Address& account) const;
  BlockEnv env_of(const Header& header) const;
  /// The environment of the block that would be mined on `head` now: number + 1, the next
  /// base fee and the timestamp take_timestamp would choose (without using up
  /// evm_setNextBlockTimestamp's value). eth_estimateGas on the head runs in it.
  BlockEnv next_block_env(const ChainHead& head) const;
  std::vector<LogRecord> logs_in_block(const LogFilter& filter, uint64_t number) const;
  LogScan scan_logs(const LogFilter& filter, uint64_t from, uint64_t to) const;

  NodeConfig config;
  std::vector<DevAccount> accounts;
  std::unique_ptr<Store> store;
  std::unique_ptr<Chain> chain;
  /// chain thread: executes blocks.
  vm::Vm vm;

  /// Guards pool and impersonated, and makes a block's append and its pool update one step
  /// for readers of pending nonces.
  mutable std::mutex mutex;
  TxPool pool;
  std::set<Address> impersonated;

  // chain thread:
  bool automine = true;
  /// The block clock: written by the chain thread under clock_mutex, read by it freely and by
  /// RPC threads (next_block_env) under clock_mutex.
  mutable std::mutex clock_mutex;
  int64_t time_offset = 0;
  std::optional<uint64_t> next_timestamp;
  std::map<uint64_t, ServiceSnapshot> snapshots;
  uint64_t next_snapshot_id = 1;

  FilterTable filters;

  /// Block listeners by id (held while one runs, so unsubscribe waits for it).
  std::recursive_mutex listeners_mutex;
  std::map<uint64_t, BlockListener> listeners;
  uint64_t next_listener_id = 1;
  /// Calls every listener with the new head (chain thread, after an append).
  void notify_block();

  // The interval timer.
  std::mutex timer_mutex;
  std::condition_variable timer_wake;
  bool stopping = false;
  std::unique_ptr<StackThread> timer;

  /// Last: constructed after, and closed before, everything its commands use.
  std::unique_ptr<CommandQueue> queue;
};

}  // namespace tenet::node
