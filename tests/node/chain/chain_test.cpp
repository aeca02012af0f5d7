// Chain over a Store: genesis on an empty store, append, reopen, rewind, pending overrides,
// the format and genesis checks, and a SIGKILL right after a block's write.

#include "tenet/node/chain/chain.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <thread>

#include "node/chain/chain_support.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using test::default_genesis_spec;
using test::empty_block_after;

/// A fresh directory under the system temp dir, removed at the end of the test.
class ChainTempDir {
 public:
  ChainTempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("tenet-chain-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
  }
  ~ChainTempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::unique_ptr<Chain> open_chain(Store& store, const GenesisSpec& spec = default_genesis_spec(),
                                  const std::set<std::string>& explicit_fields = {}) {
  auto chain = Chain::open(store, spec, explicit_fields);
  EXPECT_TRUE(chain.ok()) << (chain.ok() ? "" : chain.error().message);
  return chain.ok() ? std::move(*chain) : nullptr;
}

/// Appends `count` empty blocks to `chain`.
void append_empty_blocks(Chain& chain, int count) {
  for (int i = 0; i < count; ++i) {
    const Block block = empty_block_after(chain.head()->header);
    auto appended = chain.append(block, {}, Store::Batch{});
    ASSERT_TRUE(appended.ok()) << appended.error().message;
  }
}

TEST(Chain, EmptyStoreGetsGenesis) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  ASSERT_TRUE(chain);
  const auto head = chain->head();
  EXPECT_EQ(head->header.number, 0u);
  EXPECT_EQ(head->hash, header_hash(head->header));
  EXPECT_TRUE(head->pending->empty());
  EXPECT_EQ(chain->hash_by_number(0), head->hash);
  EXPECT_EQ(chain->header_by_number(0), head->header);
  EXPECT_EQ(chain->header_by_hash(head->hash), head->header);
  auto genesis = chain->block(head->hash);
  ASSERT_TRUE(genesis);
  EXPECT_TRUE(genesis->transactions.empty());
  EXPECT_EQ(chain->receipts(head->hash), std::vector<StoredReceipt>{});
  EXPECT_EQ(store->get(Table::Meta, ByteView(reinterpret_cast<const uint8_t*>("format"), 6)),
            (Bytes{'t', 'e', 'n', 'e', 't', '-', 'n', 'o', 'd', 'e', '/', '1'}));
  // The dev accounts are in the genesis state.
  auto account = chain->state_at(head->header).account(chain->genesis().accounts[3]);
  ASSERT_TRUE(account.ok()) << account.error().message;
  ASSERT_TRUE(account->has_value());
  EXPECT_EQ((*account)->balance, test::ten_thousand_ether());
  EXPECT_FALSE(chain->hash_by_number(1));
}

TEST(Chain, AppendPublishesTheHeadAndIndexes) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  const auto genesis_head = chain->head();
  append_empty_blocks(*chain, 3);
  const auto head = chain->head();
  EXPECT_EQ(head->header.number, 3u);
  EXPECT_EQ(genesis_head->header.number, 0u);  // a reader's copy stays as it was
  for (uint64_t n = 1; n <= 3; ++n) {
    auto header = chain->header_by_number(n);
    ASSERT_TRUE(header);
    EXPECT_EQ(header->number, n);
    EXPECT_EQ(header->parent_hash, *chain->hash_by_number(n - 1));
  }
  // A block that does not follow the head is refused.
  const Block stale = empty_block_after(genesis_head->header);
  Block unreceipted = empty_block_after(head->header);
  unreceipted.transactions.resize(1);
  unreceipted.senders.resize(1);
  unreceipted.impersonated.resize(1);
  auto missing = chain->append(unreceipted, {}, Store::Batch{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "block 4 has 1 transactions and 0 receipts");
  EXPECT_EQ(chain->head()->header.number, 3u);
  auto refused = chain->append(stale, {}, Store::Batch{});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "block 1 does not follow the head block 3");
}

TEST(Chain, ReopenedDirectoryKeepsTheHeadAndChecksGenesis) {
  ChainTempDir dir;
  Hash256 head_hash{};
  {
    auto store = Store::open({.dir = dir.path()});
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto chain = open_chain(**store);
    append_empty_blocks(*chain, 2);
    ASSERT_TRUE(
        chain
            ->set_pending({StateOverride{
                StateOverride::Kind::Balance, chain->genesis().accounts[0], Word{}, Word{7}, {}}})
            .ok());
    head_hash = chain->head()->hash;
  }
  auto store = Store::open({.dir = dir.path()});
  ASSERT_TRUE(store.ok()) << store.error().message;
  GenesisSpec other = default_genesis_spec(42);  // later creation time: not compared
  other.chain_id = 5;
  auto chain = open_chain(**store, other, {"gas-limit"});
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->head()->hash, head_hash);
  EXPECT_EQ(chain->head()->header.number, 2u);
  EXPECT_EQ(chain->genesis().chain_id, 31337u);
  EXPECT_EQ(chain->genesis().timestamp, 1'700'000'000u);
  ASSERT_EQ(chain->head()->pending->size(), 1u);
  EXPECT_EQ(chain->head()->pending->front().value, Word{7});
  auto conflict = Chain::open(**store, other, {"chain-id"});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().message,
            "--chain-id conflicts with the data directory: stored 31337, given 5");
}

TEST(Chain, UnknownFormatIsRefused) {
  auto store = test::memory_store();
  Store::Batch batch;
  const std::string format = "other/9";
  batch.put(Table::Meta, ByteView(reinterpret_cast<const uint8_t*>("format"), 6),
            ByteView(reinterpret_cast<const uint8_t*>(format.data()), format.size()));
  ASSERT_TRUE(store->write(std::move(batch)).ok());
  auto chain = Chain::open(*store, default_genesis_spec(), {});
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.error().message,
            "the data directory has an unknown format \"other/9\" (this node reads "
            "tenet-node/1)");
}

TEST(Chain, HeadWithoutFormatIsRefused) {
  auto store = test::memory_store();
  Store::Batch batch;
  batch.put(Table::Meta, ByteView(reinterpret_cast<const uint8_t*>("head"), 4), Hash256{});
  ASSERT_TRUE(store->write(std::move(batch)).ok());
  auto chain = Chain::open(*store, default_genesis_spec(), {});
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.error().message, "the data directory has a head block but no format record");
}

TEST(Chain, ReadersSeeWholeBlocksWhileTheWriterAppends) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  std::atomic<bool> done{false};
  std::atomic<int> checks{0};
  std::thread reader([&] {
    do {
      const auto head = chain->head();
      // Everything of the published head is readable already.
      if (chain->hash_by_number(head->header.number) != head->hash) ADD_FAILURE();
      if (chain->header_by_hash(head->hash) != head->header) ADD_FAILURE();
      ++checks;
    } while (!done.load());
  });
  while (checks.load() == 0) std::this_thread::yield();  // the reader runs before the writes
  append_empty_blocks(*chain, 50);
  done = true;
  reader.join();
  EXPECT_EQ(chain->head()->header.number, 50u);
  EXPECT_GT(checks.load(), 0);
}

TEST(Chain, RewindDropsLaterBlocks) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  append_empty_blocks(*chain, 4);
  const Hash256 two = *chain->hash_by_number(2);
  ASSERT_TRUE(chain->rewind_to(2).ok());
  EXPECT_EQ(chain->head()->hash, two);
  EXPECT_EQ(chain->head()->header.number, 2u);
  EXPECT_FALSE(chain->hash_by_number(3));
  EXPECT_FALSE(chain->hash_by_number(4));
  // The chain grows again from block 2.
  append_empty_blocks(*chain, 1);
  EXPECT_EQ(chain->head()->header.number, 3u);
  EXPECT_EQ(chain->head()->header.parent_hash, two);
  auto too_far = chain->rewind_to(9);
  ASSERT_FALSE(too_far.ok());
  EXPECT_EQ(too_far.error().message, "cannot rewind to block 9: the head is block 3");
}

TEST(Chain, TransactionsAreIndexedUntilRewound) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  Block block = empty_block_after(chain->head()->header);
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.gas_limit = 21'000;
  tx.to = Address{};
  tx.r = Word{1};
  tx.s = Word{1};
  Transaction second = tx;
  second.nonce = 1;
  block.transactions = {tx, second};
  block.senders = {chain->genesis().accounts[0], chain->genesis().accounts[0]};
  block.impersonated = {false, false};
  StoredReceipt receipt;
  receipt.type = TxType::DynamicFee;
  receipt.success = true;
  receipt.cumulative_gas_used = 21'000;
  receipt.gas_used = 21'000;
  const std::vector<StoredReceipt> receipts{receipt, receipt};
  ASSERT_TRUE(chain->append(block, receipts, Store::Batch{}).ok());
  const Hash256 hash = chain->head()->hash;
  auto location = chain->locate(transaction_hash(second));
  ASSERT_TRUE(location);
  EXPECT_EQ(location->block_hash, hash);
  EXPECT_EQ(location->block_number, 1u);
  EXPECT_EQ(location->index, 1u);
  EXPECT_EQ(chain->receipts(hash), receipts);
  auto stored = chain->block(hash);
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, block);
  ASSERT_TRUE(chain->rewind_to(0).ok());
  EXPECT_FALSE(chain->locate(transaction_hash(tx)));
  EXPECT_FALSE(chain->locate(transaction_hash(second)));
  // The block itself stays readable by hash (archive), only no longer canonical.
  EXPECT_TRUE(chain->block(hash));
}

TEST(Chain, PendingOverridesArePublishedAndClearedByAppend) {
  auto store = test::memory_store();
  auto chain = open_chain(*store);
  const StateOverride o{
      StateOverride::Kind::Nonce, chain->genesis().accounts[1], Word{}, Word{9}, {}};
  ASSERT_TRUE(chain->set_pending({o}).ok());
  ASSERT_EQ(chain->head()->pending->size(), 1u);
  EXPECT_EQ(chain->head()->pending->front(), o);
  EXPECT_TRUE(
      store->get(Table::Pending, ByteView(reinterpret_cast<const uint8_t*>("overrides"), 9)));
  append_empty_blocks(*chain, 1);
  EXPECT_TRUE(chain->head()->pending->empty());
  EXPECT_FALSE(
      store->get(Table::Pending, ByteView(reinterpret_cast<const uint8_t*>("overrides"), 9)));
}

TEST(Chain, BlockWrittenBeforeSigkillSurvives) {
  ChainTempDir dir;
  {
    auto store = Store::open({.dir = dir.path()});
    ASSERT_TRUE(store.ok());
    auto chain = open_chain(**store);
    append_empty_blocks(*chain, 1);
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child: append block 2, then die at once without closing anything.
    auto store = Store::open({.dir = dir.path()});
    if (!store) ::_exit(3);
    auto chain = Chain::open(**store, default_genesis_spec(), {});
    if (!chain) ::_exit(4);
    const Block block = empty_block_after((*chain)->head()->header, 5);
    if (!(*chain)->append(block, {}, Store::Batch{})) ::_exit(5);
    ::raise(SIGKILL);
    ::_exit(6);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  auto store = Store::open({.dir = dir.path()});
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto chain = open_chain(**store);
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->head()->header.number, 2u);
  EXPECT_EQ(chain->head()->header.timestamp, 1'700'000'006u);
  EXPECT_EQ(chain->hash_by_number(2), chain->head()->hash);
}

}  // namespace
}  // namespace tenet::node
