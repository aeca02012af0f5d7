// BLOCKHASH and DIFFICULTY on the node: a mined transaction and eth_call (on the head and on
// an old block) see the hashes of the executing block's ancestors and the header's
// difficulty; a chain that used them replays under --verify (mining and import agree).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/chain/verify.hpp"
#include "tenet/node/common/stack_thread.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/gas.hpp"
#include "node/chain/chain_support.hpp"

namespace tenet::node {
namespace {

using test::kGwei;

/// A signed EIP-1559 transaction from `from` (300,000 gas, 3 gwei cap, 1 gwei tip).
Transaction signed_call(const DevAccount& from, uint64_t nonce, std::optional<Address> to,
                        Bytes data) {
  Transaction tx;
  tx.type = TxType::DynamicFee;
  tx.chain_id = 31337;
  tx.nonce = nonce;
  tx.gas_limit = 300'000;
  tx.max_fee = Word{3 * kGwei};
  tx.max_priority_fee = Word{kGwei};
  tx.to = to;
  tx.data = std::move(data);
  return *sign_transaction(tx, from.private_key);
}

/// record() stores blockhash(number − 1) in slot 0, difficulty in slot 1, number in slot 2
/// and blockhash(number) in slot 3; context() returns (blockhash(number − 1), difficulty,
/// number); hash_of(n) returns blockhash(n).
const std::string kContextSource = R"T(
.fn record export="record()"
  PUSH 0
  NUMBER
  PUSH 1
  SUB
  BLOCKHASH
  SSTORE
  PUSH 1
  DIFFICULTY
  SSTORE
  PUSH 2
  NUMBER
  SSTORE
  PUSH 3
  NUMBER
  BLOCKHASH
  SSTORE
  STOP
.end

.fn context view export="context()"
  PUSH 0
  NUMBER
  PUSH 1
  SUB
  BLOCKHASH
  MSTORE
  PUSH 32
  DIFFICULTY
  MSTORE
  PUSH 64
  NUMBER
  MSTORE
  PUSH 0
  PUSH 96
  RETURN
.end

.fn hash_of view export="hash_of(uint256)"
  PUSH 0
  PUSH 4
  CALLDATALOAD
  BLOCKHASH
  MSTORE
  PUSH 0
  PUSH 32
  RETURN
.end
)T";

Bytes context_container() {
  auto c = vm::assemble(kContextSource, "context.tasm");
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

Bytes call_data(std::string_view signature, std::optional<uint64_t> arg = {}) {
  auto selector = vm::selector_of(signature);
  Bytes data(selector.begin(), selector.end());
  if (arg) {
    const auto word = vm::word_to_be(Word{*arg});
    data.insert(data.end(), word.begin(), word.end());
  }
  return data;
}

Word hash_word(const Hash256& h) {
  return vm::word_from_be(h.data());
}

/// The word `i` of `output`.
Word word_at(const Bytes& output, std::size_t i) {
  return output.size() >= 32 * (i + 1) ? vm::word_from_be(output.data() + 32 * i) : Word{1};
}

/// A node on `config` with alice's signed transactions.
class BlockContextTest : public ::testing::Test {
 protected:
  void start(NodeConfig config) {
    auto started = NodeService::start(config);
    ASSERT_TRUE(started.ok()) << started.error().message;
    node = std::move(*started);
    alice = node->accounts()[0];
  }

  Transaction signed_tx(uint64_t nonce, std::optional<Address> to, Bytes data) {
    return signed_call(alice, nonce, to, std::move(data));
  }

  /// Sends and mines; the block number it landed in.
  uint64_t send(uint64_t nonce, std::optional<Address> to, Bytes data) {
    auto r = node->submit(signed_tx(nonce, to, std::move(data)), alice.address).get();
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() && r->location ? r->location->block_number : 0;
  }

  Word storage(const Address& a, uint64_t key) {
    auto got = node->chain().state_at(node->head()->header).storage(a, Word{key});
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : Word{};
  }

  Hash256 hash_of_block(uint64_t number) { return node->chain().hash_by_number(number).value(); }

  TxOutcome call_at(const Address& to, Bytes data, uint64_t number) {
    CallRequest call;
    call.to = to;
    call.data = std::move(data);
    return node->call(call, *node->chain().header_by_number(number));
  }

  std::unique_ptr<NodeService> node;
  DevAccount alice;
};

TEST_F(BlockContextTest, AMinedTransactionSeesItsParentsHashAndTheDifficulty) {
  NodeConfig config;
  config.in_memory = true;
  config.data_dir = "block-context-test";
  config.accounts = 1;
  config.difficulty = Word{3};
  start(config);
  const Address contract = vm::create_address(alice.address, 0);
  ASSERT_EQ(send(0, std::nullopt, context_container()), 1u);
  const uint64_t block = send(1, contract, call_data("record()"));
  ASSERT_EQ(block, 2u);
  EXPECT_EQ(storage(contract, 0), hash_word(hash_of_block(1)));
  EXPECT_EQ(storage(contract, 0), hash_word(node->head()->header.parent_hash));
  EXPECT_EQ(storage(contract, 1), Word{3});
  EXPECT_EQ(node->head()->header.difficulty, Word{3});
  EXPECT_EQ(storage(contract, 2), Word{2});
  EXPECT_EQ(storage(contract, 3), Word{});  // the block being built has no hash yet
}

TEST_F(BlockContextTest, EthCallSeesTheAncestorsOfTheBlockItRunsIn) {
  NodeConfig config;
  config.in_memory = true;
  config.data_dir = "block-context-test";
  config.accounts = 1;
  start(config);
  const Address contract = vm::create_address(alice.address, 0);
  ASSERT_EQ(send(0, std::nullopt, context_container()), 1u);
  ASSERT_TRUE(node->mine(3).get().ok());  // head is block 4
  ASSERT_EQ(node->head()->header.number, 4u);
  // On the head: the parent is block 3; difficulty 1 (the default).
  TxOutcome head = call_at(contract, call_data("context()"), 4);
  ASSERT_EQ(head.status, vm::Status::Success) << head.reason;
  EXPECT_EQ(word_at(head.output, 0), hash_word(hash_of_block(3)));
  EXPECT_EQ(word_at(head.output, 1), Word{1});
  EXPECT_EQ(word_at(head.output, 2), Word{4});
  // On block 2 (historical): its parent, block 1, not the head's.
  TxOutcome old = call_at(contract, call_data("context()"), 2);
  ASSERT_EQ(old.status, vm::Status::Success) << old.reason;
  EXPECT_EQ(word_at(old.output, 0), hash_word(hash_of_block(1)));
  EXPECT_EQ(word_at(old.output, 2), Word{2});
  // Every ancestor in the window, genesis included; nothing at or after the current block.
  for (uint64_t n = 0; n < 4; ++n) {
    TxOutcome r = call_at(contract, call_data("hash_of(uint256)", n), 4);
    EXPECT_EQ(word_at(r.output, 0), hash_word(hash_of_block(n))) << n;
  }
  EXPECT_EQ(word_at(call_at(contract, call_data("hash_of(uint256)", 4), 4).output, 0), Word{});
  EXPECT_EQ(word_at(call_at(contract, call_data("hash_of(uint256)", 5), 4).output, 0), Word{});
  EXPECT_EQ(word_at(call_at(contract, call_data("hash_of(uint256)", 3), 2).output, 0), Word{});
}

TEST(BlockEnvBuilders, NewAndExistingBlockEnvsAgreeOnABlock) {
  NodeConfig config;
  config.in_memory = true;
  config.data_dir = "block-env-test";
  config.accounts = 1;
  config.difficulty = Word{2};
  auto started = NodeService::start(config);
  ASSERT_TRUE(started.ok()) << started.error().message;
  NodeService& node = **started;
  ASSERT_TRUE(node.mine(300).get().ok());
  const Chain& chain = node.chain();
  const Header parent = *chain.header_by_number(299);
  const Header block = *chain.header_by_number(300);
  const Word chain_id{31337};
  const BlockEnv mined = new_block_env(chain.store(), parent, *chain.hash_by_number(299), chain_id);
  const BlockEnv existing = existing_block_env(chain.store(), block, chain_id);
  EXPECT_EQ(mined.number, existing.number);
  EXPECT_EQ(mined.difficulty, existing.difficulty);
  EXPECT_EQ(mined.difficulty, Word{2});
  EXPECT_EQ(mined.base_fee, existing.base_fee);
  EXPECT_EQ(mined.gas_limit, existing.gas_limit);
  EXPECT_EQ(mined.coinbase, existing.coinbase);
  for (uint64_t n : {0ull, 43ull, 44ull, 150ull, 298ull, 299ull, 300ull, 301ull}) {
    const Word expected =
        n >= 300 - vm::kBlockHashWindow && n < 300 ? hash_word(*chain.hash_by_number(n)) : Word{};
    EXPECT_EQ(mined.block_hash(n), expected) << n;
    EXPECT_EQ(existing.block_hash(n), expected) << n;
  }
}

TEST(BlockContextVerify, AChainThatReadBlockHashesReplaysUnderVerify) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("tenet-block-context-verify-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  NodeConfig config;
  config.data_dir = dir;
  config.accounts = 1;
  config.difficulty = Word{5};
  {
    auto started = NodeService::start(config);
    ASSERT_TRUE(started.ok()) << started.error().message;
    NodeService& node = **started;
    DevAccount alice = node.accounts()[0];
    auto tx_from = [&](uint64_t nonce, std::optional<Address> to, Bytes data) {
      return signed_call(alice, nonce, to, std::move(data));
    };
    ASSERT_TRUE(
        node.submit(tx_from(0, std::nullopt, context_container()), alice.address).get().ok());
    const Address contract = vm::create_address(alice.address, 0);
    ASSERT_TRUE(node.mine(2).get().ok());
    ASSERT_TRUE(node.submit(tx_from(1, contract, call_data("record()")), alice.address).get().ok());
    auto slot = node.chain().state_at(node.head()->header).storage(contract, Word{0});
    ASSERT_TRUE(slot.ok());
    EXPECT_EQ(*slot, hash_word(*node.chain().hash_by_number(3)));
  }
  Result<uint64_t> verified = vm::Error{"not run"};
  StackThread([&] { verified = verify_chain(dir, {}); }).join();
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(*verified, 5u);  // genesis and 4 blocks
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tenet::node
