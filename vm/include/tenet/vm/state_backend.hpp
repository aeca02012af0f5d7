#pragma once
/// \file
/// The state a JournaledHost can run over instead of (or under) its in-memory map: a
/// source of accounts, storage slots and code that the host reads lazily, once each, and
/// never writes. The node backs it with its tries; tests back it with a map. What the
/// host changed is read back from JournaledHost::changes().

#include <cstdint>
#include <optional>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// One account as the backend stores it (its storage and code are loaded separately).
struct AccountRecord {
  Word balance;
  uint64_t nonce = 0;
  /// keccak256 of the account's code. An account without code has keccak256 of no bytes
  /// (the Ethereum convention); the all-zero hash is accepted as "no code" too.
  Hash256 code_hash{};
};

/// A read-only source of world state for JournaledHost. Each method is called at most
/// once per account, slot or code hash while the host keeps what it loaded.
class StateBackend {
 public:
  virtual ~StateBackend() = default;
  /// The account at `address`, or nullopt if it does not exist.
  virtual std::optional<AccountRecord> load_account(const Address& address) = 0;
  /// The value of slot `key` of `address` (zero if unset or the account does not exist).
  virtual Word load_storage(const Address& address, const Word& key) = 0;
  /// The code whose keccak256 is `code_hash` (never called for an account without code).
  virtual std::vector<uint8_t> load_code(const Hash256& code_hash) = 0;
};

}  // namespace tenet::vm
