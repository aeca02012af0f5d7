// Logs bloom and receipt codecs (receipt.hpp).

#include "tenet/node/chain/receipt.hpp"

#include "fields.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {

using chain_fields::read_end;
using chain_fields::read_field;
using chain_fields::read_fixed;
using chain_fields::read_list;

namespace {

/// Sets the three bits of `value` in `bloom`.
void add_to_bloom(Bloom& bloom, ByteView value) {
  const Hash256 h = vm::keccak256(value);
  for (int i = 0; i < 6; i += 2) {
    const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047u;
    bloom[255 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
  }
}

/// Appends RLP[[address, [topic…], data]…].
void write_logs(rlp::Writer& w, const std::vector<vm::LogEntry>& logs) {
  rlp::Writer list;
  for (const vm::LogEntry& log : logs) {
    rlp::Writer topics;
    for (const Word& topic : log.topics) topics.bytes(vm::word_to_be(topic));
    rlp::Writer entry;
    entry.address(log.address).list(topics).bytes(log.data);
    list.list(entry);
  }
  w.list(list);
}

constexpr const char* kReceiptRecord = "invalid stored receipt";

/// Reads the logs list written by write_logs.
Result<std::vector<vm::LogEntry>> read_logs(rlp::ListReader& r) {
  auto list = read_list(r, kReceiptRecord, "logs");
  if (!list) return list.error();
  std::vector<vm::LogEntry> logs;
  while (!list->done()) {
    auto entry = read_list(*list, kReceiptRecord, "log");
    if (!entry) return entry.error();
    vm::LogEntry log;
    auto address =
        read_field<Address>(*entry, kReceiptRecord, "log address", &rlp::ListReader::address);
    if (!address) return address.error();
    log.address = *address;
    auto topics = read_list(*entry, kReceiptRecord, "log topics");
    if (!topics) return topics.error();
    while (!topics->done()) {
      Hash256 topic;
      auto ok = read_fixed(*topics, kReceiptRecord, "log topic", topic);
      if (!ok) return ok.error();
      log.topics.push_back(vm::word_from_be(topic.data()));
    }
    auto data = read_field<ByteView>(*entry, kReceiptRecord, "log data", &rlp::ListReader::bytes);
    if (!data) return data.error();
    log.data.assign(data->begin(), data->end());
    auto end = read_end(*entry, kReceiptRecord);
    if (!end) return end.error();
    logs.push_back(std::move(log));
  }
  return logs;
}

/// Reads one stored receipt (the fields of encode_stored_receipts, in order).
Result<StoredReceipt> read_stored_receipt(rlp::ListReader& r) {
  StoredReceipt receipt;
  auto type = read_field<uint64_t>(r, kReceiptRecord, "type", &rlp::ListReader::uint64);
  if (!type) return type.error();
  if (*type > 2) return vm::Error{"invalid stored receipt: type " + std::to_string(*type)};
  receipt.type = static_cast<TxType>(*type);
  auto status = read_field<uint64_t>(r, kReceiptRecord, "status", &rlp::ListReader::uint64);
  if (!status) return status.error();
  if (*status > 1) return vm::Error{"invalid stored receipt: status " + std::to_string(*status)};
  receipt.success = *status == 1;
  auto cumulative =
      read_field<uint64_t>(r, kReceiptRecord, "cumulativeGasUsed", &rlp::ListReader::uint64);
  if (!cumulative) return cumulative.error();
  receipt.cumulative_gas_used = *cumulative;
  auto gas_used = read_field<uint64_t>(r, kReceiptRecord, "gasUsed", &rlp::ListReader::uint64);
  if (!gas_used) return gas_used.error();
  receipt.gas_used = *gas_used;
  auto logs = read_logs(r);
  if (!logs) return logs.error();
  receipt.logs = std::move(*logs);
  receipt.bloom = logs_bloom(receipt.logs);
  auto price = read_field<Word>(r, kReceiptRecord, "effectiveGasPrice", &rlp::ListReader::word);
  if (!price) return price.error();
  receipt.effective_gas_price = *price;
  auto contract =
      read_field<ByteView>(r, kReceiptRecord, "contractAddress", &rlp::ListReader::bytes);
  if (!contract) return contract.error();
  if (contract->size() == 20) {
    Address a;
    std::copy(contract->begin(), contract->end(), a.bytes.begin());
    receipt.contract_address = a;
  } else if (!contract->empty()) {
    return vm::Error{
        "invalid stored receipt: contractAddress: " + std::to_string(contract->size()) + " bytes"};
  }
  auto revert = read_field<ByteView>(r, kReceiptRecord, "revertData", &rlp::ListReader::bytes);
  if (!revert) return revert.error();
  if (revert->size() > kMaxStoredRevertData) {
    return vm::Error{"invalid stored receipt: revertData over " +
                     std::to_string(kMaxStoredRevertData) + " bytes"};
  }
  receipt.revert_data.assign(revert->begin(), revert->end());
  auto end = read_end(r, kReceiptRecord);
  if (!end) return end.error();
  return receipt;
}

}  // namespace

Bloom logs_bloom(std::span<const vm::LogEntry> logs) {
  Bloom bloom{};
  for (const vm::LogEntry& log : logs) {
    add_to_bloom(bloom, log.address.bytes);
    for (const Word& topic : log.topics) add_to_bloom(bloom, vm::word_to_be(topic));
  }
  return bloom;
}

void merge_bloom(Bloom& bloom, const Bloom& other) {
  for (std::size_t i = 0; i < bloom.size(); ++i) bloom[i] |= other[i];
}

bool bloom_may_contain(const Bloom& bloom, ByteView value) {
  Bloom single{};
  add_to_bloom(single, value);
  for (std::size_t i = 0; i < bloom.size(); ++i) {
    if ((bloom[i] & single[i]) != single[i]) return false;
  }
  return true;
}

Bytes encode_consensus_receipt(const StoredReceipt& receipt) {
  rlp::Writer w;
  w.uint(receipt.success ? 1 : 0).uint(receipt.cumulative_gas_used).bytes(receipt.bloom);
  write_logs(w, receipt.logs);
  Bytes body = w.list_bytes();
  if (receipt.type == TxType::Legacy) return body;
  Bytes typed;
  typed.reserve(body.size() + 1);
  typed.push_back(static_cast<uint8_t>(receipt.type));
  typed.insert(typed.end(), body.begin(), body.end());
  return typed;
}

Bytes encode_stored_receipts(const std::vector<StoredReceipt>& receipts) {
  rlp::Writer all;
  for (const StoredReceipt& receipt : receipts) {
    rlp::Writer w;
    w.uint(static_cast<uint64_t>(receipt.type))
        .uint(receipt.success ? 1 : 0)
        .uint(receipt.cumulative_gas_used)
        .uint(receipt.gas_used);
    write_logs(w, receipt.logs);
    w.word(receipt.effective_gas_price);
    if (receipt.contract_address) {
      w.address(*receipt.contract_address);
    } else {
      w.bytes({});
    }
    w.bytes(receipt.revert_data);
    all.list(w);
  }
  return all.list_bytes();
}

Result<std::vector<StoredReceipt>> decode_stored_receipts(ByteView bytes) {
  auto item = rlp::decode(bytes);
  if (!item) return chain_fields::field_error(kReceiptRecord, "rlp", item.error());
  if (!item->list) return vm::Error{"invalid stored receipts: not a list"};
  rlp::ListReader all(*item);
  std::vector<StoredReceipt> receipts;
  while (!all.done()) {
    auto r = read_list(all, kReceiptRecord, "receipt");
    if (!r) return r.error();
    auto receipt = read_stored_receipt(*r);
    if (!receipt) return receipt.error();
    receipts.push_back(std::move(*receipt));
  }
  return receipts;
}

}  // namespace tenet::node
