#pragma once
/// \file
/// Receipts: what the node stores per transaction (the consensus fields and what
/// eth_getTransactionReceipt adds), the consensus encoding whose ordered trie root is the
/// header's receiptsRoot, and the logs bloom.

#include <optional>
#include <span>
#include <vector>

#include "tenet/node/chain/header.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::node {

/// The bloom of `logs`: for the address and each topic, three bits from the bit pairs
/// (0,1), (2,3), (4,5) of its keccak256, mod 2048 (Yellow Paper §4.3.1).
Bloom logs_bloom(std::span<const vm::LogEntry> logs);
/// Adds `other`'s bits to `bloom`.
void merge_bloom(Bloom& bloom, const Bloom& other);
/// Whether every bit of `value`'s bloom (an address or topic) is set in `bloom`.
bool bloom_may_contain(const Bloom& bloom, ByteView value);

/// The most revert data a stored receipt keeps (toolchain §4: `revertData`, for tenet send).
inline constexpr std::size_t kMaxStoredRevertData = 64 * 1024;

/// A transaction's receipt as stored.
struct StoredReceipt {
  TxType type{};
  bool success = false;
  uint64_t cumulative_gas_used = 0;
  uint64_t gas_used = 0;
  Bloom bloom{};
  std::vector<vm::LogEntry> logs;
  Word effective_gas_price;
  std::optional<Address> contract_address;
  /// The revert data of a failed transaction (at most kMaxStoredRevertData bytes).
  Bytes revert_data;
  friend bool operator==(const StoredReceipt&, const StoredReceipt&) = default;
};

/// RLP[status, cumulativeGasUsed, bloom, logs], prefixed by the type byte when typed.
Bytes encode_consensus_receipt(const StoredReceipt& receipt);
/// The stored form (all fields) of a block's receipts, and its inverse.
Bytes encode_stored_receipts(const std::vector<StoredReceipt>& receipts);
Result<std::vector<StoredReceipt>> decode_stored_receipts(ByteView bytes);

}  // namespace tenet::node
