// NodeService over an in-memory node: signed transfers mined at once with exact balances and
// fees, a deployment, the admission refusals, nonce gaps released, replacement, manual mining
// and timestamps, snapshots/revert, overrides, impersonation, logs and filters.

#include "tenet/node/service/node_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "node/support/programs.hpp"
#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/chain/verify.hpp"
#include "tenet/node/common/stack_thread.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/vm/assembler.hpp"
#include "node/chain/chain_support.hpp"

namespace tenet::node {
namespace {

using test::kGwei;
const Word kEther = Word{1'000'000'000'000'000'000ull};

/// A counter: the constructor sets slot 1 to 100; bump() adds 1 and logs the new value as
/// its topic; spam() emits 10,001 empty logs.
const std::string kCounterSource = R"T(
.constructor init
.fn init
  PUSH 1
  PUSH 100
  SSTORE
  STOP
.end
)T" + test::kBumpFunction + R"T(
.fn spam export="spam()" locals=1
  PUSH 10001
  LSET 0
loop:
  PUSH 0
  PUSH 0
  LOG0
  LGET 0
  PUSH1 1
  SUB
  LTEE 0
  JUMPI loop
  STOP
.end
)T";

Bytes counter_container() {
  auto c = vm::assemble(kCounterSource, "counter.tasm");
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

Bytes selector_data(std::string_view signature) {
  auto selector = vm::selector_of(signature);
  return Bytes(selector.begin(), selector.end());
}

class NodeServiceTest : public ::testing::Test {
 protected:
  void start(MiningMode mode = MiningMode::Auto) {
    NodeConfig config;
    config.in_memory = true;
    config.data_dir = "service-test";
    config.accounts = 3;
    config.mining = mode;
    auto started = NodeService::start(config);
    ASSERT_TRUE(started.ok()) << started.error().message;
    node = std::move(*started);
    alice = node->accounts()[0];
    bob = node->accounts()[1];
  }

  /// A signed type-2 transaction from `from`.
  Transaction signed_tx(const DevAccount& from, uint64_t nonce, std::optional<Address> to,
                        Word value, Bytes data = {}, uint64_t gas = 21'000,
                        uint64_t max_fee = 2 * kGwei, uint64_t tip = kGwei) {
    Transaction tx;
    tx.type = TxType::DynamicFee;
    tx.chain_id = 31337;
    tx.nonce = nonce;
    tx.gas_limit = gas;
    tx.max_fee = Word{max_fee};
    tx.max_priority_fee = Word{tip};
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    auto signed_one = sign_transaction(tx, from.private_key);
    EXPECT_TRUE(signed_one.has_value());
    return *signed_one;
  }

  Result<Submitted, Refusal> send(const Transaction& tx, const Address& sender,
                                  bool impersonated = false) {
    return node->submit(tx, sender, impersonated).get();
  }

  AccountState account(const Address& a) {
    auto head = node->head();
    auto got = node->chain().state_at(head->header).account(a);
    EXPECT_TRUE(got.ok());
    return got.ok() && *got ? **got : AccountState{};
  }

  Word storage(const Address& a, uint64_t key) {
    auto got = node->chain().state_at(node->head()->header).storage(a, Word{key});
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : Word{};
  }

  uint64_t head_number() { return node->head()->header.number; }

  /// Deploys the counter from alice (nonce `nonce`); its address.
  Address deploy_counter(uint64_t nonce) {
    auto r = send(signed_tx(alice, nonce, std::nullopt, Word{}, counter_container(), 300'000),
                  alice.address);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return vm::create_address(alice.address, nonce);
  }

  std::unique_ptr<NodeService> node;
  DevAccount alice, bob;
};

TEST_F(NodeServiceTest, SignedTransferIsMinedAtOnceWithExactBalancesAndFee) {
  start();
  EXPECT_EQ(head_number(), 0u);
  EXPECT_EQ(account(alice.address).balance, vm::mul(Word{10'000}, kEther));
  Transaction tx = signed_tx(alice, 0, bob.address, kEther);
  auto r = send(tx, alice.address);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->hash, transaction_hash(tx));
  ASSERT_TRUE(r->location);
  EXPECT_EQ(r->location->block_number, 1u);
  EXPECT_EQ(r->location->index, 0u);
  EXPECT_EQ(r->location->block_hash, node->head()->hash);
  const Header& header = node->head()->header;
  EXPECT_EQ(header.number, 1u);
  EXPECT_EQ(header.gas_used, 21'000u);
  // Genesis 1 gwei, empty → block 1 base fee 0.875 gwei; price = 0.875 + 1 (tip) gwei.
  EXPECT_EQ(header.base_fee, Word{875'000'000});
  Word fee = Word{21'000ull * 1'875'000'000ull};
  auto receipts = node->chain().receipts(node->head()->hash);
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 1u);
  EXPECT_TRUE((*receipts)[0].success);
  EXPECT_EQ((*receipts)[0].gas_used, 21'000u);
  EXPECT_EQ((*receipts)[0].effective_gas_price, Word{1'875'000'000});
  EXPECT_EQ(account(alice.address).balance,
            vm::sub(vm::sub(vm::mul(Word{10'000}, kEther), kEther), fee));
  EXPECT_EQ(account(alice.address).nonce, 1u);
  EXPECT_EQ(account(bob.address).balance, vm::mul(Word{10'001}, kEther));
  EXPECT_EQ(account(Address{}).balance, Word{21'000ull * kGwei});  // the tip; base fee burnt
  EXPECT_EQ(node->pending_nonce(alice.address), 1u);
  EXPECT_FALSE(node->pooled(r->hash));
}

TEST_F(NodeServiceTest, DeploymentRunsTheConstructor) {
  start();
  Address counter = deploy_counter(0);
  EXPECT_EQ(head_number(), 1u);
  auto receipts = node->chain().receipts(node->head()->hash);
  ASSERT_TRUE(receipts);
  EXPECT_TRUE((*receipts)[0].success);
  ASSERT_TRUE((*receipts)[0].contract_address);
  EXPECT_EQ(*(*receipts)[0].contract_address, counter);
  EXPECT_EQ(storage(counter, 1), Word{100});
  EXPECT_EQ(account(counter).code_hash, vm::keccak256(counter_container()));
  // A call on the head sees it; state is unchanged after.
  CallRequest call;
  call.to = counter;
  call.data = selector_data("bump()");
  TxOutcome outcome = node->call(call, node->head()->header);
  EXPECT_EQ(outcome.status, vm::Status::Success);
  ASSERT_EQ(outcome.logs.size(), 1u);
  EXPECT_EQ(outcome.logs[0].topics, std::vector<Word>{Word{101}});
  EXPECT_EQ(storage(counter, 1), Word{100});
  auto gas = node->estimate(call, node->head()->header);
  ASSERT_TRUE(gas.ok());
  EXPECT_GT(*gas, 21'000u);
}

TEST_F(NodeServiceTest, AdmissionRefusalsUseNoNonceAndNoFee) {
  start();
  Word balance = account(alice.address).balance;
  auto refused = [&](const Transaction& tx) {
    auto r = send(tx, alice.address);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("accepted") : r.error().message();
  };
  vm::ValidationOptions cheats;
  cheats.allow_cheats = true;
  auto cheat =
      vm::assemble(".fn main\n  PUSH0\n  PUSH0\n  CHEAT 3\n  POP\n  STOP\n.end\n", "c", {}, cheats);
  ASSERT_TRUE(cheat.ok());
  EXPECT_EQ(
      refused(signed_tx(alice, 0, std::nullopt, Word{}, vm::serialize_container(*cheat), 200'000)),
      "invalid container: function 0 at offset 2: test-only-instruction: CHEAT 3 is only "
      "allowed in test mode");
  EXPECT_EQ(refused(signed_tx(alice, 0, bob.address, Word{}, {}, 30'000'001)),
            "exceeds block gas limit: gas 30000001, block gas limit 30000000");
  EXPECT_EQ(refused(signed_tx(alice, 0, bob.address, Word{}, {}, 21'000, 800'000'000, 0)),
            "max fee per gas less than block base fee: max fee 800000000, base fee 875000000");
  EXPECT_EQ(refused(signed_tx(alice, 0, bob.address, balance)),
            "insufficient funds for gas * price + value: balance " + vm::to_decimal(balance) +
                ", cost " + vm::to_decimal(vm::add(balance, Word{42'000 * kGwei})));
  EXPECT_EQ(refused(signed_tx(alice, 1025, bob.address, Word{1})),
            "nonce too high: next nonce 0, tx nonce 1025 (at most 1024 ahead)");
  EXPECT_EQ(head_number(), 0u);
  EXPECT_EQ(account(alice.address).balance, balance);
  EXPECT_EQ(node->pending_nonce(alice.address), 0u);
  // Mined, then replayed: already known; a new one with the old nonce: nonce too low.
  Transaction tx = signed_tx(alice, 0, bob.address, Word{1});
  ASSERT_TRUE(send(tx, alice.address).ok());
  EXPECT_EQ(refused(tx), "already known");
  EXPECT_EQ(refused(signed_tx(alice, 0, bob.address, Word{2})),
            "nonce too low: next nonce 1, tx nonce 0");
  // A call with code at the recipient pays its cold code load in the intrinsic gas.
  Address counter = deploy_counter(1);
  std::size_t words = (counter_container().size() + 31) / 32;
  Transaction call = signed_tx(alice, 2, counter, Word{}, selector_data("bump()"), 21'100);
  EXPECT_EQ(refused(call), "intrinsic gas too low: have 21100, want " +
                               std::to_string(intrinsic_gas(call) + 192 * words));
}

TEST_F(NodeServiceTest, NonceGapIsQueuedThenReleasedOneBlockEach) {
  start();
  Transaction second = signed_tx(alice, 1, bob.address, Word{1});
  auto queued = send(second, alice.address);
  ASSERT_TRUE(queued.ok()) << queued.error().message();
  EXPECT_FALSE(queued->location);
  EXPECT_EQ(head_number(), 0u);
  EXPECT_EQ(node->pending_nonce(alice.address), 0u);
  ASSERT_TRUE(node->pooled(queued->hash));
  EXPECT_EQ(node->pooled(queued->hash)->second, alice.address);
  auto first = send(signed_tx(alice, 0, bob.address, Word{1}), alice.address);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->location);
  EXPECT_EQ(first->location->block_number, 1u);
  EXPECT_EQ(head_number(), 2u);
  auto where = node->chain().locate(queued->hash);
  ASSERT_TRUE(where);
  EXPECT_EQ(where->block_number, 2u);
  EXPECT_EQ(account(alice.address).nonce, 2u);
  EXPECT_FALSE(node->pooled(queued->hash));
}

TEST_F(NodeServiceTest, ReplacementNeedsTenPercentMore) {
  start(MiningMode::Manual);
  Transaction old_tx = signed_tx(alice, 0, bob.address, Word{1}, {}, 21'000, 10 * kGwei, kGwei);
  ASSERT_TRUE(send(old_tx, alice.address).ok());
  EXPECT_EQ(node->pending_nonce(alice.address), 1u);
  auto low =
      send(signed_tx(alice, 0, bob.address, Word{2}, {}, 21'000, 10'900'000'000, 1'090'000'000),
           alice.address);
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.error().kind, RefusalKind::ReplacementUnderpriced);
  Transaction better =
      signed_tx(alice, 0, bob.address, Word{3}, {}, 21'000, 11 * kGwei, 1'100'000'000);
  ASSERT_TRUE(send(better, alice.address).ok());
  EXPECT_FALSE(node->pooled(transaction_hash(old_tx)));
  auto mined = node->mine(1).get();
  ASSERT_TRUE(mined.ok());
  auto block = node->chain().block(node->head()->hash);
  ASSERT_TRUE(block);
  ASSERT_EQ(block->transactions.size(), 1u);
  EXPECT_EQ(block->transactions[0], better);
}

TEST_F(NodeServiceTest, ManualMiningTakesReadyTransactionsByTipAndSetsTimestamps) {
  start(MiningMode::Manual);
  Transaction low_tip = signed_tx(alice, 0, bob.address, Word{1}, {}, 21'000, 5 * kGwei, kGwei);
  Transaction high_tip =
      signed_tx(bob, 0, alice.address, Word{1}, {}, 21'000, 5 * kGwei, 2 * kGwei);
  ASSERT_TRUE(send(low_tip, alice.address).ok());
  ASSERT_TRUE(send(high_tip, bob.address).ok());
  EXPECT_EQ(head_number(), 0u);
  EXPECT_EQ(node->pending_nonce(alice.address), 1u);
  uint64_t genesis_time = node->head()->header.timestamp;
  auto mined = node->mine(1, genesis_time + 1000).get();
  ASSERT_TRUE(mined.ok()) << mined.error().message();
  ASSERT_EQ(mined->size(), 1u);
  EXPECT_EQ((*mined)[0], node->head()->hash);
  EXPECT_EQ(node->head()->header.timestamp, genesis_time + 1000);
  auto block = node->chain().block(node->head()->hash);
  ASSERT_TRUE(block);
  ASSERT_EQ(block->transactions.size(), 2u);
  EXPECT_EQ(block->transactions[0], high_tip);
  EXPECT_EQ(block->transactions[1], low_tip);
  EXPECT_EQ(node->head()->header.gas_used, 42'000u);
  // Empty blocks; the clock continues from the chosen time.
  auto more = node->mine(2).get();
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->size(), 2u);
  EXPECT_EQ(head_number(), 3u);
  EXPECT_GE(node->head()->header.timestamp, genesis_time + 1000);
  EXPECT_LT(node->head()->header.timestamp, genesis_time + 1100);
  // Next timestamp, then increase_time.
  uint64_t t = node->head()->header.timestamp;
  ASSERT_TRUE(node->set_next_timestamp(t + 50).get().ok());
  ASSERT_TRUE(node->mine(1).get().ok());
  EXPECT_EQ(node->head()->header.timestamp, t + 50);
  auto before = node->set_next_timestamp(t);
  EXPECT_EQ(before.get().error().kind, RefusalKind::InvalidParams);
  EXPECT_FALSE(node->mine(1, t).get().ok());
  node->increase_time(3600).get();
  ASSERT_TRUE(node->mine(1).get().ok());
  EXPECT_GE(node->head()->header.timestamp, t + 50 + 3600);
}

/// touch(): writes block.timestamp to slot 2 unless it is there already (gas that depends on
/// the block a transaction lands in).
const std::string kStampSource = R"T(
.fn touch export="touch()"
  TIMESTAMP
  PUSH 2
  SLOAD
  EQ
  JUMPI same
  PUSH 2
  TIMESTAMP
  SSTORE
same:
  STOP
.end
)T";

TEST_F(NodeServiceTest, EstimateOnTheHeadRunsInTheNextBlock) {
  start(MiningMode::Manual);
  auto stamp = vm::assemble(kStampSource, "stamp.tasm");
  ASSERT_TRUE(stamp.ok()) << stamp.error().message;
  Transaction deploy =
      signed_tx(alice, 0, std::nullopt, Word{}, vm::serialize_container(*stamp), 300'000);
  ASSERT_TRUE(send(deploy, alice.address).ok());
  ASSERT_TRUE(node->mine(1).get().ok());
  const Address contract = vm::create_address(alice.address, 0);
  const uint64_t t = node->head()->header.timestamp;
  // The head's timestamp stored: a touch() in the head's own block would write nothing.
  ASSERT_TRUE(node->set_next_timestamp(t).get().ok());
  ASSERT_TRUE(send(signed_tx(alice, 1, contract, Word{}, selector_data("touch()"), 100'000),
                   alice.address)
                  .ok());
  ASSERT_TRUE(node->mine(1).get().ok());
  ASSERT_EQ(storage(contract, 2), Word{t});
  // The next block is a minute later: there touch() writes, and the estimate says so.
  ASSERT_TRUE(node->set_next_timestamp(t + 60).get().ok());
  CallRequest call;
  call.from = alice.address;
  call.to = contract;
  call.data = selector_data("touch()");
  auto gas = node->estimate(call, node->head()->header);
  ASSERT_TRUE(gas.ok());
  ASSERT_TRUE(send(signed_tx(alice, 2, contract, Word{}, selector_data("touch()"), *gas),
                   alice.address)
                  .ok());
  ASSERT_TRUE(node->mine(1).get().ok());
  EXPECT_EQ(node->head()->header.timestamp, t + 60);
  auto receipts = node->chain().receipts(node->head()->hash);
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 1u);
  EXPECT_TRUE((*receipts)[0].success);  // with the head's timestamp it ran out of gas
  EXPECT_EQ(storage(contract, 2), Word{t + 60});
  // An estimate at an older block still runs in that block.
  auto old = node->chain().header_by_number(1);
  ASSERT_TRUE(old);
  EXPECT_TRUE(node->estimate(call, *old).ok());
}

TEST_F(NodeServiceTest, SnapshotRevertRestoresChainPoolOverridesAndUsesUpLaterIds) {
  start();
  EXPECT_EQ(node->snapshot().get(), 1u);
  ASSERT_TRUE(send(signed_tx(alice, 0, bob.address, kEther), alice.address).ok());
  ASSERT_TRUE(send(signed_tx(alice, 2, bob.address, kEther), alice.address).ok());  // queued
  Address stranger;
  stranger.bytes[0] = 0x77;
  ASSERT_TRUE(
      node->set_state({StateOverride::Kind::Balance, stranger, {}, Word{5}, {}}).get().ok());
  EXPECT_EQ(node->snapshot().get(), 2u);
  EXPECT_EQ(head_number(), 1u);
  EXPECT_TRUE(node->revert(1).get());
  EXPECT_EQ(head_number(), 0u);
  EXPECT_EQ(account(bob.address).balance, vm::mul(Word{10'000}, kEther));
  EXPECT_EQ(account(alice.address).nonce, 0u);
  EXPECT_TRUE(node->head()->pending == nullptr || node->head()->pending->empty());
  EXPECT_EQ(node->pending_nonce(alice.address), 0u);
  EXPECT_FALSE(node->pooled(transaction_hash(signed_tx(alice, 2, bob.address, kEther))));
  EXPECT_FALSE(node->revert(2).get());
  EXPECT_FALSE(node->revert(1).get());
  EXPECT_EQ(node->snapshot().get(), 3u);
  EXPECT_FALSE(node->chain().locate(transaction_hash(signed_tx(alice, 0, bob.address, kEther))));
}

TEST_F(NodeServiceTest, OverridesArePendingThenStoredWithTheNextBlock) {
  start(MiningMode::Manual);
  Address stranger;
  stranger.bytes[0] = 0x42;
  ASSERT_TRUE(node->set_state({StateOverride::Kind::Balance, stranger, {}, kEther, {}}).get().ok());
  ASSERT_TRUE(node->head()->pending);
  EXPECT_EQ(node->head()->pending->size(), 1u);
  EXPECT_EQ(account(stranger).balance, Word{});  // not in the head's state yet
  // eth_call at the head sees it.
  CallRequest probe;
  probe.from = stranger;
  probe.to = bob.address;
  probe.value = Word{10};
  EXPECT_EQ(node->call(probe, node->head()->header).status, vm::Status::Success);
  auto bad = node->set_state({StateOverride::Kind::Code, stranger, {}, {}, Bytes{1, 2, 3}}).get();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, RefusalKind::InvalidContainer);
  ASSERT_TRUE(node->mine(1).get().ok());
  EXPECT_EQ(account(stranger).balance, kEther);
  auto block = node->chain().block(node->head()->hash);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->overrides.size(), 1u);
  EXPECT_TRUE(node->head()->pending == nullptr || node->head()->pending->empty());
}

TEST_F(NodeServiceTest, ImpersonatedSendsNeedNoSignature) {
  start();
  Address stranger;
  stranger.bytes[0] = 0x99;
  ASSERT_TRUE(node->set_state({StateOverride::Kind::Balance, stranger, {}, kEther, {}}).get().ok());
  EXPECT_TRUE(node->impersonate(stranger, true).get());
  EXPECT_TRUE(node->impersonated(stranger));
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.gas_limit = 21'000;
  tx.max_fee = Word{2 * kGwei};
  tx.max_priority_fee = Word{kGwei};
  tx.to = bob.address;
  tx.value = Word{7};
  tx.r = vm::to_word(stranger);
  tx.s = Word{1};
  auto r = send(tx, stranger, true);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_TRUE(r->location);
  EXPECT_EQ(account(bob.address).balance, vm::add(vm::mul(Word{10'000}, kEther), Word{7}));
  auto block = node->chain().block(node->head()->hash);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->impersonated, std::vector<bool>{true});
  EXPECT_TRUE(node->impersonate(stranger, false).get());
  EXPECT_FALSE(node->impersonated(stranger));
}

TEST_F(NodeServiceTest, LogsAndFilters) {
  start();
  uint64_t block_filter = *node->new_block_filter();
  Address counter = deploy_counter(0);
  LogFilter by_counter;
  by_counter.addresses = {counter};
  by_counter.to_block = UINT64_MAX;
  uint64_t log_filter = *node->new_log_filter(by_counter);
  ASSERT_TRUE(
      send(signed_tx(alice, 1, counter, Word{}, selector_data("bump()"), 100'000), alice.address)
          .ok());
  ASSERT_TRUE(send(signed_tx(alice, 2, bob.address, Word{1}), alice.address).ok());
  ASSERT_TRUE(
      send(signed_tx(alice, 3, counter, Word{}, selector_data("bump()"), 100'000), alice.address)
          .ok());
  EXPECT_EQ(head_number(), 4u);

  auto blocks = node->filter_changes(block_filter);
  ASSERT_TRUE(blocks);
  auto hashes = std::get<std::vector<Hash256>>(*blocks);
  ASSERT_EQ(hashes.size(), 4u);
  EXPECT_EQ(hashes[3], node->head()->hash);
  EXPECT_TRUE(std::get<std::vector<Hash256>>(*node->filter_changes(block_filter)).empty());

  auto changes = node->filter_changes(log_filter);
  ASSERT_TRUE(changes);
  auto logs = std::get<std::vector<LogRecord>>(*changes);
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].block_number, 2u);
  EXPECT_EQ(logs[0].log.topics, std::vector<Word>{Word{101}});
  EXPECT_EQ(logs[1].block_number, 4u);
  EXPECT_EQ(logs[1].log.topics, std::vector<Word>{Word{102}});
  EXPECT_EQ(logs[1].block_hash, node->head()->hash);
  EXPECT_EQ(logs[1].transaction_index, 0u);
  EXPECT_EQ(logs[1].log_index, 0u);
  EXPECT_TRUE(std::get<std::vector<LogRecord>>(*node->filter_changes(log_filter)).empty());

  // eth_getLogs: a topic query over the range, by block hash, and the filter's logs.
  LogFilter by_topic;
  by_topic.to_block = 10;
  Hash256 topic{};
  topic[31] = 102;
  by_topic.topics = {{topic}};
  auto found = node->logs(by_topic);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].block_number, 4u);
  LogFilter by_hash;
  by_hash.block_hash = node->chain().hash_by_number(2);
  EXPECT_EQ(node->logs(by_hash)->size(), 1u);
  auto all = node->filter_logs(log_filter);
  ASSERT_TRUE(all);
  ASSERT_TRUE(all->ok());
  EXPECT_EQ((*all)->size(), 2u);
  EXPECT_FALSE(node->filter_logs(block_filter));
  uint64_t one_block = *node->new_log_filter(by_hash);
  EXPECT_TRUE(std::get<std::vector<LogRecord>>(*node->filter_changes(one_block)).empty());
  EXPECT_EQ((*node->filter_logs(one_block))->size(), 1u);
  EXPECT_TRUE(node->uninstall_filter(log_filter));
  EXPECT_FALSE(node->filter_changes(log_filter));
  EXPECT_FALSE(node->filter_changes(999));
}

TEST_F(NodeServiceTest, MoreThanTenThousandLogsIsLimitExceeded) {
  start();
  Address counter = deploy_counter(0);
  auto r = send(signed_tx(alice, 1, counter, Word{}, selector_data("spam()"), 10'000'000),
                alice.address);
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto receipts = node->chain().receipts(node->head()->hash);
  ASSERT_TRUE(receipts);
  ASSERT_TRUE((*receipts)[0].success);
  EXPECT_EQ((*receipts)[0].logs.size(), 10'001u);
  LogFilter all;
  all.to_block = 2;
  auto found = node->logs(all);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code(), -32005);
  EXPECT_EQ(found.error().message(), "limit exceeded: query returns more than 10000 logs");
}

TEST_F(NodeServiceTest, IntervalModeMinesOnTheTimer) {
  NodeConfig config;
  config.in_memory = true;
  config.data_dir = "service-interval";
  config.accounts = 1;
  config.mining = MiningMode::Interval;
  config.block_time = 1;
  auto started = NodeService::start(config);
  ASSERT_TRUE(started.ok());
  node = std::move(*started);
  alice = node->accounts()[0];
  auto r = send(signed_tx(alice, 0, Address{}, Word{1}), alice.address);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->location);
  for (int i = 0; i < 40 && !node->chain().locate(r->hash); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(node->chain().locate(r->hash));
  node->stop();
}

TEST_F(NodeServiceTest, SetAutomineMinesWhatIsReadyEachInItsOwnBlock) {
  start(MiningMode::Manual);
  ASSERT_TRUE(send(signed_tx(alice, 0, bob.address, Word{1}), alice.address).ok());
  ASSERT_TRUE(send(signed_tx(bob, 0, alice.address, Word{1}), bob.address).ok());
  EXPECT_EQ(head_number(), 0u);
  EXPECT_TRUE(node->set_automine(true).get());
  EXPECT_EQ(head_number(), 2u);
  EXPECT_EQ(node->head()->header.gas_used, 21'000u);
  auto mined = send(signed_tx(alice, 1, bob.address, Word{1}), alice.address);
  ASSERT_TRUE(mined.ok());
  EXPECT_TRUE(mined->location);
  EXPECT_EQ(head_number(), 3u);
  EXPECT_TRUE(node->set_automine(false).get());
  auto pooled = send(signed_tx(alice, 2, bob.address, Word{1}), alice.address);
  ASSERT_TRUE(pooled.ok());
  EXPECT_FALSE(pooled->location);
  EXPECT_EQ(head_number(), 3u);
  EXPECT_EQ(node->pending_nonce(alice.address), 3u);
}

TEST_F(NodeServiceTest, BlockListenersSeeEachNewHead) {
  start(MiningMode::Manual);
  std::vector<uint64_t> seen;
  uint64_t id = node->subscribe_blocks(
      [&](const std::shared_ptr<const ChainHead>& head) { seen.push_back(head->header.number); });
  ASSERT_TRUE(node->mine(2).get().ok());
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(node->unsubscribe_blocks(id));
  EXPECT_FALSE(node->unsubscribe_blocks(id));
  ASSERT_TRUE(node->mine(1).get().ok());
  EXPECT_EQ(seen.size(), 2u);
}

TEST(NodeServiceRestart, ChainAndPendingOverridesSurviveARestart) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("tenet-service-restart-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  NodeConfig config;
  config.data_dir = dir;
  config.accounts = 2;
  Address stranger;
  stranger.bytes[0] = 0x55;
  Hash256 head_hash{};
  {
    auto node = NodeService::start(config);
    ASSERT_TRUE(node.ok()) << node.error().message;
    DevAccount alice = (*node)->accounts()[0];
    Transaction tx;
    tx.type = TxType::DynamicFee;
    tx.chain_id = 31337;
    tx.gas_limit = 21'000;
    tx.max_fee = Word{2 * kGwei};
    tx.max_priority_fee = Word{kGwei};
    tx.to = stranger;
    tx.value = Word{9};
    auto r = (*node)->submit(*sign_transaction(tx, alice.private_key), alice.address).get();
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_TRUE(
        (*node)->set_state({StateOverride::Kind::Nonce, stranger, {}, Word{4}, {}}).get().ok());
    head_hash = (*node)->head()->hash;
  }
  {
    config.explicit_flags = {"accounts"};
    auto node = NodeService::start(config);
    ASSERT_TRUE(node.ok()) << node.error().message;
    EXPECT_EQ((*node)->head()->hash, head_hash);
    EXPECT_EQ((*node)->head()->header.number, 1u);
    ASSERT_TRUE((*node)->head()->pending);
    EXPECT_EQ((*node)->head()->pending->size(), 1u);
    EXPECT_EQ((*node)->pending_nonce(stranger), 4u);  // "latest" shows the override
    ASSERT_TRUE((*node)->mine(1).get().ok());
    auto account = (*node)->chain().state_at((*node)->head()->header).account(stranger);
    ASSERT_TRUE(account.ok() && *account);
    EXPECT_EQ((*account)->nonce, 4u);
    EXPECT_EQ((*account)->balance, Word{9});
  }
  {
    config.explicit_flags = {"accounts"};
    config.accounts = 3;
    auto refused = NodeService::start(config);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("accounts"), std::string::npos)
        << refused.error().message;
  }
  std::filesystem::remove_all(dir);
}

TEST(NodeServiceVerify, AMixedChainReplaysUnderVerify) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("tenet-service-verify-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  NodeConfig config;
  config.data_dir = dir;
  config.accounts = 2;
  config.difficulty = Word{50};
  {
    auto started = NodeService::start(config);
    ASSERT_TRUE(started.ok()) << started.error().message;
    NodeService& node = **started;
    DevAccount alice = node.accounts()[0];
    auto tx_from = [&](uint64_t nonce, std::optional<Address> to, Bytes data, uint64_t gas) {
      Transaction tx;
      tx.type = TxType::DynamicFee;
      tx.chain_id = 31337;
      tx.nonce = nonce;
      tx.gas_limit = gas;
      tx.max_fee = Word{3 * kGwei};
      tx.max_priority_fee = Word{kGwei};
      tx.to = to;
      tx.data = std::move(data);
      return *sign_transaction(tx, alice.private_key);
    };
    ASSERT_TRUE(node.submit(tx_from(0, std::nullopt, counter_container(), 300'000), alice.address)
                    .get()
                    .ok());
    Address counter = vm::create_address(alice.address, 0);
    uint64_t snap = node.snapshot().get();
    ASSERT_TRUE(node.submit(tx_from(1, counter, selector_data("bump()"), 100'000), alice.address)
                    .get()
                    .ok());
    ASSERT_TRUE(node.revert(snap).get());  // block 2 is gone; a new block 2 follows
    Address stranger;
    stranger.bytes[0] = 0x31;
    ASSERT_TRUE(
        node.set_state({StateOverride::Kind::Balance, stranger, {}, kEther, {}}).get().ok());
    ASSERT_TRUE(
        node.set_state({StateOverride::Kind::Storage, counter, Word{1}, Word{7}, {}}).get().ok());
    ASSERT_TRUE(node.impersonate(stranger, true).get());
    Transaction unsigned_tx;
    unsigned_tx.type = TxType::DynamicFee;
    unsigned_tx.chain_id = 31337;
    unsigned_tx.gas_limit = 100'000;
    unsigned_tx.max_fee = Word{3 * kGwei};
    unsigned_tx.max_priority_fee = Word{kGwei};
    unsigned_tx.to = counter;
    unsigned_tx.data = selector_data("bump()");
    unsigned_tx.r = vm::to_word(stranger);
    unsigned_tx.s = Word{1};
    ASSERT_TRUE(node.submit(unsigned_tx, stranger, true).get().ok());
    ASSERT_TRUE(node.mine(2).get().ok());
    EXPECT_EQ(node.head()->header.number, 4u);
    auto slot = node.chain().state_at(node.head()->header).storage(counter, Word{1});
    ASSERT_TRUE(slot.ok());
    EXPECT_EQ(*slot, Word{8});
  }
  Result<uint64_t> verified = vm::Error{"not run"};
  StackThread([&] { verified = verify_chain(dir, {}); }).join();
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(*verified, 5u);  // genesis and 4 blocks
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tenet::node
