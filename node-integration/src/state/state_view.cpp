/// \file
/// Reading the world state through the tries (state_view.hpp): account RLP, slot values,
/// code by hash and EIP-1186 proofs.

#include "tenet/node/state/state_view.hpp"

#include <string>

#include "storage_value.hpp"
#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

/// "malformed account: <why>".
vm::Error malformed_account_error(const std::string& why) {
  return vm::Error{"malformed account: " + why};
}

/// Reads a 32-byte hash field of an account.
Result<Hash256> read_account_hash(rlp::ListReader& reader, const char* field) {
  auto bytes = reader.bytes();
  if (!bytes) return malformed_account_error(std::string(field) + ": " + bytes.error().message());
  if (bytes->size() != 32) {
    return malformed_account_error(std::string(field) + " is " + std::to_string(bytes->size()) +
                                   " bytes, not 32");
  }
  Hash256 hash{};
  std::copy(bytes->begin(), bytes->end(), hash.begin());
  return hash;
}

/// The account an EIP-1186 proof shows for an address that does not exist.
AccountState absent_account_state() {
  return AccountState{0, Word{}, kEmptyTrieRoot, kEmptyCodeHash};
}

}  // namespace

Bytes encode_account(const AccountState& account) {
  rlp::Writer w;
  w.uint(account.nonce)
      .word(account.balance)
      .bytes(ByteView(account.storage_root.data(), account.storage_root.size()))
      .bytes(ByteView(account.code_hash.data(), account.code_hash.size()));
  return w.list_bytes();
}

Result<AccountState> decode_account(ByteView encoded) {
  auto item = rlp::decode(encoded);
  if (!item) return malformed_account_error(item.error().message());
  if (!item->list) return malformed_account_error("not a list");
  rlp::ListReader reader(*item);
  AccountState account;
  auto nonce = reader.uint64();
  if (!nonce) return malformed_account_error("nonce: " + nonce.error().message());
  account.nonce = *nonce;
  auto balance = reader.word();
  if (!balance) return malformed_account_error("balance: " + balance.error().message());
  account.balance = *balance;
  auto storage_root = read_account_hash(reader, "storage root");
  if (!storage_root) return storage_root.error();
  account.storage_root = *storage_root;
  auto code_hash = read_account_hash(reader, "code hash");
  if (!code_hash) return code_hash.error();
  account.code_hash = *code_hash;
  if (auto end = reader.finish(); !end) return malformed_account_error(end.error().message());
  return account;
}

StateView::StateView(const NodeReader& nodes, const CodeReader& code, const Hash256& root)
    : nodes_(&nodes), code_(&code), root_(root) {}

Result<std::optional<AccountState>> StateView::account(const Address& address) const {
  const SecureTrie trie(nodes_, root_);
  auto value = trie.get(detail::account_key(address));
  if (!value) return value.error();
  if (!*value) return std::optional<AccountState>{};
  auto account = decode_account(**value);
  if (!account) {
    return vm::Error{"account " + vm::to_hex(address) + ": " + account.error().message};
  }
  return std::optional<AccountState>{*account};
}

Result<Word> StateView::storage(const Address& address, const Word& key) const {
  auto account = this->account(address);
  if (!account) return account.error();
  if (!*account || (*account)->storage_root == kEmptyTrieRoot) return Word{};
  const SecureTrie trie(nodes_, (*account)->storage_root);
  const auto key_bytes = detail::slot_key(key);
  auto value = trie.get(ByteView(key_bytes.data(), key_bytes.size()));
  if (!value) return value.error();
  if (!*value) return Word{};
  auto word = detail::decode_storage_value(**value);
  if (!word) {
    return vm::Error{"slot " + vm::to_hex(key) + " of " + vm::to_hex(address) + ": " +
                     word.error().message};
  }
  return *word;
}

Result<Bytes> StateView::code(const Address& address) const {
  auto account = this->account(address);
  if (!account) return account.error();
  if (!*account) return Bytes{};
  return code_by_hash((*account)->code_hash);
}

Result<Bytes> StateView::code_by_hash(const Hash256& code_hash) const {
  if (code_hash == kEmptyCodeHash || code_hash == Hash256{}) return Bytes{};
  std::optional<Bytes> code = code_->code(code_hash);
  if (!code) {
    return vm::Error{"missing code " +
                     vm::hex_encode(ByteView(code_hash.data(), code_hash.size()))};
  }
  return std::move(*code);
}

Result<AccountProof> StateView::prove(const Address& address, std::span<const Word> keys) const {
  AccountProof proof;
  const SecureTrie trie(nodes_, root_);
  auto account_proof = trie.prove(detail::account_key(address));
  if (!account_proof) return account_proof.error();
  proof.account_proof = std::move(*account_proof);
  auto account = this->account(address);
  if (!account) return account.error();
  proof.account = *account ? **account : absent_account_state();
  const SecureTrie storage(nodes_, proof.account.storage_root);
  for (const Word& key : keys) {
    AccountProof::StorageProof slot;
    slot.key = key;
    if (proof.account.storage_root != kEmptyTrieRoot) {
      const auto key_bytes = detail::slot_key(key);
      const ByteView key_view(key_bytes.data(), key_bytes.size());
      auto nodes = storage.prove(key_view);
      if (!nodes) return nodes.error();
      slot.proof = std::move(*nodes);
      auto value = storage.get(key_view);
      if (!value) return value.error();
      if (*value) {
        auto word = detail::decode_storage_value(**value);
        if (!word) return word.error();
        slot.value = *word;
      }
    }
    proof.storage.push_back(std::move(slot));
  }
  return proof;
}

}  // namespace tenet::node
