// Block header codec and hash (header.hpp).

#include "tenet/node/chain/header.hpp"

#include "fields.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {

using chain_fields::read_end;
using chain_fields::read_field;
using chain_fields::read_fixed;

const Hash256 kEmptyOmmersHash = {
    0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
    0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47,
};

Bytes encode_header(const Header& h) {
  rlp::Writer w;
  w.bytes(h.parent_hash)
      .bytes(h.ommers_hash)
      .address(h.beneficiary)
      .bytes(h.state_root)
      .bytes(h.transactions_root)
      .bytes(h.receipts_root)
      .bytes(h.logs_bloom)
      .word(h.difficulty)
      .uint(h.number)
      .uint(h.gas_limit)
      .uint(h.gas_used)
      .uint(h.timestamp)
      .bytes(h.extra_data)
      .bytes(h.mix_hash)
      .bytes(h.nonce)
      .word(h.base_fee);
  return w.list_bytes();
}

namespace {

constexpr const char* kHeaderRecord = "invalid header";

/// Reads the 16 fields in order from `r`.
Result<Header> read_header_fields(rlp::ListReader& r) {
  Header h;
  const auto fixed = [&](const char* field, auto& out) -> Result<bool> {
    return read_fixed(r, kHeaderRecord, field, out);
  };
  const auto number = [&](const char* field, uint64_t& out) -> Result<bool> {
    auto v = read_field<uint64_t>(r, kHeaderRecord, field, &rlp::ListReader::uint64);
    if (!v) return v.error();
    out = *v;
    return true;
  };
  const auto word = [&](const char* field, Word& out) -> Result<bool> {
    auto v = read_field<Word>(r, kHeaderRecord, field, &rlp::ListReader::word);
    if (!v) return v.error();
    out = *v;
    return true;
  };
  Result<bool> ok = fixed("parentHash", h.parent_hash);
  if (ok) ok = fixed("sha3Uncles", h.ommers_hash);
  if (ok) ok = fixed("miner", h.beneficiary.bytes);
  if (ok) ok = fixed("stateRoot", h.state_root);
  if (ok) ok = fixed("transactionsRoot", h.transactions_root);
  if (ok) ok = fixed("receiptsRoot", h.receipts_root);
  if (ok) ok = fixed("logsBloom", h.logs_bloom);
  if (ok) ok = word("difficulty", h.difficulty);
  if (ok) ok = number("number", h.number);
  if (ok) ok = number("gasLimit", h.gas_limit);
  if (ok) ok = number("gasUsed", h.gas_used);
  if (ok) ok = number("timestamp", h.timestamp);
  if (ok) {
    auto extra = read_field<ByteView>(r, kHeaderRecord, "extraData", &rlp::ListReader::bytes);
    if (!extra) return extra.error();
    h.extra_data.assign(extra->begin(), extra->end());
  }
  if (ok) ok = fixed("mixHash", h.mix_hash);
  if (ok) ok = fixed("nonce", h.nonce);
  if (ok) ok = word("baseFeePerGas", h.base_fee);
  if (ok) ok = read_end(r, kHeaderRecord);
  if (!ok) return ok.error();
  return h;
}

}  // namespace

Result<Header> decode_header(ByteView rlp) {
  auto item = rlp::decode(rlp);
  if (!item) return chain_fields::field_error(kHeaderRecord, "rlp", item.error());
  if (!item->list) return vm::Error{"invalid header: not a list"};
  rlp::ListReader r(*item);
  return read_header_fields(r);
}

Hash256 header_hash(const Header& header) {
  return vm::keccak256(encode_header(header));
}

}  // namespace tenet::node
