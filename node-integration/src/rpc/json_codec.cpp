/// \file
/// The JSON forms of blocks, transactions, receipts and logs (json_codec.hpp).

#include "json_codec.hpp"

#include "tenet/node/tx/fees.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

json codec_access_list(const std::vector<AccessListEntry>& list) {
  json out = json::array();
  for (const AccessListEntry& e : list) {
    json keys = json::array();
    for (const Word& k : e.storage_keys) keys.push_back(data_json(vm::word_to_be(k)));
    out.push_back({{"address", address_json(e.address)}, {"storageKeys", std::move(keys)}});
  }
  return out;
}

/// Sets blockHash, blockNumber and transactionIndex (null when not mined).
void codec_place(json& out, const std::optional<TxPlace>& place) {
  if (place) {
    out["blockHash"] = hash_json(place->block_hash);
    out["blockNumber"] = quantity_json(place->block_number);
    out["transactionIndex"] = quantity_json(uint64_t{place->index});
  } else {
    out["blockHash"] = nullptr;
    out["blockNumber"] = nullptr;
    out["transactionIndex"] = nullptr;
  }
}

json codec_optional_address(const std::optional<Address>& a) {
  return a ? address_json(*a) : json(nullptr);
}

}  // namespace

json quantity_json(uint64_t value) {
  return vm::hex_encode_quantity(value);
}

json quantity_json(const Word& value) {
  return vm::to_hex(value);
}

json data_json(ByteView bytes) {
  return vm::hex_encode(bytes);
}

json hash_json(const Hash256& hash) {
  return vm::hex_encode(hash);
}

json address_json(const Address& address) {
  return vm::to_hex(address);
}

json transaction_json(const Transaction& tx, const Address& from,
                      const std::optional<TxPlace>& place) {
  json out = json::object();
  out["type"] = quantity_json(uint64_t{static_cast<uint8_t>(tx.type)});
  if (tx.chain_id) out["chainId"] = quantity_json(*tx.chain_id);
  out["nonce"] = quantity_json(tx.nonce);
  out["gas"] = quantity_json(tx.gas_limit);
  if (tx.type == TxType::DynamicFee) {
    out["gasPrice"] = quantity_json(place ? effective_gas_price(tx, place->base_fee) : tx.max_fee);
    out["maxFeePerGas"] = quantity_json(tx.max_fee);
    out["maxPriorityFeePerGas"] = quantity_json(tx.max_priority_fee);
  } else {
    out["gasPrice"] = quantity_json(tx.gas_price);
  }
  out["to"] = codec_optional_address(tx.to);
  out["value"] = quantity_json(tx.value);
  out["input"] = data_json(tx.data);
  if (tx.type == TxType::Legacy) {
    out["v"] = quantity_json(legacy_v(tx));
  } else {
    out["accessList"] = codec_access_list(tx.access_list);
    out["v"] = quantity_json(uint64_t{tx.y_parity});
    out["yParity"] = quantity_json(uint64_t{tx.y_parity});
  }
  out["r"] = quantity_json(tx.r);
  out["s"] = quantity_json(tx.s);
  out["hash"] = hash_json(transaction_hash(tx));
  out["from"] = address_json(from);
  codec_place(out, place);
  return out;
}

json block_json(const Block& block, const Hash256& hash, uint64_t size, bool full) {
  const Header& h = block.header;
  json out = json::object();
  out["number"] = quantity_json(h.number);
  out["hash"] = hash_json(hash);
  out["parentHash"] = hash_json(h.parent_hash);
  out["sha3Uncles"] = hash_json(h.ommers_hash);
  out["miner"] = address_json(h.beneficiary);
  out["stateRoot"] = hash_json(h.state_root);
  out["transactionsRoot"] = hash_json(h.transactions_root);
  out["receiptsRoot"] = hash_json(h.receipts_root);
  out["logsBloom"] = data_json(h.logs_bloom);
  out["difficulty"] = quantity_json(h.difficulty);
  out["totalDifficulty"] = quantity_json(vm::mul(h.difficulty, Word{h.number + 1}));
  out["gasLimit"] = quantity_json(h.gas_limit);
  out["gasUsed"] = quantity_json(h.gas_used);
  out["timestamp"] = quantity_json(h.timestamp);
  out["extraData"] = data_json(h.extra_data);
  out["mixHash"] = hash_json(h.mix_hash);
  out["nonce"] = data_json(h.nonce);
  out["baseFeePerGas"] = quantity_json(h.base_fee);
  out["size"] = quantity_json(size);
  out["uncles"] = json::array();
  json txs = json::array();
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    const Transaction& tx = block.transactions[i];
    if (!full) {
      txs.push_back(hash_json(transaction_hash(tx)));
      continue;
    }
    const TxPlace place{hash, h.number, static_cast<uint32_t>(i), h.base_fee};
    txs.push_back(transaction_json(tx, block.senders.at(i), place));
  }
  out["transactions"] = std::move(txs);
  return out;
}

json log_json(const LogRecord& r) {
  json topics = json::array();
  for (const Word& t : r.log.topics) topics.push_back(data_json(vm::word_to_be(t)));
  return {{"address", address_json(r.log.address)},
          {"topics", std::move(topics)},
          {"data", data_json(r.log.data)},
          {"blockNumber", quantity_json(r.block_number)},
          {"blockHash", hash_json(r.block_hash)},
          {"transactionHash", hash_json(r.transaction_hash)},
          {"transactionIndex", quantity_json(uint64_t{r.transaction_index})},
          {"logIndex", quantity_json(uint64_t{r.log_index})},
          {"removed", false}};
}

std::vector<LogRecord> receipt_log_records(const StoredReceipt& receipt, const Hash256& tx_hash,
                                           const TxPlace& place, uint32_t first_log_index) {
  std::vector<LogRecord> out;
  out.reserve(receipt.logs.size());
  for (std::size_t i = 0; i < receipt.logs.size(); ++i)
    out.push_back(LogRecord{receipt.logs[i], place.block_number, place.block_hash, tx_hash,
                            place.index, first_log_index + static_cast<uint32_t>(i)});
  return out;
}

json receipt_json(const StoredReceipt& receipt, const Transaction& tx, const Address& from,
                  const TxPlace& place, uint32_t first_log_index) {
  const Hash256 tx_hash = transaction_hash(tx);
  json logs = json::array();
  for (const LogRecord& r : receipt_log_records(receipt, tx_hash, place, first_log_index))
    logs.push_back(log_json(r));
  json out = json::object();
  out["transactionHash"] = hash_json(tx_hash);
  out["transactionIndex"] = quantity_json(uint64_t{place.index});
  out["blockHash"] = hash_json(place.block_hash);
  out["blockNumber"] = quantity_json(place.block_number);
  out["from"] = address_json(from);
  out["to"] = codec_optional_address(tx.to);
  out["cumulativeGasUsed"] = quantity_json(receipt.cumulative_gas_used);
  out["gasUsed"] = quantity_json(receipt.gas_used);
  out["effectiveGasPrice"] = quantity_json(receipt.effective_gas_price);
  out["contractAddress"] = codec_optional_address(receipt.contract_address);
  out["logs"] = std::move(logs);
  out["logsBloom"] = data_json(receipt.bloom);
  out["status"] = quantity_json(uint64_t{receipt.success ? 1u : 0u});
  out["type"] = quantity_json(uint64_t{static_cast<uint8_t>(receipt.type)});
  if (!receipt.success) out["revertData"] = data_json(receipt.revert_data);
  return out;
}

}  // namespace tenet::node::rpc
