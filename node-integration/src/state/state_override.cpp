/// \file
/// The RLP of override lists (state_override.hpp): RLP[[kind, address, key, value, code], …].

#include "tenet/node/state/state_override.hpp"

#include <string>

#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {
namespace {

/// "malformed override N: <why>".
vm::Error malformed_override_error(size_t index, const std::string& why) {
  return vm::Error{"malformed override " + std::to_string(index) + ": " + why};
}

/// Reads one override's fields from its list.
Result<StateOverride> read_override(rlp::ListReader& fields, size_t index) {
  StateOverride o;
  auto kind = fields.uint64();
  if (!kind) return malformed_override_error(index, "kind: " + kind.error().message());
  if (*kind > static_cast<uint64_t>(StateOverride::Kind::Storage))
    return malformed_override_error(index, "unknown kind " + std::to_string(*kind));
  o.kind = static_cast<StateOverride::Kind>(*kind);
  auto address = fields.address();
  if (!address) return malformed_override_error(index, "address: " + address.error().message());
  o.address = *address;
  auto key = fields.word();
  if (!key) return malformed_override_error(index, "key: " + key.error().message());
  o.key = *key;
  auto value = fields.word();
  if (!value) return malformed_override_error(index, "value: " + value.error().message());
  o.value = *value;
  auto code = fields.bytes();
  if (!code) return malformed_override_error(index, "code: " + code.error().message());
  o.code.assign(code->begin(), code->end());
  if (auto end = fields.finish(); !end)
    return malformed_override_error(index, end.error().message());
  return o;
}

}  // namespace

Bytes encode_overrides(const std::vector<StateOverride>& overrides) {
  rlp::Writer list;
  for (const StateOverride& o : overrides) {
    rlp::Writer fields;
    fields.uint(static_cast<uint64_t>(o.kind))
        .address(o.address)
        .word(o.key)
        .word(o.value)
        .bytes(o.code);
    list.list(fields);
  }
  return list.list_bytes();
}

Result<std::vector<StateOverride>> decode_overrides(ByteView encoded) {
  auto item = rlp::decode(encoded);
  if (!item) return vm::Error{"malformed overrides: " + item.error().message()};
  if (!item->list) return vm::Error{"malformed overrides: not a list"};
  rlp::ListReader reader(*item);
  std::vector<StateOverride> overrides;
  while (!reader.done()) {
    auto fields = reader.list();
    if (!fields) return malformed_override_error(overrides.size(), fields.error().message());
    auto o = read_override(*fields, overrides.size());
    if (!o) return o.error();
    overrides.push_back(std::move(*o));
  }
  return overrides;
}

}  // namespace tenet::node
