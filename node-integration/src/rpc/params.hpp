#pragma once
/// \file
/// JSON-RPC parameters read into the node's values (docs/rpc.md, "Parameters"):
/// quantities, data, addresses, hashes, storage keys, block references (tags, numbers,
/// EIP-1898 objects), transaction objects (eth_call, eth_estimateGas, eth_sendTransaction) and
/// log filter objects. Every failure is an InvalidParams refusal whose detail names the
/// parameter ("parameter 2: …") and what is wrong with it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"
#include "tenet/node/state/executor.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node::rpc {

/// A parsed value, or the InvalidParams refusal naming what is wrong.
template <typename T>
using Parsed = Result<T, Refusal>;

/// The refusal "invalid params: <what>: <problem>".
Refusal invalid_param(std::string_view what, std::string_view problem);

/// A quantity: "0x" and 1–64 hex digits (leading zeros accepted), or a non-negative JSON
/// integer (Hardhat scripts send numbers to evm_increaseTime).
Parsed<Word> parse_quantity(const nlohmann::json& value, std::string_view what);
/// A quantity below 2^64.
Parsed<uint64_t> parse_u64(const nlohmann::json& value, std::string_view what);
/// Data: "0x" and an even number of hex digits.
Parsed<Bytes> parse_data(const nlohmann::json& value, std::string_view what);
/// An address: "0x" and 40 hex digits (any case; the checksum is not checked).
Parsed<Address> parse_address(const nlohmann::json& value, std::string_view what);
/// A 32-byte hash: "0x" and 64 hex digits.
Parsed<Hash256> parse_hash(const nlohmann::json& value, std::string_view what);
/// A storage key: 32-byte hex or a shorter quantity ("0x0", "0x01", …), as a word.
Parsed<Word> parse_storage_key(const nlohmann::json& value, std::string_view what);
/// A boolean.
Parsed<bool> parse_bool(const nlohmann::json& value, std::string_view what);

/// Which block a read is at.
struct BlockRef {
  /// latest (also "pending", "safe", "finalized"), earliest (block 0), a number, a hash.
  enum class Kind : uint8_t { Latest, Earliest, Number, Hash };
  Kind kind = Kind::Latest;
  uint64_t number = 0;
  Hash256 hash{};
  /// EIP-1898's requireCanonical (a hash only).
  bool require_canonical = false;
  /// The tag "pending" (eth_getTransactionCount counts the pool then).
  bool pending = false;
};

/// A block reference: a tag ("latest", "pending", "safe", "finalized", "earliest"), a
/// quantity, or (when `allow_object`) EIP-1898's {"blockHash", "requireCanonical"} or
/// {"blockNumber"}. A missing optional block parameter is "latest" (the caller's choice).
Parsed<BlockRef> parse_block_ref(const nlohmann::json& value, std::string_view what,
                                 bool allow_object = true);

/// A transaction object as eth_call, eth_estimateGas and eth_sendTransaction take it: every
/// field optional; "input" and "data" are synonyms (both given must agree).
struct TxRequest {
  std::optional<Address> from;
  std::optional<Address> to;
  std::optional<uint64_t> gas;
  std::optional<Word> gas_price;
  std::optional<Word> max_fee;
  std::optional<Word> max_priority_fee;
  std::optional<Word> value;
  Bytes data;
  std::optional<uint64_t> nonce;
  std::optional<std::vector<AccessListEntry>> access_list;
  std::optional<uint64_t> type;
  std::optional<uint64_t> chain_id;
};

/// Reads a transaction object. Refused: not an object, a malformed field, gasPrice together
/// with maxFeePerGas or maxPriorityFeePerGas, "input" and "data" that differ.
Parsed<TxRequest> parse_tx_request(const nlohmann::json& value, std::string_view what);
/// The eth_call / eth_estimateGas request of `tx` (gas price: gasPrice, else maxFeePerGas).
CallRequest to_call_request(const TxRequest& tx);

/// A log filter object (eth_getLogs, eth_newFilter) before its block tags are resolved.
struct FilterRequest {
  std::optional<BlockRef> from_block;
  std::optional<BlockRef> to_block;
  std::vector<Address> addresses;
  std::vector<std::vector<Hash256>> topics;
  std::optional<Hash256> block_hash;
};

/// Reads a filter object: fromBlock/toBlock (tags or numbers), address (one or an array),
/// topics (at most 4 positions, each null, a hash or an array of hashes), blockHash
/// (EIP-234; not with fromBlock/toBlock).
Parsed<FilterRequest> parse_filter(const nlohmann::json& value, std::string_view what);

/// "parameter N" (1-based) for messages.
std::string param_name(std::size_t index);

}  // namespace tenet::node::rpc
