#pragma once
/// \file
/// The running node: the chain, the pool, mining (auto, interval, manual), snapshots, state
/// overrides, impersonation and time, with one chain thread executing every state change from
/// a queue (no locks on the write path) while readers on any thread read an immutable head.
/// The RPC handler is its only user besides tests (docs/node/service.md).

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "tenet/node/chain/chain.hpp"
#include "tenet/node/common/refusal.hpp"
#include "tenet/node/keys/hd_wallet.hpp"
#include "tenet/node/service/log_query.hpp"
#include "tenet/node/service/node_config.hpp"
#include "tenet/node/state/executor.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// What a submission yields: the transaction hash, and when it was mined (automine: always
/// by the time the future is ready) its block and receipt.
struct Submitted {
  Hash256 hash{};
  std::optional<TxLocation> location;
};

/// The node.
class NodeService {
 public:
  /// Opens the store (or the memory store), opens or creates the chain (genesis from the dev
  /// accounts of config.mnemonic), starts the chain thread and, in Interval mode, its timer.
  static Result<std::unique_ptr<NodeService>> start(const NodeConfig& config);
  /// Stops (as stop()) and closes the store.
  ~NodeService();
  NodeService(const NodeService&) = delete;
  NodeService& operator=(const NodeService&) = delete;

  /// The settings it was started with.
  const NodeConfig& config() const;
  /// The chain (lookups from any thread).
  const Chain& chain() const;
  /// The head readers use (header, hash, pending overrides).
  std::shared_ptr<const ChainHead> head() const;
  /// The dev accounts (address and key), in order.
  const std::vector<DevAccount>& accounts() const;

  /// Admits `tx` from `sender` (already decoded, chain id and signature checked by the caller
  /// unless `impersonated`): container validation for a deployment ("invalid container:
  /// <rule>", children too), intrinsic gas with the recipient's code, block gas limit, base
  /// fee, already known, nonce (too low / queued / too high), balance, pool caps and
  /// replacement; then mines per the mining mode. The future is ready when the transaction is
  /// pooled (Interval, Manual) or mined (Auto).
  std::future<Result<Submitted, Refusal>> submit(Transaction tx, Address sender,
                                                 bool impersonated = false);
  /// Mines `blocks` blocks now (evm_mine), the first at `timestamp` if given; the hashes.
  std::future<Result<std::vector<Hash256>, Refusal>> mine(uint64_t blocks,
                                                          std::optional<uint64_t> timestamp = {});
  /// evm_snapshot: the new id (1, 2, …).
  std::future<uint64_t> snapshot();
  /// evm_revert: false when `id` is unknown or used up.
  std::future<bool> revert(uint64_t id);
  /// anvil_set*: validated (Code as a deployment), pending until the next block.
  std::future<Result<bool, Refusal>> set_state(StateOverride change);
  /// anvil_impersonateAccount / anvil_stopImpersonatingAccount.
  std::future<bool> impersonate(const Address& account, bool on);
  /// Whether `account` is impersonated now.
  bool impersonated(const Address& account) const;
  /// evm_setAutomine.
  std::future<bool> set_automine(bool on);
  /// evm_increaseTime: adds `seconds` to the clock offset; the total offset.
  std::future<int64_t> increase_time(int64_t seconds);
  /// evm_setNextBlockTimestamp (must be ≥ the head's timestamp).
  std::future<Result<bool, Refusal>> set_next_timestamp(uint64_t timestamp);

  /// The next nonce of `account` after its contiguous pool transactions ("pending").
  uint64_t pending_nonce(const Address& account) const;
  /// A pooled (not yet mined) transaction by hash, with its sender.
  std::optional<std::pair<Transaction, Address>> pooled(const Hash256& hash) const;

  /// eth_call on the state after `at` (with the pending overrides when `at` is the head),
  /// on the calling thread.
  TxOutcome call(const CallRequest& request, const Header& at) const;
  /// eth_estimateGas likewise.
  Result<uint64_t, TxOutcome> estimate(const CallRequest& request, const Header& at) const;
  /// eth_getLogs: at most kMaxLogsPerQuery logs, else LimitExceeded.
  Result<std::vector<LogRecord>, Refusal> logs(const LogFilter& filter) const;

  /// Filters (eth_newFilter, eth_newBlockFilter, eth_getFilterChanges, eth_getFilterLogs,
  /// eth_uninstallFilter): at most 1,024, dropped after 5 minutes unpolled.
  Result<uint64_t, Refusal> new_log_filter(const LogFilter& filter);
  Result<uint64_t, Refusal> new_block_filter();
  /// A block filter's new block hashes, or a log filter's new logs; none when `id` is unknown.
  std::optional<std::variant<std::vector<Hash256>, std::vector<LogRecord>>> filter_changes(
      uint64_t id);
  /// All logs of a log filter; none when `id` is unknown or a block filter.
  std::optional<Result<std::vector<LogRecord>, Refusal>> filter_logs(uint64_t id);
  /// Removes a filter; whether it was installed.
  bool uninstall_filter(uint64_t id);

  /// What a block listener is given: the new head, after its block was appended.
  using BlockListener = std::function<void(const std::shared_ptr<const ChainHead>&)>;
  /// Calls `listener` on the chain thread after every block appended from now on (newHeads,
  /// log subscriptions). It must return quickly and must not wait for a NodeService future
  /// (the chain thread would wait for itself). The id is for unsubscribe_blocks.
  uint64_t subscribe_blocks(BlockListener listener);
  /// Stops calling a listener; whether it was subscribed. After it returns the listener is
  /// not running and will not be called again (unless called from the listener itself).
  bool unsubscribe_blocks(uint64_t id);

  /// Stops the timer and the chain thread after the current command (its block is written).
  void stop();

 private:
  struct Impl;
  explicit NodeService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node
