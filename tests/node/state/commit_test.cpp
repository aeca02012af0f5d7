// commit_changes: state roots Ethereum gives for known allocations (ethereum/tests
// GenesisTests/basic_genesis_tests.json; anvil's state of the dev accounts), storage roots, zero =
// erase, EIP-161 erasure of empty accounts, code to the CodeSink, rolled-back writes, incremental
// commits.

#include <gtest/gtest.h>

#include "../support/vectors.hpp"
#include "state_support.hpp"
#include "tenet/node/keys/hd_wallet.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node::test {
namespace {

/// The state root field (the fourth) of a block's RLP [header, txs, ommers].
Hash256 state_root_of_block(const Bytes& block) {
  Hash256 root{};
  auto item = rlp::decode(block);
  EXPECT_TRUE(item.ok());
  if (!item) return root;
  rlp::ListReader outer(*item);
  auto header = outer.list();
  EXPECT_TRUE(header.ok());
  if (!header) return root;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(header->item().ok());
  auto field = header->bytes();
  EXPECT_TRUE(field.ok() && field->size() == 32);
  if (field && field->size() == 32) std::copy(field->begin(), field->end(), root.begin());
  return root;
}

/// A decimal or 0x string as a word.
Word word_text(const std::string& text) {
  auto w = vm::parse_word(text);
  EXPECT_TRUE(w.has_value()) << text;
  return w.value_or(Word{});
}

class CommitTest : public ::testing::Test {
 protected:
  vm::Vm vm_;
  MemoryWorld world_;
};

TEST_F(CommitTest, GenesisTestsStateRootsMatchEthereum) {
  const auto tests = load_vector_file("GenesisTests/basic_genesis_tests.json");
  ASSERT_EQ(tests.size(), 3u);
  for (const auto& [name, test] : tests.items()) {
    MemoryWorld world;
    HostOver h(vm_, world);
    for (const auto& [address_hex, alloc] : test.at("alloc").items()) {
      const Address address = *vm::parse_address("0x" + address_hex);
      if (alloc.contains("balance")) h.host.set_balance(address, word_text(alloc["balance"]));
      if (alloc.contains("wei")) h.host.set_balance(address, word_text(alloc["wei"]));
      if (alloc.contains("code"))
        h.host.set_code(address, from_hex(alloc["code"].get<std::string>()));
      if (alloc.contains("storage")) {
        for (const auto& [key, value] : alloc["storage"].items())
          h.host.set_storage(address, word_text(key), word_text(value));
      }
    }
    world.commit(h.host);
    EXPECT_EQ(to_hex(world.root),
              to_hex(state_root_of_block(from_hex(test.at("result").get<std::string>()))))
        << name;
  }
}

// anvil 1.7.1 (`anvil --disable-default-create2-deployer --hardfork london`, then `evm_mine`):
// block 1's stateRoot holds the ten accounts of the default mnemonic at 10,000 ether each,
// and eth_getProof of account 0 at that block gives these nodes. (Without `--hardfork london`
// anvil's root also holds a system contract of a later fork; the node is a London chain.)
constexpr std::string_view kAnvilDevRoot =
    "0xe914d7e6a70676d0aecddd6b3e1110d78639f4e45a167334b8ba589316f48632";
const std::vector<std::string> kAnvilAccount0Proof = {
    "0xf90111a0b91a8b7a7e9d3eab90afd81da3725030742f663c6ed8c26657bf00d842a9f4aaa01689b2a5203afd9ea0"
    "a0ca3765e4a538c7176e53eac1f8307a344ffc3c617655808080a07e56f2f326dc0a6bb22a0fdc58af094cd465ab4a"
    "27c9aaaef9413be1da26cb578080a04b29efa44ecf50c19b34950cf1d0f05e00568bcc873120fbea9a4e8439de0962"
    "a0d0a1bfe5b45d2d863a794f016450a4caca04f3b599e8d1652afca8b752935fd880a0bf9b09e442e044778b354abb"
    "adb5ec049d7f5e8b585c3966d476c4fbc9a181d28080a0213ebe73c28294598d6317486f3cdecd5409542531cf7dfb"
    "ba30cc1710dda25fa0e5c557a0ce3894afeb44c37f3d24247f67dc76a174d8cacc360c1210eef60a7680",
    "0xf8518080808080a0aabfb1441169c3379f428df147ba34658049e31ab75bca31dcea5ea3513408a7808080a09e48"
    "3f60ca0aeb12c5034571e1761a0e0f0299ba941380385139a006cc670abc80808080808080",
    "0xf873a020707d0e6171f728f7473c24cc0432a9b07eaaf1efed6a137a4a8c12c79552d9b850f84e808a021e19e0c9"
    "bab2400000a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c"
    "927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"};

TEST_F(CommitTest, TheDevAccountsGiveAnvilsStateRootAndProof) {
  auto accounts = dev_accounts(kDefaultMnemonic, 10);
  ASSERT_TRUE(accounts.ok()) << accounts.error().message;
  HostOver h(vm_, world_);
  for (const DevAccount& account : *accounts) h.host.set_balance(account.address, ether(10'000));
  world_.commit(h.host);
  EXPECT_EQ(to_hex(world_.root), kAnvilDevRoot);
  auto proof = world_.view().prove((*accounts)[0].address, {});
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  ASSERT_EQ(proof->account_proof.size(), kAnvilAccount0Proof.size());
  for (size_t i = 0; i < kAnvilAccount0Proof.size(); ++i)
    EXPECT_EQ(to_hex(proof->account_proof[i]), kAnvilAccount0Proof[i]) << "node " << i;
}

TEST_F(CommitTest, StorageRootsFollowTheSlotsAndZeroErases) {
  const Address a = state_addr(1);
  {
    HostOver h(vm_, world_);
    h.host.set_nonce(a, 1);
    h.host.set_storage(a, Word{1}, Word{10});
    h.host.set_storage(a, Word{2}, Word{20});
    world_.commit(h.host);
  }
  const Hash256 two_slots = (*world_.view().account(a))->storage_root;
  {
    HostOver h(vm_, world_);
    h.host.set_storage(a, Word{2}, Word{});  // a backend slot written to zero: erased
    h.host.set_storage(a, Word{3}, Word{30});
    h.host.set_storage(a, Word{3}, Word{});  // written then cleared in the same run
    world_.commit(h.host);
  }
  const AccountState one = **world_.view().account(a);
  EXPECT_NE(one.storage_root, two_slots);
  EXPECT_EQ(*world_.view().storage(a, Word{1}), Word{10});
  EXPECT_EQ(*world_.view().storage(a, Word{2}), Word{});
  EXPECT_EQ(*world_.view().storage(a, Word{3}), Word{});
  // The same slot written from scratch gives the same storage root.
  MemoryWorld fresh;
  {
    HostOver h(vm_, fresh);
    h.host.set_nonce(a, 1);
    h.host.set_storage(a, Word{1}, Word{10});
    fresh.commit(h.host);
  }
  EXPECT_EQ((*fresh.view().account(a))->storage_root, one.storage_root);
  EXPECT_EQ(fresh.root, world_.root);
  {
    HostOver h(vm_, world_);
    h.host.set_storage(a, Word{1}, Word{});
    world_.commit(h.host);
  }
  EXPECT_EQ((*world_.view().account(a))->storage_root, kEmptyTrieRoot);
}

TEST_F(CommitTest, AnEmptyAccountWithStorageIsKept) {
  // anvil_setStorageAt on an address without code, nonce or balance: the slot must survive the
  // block (EIP-161 erases empty accounts, and an empty account cannot otherwise hold storage).
  // Before the fix the commit erased the account and its slot (the acceptance suite's restart
  // test found it).
  const Address a = state_addr(7);
  {
    HostOver h(vm_, world_);
    h.host.set_storage(a, Word{1}, Word{42});
    world_.commit(h.host);
  }
  ASSERT_TRUE(world_.view().account(a)->has_value());
  EXPECT_EQ(*world_.view().storage(a, Word{1}), Word{42});
  EXPECT_NE((*world_.view().account(a))->storage_root, kEmptyTrieRoot);
  {
    HostOver h(vm_, world_);
    h.host.set_storage(a, Word{1}, Word{});  // its last slot cleared: now empty, erased
    world_.commit(h.host);
  }
  EXPECT_FALSE(world_.view().account(a)->has_value());
  EXPECT_EQ(world_.root, kEmptyTrieRoot);
}

TEST_F(CommitTest, EmptyAccountsAreErased) {
  const Address a = state_addr(1);
  const Address b = state_addr(2);
  {
    HostOver h(vm_, world_);
    h.host.set_balance(a, Word{5});
    h.host.set_balance(b, Word{6});
    world_.commit(h.host);
  }
  {
    HostOver h(vm_, world_);
    EXPECT_TRUE(h.host.transfer(a, b, Word{5}));  // a: nonce 0, balance 0, no code
    h.host.set_balance(state_addr(3), Word{});    // touched, never funded
    world_.commit(h.host);
  }
  EXPECT_FALSE(world_.view().account(a)->has_value());
  EXPECT_FALSE(world_.view().account(state_addr(3))->has_value());
  EXPECT_EQ((*world_.view().account(b))->balance, Word{11});
  // Only b is left: the root of a state holding b alone.
  MemoryWorld only_b;
  {
    HostOver h(vm_, only_b);
    h.host.set_balance(b, Word{11});
    only_b.commit(h.host);
  }
  EXPECT_EQ(world_.root, only_b.root);
  {
    HostOver h(vm_, world_);
    h.host.set_balance(b, Word{});
    world_.commit(h.host);
  }
  EXPECT_EQ(world_.root, kEmptyTrieRoot);
}

TEST_F(CommitTest, NewCodeGoesToTheCodeSinkOnce) {
  const Bytes code = {0xef, 0x00, 0x01, 0x02};
  {
    HostOver h(vm_, world_);
    h.host.set_code(state_addr(1), code);
    h.host.set_nonce(state_addr(1), 1);
    h.host.set_code(state_addr(2), code);
    h.host.set_nonce(state_addr(2), 1);
    world_.commit(h.host);
  }
  EXPECT_EQ(world_.codes.size(), 1u);
  EXPECT_EQ(world_.codes.puts(), 2u);  // same hash, two accounts
  EXPECT_EQ(*world_.codes.code(vm::keccak256(code)), code);
  {
    HostOver h(vm_, world_);
    h.host.set_balance(state_addr(1), Word{3});  // the account changes, its code does not
    world_.commit(h.host);
  }
  EXPECT_EQ(world_.codes.puts(), 2u);
  EXPECT_EQ(*world_.view().code(state_addr(1)), code);
}

TEST_F(CommitTest, RolledBackWritesLeaveNoTrace) {
  {
    HostOver h(vm_, world_);
    h.host.set_balance(state_addr(1), Word{5});
    h.host.set_storage(state_addr(1), Word{1}, Word{1});
    world_.commit(h.host);
  }
  const Hash256 before = world_.root;
  MemoryWorld copy = world_;
  HostOver h(vm_, copy);
  const vm::Checkpoint cp = h.host.checkpoint();
  h.host.set_balance(state_addr(1), Word{6});
  h.host.set_storage(state_addr(1), Word{1}, Word{2});
  h.host.set_storage(state_addr(1), Word{2}, Word{2});
  h.host.set_balance(state_addr(9), Word{9});  // created, then rolled back
  h.host.set_storage(state_addr(9), Word{1}, Word{1});
  h.host.rollback(cp);
  EXPECT_FALSE(h.host.changes().accounts.empty());  // the change set is a superset
  copy.commit(h.host);
  EXPECT_EQ(copy.root, before);
}

TEST_F(CommitTest, ACommitWritesOnlyTheChangedPaths) {
  {
    HostOver h(vm_, world_);
    for (int n = 0; n < 250; ++n)
      h.host.set_balance(state_addr(static_cast<uint8_t>(n), 1), Word{1});
    world_.commit(h.host);
  }
  const size_t stored = world_.nodes.size();
  HostOver h(vm_, world_);
  h.host.set_balance(state_addr(17, 1), Word{2});
  world_.commit(h.host);
  // One leaf and the branches above it (250 accounts: at most 3 levels of branches).
  EXPECT_LE(world_.nodes.size() - stored, 4u);
  EXPECT_GE(world_.nodes.size() - stored, 2u);
  EXPECT_EQ((*world_.view().account(state_addr(17, 1)))->balance, Word{2});
}

TEST_F(CommitTest, AMissingParentNodeIsAnError) {
  {
    HostOver h(vm_, world_);
    for (int n = 0; n < 50; ++n)
      h.host.set_balance(state_addr(static_cast<uint8_t>(n), 1), Word{1});
    world_.commit(h.host);
  }
  MemoryNodeStore empty;
  const StateView broken(empty, world_.codes, world_.root);
  TrieBackend backend(world_.view());
  vm::JournaledHost host(vm_, {}, &backend);
  host.set_balance(state_addr(1, 1), Word{7});
  auto committed = commit_changes(host, broken, world_.nodes, world_.codes);
  ASSERT_FALSE(committed.ok());
  EXPECT_EQ(committed.error().message.rfind("missing trie node 0x", 0), 0u)
      << committed.error().message;
}

}  // namespace
}  // namespace tenet::node::test
