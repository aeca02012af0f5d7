/// \file
/// The transaction pool (tx_pool.hpp): per-sender nonce maps, the admission rules and the
/// ready order.

#include "tenet/node/pool/tx_pool.hpp"

#include <algorithm>
#include <queue>
#include <string>

#include "tenet/node/tx/fees.hpp"

namespace tenet::node {
namespace {

/// The least fee a replacement of `old_fee` must offer: ⌊old × percent / 100⌋ (geth's rule),
/// or none when that exceeds 2^256 - 1 (nothing can replace it).
std::optional<Word> replacement_threshold(const Word& old_fee, unsigned percent) {
  // old = 100q + r: ⌊old × p / 100⌋ = q × p + ⌊r × p / 100⌋, with no intermediate overflow.
  Word q = vm::udiv(old_fee, Word{100});
  Word r = vm::umod(old_fee, Word{100});
  if (vm::mul_overflows(q, Word{percent})) return std::nullopt;
  bool carry = false;
  Word total = vm::add_carry(vm::mul(q, Word{percent}),
                             vm::udiv(vm::mul(r, Word{percent}), Word{100}), carry);
  if (carry) return std::nullopt;
  return total;
}

/// The max fee and the tip a transaction offers (a legacy or type 1 gas price is both).
Word offered_tip(const Transaction& tx) {
  return tx.type == TxType::DynamicFee ? tx.max_priority_fee : tx.gas_price;
}

bool pays_at_least(const Word& offered, const std::optional<Word>& threshold) {
  return threshold && !vm::lt(offered, *threshold);
}

}  // namespace

Word tip_at(const Transaction& tx, const Word& base_fee) {
  Word cap = fee_cap(tx);
  if (vm::lt(cap, base_fee)) return Word{};
  Word above = vm::sub(cap, base_fee);
  if (tx.type != TxType::DynamicFee) return above;
  return vm::lt(tx.max_priority_fee, above) ? tx.max_priority_fee : above;
}

TxPool::TxPool(PoolLimits limits) : limits_(limits) {}

Result<PoolAdmission, Refusal> TxPool::add(const Transaction& tx, const Address& sender,
                                           const SenderState& state, bool impersonated) {
  PooledTx entry{tx, sender, transaction_hash(tx), impersonated, 0, 0};
  if (contains(entry.hash)) return Refusal{RefusalKind::AlreadyKnown, ""};
  if (tx.nonce < state.nonce) {
    return Refusal{RefusalKind::NonceTooLow, "next nonce " + std::to_string(state.nonce) +
                                                 ", tx nonce " + std::to_string(tx.nonce)};
  }
  // Measured from the sender's next nonce after its contiguous pooled transactions: a gap
  // may be at most max_nonce_ahead long, while a run of executable transactions (mining off)
  // is bounded by the pool's caps instead.
  const uint64_t next = pending_nonce(sender, state.nonce);
  if (tx.nonce > next && tx.nonce - next > limits_.max_nonce_ahead) {
    return Refusal{RefusalKind::NonceTooHigh,
                   "next nonce " + std::to_string(next) + ", tx nonce " + std::to_string(tx.nonce) +
                       " (at most " + std::to_string(limits_.max_nonce_ahead) + " ahead)"};
  }
  std::optional<Word> cost = max_cost(tx);
  if (!cost || vm::lt(state.balance, *cost)) {
    return Refusal{RefusalKind::InsufficientFunds,
                   "balance " + vm::to_decimal(state.balance) + ", cost " +
                       (cost ? vm::to_decimal(*cost) : std::string("over 2^256"))};
  }
  Nonces& nonces = by_sender_[sender];
  auto old = nonces.find(tx.nonce);
  entry.size = encode_transaction(tx).size();
  if (old != nonces.end()) {
    const Transaction& was = old->second.tx;
    if (!pays_at_least(fee_cap(tx),
                       replacement_threshold(fee_cap(was), limits_.replacement_percent)) ||
        !pays_at_least(offered_tip(tx),
                       replacement_threshold(offered_tip(was), limits_.replacement_percent))) {
      return Refusal{RefusalKind::ReplacementUnderpriced,
                     "max fee and tip must be at least " +
                         std::to_string(limits_.replacement_percent) + "% of the pooled one's"};
    }
  } else if (size() + 1 > limits_.max_transactions || bytes_ + entry.size > limits_.max_bytes) {
    if (nonces.empty()) by_sender_.erase(sender);
    return Refusal{RefusalKind::PoolFull,
                   std::to_string(size()) + " transactions, " + std::to_string(bytes_) + " bytes"};
  }
  PoolAdmission admission;
  if (old != nonces.end()) {
    admission.replaced = old->second.hash;
    if (bytes_ - old->second.size + entry.size > limits_.max_bytes) {
      return Refusal{RefusalKind::PoolFull, std::to_string(size()) + " transactions, " +
                                                std::to_string(bytes_) + " bytes"};
    }
    erase_entry(nonces, old);
  }
  entry.sequence = next_sequence_++;
  bytes_ += entry.size;
  by_hash_.emplace(entry.hash, std::make_pair(sender, tx.nonce));
  nonces.emplace(tx.nonce, std::move(entry));
  admission.pending = pending_nonce(sender, state.nonce) > tx.nonce;
  return admission;
}

void TxPool::erase_entry(Nonces& nonces, Nonces::iterator it) {
  bytes_ -= it->second.size;
  by_hash_.erase(it->second.hash);
  nonces.erase(it);
}

const PooledTx* TxPool::find(const Hash256& hash) const {
  auto at = by_hash_.find(hash);
  if (at == by_hash_.end()) return nullptr;
  return &by_sender_.at(at->second.first).at(at->second.second);
}

uint64_t TxPool::pending_nonce(const Address& sender, uint64_t state_nonce) const {
  auto nonces = by_sender_.find(sender);
  uint64_t next = state_nonce;
  if (nonces == by_sender_.end()) return next;
  for (auto it = nonces->second.find(next); it != nonces->second.end() && it->first == next; ++it) {
    ++next;
  }
  return next;
}

std::vector<PooledTx> TxPool::executable(const Address& sender, uint64_t state_nonce) const {
  std::vector<PooledTx> out;
  auto nonces = by_sender_.find(sender);
  if (nonces == by_sender_.end()) return out;
  uint64_t next = state_nonce;
  for (auto it = nonces->second.find(next); it != nonces->second.end() && it->first == next;
       ++it, ++next) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<PooledTx> TxPool::ready(
    const Word& base_fee, const std::function<uint64_t(const Address&)>& state_nonce) const {
  // One run per sender; a heap of runs keyed by the tip of each run's next transaction.
  std::vector<std::vector<PooledTx>> runs;
  for (const auto& [sender, nonces] : by_sender_) {
    std::vector<PooledTx> run = executable(sender, state_nonce(sender));
    if (!run.empty()) runs.push_back(std::move(run));
  }
  struct Cursor {
    std::size_t run = 0, next = 0;
  };
  auto after = [&](const Cursor& a, const Cursor& b) {
    const PooledTx& x = runs[a.run][a.next];
    const PooledTx& y = runs[b.run][b.next];
    Word tx_tip = tip_at(x.tx, base_fee), ty_tip = tip_at(y.tx, base_fee);
    if (tx_tip != ty_tip) return vm::lt(tx_tip, ty_tip);
    return x.sequence > y.sequence;
  };
  std::priority_queue<Cursor, std::vector<Cursor>, decltype(after)> heap(after);
  for (std::size_t i = 0; i < runs.size(); ++i) heap.push({i, 0});
  std::vector<PooledTx> out;
  while (!heap.empty()) {
    Cursor c = heap.top();
    heap.pop();
    out.push_back(runs[c.run][c.next]);
    if (++c.next < runs[c.run].size()) heap.push(c);
  }
  return out;
}

void TxPool::remove_below(const Address& sender, uint64_t state_nonce) {
  auto nonces = by_sender_.find(sender);
  if (nonces == by_sender_.end()) return;
  while (!nonces->second.empty() && nonces->second.begin()->first < state_nonce)
    erase_entry(nonces->second, nonces->second.begin());
  if (nonces->second.empty()) by_sender_.erase(nonces);
}

bool TxPool::remove(const Hash256& hash) {
  auto at = by_hash_.find(hash);
  if (at == by_hash_.end()) return false;
  auto [sender, nonce] = at->second;
  Nonces& nonces = by_sender_.at(sender);
  erase_entry(nonces, nonces.find(nonce));
  if (nonces.empty()) by_sender_.erase(sender);
  return true;
}

std::vector<Address> TxPool::senders() const {
  std::vector<Address> out;
  out.reserve(by_sender_.size());
  for (const auto& [sender, nonces] : by_sender_) out.push_back(sender);
  return out;
}

void TxPool::clear() {
  by_sender_.clear();
  by_hash_.clear();
  bytes_ = 0;
}

}  // namespace tenet::node
