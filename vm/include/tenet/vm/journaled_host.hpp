#pragma once
/// \file
/// An in-memory world state with a journal, and the Host that runs nested calls and
/// creations on it. Every change (balance, nonce, code, storage, warm sets, logs) is a
/// journal entry; a checkpoint is a journal length, and rolling back to it undoes
/// exactly the entries after it, so a reverted frame at any depth loses exactly its
/// own changes. Used by unit tests and `tenet run`; the test runner and the node
/// build on it. Optionally the state lives in a StateBackend: accounts, code and slots are
/// then loaded on first access (a load is not a change: no journal entry), and
/// changes() says which accounts and slots were written, for the caller to commit.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/host.hpp"
#include "tenet/vm/state_backend.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::vm {

/// One account.
struct Account {
  Word balance;
  uint64_t nonce = 0;
  std::vector<uint8_t> code;     ///< a validated container, or empty
  Hash256 code_hash{};           ///< keccak256(code)
  /// Without a backend: the non-zero slots only. With one: the slots loaded or written,
  /// zeros included (a zero shadows the backend's value).
  std::map<Word, Word, bool (*)(const Word&, const Word&)> storage{&lt};
};

/// One log entry.
struct LogEntry {
  Address address;
  std::vector<Word> topics;
  std::vector<uint8_t> data;
  friend bool operator==(const LogEntry&, const LogEntry&) = default;
};

/// Looks up the hash of a block by number (BLOCKHASH; asked only within its window).
using BlockHashLookup = std::function<Word(uint64_t number)>;

/// A position in the journal to roll back to.
using Checkpoint = size_t;

/// The accounts and storage slots written since JournaledHost::clear_changes() (a
/// superset: a write later rolled back may stay listed). A slot is (account, key limbs).
struct ChangeSet {
  std::set<Address> accounts;
  std::set<std::pair<Address, std::array<uint64_t, 4>>> slots;
};

/// In-memory journaled state and the Host over it.
class JournaledHost : public Host {
 public:
  /// `vm` executes the code of nested calls; `context` is returned by tx_context().
  explicit JournaledHost(Vm& vm, TxContext context = {});
  /// As above, over `backend` (not owned; nullptr = all state in memory, as above). The
  /// backend must outlive the host and not change while the host uses it.
  JournaledHost(Vm& vm, TxContext context, StateBackend* backend);

  // ---- The Host interface ----
  Word get_storage(const Address& account, const Word& key) override;
  StorageChange set_storage(const Address& account, const Word& key, const Word& value) override;
  Word get_balance(const Address& account) override;
  size_t get_code_size(const Address& account) override;
  Access access_account(const Address& account) override;
  Access access_storage(const Address& account, const Word& key) override;
  bool transfer(const Address& from, const Address& to, const Word& value) override;
  void emit_log(const Address& account, std::span<const uint8_t> data,
                std::span<const Word> topics) override;
  TxContext tx_context() override { return context_; }
  /// What the lookup set by set_block_hashes() answers; zero without one.
  Word block_hash(uint64_t number) override { return block_hashes_ ? block_hashes_(number) : Word{}; }
  ExecResult call(const Message& msg) override;
  void debug_log(const Address& account, std::span<const uint8_t> data) override;

  // ---- Transactions ----
  /// Starts a transaction: clears the warm sets and the original-value record (the
  /// journal is kept), sets tx.origin, and warms `origin` and `to`.
  void begin_transaction(const Address& origin, const Address* to = nullptr);
  /// Deploys `container` (followed by ABI-encoded constructor arguments in `data`) from
  /// `sender`, as a whole transaction: the sender's nonce is used and increased.
  ExecResult deploy(const Address& sender, std::span<const uint8_t> data, int64_t gas,
                    const Word& value = Word{});
  /// Calls `to` with `input` from `sender` as a whole transaction.
  ExecResult transact(const Address& sender, const Address& to, std::span<const uint8_t> input,
                      int64_t gas, const Word& value = Word{});

  // ---- Direct state access (set-up and inspection; journaled like any change) ----
  /// Sets a balance.
  void set_balance(const Address& account, const Word& balance);
  /// Sets the code stored at an account (no validation: tests only).
  void set_code(const Address& account, std::vector<uint8_t> code);
  /// Sets an account nonce.
  void set_nonce(const Address& account, uint64_t nonce);
  /// The account, or nullptr if it does not exist (loaded from the backend, with its
  /// code, on first access).
  const Account* find_account(const Address& account) const;
  /// All accounts, ordered by address (with a backend: those loaded or created so far).
  const std::map<Address, Account>& accounts() const { return accounts_; }
  /// Logs emitted and not rolled back, in order.
  const std::vector<LogEntry>& logs() const { return logs_; }
  /// DEBUGLOG payloads, in order (never rolled back: they are diagnostics). Empty unless
  /// keep_debug_logs(true) was called before they were emitted.
  const std::vector<std::vector<uint8_t>>& debug_logs() const { return debug_logs_; }
  /// Whether DEBUGLOG payloads are kept for debug_logs() from now on (default: dropped,
  /// so a long-lived host does not grow with them).
  void keep_debug_logs(bool keep) { keep_debug_logs_ = keep; }
  /// Sets the block and transaction context.
  void set_context(const TxContext& context) { context_ = context; }
  /// Sets where BLOCKHASH's hashes come from (the node: the executing block's ancestors);
  /// an empty lookup answers zero for every block.
  void set_block_hashes(BlockHashLookup lookup) { block_hashes_ = std::move(lookup); }

  // ---- Journal ----
  /// The current journal position.
  Checkpoint checkpoint() const { return journal_.size(); }
  /// Undoes every change made after `cp`.
  void rollback(Checkpoint cp);

  // ---- Change set ----
  /// The accounts and slots written since the last clear_changes() (or construction).
  const ChangeSet& changes() const { return changes_; }
  /// Forgets the change set (after the caller committed it).
  void clear_changes() { changes_ = {}; }

 protected:
  /// The account, created empty if missing (journaled).
  Account& touch(const Address& account);

 private:
  struct BalanceEntry { Address account; Word old; };
  struct NonceEntry { Address account; uint64_t old; };
  struct CodeEntry { Address account; std::vector<uint8_t> old; Hash256 old_hash; };
  struct StorageEntry { Address account; Word key; Word old; };
  struct CreateEntry { Address account; };
  struct WarmAccountEntry { Address account; };
  struct WarmSlotEntry { Address account; Word key; };
  struct LogEntryAdded {};
  using JournalEntry = std::variant<BalanceEntry, NonceEntry, CodeEntry, StorageEntry, CreateEntry,
                                    WarmAccountEntry, WarmSlotEntry, LogEntryAdded>;

  ExecResult run_create(const Message& msg);
  ExecResult run_call(const Message& msg);
  /// Loads `account` from the backend into the map (no journal entry); false if absent.
  bool load_account(const Address& account) const;
  /// Records a write of `account` in the change set.
  void mark_changed(const Address& account) { changes_.accounts.insert(account); }

  Vm& vm_;
  TxContext context_;
  BlockHashLookup block_hashes_;
  StateBackend* backend_ = nullptr;
  /// Mutable: find_account() loads from the backend (a load is not a change).
  mutable std::map<Address, Account> accounts_;
  /// Addresses the backend does not hold (asked once; storage reads of them skip it).
  mutable std::set<Address> absent_;
  ChangeSet changes_;
  std::vector<JournalEntry> journal_;
  std::vector<LogEntry> logs_;
  std::vector<std::vector<uint8_t>> debug_logs_;
  bool keep_debug_logs_ = false;
  std::set<Address> warm_accounts_;
  std::set<std::pair<Address, std::array<uint64_t, 4>>> warm_slots_;
  std::map<std::pair<Address, std::array<uint64_t, 4>>, Word> original_;  ///< value at first write in this tx
};

}  // namespace tenet::vm
