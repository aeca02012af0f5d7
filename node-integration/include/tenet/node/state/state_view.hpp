#pragma once
/// \file
/// The world state at one state root, read through the tries: accounts (secure state trie,
/// key keccak256(address), value RLP[nonce, balance, storageRoot, codeHash]), storage slots
/// (each account's secure storage trie, key keccak256(slot), value RLP(trimmed word)) and code
/// (by keccak256, from a CodeReader). Read-only and cheap to copy; safe to use from several
/// threads at once (each read builds its own trie cursor).

#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "tenet/node/common/types.hpp"
#include "tenet/node/trie/node_store.hpp"

namespace tenet::node {

/// Reads contract code (the container bytes) by its keccak256.
class CodeReader {
 public:
  virtual ~CodeReader() = default;
  /// The code whose keccak256 is `code_hash`, or none when it is not stored.
  virtual std::optional<Bytes> code(const Hash256& code_hash) const = 0;
};

/// Receives the code a block deployed.
class CodeSink {
 public:
  virtual ~CodeSink() = default;
  /// Stores `code` under its keccak256 `code_hash` (storing twice is harmless).
  virtual void put_code(const Hash256& code_hash, ByteView code) = 0;
};

/// keccak256 of no bytes: the code hash of an account without code.
inline constexpr Hash256 kEmptyCodeHash = {
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
};

/// One account as the state trie stores it.
struct AccountState {
  uint64_t nonce = 0;
  Word balance;
  /// The root of the account's storage trie (kEmptyTrieRoot when it has no storage).
  Hash256 storage_root{};
  /// keccak256 of its code (kEmptyCodeHash when it has none).
  Hash256 code_hash{};
  friend bool operator==(const AccountState&, const AccountState&) = default;
};

/// RLP[nonce, balance, storageRoot, codeHash]: the state trie's value of an account.
Bytes encode_account(const AccountState& account);
/// The inverse of encode_account; an error names what is malformed.
Result<AccountState> decode_account(ByteView rlp);

/// EIP-1186: an account's fields with the proof of the account and of each requested slot.
struct AccountProof {
  /// The account (all zero fields with the empty roots when it does not exist).
  AccountState account;
  /// The state trie nodes on keccak256(address)'s path, root first.
  std::vector<Bytes> account_proof;
  /// Per requested key: the key, its value and the storage trie nodes on its path.
  struct StorageProof {
    Word key;
    Word value;
    std::vector<Bytes> proof;
  };
  std::vector<StorageProof> storage;
};

/// The state at `root`. Reads that meet a missing or malformed node return its error (the
/// store is corrupt); the caller stops rather than guess.
class StateView {
 public:
  /// The state whose state trie root is `root`, reading nodes from `nodes` and code from `code`
  /// (both must outlive the view).
  StateView(const NodeReader& nodes, const CodeReader& code, const Hash256& root);
  /// The state root.
  const Hash256& root() const { return root_; }
  /// The account at `address`, or none.
  Result<std::optional<AccountState>> account(const Address& address) const;
  /// The value of slot `key` of `address` (zero when unset or the account does not exist).
  Result<Word> storage(const Address& address, const Word& key) const;
  /// The code of `address` (empty when none).
  Result<Bytes> code(const Address& address) const;
  /// The code whose hash is `code_hash` (empty for kEmptyCodeHash).
  Result<Bytes> code_by_hash(const Hash256& code_hash) const;
  /// The EIP-1186 proof of `address` and its slots `keys`.
  Result<AccountProof> prove(const Address& address, std::span<const Word> keys) const;
  /// The node and code readers.
  const NodeReader& nodes() const { return *nodes_; }
  const CodeReader& codes() const { return *code_; }

 private:
  const NodeReader* nodes_;
  const CodeReader* code_;
  Hash256 root_;
};

}  // namespace tenet::node
