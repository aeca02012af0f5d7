// Block body codec (block.hpp): RLP[[raw tx…], [sender…], [impersonated flag…], overrides].

#include "tenet/node/chain/block.hpp"

#include "fields.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {

using chain_fields::read_end;
using chain_fields::read_field;
using chain_fields::read_list;

namespace {
constexpr const char* kBodyRecord = "invalid block body";
}  // namespace

Bytes encode_body(const Block& block) {
  rlp::Writer txs;
  for (const Transaction& tx : block.transactions) txs.bytes(encode_transaction(tx));
  rlp::Writer senders;
  for (const Address& sender : block.senders) senders.address(sender);
  rlp::Writer flags;
  for (bool impersonated : block.impersonated) flags.uint(impersonated ? 1 : 0);
  rlp::Writer body;
  body.list(txs).list(senders).list(flags).raw(encode_overrides(block.overrides));
  return body.list_bytes();
}

Result<Block> decode_body(const Header& header, ByteView rlp) {
  auto item = rlp::decode(rlp);
  if (!item) return chain_fields::field_error(kBodyRecord, "rlp", item.error());
  if (!item->list) return vm::Error{"invalid block body: not a list"};
  rlp::ListReader r(*item);
  Block block;
  block.header = header;
  auto txs = read_list(r, kBodyRecord, "transactions");
  if (!txs) return txs.error();
  while (!txs->done()) {
    auto raw = read_field<ByteView>(*txs, kBodyRecord, "transaction", &rlp::ListReader::bytes);
    if (!raw) return raw.error();
    auto tx = decode_transaction(*raw);
    if (!tx) return vm::Error{"invalid block body: " + tx.error().message()};
    block.transactions.push_back(std::move(*tx));
  }
  auto senders = read_list(r, kBodyRecord, "senders");
  if (!senders) return senders.error();
  while (!senders->done()) {
    auto sender = read_field<Address>(*senders, kBodyRecord, "sender", &rlp::ListReader::address);
    if (!sender) return sender.error();
    block.senders.push_back(*sender);
  }
  auto flags = read_list(r, kBodyRecord, "impersonated");
  if (!flags) return flags.error();
  while (!flags->done()) {
    auto flag = read_field<uint64_t>(*flags, kBodyRecord, "impersonated", &rlp::ListReader::uint64);
    if (!flag) return flag.error();
    if (*flag > 1)
      return vm::Error{"invalid block body: impersonated flag " + std::to_string(*flag)};
    block.impersonated.push_back(*flag == 1);
  }
  auto overrides_item = read_field<rlp::Item>(r, kBodyRecord, "overrides", &rlp::ListReader::item);
  if (!overrides_item) return overrides_item.error();
  auto overrides = decode_overrides(overrides_item->encoded);
  if (!overrides) return vm::Error{"invalid block body: overrides: " + overrides.error().message};
  block.overrides = std::move(*overrides);
  auto end = read_end(r, kBodyRecord);
  if (!end) return end.error();
  if (block.senders.size() != block.transactions.size() ||
      block.impersonated.size() != block.transactions.size()) {
    return vm::Error{"invalid block body: " + std::to_string(block.transactions.size()) +
                     " transactions, " + std::to_string(block.senders.size()) + " senders, " +
                     std::to_string(block.impersonated.size()) + " impersonation flags"};
  }
  return block;
}

}  // namespace tenet::node
