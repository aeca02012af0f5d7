#pragma once
/// \file
/// The Host interface: the VM's only way to reach state (in the spirit of EVMC).
/// Implementations: JournaledHost (in-memory, unit tests and `tenet run`), the test
/// runner's host (adds cheat codes) and the node's host (over RocksDB).

#include <cstdint>
#include <span>

#include "tenet/vm/address.hpp"
#include "tenet/vm/message.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// Whether an account or storage slot had already been touched in this transaction
/// (EIP-2929). The first access is Cold and makes it Warm.
enum class Access : uint8_t { Warm, Cold };

/// What a storage write did, judged against the slot's value at the start of the
/// transaction ("original") and just before the write ("current"). It determines the
/// gas (docs/gas.md; EIP-2200 without refunds).
enum class StorageChange : uint8_t {
  Unchanged,  ///< new == current
  Dirty,      ///< current != original already (slot written earlier in this transaction)
  Added,      ///< original == current == 0, new != 0
  Modified,   ///< original == current != 0, new != current
};

/// The VM's view of the world. All state changes made through it must be journaled
/// by the implementation so that a reverted frame undoes exactly its own changes.
class Host {
 public:
  virtual ~Host() = default;

  /// storage[key] of `account` (0 if never written).
  virtual Word get_storage(const Address& account, const Word& key) = 0;
  /// Writes storage[key] of `account`; reports what the write did.
  virtual StorageChange set_storage(const Address& account, const Word& key, const Word& value) = 0;
  /// Native balance of `account`.
  virtual Word get_balance(const Address& account) = 0;
  /// Size of the code stored at `account` (0 for none).
  virtual size_t get_code_size(const Address& account) = 0;
  /// Marks `account` warm; returns whether it was cold before.
  virtual Access access_account(const Address& account) = 0;
  /// Marks storage[key] of `account` warm; returns whether it was cold before.
  virtual Access access_storage(const Address& account, const Word& key) = 0;
  /// Moves `value` from `from` to `to` without running code; false (and no change)
  /// if `from` has less than `value`.
  virtual bool transfer(const Address& from, const Address& to, const Word& value) = 0;
  /// Records a log entry.
  virtual void emit_log(const Address& account, std::span<const uint8_t> data,
                        std::span<const Word> topics) = 0;
  /// Block and transaction context.
  virtual TxContext tx_context() = 0;
  /// The hash of block `number`. BLOCKHASH asks only for one of the kBlockHashWindow blocks
  /// before the current one (the interpreter answers zero for the others), so a host only
  /// looks the hash up. The default answers zero: a host without a chain (`tenet run`,
  /// `tenet test`, the conformance harness).
  virtual Word block_hash(uint64_t number) {
    (void)number;
    return Word{};
  }
  /// Performs a nested external call or creation (checkpoint, value transfer, code
  /// lookup, execution, rollback on failure) and returns its outcome.
  virtual ExecResult call(const Message& msg) = 0;
  /// A DEBUGLOG payload, handed over after its gas was charged. The default drops it: a
  /// host that prints or keeps payloads (a test runner, a debugger) does so itself, and
  /// pays in memory for what it keeps (the gas covers copying, not holding).
  virtual void debug_log(const Address& account, std::span<const uint8_t> data) {
    (void)account;
    (void)data;
  }
  /// Runs cheat code `id` (test mode only). Returns the frame outcome whose output
  /// becomes the return data. The default refuses every cheat code.
  virtual ExecResult cheat(uint16_t id, std::span<const uint8_t> input, const Message& msg) {
    (void)id;
    (void)input;
    (void)msg;
    return ExecResult{Status::Revert, 0, {}, {}, "cheat codes are not available on this host"};
  }
};

}  // namespace tenet::vm
