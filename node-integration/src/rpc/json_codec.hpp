#pragma once
/// \file
/// The JSON forms of the node's values as Ethereum's JSON-RPC writes them (docs/rpc.md,
/// "Encodings"): quantities "0x…" without leading zeros, data "0x…" two digits a byte,
/// addresses lower case; blocks (every London header field, hash, size, totalDifficulty,
/// uncles, transactions as hashes or objects), transactions, receipts (+ revertData) and logs.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "tenet/node/chain/block.hpp"
#include "tenet/node/chain/receipt.hpp"
#include "tenet/node/service/log_query.hpp"

namespace tenet::node::rpc {

/// A quantity: "0x" and hex digits without leading zeros ("0x0").
nlohmann::json quantity_json(uint64_t value);
nlohmann::json quantity_json(const Word& value);
/// Data: "0x" and two hex digits per byte.
nlohmann::json data_json(ByteView bytes);
/// A 32-byte hash as data.
nlohmann::json hash_json(const Hash256& hash);
/// An address, lower case.
nlohmann::json address_json(const Address& address);

/// Where a mined transaction is, as its JSON forms name it.
struct TxPlace {
  Hash256 block_hash{};
  uint64_t block_number = 0;
  uint32_t index = 0;
  /// The block's base fee (a type 2 transaction's gasPrice is its effective price).
  Word base_fee;
};

/// A transaction object (eth_getTransactionByHash, full blocks): type, chainId, nonce, gas,
/// gasPrice (type 2: the effective price when mined, else maxFeePerGas), maxFeePerGas and
/// maxPriorityFeePerGas (type 2), to (null for a deployment), value, input, accessList (types 1
/// and 2), v, r, s, yParity (types 1 and 2), hash, from, and blockHash, blockNumber,
/// transactionIndex (null while pooled).
nlohmann::json transaction_json(const Transaction& tx, const Address& from,
                                const std::optional<TxPlace>& place);

/// The block object: every header field with hash, size (`size` bytes), totalDifficulty
/// (difficulty × (number + 1): every block has the same difficulty), uncles [], and the
/// transactions as hashes or, when `full`, as objects.
nlohmann::json block_json(const Block& block, const Hash256& hash, uint64_t size, bool full);

/// A log object (eth_getLogs, receipts, filters); removed is always false.
nlohmann::json log_json(const LogRecord& log);

/// The logs of a receipt as records: `first_log_index` is the block index of the first.
std::vector<LogRecord> receipt_log_records(const StoredReceipt& receipt, const Hash256& tx_hash,
                                           const TxPlace& place, uint32_t first_log_index);

/// The receipt object: transactionHash, transactionIndex, blockHash, blockNumber, from, to,
/// cumulativeGasUsed, gasUsed, effectiveGasPrice, contractAddress, logs, logsBloom, status,
/// type, and revertData (failed transactions only: the revert bytes, toolchain §4).
nlohmann::json receipt_json(const StoredReceipt& receipt, const Transaction& tx,
                            const Address& from, const TxPlace& place, uint32_t first_log_index);

}  // namespace tenet::node::rpc
