// BlockBuilder: transactions executed over the parent state, refused ones leaving no trace,
// overrides first, then the roots, bloom, gas used and seal of the finished block.

#include "tenet/node/chain/block_builder.hpp"

#include <gtest/gtest.h>

#include "node/chain/chain_support.hpp"
#include "node/support/programs.hpp"
#include "tenet/node/trie/ordered_root.hpp"

namespace tenet::node {
namespace {

using test::chain_dev_account;
using test::chain_signed_tx;
using test::ChainTx;

/// bump() adds one to slot 1 and logs the new value as LOG1's topic; fail() reverts 0xbeef.
const std::string kBuilderLogger = R"T(
.constructor init
.fn init
  STOP
.end
)T" + test::kBumpFunction + test::kFailBeefFunction;

Bytes builder_selector(std::string_view signature) {
  const auto s = vm::selector_of(signature);
  return Bytes(s.begin(), s.end());
}

Word builder_ether(uint64_t n) {
  return vm::mul(Word{n}, Word{1'000'000'000'000'000'000ull});
}

class BlockBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store();
    auto chain = Chain::open(*store_, test::default_genesis_spec(), {});
    ASSERT_TRUE(chain.ok()) << chain.error().message;
    chain_ = std::move(*chain);
  }
  Word balance_at_head(const Address& a) const {
    auto account = chain_->state_at(chain_->head()->header).account(a);
    EXPECT_TRUE(account.ok());
    return account.ok() && account->has_value() ? (*account)->balance : Word{};
  }
  uint64_t nonce_at_head(const Address& a) const {
    auto account = chain_->state_at(chain_->head()->header).account(a);
    EXPECT_TRUE(account.ok());
    return account.ok() && account->has_value() ? (*account)->nonce : 0;
  }

  vm::Vm vm_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Chain> chain_;
  DevAccount alice_ = chain_dev_account(0);
  Address bob_ = chain_dev_account(5).address;
};

TEST_F(BlockBuilderTest, TransfersAndDeploymentMakeABlock) {
  const Header genesis = chain_->head()->header;
  const BlockEnv env = test::chain_env_after(genesis);
  EXPECT_EQ(env.base_fee, Word{875'000'000});
  BlockBuilder builder(*store_, genesis, env, vm_);
  const Transaction deploy =
      chain_signed_tx(alice_, 0, std::nullopt, test::chain_assembled(kBuilderLogger));
  auto deployed = builder.add(deploy, alice_.address, false);
  ASSERT_TRUE(deployed.ok()) << deployed.error().message();
  EXPECT_TRUE((*deployed)->success);
  EXPECT_EQ((*deployed)->contract_address, vm::create_address(alice_.address, 0));
  const uint64_t deploy_gas = (*deployed)->gas_used;
  const Transaction transfer = chain_signed_tx(alice_, 1, bob_, {}, builder_ether(1), 21'000);
  auto sent = builder.add(transfer, alice_.address, false);
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  EXPECT_EQ((*sent)->gas_used, 21'000u);
  EXPECT_EQ((*sent)->cumulative_gas_used, deploy_gas + 21'000);
  EXPECT_EQ((*sent)->effective_gas_price, Word{1'875'000'000});
  // A refused transaction (nonce reused) leaves no trace.
  auto refused =
      builder.add(chain_signed_tx(alice_, 1, bob_, {}, Word{1}, 21'000), alice_.address, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message().rfind("nonce too low", 0), 0u) << refused.error().message();
  EXPECT_EQ(builder.receipts().size(), 2u);
  EXPECT_EQ(builder.gas_used(), deploy_gas + 21'000);

  Store::Batch batch;
  auto block = builder.finish(batch);
  ASSERT_TRUE(block.ok()) << block.error().message;
  const Header& h = block->header;
  EXPECT_EQ(h.number, 1u);
  EXPECT_EQ(h.parent_hash, chain_->head()->hash);
  EXPECT_EQ(h.gas_used, deploy_gas + 21'000);
  EXPECT_EQ(h.base_fee, Word{875'000'000});
  EXPECT_EQ(h.timestamp, genesis.timestamp + 1);
  const std::vector<Bytes> txs{encode_transaction(deploy), encode_transaction(transfer)};
  EXPECT_EQ(h.transactions_root, ordered_trie_root(txs));
  const std::vector<Bytes> receipts{encode_consensus_receipt(builder.receipts()[0]),
                                    encode_consensus_receipt(builder.receipts()[1])};
  EXPECT_EQ(h.receipts_root, ordered_trie_root(receipts));
  EXPECT_EQ(h.logs_bloom, Bloom{});
  EXPECT_EQ(block->transactions, (std::vector<Transaction>{deploy, transfer}));
  EXPECT_EQ(block->senders, (std::vector<Address>{alice_.address, alice_.address}));
  ASSERT_TRUE(chain_->append(*block, builder.receipts(), std::move(batch)).ok());

  EXPECT_EQ(balance_at_head(bob_), builder_ether(10'001));
  EXPECT_EQ(nonce_at_head(alice_.address), 2u);
  // The coinbase (0x0) got the tip, 1 gwei per gas; the base fee is burnt.
  EXPECT_EQ(balance_at_head(Address{}), vm::mul(Word{deploy_gas + 21'000}, Word{1'000'000'000}));
  const Word paid = vm::mul(Word{deploy_gas + 21'000}, Word{1'875'000'000});
  EXPECT_EQ(balance_at_head(alice_.address),
            vm::sub(vm::sub(builder_ether(10'000), builder_ether(1)), paid));
}

TEST_F(BlockBuilderTest, LogsBloomAndRevertData) {
  const Address logger = vm::create_address(alice_.address, 0);
  test::chain_mine(
      *chain_, vm_,
      {ChainTx{chain_signed_tx(alice_, 0, std::nullopt, test::chain_assembled(kBuilderLogger)),
               alice_.address}});
  const Block block = test::chain_mine(
      *chain_, vm_,
      {ChainTx{chain_signed_tx(alice_, 1, logger, builder_selector("bump()")), alice_.address},
       ChainTx{chain_signed_tx(alice_, 2, logger, builder_selector("fail()")), alice_.address},
       ChainTx{chain_signed_tx(alice_, 3, logger, builder_selector("bump()")), alice_.address}});
  auto receipts = chain_->receipts(chain_->head()->hash);
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 3u);
  const StoredReceipt& first = (*receipts)[0];
  const StoredReceipt& failed = (*receipts)[1];
  const StoredReceipt& third = (*receipts)[2];
  EXPECT_TRUE(first.success);
  ASSERT_EQ(first.logs.size(), 1u);
  EXPECT_EQ(first.logs[0].address, logger);
  EXPECT_EQ(first.logs[0].topics, std::vector<Word>{Word{1}});
  EXPECT_FALSE(failed.success);
  EXPECT_TRUE(failed.logs.empty());
  EXPECT_EQ(failed.bloom, Bloom{});
  EXPECT_EQ(failed.revert_data, (Bytes{0xbe, 0xef}));
  ASSERT_EQ(third.logs.size(), 1u);
  EXPECT_EQ(third.logs[0].topics, std::vector<Word>{Word{2}});
  EXPECT_EQ(third.cumulative_gas_used, first.gas_used + failed.gas_used + third.gas_used);
  EXPECT_EQ(block.header.gas_used, third.cumulative_gas_used);
  EXPECT_TRUE(bloom_may_contain(block.header.logs_bloom, logger.bytes));
  EXPECT_TRUE(bloom_may_contain(block.header.logs_bloom, vm::word_to_be(Word{2})));
  Bloom expected = first.bloom;
  merge_bloom(expected, third.bloom);
  EXPECT_EQ(block.header.logs_bloom, expected);
  EXPECT_EQ(nonce_at_head(alice_.address), 4u);
  auto location = chain_->locate(transaction_hash(block.transactions[1]));
  ASSERT_TRUE(location);
  EXPECT_EQ(location->block_number, 2u);
  EXPECT_EQ(location->index, 1u);
}

TEST_F(BlockBuilderTest, OverridesComeFirstAndAreValidated) {
  const Header genesis = chain_->head()->header;
  BlockBuilder builder(*store_, genesis, test::chain_env_after(genesis), vm_);
  auto bad_code = builder.apply_overrides(std::vector<StateOverride>{
      StateOverride{StateOverride::Kind::Code, bob_, Word{}, Word{}, Bytes{0x01, 0x02, 0x03}}});
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.error().message().rfind("invalid container: ", 0), 0u)
      << bad_code.error().message();
  const Address carol = chain_dev_account(7).address;
  const std::vector<StateOverride> overrides{
      StateOverride{StateOverride::Kind::Balance, carol, Word{}, Word{12345}, {}},
      StateOverride{StateOverride::Kind::Nonce, carol, Word{}, Word{9}, {}},
      StateOverride{StateOverride::Kind::Storage, bob_, Word{3}, Word{4}, {}},
  };
  ASSERT_TRUE(builder.apply_overrides(overrides).ok());
  ASSERT_TRUE(
      builder.add(chain_signed_tx(alice_, 0, bob_, {}, Word{1}, 21'000), alice_.address, false)
          .ok());
  auto late = builder.apply_overrides(overrides);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().message(), "invalid params: overrides after a transaction");
  Store::Batch batch;
  auto block = builder.finish(batch);
  ASSERT_TRUE(block.ok()) << block.error().message;
  EXPECT_EQ(block->overrides, overrides);
  ASSERT_TRUE(chain_->append(*block, builder.receipts(), std::move(batch)).ok());
  EXPECT_EQ(balance_at_head(carol), Word{12345});
  EXPECT_EQ(nonce_at_head(carol), 9u);
  auto slot = chain_->state_at(chain_->head()->header).storage(bob_, Word{3});
  ASSERT_TRUE(slot.ok());
  EXPECT_EQ(*slot, Word{4});
}

TEST_F(BlockBuilderTest, SealsAtTheParentsDifficulty) {
  auto store = test::memory_store();
  auto chain = Chain::open(*store, test::default_genesis_spec(1'700'000'000, Word{1000}), {});
  ASSERT_TRUE(chain.ok());
  const Block block = test::chain_mine(**chain, vm_, {});
  EXPECT_EQ(block.header.difficulty, Word{1000});
  EXPECT_TRUE(meets_difficulty(header_hash(block.header), Word{1000}));
  EXPECT_EQ(block.header.state_root, (*chain)->head()->header.state_root);
  EXPECT_EQ((*chain)->head()->header.number, 1u);
}

}  // namespace
}  // namespace tenet::node
