// verify_chain: a stored chain replays to the same blocks; a corrupted one is refused naming
// the block and the field.

#include "tenet/node/chain/verify.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "node/chain/chain_support.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using test::chain_signed_tx;
using test::ChainTx;

/// A counter: bump() adds one to slot 0 and logs it.
const std::string kVerifyCounter = R"T(
.constructor init
.fn init
  STOP
.end
.fn bump export="bump()"
  PUSH 0
  PUSH 0
  SLOAD
  PUSH 1
  ADD
  SSTORE
  PUSH 0
  PUSH 0
  PUSH 0
  SLOAD
  LOG1
  STOP
.end
)T";

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tenet-verify-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto store = Store::open({.dir = dir_});
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto chain = Chain::open(**store, test::default_genesis_spec(1'700'000'000, Word{50}), {});
    ASSERT_TRUE(chain.ok()) << chain.error().message;
    vm::Vm vm;
    const DevAccount alice = test::chain_dev_account(0);
    const Address counter = vm::create_address(alice.address, 0);
    const auto s = vm::selector_of("bump()");
    const Bytes bump(s.begin(), s.end());
    test::chain_mine(
        **chain, vm,
        {ChainTx{chain_signed_tx(alice, 0, std::nullopt, test::chain_assembled(kVerifyCounter)),
                 alice.address}});
    test::chain_mine(**chain, vm,
                     {ChainTx{chain_signed_tx(alice, 1, counter, bump), alice.address}},
                     {StateOverride{StateOverride::Kind::Balance,
                                    test::chain_dev_account(4).address,
                                    Word{},
                                    Word{77},
                                    {}}});
    test::chain_mine(**chain, vm,
                     {ChainTx{chain_signed_tx(alice, 2, counter, bump), alice.address},
                      ChainTx{chain_signed_tx(alice, 3, counter, bump), alice.address}});
    head_number_ = (*chain)->head()->header.number;
    block_two_ = *(*chain)->hash_by_number(2);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  uint64_t head_number_ = 0;
  Hash256 block_two_{};
};

TEST_F(VerifyTest, GoodChainVerifies) {
  std::vector<uint64_t> seen;
  auto verified = verify_chain(dir_, [&](uint64_t n) { seen.push_back(n); });
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(head_number_, 3u);
  EXPECT_EQ(*verified, 4u);
  EXPECT_EQ(seen, (std::vector<uint64_t>{0, 1, 2, 3}));
  EXPECT_TRUE(verify_chain(dir_, {}).ok());
}

TEST_F(VerifyTest, CorruptedHeaderIsNamed) {
  {
    auto store = Store::open({.dir = dir_});
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto bytes = (*store)->get(Table::Header, block_two_);
    ASSERT_TRUE(bytes);
    auto header = decode_header(*bytes);
    ASSERT_TRUE(header.ok());
    const uint64_t real = header->gas_used;
    header->gas_used = real + 1;
    Store::Batch batch;
    batch.put(Table::Header, block_two_, encode_header(*header));
    ASSERT_TRUE((*store)->write(std::move(batch)).ok());
    auto verified = verify_chain(dir_, {});
    ASSERT_FALSE(verified.ok());
    EXPECT_EQ(verified.error().message,
              "block 2 (" + vm::hex_encode(block_two_) + "): gasUsed differs: stored " +
                  std::to_string(real + 1) + ", replay " + std::to_string(real));
  }
}

TEST_F(VerifyTest, ChangedOverrideGivesAnotherStateRoot) {
  Hash256 stored_root{};
  {
    auto store = Store::open({.dir = dir_});
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto header = decode_header(*(*store)->get(Table::Header, block_two_));
    ASSERT_TRUE(header.ok());
    stored_root = header->state_root;
    auto block = decode_body(*header, *(*store)->get(Table::Body, block_two_));
    ASSERT_TRUE(block.ok()) << block.error().message;
    ASSERT_EQ(block->overrides.size(), 1u);
    block->overrides[0].value = Word{78};
    Store::Batch batch;
    batch.put(Table::Body, block_two_, encode_body(*block));
    ASSERT_TRUE((*store)->write(std::move(batch)).ok());
  }
  auto verified = verify_chain(dir_, {});
  ASSERT_FALSE(verified.ok());
  const std::string expected = "block 2 (" + vm::hex_encode(block_two_) +
                               "): stateRoot differs: stored " + vm::hex_encode(stored_root) +
                               ", replay 0x";
  EXPECT_EQ(verified.error().message.rfind(expected, 0), 0u) << verified.error().message;
  EXPECT_EQ(verified.error().message.size(), expected.size() + 64);
}

TEST_F(VerifyTest, DirectoryWithoutChainIsRefused) {
  const std::filesystem::path empty = dir_.string() + "-empty";
  std::filesystem::remove_all(empty);
  {
    auto store = Store::open({.dir = empty});
    ASSERT_TRUE(store.ok());
  }
  auto verified = verify_chain(empty, {});
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().message, "no chain in " + empty.string());
  std::filesystem::remove_all(empty);
  auto missing = verify_chain(empty, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message.rfind("cannot open data directory " + empty.string(), 0), 0u);
}

}  // namespace
}  // namespace tenet::node
