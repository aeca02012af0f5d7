#pragma once
/// \file
/// The transaction pool: transactions admitted but not yet mined, per sender by nonce. Those
/// contiguous from the sender's state nonce are pending (executable); those after a gap are
/// queued until the gap fills. The pool knows no state: callers pass the sender's state nonce
/// and balance (the service reads them at the head), and check the chain's transaction index
/// for "already known" themselves (docs/node/service.md).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// A transaction in the pool, with what admission learned about it.
struct PooledTx {
  Transaction tx;
  Address sender;
  /// transaction_hash(tx).
  Hash256 hash{};
  /// Sent for an impersonated account (not signed).
  bool impersonated = false;
  /// Its encoded size in bytes (what the byte cap counts).
  std::size_t size = 0;
  /// Admission order (ties of tip are mined first come, first served).
  uint64_t sequence = 0;
};

/// A sender's account as the pool's checks need it (at the head, overrides included).
struct SenderState {
  uint64_t nonce = 0;
  Word balance;
};

/// The pool's caps (toolchain §4, plan Q13).
struct PoolLimits {
  /// Transactions in the pool at most.
  std::size_t max_transactions = 4'096;
  /// Encoded bytes in the pool at most.
  std::size_t max_bytes = std::size_t{32} << 20;
  /// How far a nonce may be ahead of the sender's state nonce.
  uint64_t max_nonce_ahead = 1'024;
  /// A replacement pays at least this percentage of the old max fee and of the old tip.
  unsigned replacement_percent = 110;
};

/// Where an admitted transaction went.
struct PoolAdmission {
  /// Executable now: its nonce is contiguous with the sender's state nonce.
  bool pending = false;
  /// The hash of the transaction it replaced (same sender and nonce), if any.
  std::optional<Hash256> replaced;
};

/// The pool. Not thread-safe: the chain thread owns it. Copyable (snapshots keep a copy).
class TxPool {
 public:
  explicit TxPool(PoolLimits limits = {});

  /// Admits `entry` (its hash and size filled by the pool) for a sender whose state is
  /// `state`. Refusals, in this order: "already known" (same hash pooled); "nonce too low"
  /// (below the state nonce); "nonce too high" (more than max_nonce_ahead ahead of the
  /// sender's pending nonce: its state nonce after its contiguous pooled transactions);
  /// "insufficient funds for gas * price + value" (balance below max_cost); "replacement
  /// transaction underpriced" (same nonce pooled, and the new max fee or tip below 110% of
  /// the old); "txpool is full" (a new entry over the count or byte cap). Nothing changes on
  /// a refusal.
  Result<PoolAdmission, Refusal> add(const Transaction& tx, const Address& sender,
                                     const SenderState& state, bool impersonated = false);

  /// The pooled transaction with `hash`, or null.
  const PooledTx* find(const Hash256& hash) const;
  /// Whether a transaction with `hash` is pooled.
  bool contains(const Hash256& hash) const { return find(hash) != nullptr; }
  /// The nonce after `sender`'s transactions contiguous from `state_nonce` (its "pending"
  /// transaction count).
  uint64_t pending_nonce(const Address& sender, uint64_t state_nonce) const;
  /// `sender`'s transactions contiguous from `state_nonce`, in nonce order.
  std::vector<PooledTx> executable(const Address& sender, uint64_t state_nonce) const;
  /// Every pending transaction, ready to mine: each sender's in nonce order, senders merged by
  /// the tip their next transaction pays at `base_fee` (highest first; ties by admission
  /// order). `state_nonce` gives each sender's state nonce.
  std::vector<PooledTx> ready(const Word& base_fee,
                              const std::function<uint64_t(const Address&)>& state_nonce) const;
  /// Drops `sender`'s transactions with a nonce below `state_nonce` (mined, or made stale by
  /// a nonce override); the rest stay, queued ones becoming pending when now contiguous.
  void remove_below(const Address& sender, uint64_t state_nonce);
  /// Drops the transaction with `hash` (a block refused it); whether it was pooled.
  bool remove(const Hash256& hash);
  /// The senders with pooled transactions.
  std::vector<Address> senders() const;
  /// Drops everything.
  void clear();

  /// Transactions pooled.
  std::size_t size() const { return by_hash_.size(); }
  /// Their encoded bytes.
  std::size_t bytes() const { return bytes_; }
  /// The caps.
  const PoolLimits& limits() const { return limits_; }

 private:
  using Nonces = std::map<uint64_t, PooledTx>;
  void erase_entry(Nonces& nonces, Nonces::iterator it);

  PoolLimits limits_;
  std::map<Address, Nonces> by_sender_;
  /// hash → (sender, nonce).
  std::map<Hash256, std::pair<Address, uint64_t>> by_hash_;
  std::size_t bytes_ = 0;
  uint64_t next_sequence_ = 0;
};

/// The tip per gas `tx` pays above `base_fee`: min(max_priority_fee, max_fee - base_fee) for
/// type 2, gas_price - base_fee otherwise; zero when its fee cap is below the base fee.
Word tip_at(const Transaction& tx, const Word& base_fee);

}  // namespace tenet::node
