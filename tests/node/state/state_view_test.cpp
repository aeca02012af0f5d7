// The state's encodings and reads: account RLP, override lists, StateView reads and EIP-1186
// proofs, and a JournaledHost over a TrieBackend loading lazily (counted node reads), seeing
// the overlay, and failing on a lost node.

#include <gtest/gtest.h>

#include "state_support.hpp"
#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/state/state_override.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node::test {
namespace {

/// 0x-hex of bytes.
std::string hex_of(ByteView bytes) {
  return vm::hex_encode(bytes);
}

/// A NodeReader over a MemoryNodeStore that counts reads.
class CountingReader : public NodeReader {
 public:
  explicit CountingReader(const MemoryNodeStore& store) : store_(store) {}
  std::optional<Bytes> node(const Hash256& hash) const override {
    ++reads;
    return store_.node(hash);
  }
  mutable int reads = 0;

 private:
  const MemoryNodeStore& store_;
};

/// A state of 200 funded accounts (n, 1) and one contract (7, 0) with code and three slots.
class StateViewTest : public ::testing::Test {
 protected:
  StateViewTest() {
    HostOver h(vm_, world_);
    for (int n = 0; n < 200; ++n)
      h.host.set_balance(state_addr(static_cast<uint8_t>(n), 1), Word{1000 + uint64_t(n)});
    h.host.set_code(contract_, code_);
    h.host.set_nonce(contract_, 1);
    h.host.set_balance(contract_, Word{5});
    h.host.set_storage(contract_, Word{1}, Word{0x11});
    h.host.set_storage(contract_, Word{2}, Word{0x2222});
    h.host.set_storage(contract_, vm::negate(Word{1}), Word{3});
    world_.commit(h.host);
  }

  vm::Vm vm_;
  MemoryWorld world_;
  const Address contract_ = state_addr(7);
  const Bytes code_ = {0xef, 0x00, 0x01, 0x02, 0x03};
};

TEST(AccountRlp, EncodesTheFourFieldsAndDecodesBack) {
  const AccountState account{1, ether(1), kEmptyTrieRoot, kEmptyCodeHash};
  const Bytes rlp = encode_account(account);
  EXPECT_EQ(hex_of(rlp),
            "0xf84c01880de0b6b3a7640000"
            "a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
            "a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  auto back = decode_account(rlp);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, account);
  const AccountState zero{0, Word{}, kEmptyTrieRoot, kEmptyCodeHash};
  auto zero_back = decode_account(encode_account(zero));
  ASSERT_TRUE(zero_back.ok());
  EXPECT_EQ(*zero_back, zero);
}

TEST(AccountRlp, RefusesMalformedAccounts) {
  Bytes short_hash = encode_account(AccountState{1, Word{2}, kEmptyTrieRoot, kEmptyCodeHash});
  // Cut the code hash to 31 bytes: the list and string sizes shrink by one.
  short_hash.pop_back();
  short_hash[1] -= 1;
  short_hash[short_hash.size() - 32] = 0x9f;
  auto refused = decode_account(short_hash);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "malformed account: code hash is 31 bytes, not 32");
  auto not_list = decode_account(Bytes{0x80});
  ASSERT_FALSE(not_list.ok());
  EXPECT_EQ(not_list.error().message, "malformed account: not a list");
  auto leading_zero = decode_account(Bytes{0xc4, 0x00, 0x80, 0x80, 0x80});
  ASSERT_FALSE(leading_zero.ok());
  EXPECT_EQ(leading_zero.error().message.rfind("malformed account: nonce: ", 0), 0u)
      << leading_zero.error().message;
}

TEST(OverrideRlp, RoundTripsEveryKind) {
  std::vector<StateOverride> list = {
      {StateOverride::Kind::Balance, state_addr(1), Word{}, ether(3), {}},
      {StateOverride::Kind::Nonce, state_addr(2), Word{}, Word{9}, {}},
      {StateOverride::Kind::Code, state_addr(3), Word{}, Word{}, {0xef, 0x00, 0x01}},
      {StateOverride::Kind::Storage, state_addr(4), vm::negate(Word{1}), Word{0x42}, {}},
  };
  auto back = decode_overrides(encode_overrides(list));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, list);
  auto empty = decode_overrides(encode_overrides({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(OverrideRlp, RefusesAnUnknownKindAndAShortEntry) {
  // [[4, addr, 0, 0, ""]]
  rlp::Writer fields;
  fields.uint(4).address(state_addr(1)).word(Word{}).word(Word{}).bytes({});
  rlp::Writer list;
  list.list(fields);
  auto unknown = decode_overrides(list.list_bytes());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "malformed override 0: unknown kind 4");
  rlp::Writer short_fields;
  short_fields.uint(0).address(state_addr(1));
  rlp::Writer short_list;
  short_list.list(short_fields);
  auto short_entry = decode_overrides(short_list.list_bytes());
  ASSERT_FALSE(short_entry.ok());
  EXPECT_EQ(short_entry.error().message.rfind("malformed override 0: key: ", 0), 0u)
      << short_entry.error().message;
}

TEST_F(StateViewTest, ReadsAccountsSlotsAndCode) {
  const StateView view = world_.view();
  auto funded = view.account(state_addr(42, 1));
  ASSERT_TRUE(funded.ok() && funded->has_value());
  EXPECT_EQ(**funded, (AccountState{0, Word{1042}, kEmptyTrieRoot, kEmptyCodeHash}));
  auto missing = view.account(state_addr(42, 2));
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  auto contract = view.account(contract_);
  ASSERT_TRUE(contract.ok() && contract->has_value());
  EXPECT_EQ((*contract)->nonce, 1u);
  EXPECT_EQ((*contract)->code_hash, vm::keccak256(code_));
  EXPECT_NE((*contract)->storage_root, kEmptyTrieRoot);
  EXPECT_EQ(*view.storage(contract_, Word{1}), Word{0x11});
  EXPECT_EQ(*view.storage(contract_, Word{2}), Word{0x2222});
  EXPECT_EQ(*view.storage(contract_, vm::negate(Word{1})), Word{3});
  EXPECT_EQ(*view.storage(contract_, Word{4}), Word{});
  EXPECT_EQ(*view.storage(state_addr(42, 2), Word{1}), Word{});
  EXPECT_EQ(*view.code(contract_), code_);
  EXPECT_EQ(*view.code(state_addr(42, 1)), Bytes{});
  EXPECT_EQ(*view.code_by_hash(kEmptyCodeHash), Bytes{});
  auto lost = view.code_by_hash(vm::keccak256(Bytes{1}));
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().message.rfind("missing code 0x", 0), 0u);
}

TEST_F(StateViewTest, ProofsVerifyAgainstTheRoots) {
  const StateView view = world_.view();
  const std::vector<Word> keys = {Word{1}, Word{2}, Word{99}};
  auto proof = view.prove(contract_, keys);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  const Hash256 account_key = vm::keccak256(contract_.bytes);
  auto shown = verify_proof(view.root(), account_key, proof->account_proof);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  ASSERT_TRUE(shown->has_value());
  EXPECT_EQ(**shown, encode_account(proof->account));
  ASSERT_EQ(proof->storage.size(), 3u);
  const Word expected[] = {Word{0x11}, Word{0x2222}, Word{}};
  for (size_t i = 0; i < 3; ++i) {
    const auto& slot = proof->storage[i];
    EXPECT_EQ(slot.key, keys[i]);
    EXPECT_EQ(slot.value, expected[i]);
    const auto key_bytes = vm::word_to_be(slot.key);
    auto value = verify_proof(proof->account.storage_root, vm::keccak256(key_bytes), slot.proof);
    ASSERT_TRUE(value.ok()) << value.error().message;
    if (expected[i].is_zero()) {
      EXPECT_FALSE(value->has_value());
    } else {
      rlp::Writer w;
      w.word(expected[i]);
      ASSERT_TRUE(value->has_value());
      EXPECT_EQ(**value, w.items());
    }
  }
}

TEST_F(StateViewTest, AnAbsentAccountIsProvenAbsent) {
  const StateView view = world_.view();
  const Word key{1};
  auto proof = view.prove(state_addr(9, 9), std::span<const Word>(&key, 1));
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  EXPECT_EQ(proof->account, (AccountState{0, Word{}, kEmptyTrieRoot, kEmptyCodeHash}));
  EXPECT_FALSE(proof->account_proof.empty());
  auto shown =
      verify_proof(view.root(), vm::keccak256(state_addr(9, 9).bytes), proof->account_proof);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_FALSE(shown->has_value());
  ASSERT_EQ(proof->storage.size(), 1u);
  EXPECT_TRUE(proof->storage[0].proof.empty());
  EXPECT_EQ(proof->storage[0].value, Word{});
}

TEST_F(StateViewTest, TheHostLoadsOnlyWhatItTouches) {
  CountingReader reader(world_.nodes);
  const StateView view(reader, world_.codes, world_.root);
  TrieBackend backend(view);
  vm::JournaledHost host(vm_, {}, &backend);
  EXPECT_EQ(reader.reads, 0);
  EXPECT_EQ(host.get_balance(state_addr(42, 1)), Word{1042});
  const int one_account = reader.reads;
  EXPECT_GT(one_account, 0);
  EXPECT_LE(one_account, 4);  // 201 accounts: a path of at most 3 branches and a leaf
  EXPECT_EQ(host.get_balance(state_addr(42, 1)), Word{1042});
  EXPECT_EQ(reader.reads, one_account);  // loaded once
  EXPECT_EQ(host.get_storage(contract_, Word{2}), Word{0x2222});
  EXPECT_EQ(host.get_code_size(contract_), code_.size());
  EXPECT_EQ(host.get_storage(contract_, Word{2}), Word{0x2222});
  EXPECT_FALSE(backend.failed());
  EXPECT_EQ(host.checkpoint(), 0u);  // loads are not changes
}

TEST_F(StateViewTest, TheOverlayShowsOverTheState) {
  const std::vector<StateOverride> overlay = {
      {StateOverride::Kind::Balance, state_addr(42, 1), Word{}, Word{1}, {}},
      {StateOverride::Kind::Balance, state_addr(42, 1), Word{}, Word{2}, {}},
      {StateOverride::Kind::Nonce, state_addr(42, 1), Word{}, Word{7}, {}},
      {StateOverride::Kind::Code, state_addr(8), Word{}, Word{}, {0xef, 0x00, 0x09}},
      {StateOverride::Kind::Storage, contract_, Word{1}, Word{0x99}, {}},
      {StateOverride::Kind::Storage, state_addr(9), Word{5}, Word{6}, {}},
  };
  HostOver h(vm_, world_, {}, &overlay);
  EXPECT_EQ(h.host.get_balance(state_addr(42, 1)), Word{2});
  EXPECT_EQ(h.host.find_account(state_addr(42, 1))->nonce, 7u);
  EXPECT_EQ(h.host.find_account(state_addr(8))->code, (Bytes{0xef, 0x00, 0x09}));
  EXPECT_EQ(h.host.get_storage(contract_, Word{1}), Word{0x99});
  EXPECT_EQ(h.host.get_storage(contract_, Word{2}), Word{0x2222});
  EXPECT_EQ(h.host.get_storage(state_addr(9), Word{5}), Word{6});
  EXPECT_FALSE(h.backend.failed());
}

TEST_F(StateViewTest, ALostNodeFailsTheBackend) {
  auto account_proof = world_.view().prove(state_addr(42, 1), {});
  ASSERT_TRUE(account_proof.ok());
  ASSERT_GE(account_proof->account_proof.size(), 2u);
  world_.nodes.erase(vm::keccak256(account_proof->account_proof.back()));
  HostOver h(vm_, world_);
  EXPECT_EQ(h.host.get_balance(state_addr(42, 1)), Word{});
  EXPECT_TRUE(h.backend.failed());
  EXPECT_EQ(h.backend.error().message.rfind("missing trie node 0x", 0), 0u)
      << h.backend.error().message;
  auto direct = world_.view().account(state_addr(42, 1));
  ASSERT_FALSE(direct.ok());
}

}  // namespace
}  // namespace tenet::node::test
