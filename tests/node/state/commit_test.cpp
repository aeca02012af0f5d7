// commit_changes: state roots Ethereum gives for known allocations (ethereum/tests
// GenesisTests/basic_genesis_tests.json), storage roots, zero = erase, EIP-161
// erasure of empty accounts, code to the CodeSink, rolled-back writes, incremental commits.

#include <gtest/gtest.h>

#include "../support/vectors.hpp"
#include "state_support.hpp"
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
