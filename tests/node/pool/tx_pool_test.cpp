// The transaction pool without a chain: the caller gives each sender's state nonce and
// balance. Every refusal with its exact message, pending vs queued, gap release, replacement
// at 109% vs 110%, the caps, the ready order and removal on mining.

#include "tenet/node/pool/tx_pool.hpp"

#include <gtest/gtest.h>

#include "tenet/node/tx/fees.hpp"
#include "node/chain/chain_support.hpp"

namespace tenet::node {
namespace {

using test::kGwei;

Address pool_test_address(uint8_t last) {
  Address a;
  a.bytes[19] = last;
  return a;
}

/// A type-2 transfer (unsigned: the pool never checks signatures); `value` tells senders'
/// otherwise equal transactions apart.
Transaction pool_test_tx(uint64_t nonce, uint64_t max_fee_gwei = 10, uint64_t tip_gwei = 1,
                         uint64_t value = 1) {
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.nonce = nonce;
  tx.gas_limit = 21'000;
  tx.max_fee = Word{max_fee_gwei * kGwei};
  tx.max_priority_fee = Word{tip_gwei * kGwei};
  tx.to = pool_test_address(0xee);
  tx.value = Word{value};
  return tx;
}

Transaction pool_test_legacy(uint64_t nonce, uint64_t gas_price_gwei, uint64_t value = 1) {
  Transaction tx;
  tx.type = TxType::Legacy;
  tx.chain_id = 31337;
  tx.nonce = nonce;
  tx.gas_limit = 21'000;
  tx.gas_price = Word{gas_price_gwei * kGwei};
  tx.to = pool_test_address(0xee);
  tx.value = Word{value};
  return tx;
}

const Word kRich = Word{0, 1, 0, 0};  // 2^64 wei
const Address kAlice = pool_test_address(1);
const Address kBob = pool_test_address(2);

std::vector<uint64_t> nonces_of(const std::vector<PooledTx>& txs) {
  std::vector<uint64_t> out;
  for (const PooledTx& p : txs) out.push_back(p.tx.nonce);
  return out;
}

TEST(TxPool, ContiguousNonceIsPendingAGapIsQueued) {
  TxPool pool;
  auto first = pool.add(pool_test_tx(5), kAlice, {5, kRich});
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(first->pending);
  EXPECT_FALSE(first->replaced);
  auto gap = pool.add(pool_test_tx(7), kAlice, {5, kRich});
  ASSERT_TRUE(gap.ok());
  EXPECT_FALSE(gap->pending);
  EXPECT_EQ(pool.pending_nonce(kAlice, 5), 6u);
  EXPECT_EQ(nonces_of(pool.executable(kAlice, 5)), (std::vector<uint64_t>{5}));
  EXPECT_EQ(pool.pending_nonce(kBob, 3), 3u);
  EXPECT_EQ(pool.size(), 2u);
}

TEST(TxPool, FillingTheGapReleasesTheQueue) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(1), kAlice, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(2), kAlice, {0, kRich}).ok());
  EXPECT_TRUE(pool.executable(kAlice, 0).empty());
  EXPECT_EQ(pool.pending_nonce(kAlice, 0), 0u);
  auto fill = pool.add(pool_test_tx(0), kAlice, {0, kRich});
  ASSERT_TRUE(fill.ok());
  EXPECT_TRUE(fill->pending);
  EXPECT_EQ(nonces_of(pool.executable(kAlice, 0)), (std::vector<uint64_t>{0, 1, 2}));
  EXPECT_EQ(pool.pending_nonce(kAlice, 0), 3u);
}

TEST(TxPool, NonceTooLow) {
  TxPool pool;
  auto r = pool.add(pool_test_tx(2), kAlice, {3, kRich});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, RefusalKind::NonceTooLow);
  EXPECT_EQ(r.error().message(), "nonce too low: next nonce 3, tx nonce 2");
  EXPECT_EQ(pool.size(), 0u);
}

TEST(TxPool, NonceTooHighPast1024Ahead) {
  TxPool pool;
  EXPECT_TRUE(pool.add(pool_test_tx(1034), kAlice, {10, kRich}).ok());
  auto r = pool.add(pool_test_tx(1035), kAlice, {10, kRich});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, RefusalKind::NonceTooHigh);
  EXPECT_EQ(r.error().message(),
            "nonce too high: next nonce 10, tx nonce 1035 (at most 1024 ahead)");
  EXPECT_EQ(pool.size(), 1u);
}

TEST(TxPool, NonceTooHighCountsFromThePendingNonce) {
  // With mining off a sender may pool a long executable run (bounded by the pool's caps);
  // only a gap is limited: at most 1,024 past the nonce after the contiguous transactions.
  TxPool pool;
  for (uint64_t n = 0; n < 2'000; ++n)
    ASSERT_TRUE(pool.add(pool_test_tx(n), kAlice, {0, kRich}).ok());
  EXPECT_EQ(pool.pending_nonce(kAlice, 0), 2'000u);
  EXPECT_TRUE(pool.add(pool_test_tx(3'024), kAlice, {0, kRich}).ok());
  auto r = pool.add(pool_test_tx(3'025), kAlice, {0, kRich});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "nonce too high: next nonce 2000, tx nonce 3025 (at most 1024 ahead)");
}

TEST(TxPool, AlreadyKnownBeforeTheNonceCheck) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(0), kAlice, {0, kRich}).ok());
  auto again = pool.add(pool_test_tx(0), kAlice, {0, kRich});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message(), "already known");
  // Even when the state nonce has moved past it, the same hash is "already known".
  auto stale = pool.add(pool_test_tx(0), kAlice, {1, kRich});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, RefusalKind::AlreadyKnown);
  EXPECT_TRUE(pool.contains(transaction_hash(pool_test_tx(0))));
  ASSERT_NE(pool.find(transaction_hash(pool_test_tx(0))), nullptr);
  EXPECT_EQ(pool.find(transaction_hash(pool_test_tx(0)))->sender, kAlice);
}

TEST(TxPool, InsufficientFunds) {
  TxPool pool;
  Transaction tx = pool_test_tx(0, 10, 1, 5);
  Word cost = *max_cost(tx);  // 21,000 × 10 gwei + 5
  EXPECT_EQ(cost, Word{210'000 * kGwei + 5});
  auto poor = pool.add(tx, kAlice, {0, vm::sub(cost, Word{1})});
  ASSERT_FALSE(poor.ok());
  EXPECT_EQ(poor.error().message(),
            "insufficient funds for gas * price + value: balance 210000000000004, cost "
            "210000000000005");
  EXPECT_TRUE(pool.add(tx, kAlice, {0, cost}).ok());
}

TEST(TxPool, ReplacementNeedsTenPercentMoreFeeAndTip) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(0, 100, 10), kAlice, {0, kRich}).ok());
  // 109% of both: refused.
  auto low = pool.add(pool_test_tx(0, 109, 11), kAlice, {0, kRich});
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.error().message(),
            "replacement transaction underpriced: max fee and tip must be at least 110% of "
            "the pooled one's");
  // Fee enough, tip at 109%: refused.
  auto low_tip = pool.add(pool_test_tx(0, 200, 10, 2), kAlice, {0, kRich});
  ASSERT_FALSE(low_tip.ok());
  EXPECT_EQ(low_tip.error().kind, RefusalKind::ReplacementUnderpriced);
  EXPECT_EQ(pool.size(), 1u);
  // 110% of both: replaces.
  auto ok = pool.add(pool_test_tx(0, 110, 11), kAlice, {0, kRich});
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->replaced);
  EXPECT_EQ(*ok->replaced, transaction_hash(pool_test_tx(0, 100, 10)));
  EXPECT_TRUE(ok->pending);
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_FALSE(pool.contains(transaction_hash(pool_test_tx(0, 100, 10))));
  EXPECT_EQ(pool.executable(kAlice, 0).at(0).tx.max_fee, Word{110 * kGwei});
}

TEST(TxPool, ReplacementThresholdRoundsDownAndLegacyPriceIsBoth) {
  TxPool pool;
  // 15 wei → ⌊16.5⌋ = 16 wei.
  Transaction old_tx = pool_test_legacy(0, 0);
  old_tx.gas_price = Word{15};
  ASSERT_TRUE(pool.add(old_tx, kAlice, {0, kRich}).ok());
  Transaction low = old_tx;
  low.gas_price = Word{15};
  low.value = Word{2};
  EXPECT_FALSE(pool.add(low, kAlice, {0, kRich}).ok());
  Transaction enough = old_tx;
  enough.gas_price = Word{16};
  EXPECT_TRUE(pool.add(enough, kAlice, {0, kRich}).ok());
}

TEST(TxPool, QueuedTransactionsCanBeReplacedToo) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(3, 10, 1), kAlice, {0, kRich}).ok());
  EXPECT_FALSE(pool.add(pool_test_tx(3, 10, 1, 9), kAlice, {0, kRich}).ok());
  auto r = pool.add(pool_test_tx(3, 11, 2), kAlice, {0, kRich});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->pending);
  EXPECT_TRUE(r->replaced);
}

TEST(TxPool, FullAt4096Transactions) {
  TxPool pool;
  for (uint8_t s = 1; s <= 4; ++s) {
    for (uint64_t n = 0; n < 1024; ++n) {
      ASSERT_TRUE(pool.add(pool_test_tx(n, 10, 1, s), pool_test_address(s), {0, kRich}).ok());
    }
  }
  EXPECT_EQ(pool.size(), 4096u);
  auto r = pool.add(pool_test_tx(0, 10, 1, 5), pool_test_address(5), {0, kRich});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, RefusalKind::PoolFull);
  EXPECT_EQ(r.error().message().substr(0, 29), "txpool is full: 4096 transact");
  EXPECT_EQ(pool.senders().size(), 4u);
  // A replacement still fits: it takes no new slot.
  EXPECT_TRUE(pool.add(pool_test_tx(0, 20, 2, 1), pool_test_address(1), {0, kRich}).ok());
  EXPECT_EQ(pool.size(), 4096u);
}

TEST(TxPool, FullByBytes) {
  Transaction big = pool_test_tx(0);
  big.data.assign(1000, 0xab);
  std::size_t size = encode_transaction(big).size();
  TxPool pool(PoolLimits{.max_bytes = 2 * size + 10});
  ASSERT_TRUE(pool.add(big, kAlice, {0, kRich}).ok());
  big.nonce = 1;
  ASSERT_TRUE(pool.add(big, kAlice, {0, kRich}).ok());
  EXPECT_EQ(pool.bytes(), 2 * size);
  big.nonce = 2;
  auto r = pool.add(big, kAlice, {0, kRich});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "txpool is full: 2 transactions, " + std::to_string(2 * size) + " bytes");
  EXPECT_EQ(pool.size(), 2u);
}

TEST(TxPool, DefaultCapsAreTheDocumentedOnes) {
  PoolLimits limits;
  EXPECT_EQ(limits.max_transactions, 4096u);
  EXPECT_EQ(limits.max_bytes, 32u << 20);
  EXPECT_EQ(limits.max_nonce_ahead, 1024u);
  EXPECT_EQ(limits.replacement_percent, 110u);
}

TEST(TxPool, ReadyIsNonceOrderPerSenderMergedByTip) {
  TxPool pool;
  // Alice: nonces 0 (tip 1), 1 (tip 5); Bob: nonce 0 (tip 3), 1 (tip 3); Carol: queued only.
  ASSERT_TRUE(pool.add(pool_test_tx(1, 100, 5), kAlice, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(0, 100, 1), kAlice, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(0, 100, 3, 2), kBob, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(1, 100, 3, 2), kBob, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(9, 100, 50, 3), pool_test_address(3), {0, kRich}).ok());
  auto ready = pool.ready(Word{kGwei}, [](const Address&) { return uint64_t{0}; });
  ASSERT_EQ(ready.size(), 4u);
  // Bob's 0 (3) beats Alice's 0 (1); Bob's 1 (3) still beats it; then Alice 0, Alice 1.
  EXPECT_EQ(ready[0].sender, kBob);
  EXPECT_EQ(ready[0].tx.nonce, 0u);
  EXPECT_EQ(ready[1].sender, kBob);
  EXPECT_EQ(ready[1].tx.nonce, 1u);
  EXPECT_EQ(ready[2].sender, kAlice);
  EXPECT_EQ(ready[2].tx.nonce, 0u);
  EXPECT_EQ(ready[3].sender, kAlice);
  EXPECT_EQ(ready[3].tx.nonce, 1u);
}

TEST(TxPool, ReadyTipIsCappedByTheFeeAboveTheBaseFee) {
  TxPool pool;
  // Alice: max fee 12 gwei, tip 10 → 2 gwei at base fee 10. Bob: legacy 13 gwei → 3 gwei.
  ASSERT_TRUE(pool.add(pool_test_tx(0, 12, 10), kAlice, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_legacy(0, 13), kBob, {0, kRich}).ok());
  auto ready = pool.ready(Word{10 * kGwei}, [](const Address&) { return uint64_t{0}; });
  ASSERT_EQ(ready.size(), 2u);
  EXPECT_EQ(ready[0].sender, kBob);
  EXPECT_EQ(tip_at(pool_test_tx(0, 12, 10), Word{10 * kGwei}), Word{2 * kGwei});
  EXPECT_EQ(tip_at(pool_test_tx(0, 12, 10), Word{13 * kGwei}), Word{0});
  // Equal tips: first admitted first.
  TxPool tie;
  ASSERT_TRUE(tie.add(pool_test_tx(0, 10, 1, 2), kBob, {0, kRich}).ok());
  ASSERT_TRUE(tie.add(pool_test_tx(0, 10, 1), kAlice, {0, kRich}).ok());
  auto order = tie.ready(Word{kGwei}, [](const Address&) { return uint64_t{0}; });
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0].sender, kBob);
}

TEST(TxPool, RemovalOnMiningReleasesNothingItShouldNot) {
  TxPool pool;
  for (uint64_t n : {0, 1, 3}) ASSERT_TRUE(pool.add(pool_test_tx(n), kAlice, {0, kRich}).ok());
  pool.remove_below(kAlice, 2);  // nonces 0 and 1 mined
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_TRUE(pool.executable(kAlice, 2).empty());  // 3 still waits for 2
  EXPECT_EQ(pool.pending_nonce(kAlice, 2), 2u);
  ASSERT_TRUE(pool.add(pool_test_tx(2), kAlice, {2, kRich}).ok());
  EXPECT_EQ(nonces_of(pool.executable(kAlice, 2)), (std::vector<uint64_t>{2, 3}));
  pool.remove_below(kAlice, 4);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.bytes(), 0u);
  EXPECT_TRUE(pool.senders().empty());
}

TEST(TxPool, RemoveByHashAndClear) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(0), kAlice, {0, kRich}).ok());
  ASSERT_TRUE(pool.add(pool_test_tx(1), kAlice, {0, kRich}).ok());
  EXPECT_TRUE(pool.remove(transaction_hash(pool_test_tx(0))));
  EXPECT_FALSE(pool.remove(transaction_hash(pool_test_tx(0))));
  EXPECT_EQ(pool.pending_nonce(kAlice, 0), 0u);  // nonce 1 is queued again
  pool.clear();
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.bytes(), 0u);
}

TEST(TxPool, CopiesAreIndependent) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(0), kAlice, {0, kRich}).ok());
  TxPool saved = pool;
  ASSERT_TRUE(pool.add(pool_test_tx(1), kAlice, {0, kRich}).ok());
  EXPECT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved.pending_nonce(kAlice, 0), 1u);
  EXPECT_EQ(pool.pending_nonce(kAlice, 0), 2u);
}

TEST(TxPool, ImpersonatedFlagAndSizeAreKept) {
  TxPool pool;
  ASSERT_TRUE(pool.add(pool_test_tx(0), kAlice, {0, kRich}, true).ok());
  const PooledTx* p = pool.find(transaction_hash(pool_test_tx(0)));
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->impersonated);
  EXPECT_EQ(p->size, encode_transaction(pool_test_tx(0)).size());
  EXPECT_EQ(pool.bytes(), p->size);
}

}  // namespace
}  // namespace tenet::node
