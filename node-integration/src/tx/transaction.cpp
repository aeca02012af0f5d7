/// \file
/// Transaction decoding and encoding (transaction.hpp).

#include "tenet/node/tx/transaction.hpp"

#include <string>

#include "fields.hpp"
#include "tenet/node/rlp/rlp.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

/// A refusal for a malformed field: "invalid transaction: <field>: <rlp message>".
Refusal tx_field_refusal(const char* field, const rlp::DecodeFailure& failure) {
  return Refusal{RefusalKind::InvalidTransaction, std::string(field) + ": " + failure.message()};
}

/// Reads one field with `read` (a ListReader member), naming the field on failure.
template <typename T, typename Read>
Result<T, Refusal> tx_read(rlp::ListReader& r, const char* field, Read read) {
  auto v = (r.*read)();
  if (!v) return tx_field_refusal(field, v.error());
  return *v;
}

/// Reads `to`: empty (a deployment) or exactly 20 bytes.
Result<std::optional<Address>, Refusal> tx_read_to(rlp::ListReader& r) {
  auto item = r.item();
  if (!item) return tx_field_refusal("to", item.error());
  if (item->list) return tx_field_refusal("to", {rlp::DecodeError::ExpectedString, item->offset});
  if (item->payload.empty()) return std::optional<Address>{};
  if (item->payload.size() != 20)
    return tx_field_refusal("to", {rlp::DecodeError::WrongAddressSize, item->offset});
  Address a;
  std::copy(item->payload.begin(), item->payload.end(), a.bytes.begin());
  return std::optional<Address>{a};
}

/// Reads an access list: [[address, [key32, …]], …].
Result<std::vector<AccessListEntry>, Refusal> tx_read_access_list(rlp::ListReader& r) {
  auto list = r.list();
  if (!list) return tx_field_refusal("accessList", list.error());
  std::vector<AccessListEntry> entries;
  while (!list->done()) {
    auto entry = list->list();
    if (!entry) return tx_field_refusal("accessList", entry.error());
    AccessListEntry e;
    auto address = entry->address();
    if (!address) return tx_field_refusal("accessList address", address.error());
    e.address = *address;
    auto keys = entry->list();
    if (!keys) return tx_field_refusal("accessList storage keys", keys.error());
    while (!keys->done()) {
      const size_t at = keys->offset();
      auto key = keys->bytes();
      if (!key) return tx_field_refusal("accessList storage key", key.error());
      if (key->size() != 32)
        return Refusal{RefusalKind::InvalidTransaction,
                       "accessList storage key: " + std::to_string(key->size()) +
                           " bytes, not 32 (list at byte " + std::to_string(at) + ")"};
      e.storage_keys.push_back(vm::word_from_be(*key));
    }
    auto end = entry->finish();
    if (!end) return tx_field_refusal("accessList entry", end.error());
    entries.push_back(std::move(e));
  }
  return entries;
}

/// Reads a chain id: at most 32 bytes canonical, refused from 2^64 on.
Result<uint64_t, Refusal> tx_read_chain_id(rlp::ListReader& r) {
  auto id = tx_read<Word>(r, "chainId", &rlp::ListReader::word);
  if (!id) return id.error();
  if (!id->fits_u64())
    return Refusal{RefusalKind::InvalidChainId, vm::to_hex(*id) + " is 2^64 or more"};
  return id->low64();
}

/// Sets the legacy chain id and y parity from v (27/28, or 35 + 2 × chain id + parity).
Result<bool, Refusal> tx_apply_legacy_v(Transaction& tx, const Word& v) {
  if (v == Word{27} || v == Word{28}) {
    tx.y_parity = static_cast<uint8_t>(v.low64() - 27);
    return true;
  }
  if (vm::lt(v, Word{35}))
    return Refusal{RefusalKind::InvalidSignature,
                   "v = " + vm::to_decimal(v) + " is not 27, 28 or 35 + 2 × chain id + {0, 1}"};
  const Word rest = vm::sub(v, Word{35});
  const Word chain = vm::shr(rest, Word{1});
  if (!chain.fits_u64())
    return Refusal{RefusalKind::InvalidChainId,
                   "v = " + vm::to_decimal(v) + " gives a chain id of 2^64 or more"};
  tx.chain_id = chain.low64();
  tx.y_parity = static_cast<uint8_t>(rest.low64() & 1);
  return true;
}

/// Reads the signature of a typed transaction: yParity (0 or 1), r, s.
Result<bool, Refusal> tx_read_typed_signature(Transaction& tx, rlp::ListReader& r) {
  auto parity = tx_read<uint64_t>(r, "yParity", &rlp::ListReader::uint64);
  if (!parity) return parity.error();
  if (*parity > 1)
    return Refusal{RefusalKind::InvalidSignature,
                   "y parity " + std::to_string(*parity) + " is not 0 or 1"};
  tx.y_parity = static_cast<uint8_t>(*parity);
  auto rv = tx_read<Word>(r, "r", &rlp::ListReader::word);
  if (!rv) return rv.error();
  auto sv = tx_read<Word>(r, "s", &rlp::ListReader::word);
  if (!sv) return sv.error();
  tx.r = *rv;
  tx.s = *sv;
  return true;
}

/// The fields every type shares after its fee fields: gas, to, value, data.
Result<bool, Refusal> tx_read_call(Transaction& tx, rlp::ListReader& r) {
  auto gas = tx_read<uint64_t>(r, "gasLimit", &rlp::ListReader::uint64);
  if (!gas) return gas.error();
  tx.gas_limit = *gas;
  auto to = tx_read_to(r);
  if (!to) return to.error();
  tx.to = *to;
  auto value = tx_read<Word>(r, "value", &rlp::ListReader::word);
  if (!value) return value.error();
  tx.value = *value;
  auto data = tx_read<ByteView>(r, "data", &rlp::ListReader::bytes);
  if (!data) return data.error();
  tx.data.assign(data->begin(), data->end());
  return true;
}

/// Decodes the RLP list of a legacy transaction (or of a typed one's payload, with `type`);
/// `offset_base` is where `encoded` starts in the raw bytes (1 after a type byte).
Result<Transaction, Refusal> tx_decode_fields(TxType type, ByteView encoded, size_t offset_base) {
  auto item = rlp::decode(encoded, offset_base);
  if (!item) return tx_field_refusal("transaction", item.error());
  if (!item->list)
    return tx_field_refusal("transaction", {rlp::DecodeError::ExpectedList, offset_base});
  rlp::ListReader r(*item);
  Transaction tx;
  tx.type = type;
  if (type != TxType::Legacy) {
    auto chain = tx_read_chain_id(r);
    if (!chain) return chain.error();
    tx.chain_id = *chain;
  }
  auto nonce = tx_read<uint64_t>(r, "nonce", &rlp::ListReader::uint64);
  if (!nonce) return nonce.error();
  tx.nonce = *nonce;
  if (type == TxType::DynamicFee) {
    auto tip = tx_read<Word>(r, "maxPriorityFeePerGas", &rlp::ListReader::word);
    if (!tip) return tip.error();
    auto fee = tx_read<Word>(r, "maxFeePerGas", &rlp::ListReader::word);
    if (!fee) return fee.error();
    tx.max_priority_fee = *tip;
    tx.max_fee = *fee;
  } else {
    auto price = tx_read<Word>(r, "gasPrice", &rlp::ListReader::word);
    if (!price) return price.error();
    tx.gas_price = *price;
  }
  auto call = tx_read_call(tx, r);
  if (!call) return call.error();
  if (type == TxType::Legacy) {
    auto v = tx_read<Word>(r, "v", &rlp::ListReader::word);
    if (!v) return v.error();
    auto rv = tx_read<Word>(r, "r", &rlp::ListReader::word);
    if (!rv) return rv.error();
    auto sv = tx_read<Word>(r, "s", &rlp::ListReader::word);
    if (!sv) return sv.error();
    tx.r = *rv;
    tx.s = *sv;
    auto applied = tx_apply_legacy_v(tx, *v);
    if (!applied) return applied.error();
  } else {
    auto access = tx_read_access_list(r);
    if (!access) return access.error();
    tx.access_list = std::move(*access);
    auto sig = tx_read_typed_signature(tx, r);
    if (!sig) return sig.error();
  }
  auto end = r.finish();
  if (!end) return tx_field_refusal("transaction", end.error());
  return tx;
}

}  // namespace

Result<Transaction, Refusal> decode_transaction(ByteView raw) {
  if (raw.empty()) return Refusal{RefusalKind::InvalidTransaction, "empty input"};
  const uint8_t first = raw[0];
  if (first >= 0xc0) return tx_decode_fields(TxType::Legacy, raw, 0);
  if (first == 0x01) return tx_decode_fields(TxType::AccessList, raw.subspan(1), 1);
  if (first == 0x02) return tx_decode_fields(TxType::DynamicFee, raw.subspan(1), 1);
  if (first < 0x80)
    return Refusal{RefusalKind::TxTypeNotSupported, "type " + std::to_string(first)};
  return Refusal{RefusalKind::InvalidTransaction,
                 "first byte " + vm::hex_encode_byte(first) +
                     " is neither a type (0x01, 0x02) nor an RLP list"};
}

Word legacy_v(const Transaction& tx) {
  if (!tx.chain_id) return Word{27u + tx.y_parity};
  return vm::add(vm::add(vm::mul(Word{*tx.chain_id}, Word{2}), Word{35}), Word{tx.y_parity});
}

Bytes encode_transaction(const Transaction& tx) {
  rlp::Writer w;
  write_unsigned_fields(w, tx);
  if (tx.type == TxType::Legacy) {
    w.word(legacy_v(tx));
  } else {
    w.uint(tx.y_parity);
  }
  w.word(tx.r).word(tx.s);
  return typed_envelope(tx.type, w);
}

Hash256 transaction_hash(const Transaction& tx) {
  return vm::keccak256(encode_transaction(tx));
}

void write_unsigned_fields(rlp::Writer& w, const Transaction& tx) {
  if (tx.type != TxType::Legacy) w.uint(tx.chain_id.value_or(0));
  w.uint(tx.nonce);
  if (tx.type == TxType::DynamicFee) {
    w.word(tx.max_priority_fee).word(tx.max_fee);
  } else {
    w.word(tx.gas_price);
  }
  w.uint(tx.gas_limit);
  if (tx.to) {
    w.address(*tx.to);
  } else {
    w.bytes({});
  }
  w.word(tx.value).bytes(tx.data);
  if (tx.type == TxType::Legacy) return;
  rlp::Writer list;
  for (const auto& e : tx.access_list) {
    rlp::Writer keys;
    for (const auto& k : e.storage_keys) keys.bytes(vm::word_to_be(k));
    rlp::Writer entry;
    entry.address(e.address).list(keys);
    list.list(entry);
  }
  w.list(list);
}

Bytes typed_envelope(TxType type, const rlp::Writer& fields) {
  Bytes out;
  if (type != TxType::Legacy) out.push_back(static_cast<uint8_t>(type));
  const Bytes list = fields.list_bytes();
  out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace tenet::node
