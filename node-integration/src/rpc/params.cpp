/// \file
/// JSON-RPC parameters read into the node's values (params.hpp).

#include "params.hpp"

#include <algorithm>

#include "tenet/vm/hex.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The hex digits after "0x" of a string value, or why there are none.
Parsed<std::string_view> params_hex_digits(const json& value, std::string_view what) {
  if (!value.is_string()) return invalid_param(what, "expected a hex string");
  const std::string& text = value.get_ref<const std::string&>();
  std::string_view s = text;
  if (!s.starts_with("0x") && !s.starts_with("0X"))
    return invalid_param(what, "hex string without 0x prefix");
  s.remove_prefix(2);
  for (char c : s)
    if (vm::hex_digit_value(c) < 0)
      return invalid_param(what, "invalid hex digit '" + std::string(1, c) + "'");
  return s;
}

/// The bytes of an even number of valid hex digits.
Bytes params_bytes_of(std::string_view digits) {
  Bytes out(digits.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<uint8_t>(vm::hex_digit_value(digits[2 * i]) * 16 +
                                  vm::hex_digit_value(digits[2 * i + 1]));
  return out;
}

/// Exactly `size` bytes of hex data.
Parsed<Bytes> params_fixed_bytes(const json& value, std::string_view what, std::size_t size,
                                 std::string_view kind) {
  auto digits = params_hex_digits(value, what);
  if (!digits) return digits.error();
  if (digits->size() != 2 * size)
    return invalid_param(what, std::string(kind) + " must be " + std::to_string(size) + " bytes (" +
                                   std::to_string(2 * size) + " hex digits)");
  return params_bytes_of(*digits);
}

/// `what` and the field name, for messages about an object's fields.
std::string params_field(std::string_view what, std::string_view field) {
  return std::string(what) + ": field " + std::string(field);
}

/// The value of an optional field (absent or null: none).
const json* params_member(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

/// Reads an optional field with `parse`.
template <typename T, typename F>
Parsed<std::optional<T>> params_optional(const json& object, const char* key, std::string_view what,
                                         F parse) {
  const json* v = params_member(object, key);
  if (v == nullptr) return std::optional<T>{};
  auto parsed = parse(*v, params_field(what, key));
  if (!parsed) return parsed.error();
  return std::optional<T>{std::move(*parsed)};
}

Parsed<std::vector<AccessListEntry>> params_access_list(const json& value, std::string_view what) {
  if (!value.is_array()) return invalid_param(what, "expected an array");
  std::vector<AccessListEntry> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string where = std::string(what) + "[" + std::to_string(i) + "]";
    const json& e = value[i];
    if (!e.is_object()) return invalid_param(where, "expected an object");
    AccessListEntry entry;
    auto address = parse_address(e.contains("address") ? e["address"] : json(), where + ".address");
    if (!address) return address.error();
    entry.address = *address;
    if (const json* keys = params_member(e, "storageKeys")) {
      if (!keys->is_array()) return invalid_param(where + ".storageKeys", "expected an array");
      for (const json& k : *keys) {
        auto key = params_fixed_bytes(k, where + ".storageKeys", 32, "a storage key");
        if (!key) return key.error();
        entry.storage_keys.push_back(vm::word_from_be(*key));
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

/// One topic position: null (any), a hash, or an array of hashes (alternatives).
Parsed<std::vector<Hash256>> params_topic_position(const json& value, std::string_view what) {
  std::vector<Hash256> out;
  if (value.is_null()) return out;
  if (value.is_array()) {
    for (const json& t : value) {
      if (t.is_null()) return std::vector<Hash256>{};  // null among alternatives: any
      auto h = parse_hash(t, what);
      if (!h) return h.error();
      out.push_back(*h);
    }
    return out;
  }
  auto h = parse_hash(value, what);
  if (!h) return h.error();
  out.push_back(*h);
  return out;
}

Parsed<std::vector<Address>> params_filter_addresses(const json& value, std::string_view what) {
  std::vector<Address> out;
  if (value.is_array()) {
    for (const json& a : value) {
      auto address = parse_address(a, what);
      if (!address) return address.error();
      out.push_back(*address);
    }
    return out;
  }
  auto address = parse_address(value, what);
  if (!address) return address.error();
  out.push_back(*address);
  return out;
}

/// Reads the fee, gas and nonce fields of a transaction object into `out`.
Parsed<bool> params_tx_numbers(const json& v, std::string_view what, TxRequest& out) {
  auto gas = params_optional<uint64_t>(v, "gas", what, parse_u64);
  if (!gas) return gas.error();
  out.gas = *gas;
  const std::pair<const char*, std::optional<Word>*> words[] = {
      {"gasPrice", &out.gas_price},
      {"maxFeePerGas", &out.max_fee},
      {"maxPriorityFeePerGas", &out.max_priority_fee},
      {"value", &out.value}};
  for (const auto& [key, slot] : words) {
    auto w = params_optional<Word>(v, key, what, parse_quantity);
    if (!w) return w.error();
    *slot = *w;
  }
  const std::pair<const char*, std::optional<uint64_t>*> counts[] = {
      {"nonce", &out.nonce}, {"type", &out.type}, {"chainId", &out.chain_id}};
  for (const auto& [key, slot] : counts) {
    auto n = params_optional<uint64_t>(v, key, what, parse_u64);
    if (!n) return n.error();
    *slot = *n;
  }
  if (out.gas_price && (out.max_fee || out.max_priority_fee))
    return invalid_param(what, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) given");
  return true;
}

}  // namespace

Refusal invalid_param(std::string_view what, std::string_view problem) {
  return Refusal{RefusalKind::InvalidParams, std::string(what) + ": " + std::string(problem)};
}

std::string param_name(std::size_t index) {
  return "parameter " + std::to_string(index + 1);
}

Parsed<Word> parse_quantity(const json& value, std::string_view what) {
  if (value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0))
    return Word{value.get<uint64_t>()};
  if (value.is_number()) return invalid_param(what, "expected a non-negative integer");
  auto digits = params_hex_digits(value, what);
  if (!digits) return digits.error();
  std::string_view d = *digits;
  if (d.empty()) return invalid_param(what, "empty quantity (0x)");
  while (d.size() > 1 && d.front() == '0') d.remove_prefix(1);
  if (d.size() > 64) return invalid_param(what, "quantity above 2^256 - 1");
  Word w;
  for (char c : d) w = vm::add(vm::shl(w, Word{4}), Word{uint64_t(vm::hex_digit_value(c))});
  return w;
}

Parsed<uint64_t> parse_u64(const json& value, std::string_view what) {
  auto w = parse_quantity(value, what);
  if (!w) return w.error();
  if (!w->fits_u64()) return invalid_param(what, "quantity above 2^64 - 1");
  return w->low64();
}

Parsed<Bytes> parse_data(const json& value, std::string_view what) {
  auto digits = params_hex_digits(value, what);
  if (!digits) return digits.error();
  if (digits->size() % 2 != 0) return invalid_param(what, "hex data has an odd number of digits");
  return params_bytes_of(*digits);
}

Parsed<Address> parse_address(const json& value, std::string_view what) {
  auto b = params_fixed_bytes(value, what, 20, "an address");
  if (!b) return b.error();
  Address a;
  std::copy(b->begin(), b->end(), a.bytes.begin());
  return a;
}

Parsed<Hash256> parse_hash(const json& value, std::string_view what) {
  auto b = params_fixed_bytes(value, what, 32, "a hash");
  if (!b) return b.error();
  Hash256 h{};
  std::copy(b->begin(), b->end(), h.begin());
  return h;
}

Parsed<Word> parse_storage_key(const json& value, std::string_view what) {
  if (!value.is_string()) return invalid_param(what, "expected a hex string");
  return parse_quantity(value, what);
}

Parsed<bool> parse_bool(const json& value, std::string_view what) {
  if (!value.is_boolean()) return invalid_param(what, "expected true or false");
  return value.get<bool>();
}

Parsed<BlockRef> parse_block_ref(const json& value, std::string_view what, bool allow_object) {
  BlockRef ref;
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s == "latest" || s == "safe" || s == "finalized") return ref;
    if (s == "pending") {
      ref.pending = true;
      return ref;
    }
    if (s == "earliest") {
      ref.kind = BlockRef::Kind::Earliest;
      return ref;
    }
    if (!s.starts_with("0x") && !s.starts_with("0X"))
      return invalid_param(what,
                           "expected a block number or one of latest, pending, safe, "
                           "finalized, earliest");
  }
  if (value.is_object()) {
    if (!allow_object) return invalid_param(what, "expected a block number or tag");
    const json* hash = params_member(value, "blockHash");
    const json* number = params_member(value, "blockNumber");
    if ((hash == nullptr) == (number == nullptr))
      return invalid_param(what, "expected exactly one of blockHash and blockNumber");
    if (number != nullptr)
      return parse_block_ref(*number, params_field(what, "blockNumber"), false);
    auto h = parse_hash(*hash, params_field(what, "blockHash"));
    if (!h) return h.error();
    ref.kind = BlockRef::Kind::Hash;
    ref.hash = *h;
    if (const json* rc = params_member(value, "requireCanonical")) {
      auto b = parse_bool(*rc, params_field(what, "requireCanonical"));
      if (!b) return b.error();
      ref.require_canonical = *b;
    }
    return ref;
  }
  auto n = parse_u64(value, what);
  if (!n) return n.error();
  ref.kind = BlockRef::Kind::Number;
  ref.number = *n;
  return ref;
}

Parsed<TxRequest> parse_tx_request(const json& v, std::string_view what) {
  if (!v.is_object()) return invalid_param(what, "expected a transaction object");
  TxRequest out;
  auto from = params_optional<Address>(v, "from", what, parse_address);
  if (!from) return from.error();
  out.from = *from;
  auto to = params_optional<Address>(v, "to", what, parse_address);
  if (!to) return to.error();
  out.to = *to;
  auto numbers = params_tx_numbers(v, what, out);
  if (!numbers) return numbers.error();
  auto input = params_optional<Bytes>(v, "input", what, parse_data);
  if (!input) return input.error();
  auto data = params_optional<Bytes>(v, "data", what, parse_data);
  if (!data) return data.error();
  if (*input && *data && **input != **data)
    return invalid_param(what, "both input and data given, and they differ");
  if (*input)
    out.data = std::move(**input);
  else if (*data)
    out.data = std::move(**data);
  auto list =
      params_optional<std::vector<AccessListEntry>>(v, "accessList", what, params_access_list);
  if (!list) return list.error();
  out.access_list = std::move(*list);
  return out;
}

CallRequest to_call_request(const TxRequest& tx) {
  CallRequest call;
  call.from = tx.from;
  call.to = tx.to;
  call.gas = tx.gas;
  call.value = tx.value.value_or(Word{});
  call.gas_price = tx.gas_price ? *tx.gas_price : tx.max_fee.value_or(Word{});
  call.data = tx.data;
  if (tx.access_list) call.access_list = *tx.access_list;
  return call;
}

Parsed<FilterRequest> parse_filter(const json& v, std::string_view what) {
  if (!v.is_object()) return invalid_param(what, "expected a filter object");
  FilterRequest out;
  for (const auto& [key, slot] :
       {std::pair{"fromBlock", &out.from_block}, std::pair{"toBlock", &out.to_block}}) {
    if (const json* b = params_member(v, key)) {
      auto ref = parse_block_ref(*b, params_field(what, key), false);
      if (!ref) return ref.error();
      *slot = *ref;
    }
  }
  auto hash = params_optional<Hash256>(v, "blockHash", what, parse_hash);
  if (!hash) return hash.error();
  out.block_hash = *hash;
  if (out.block_hash && (out.from_block || out.to_block))
    return invalid_param(what, "blockHash together with fromBlock or toBlock");
  if (const json* a = params_member(v, "address")) {
    auto addresses = params_filter_addresses(*a, params_field(what, "address"));
    if (!addresses) return addresses.error();
    out.addresses = std::move(*addresses);
  }
  if (const json* t = params_member(v, "topics")) {
    const std::string where = params_field(what, "topics");
    if (!t->is_array()) return invalid_param(where, "expected an array");
    if (t->size() > 4) return invalid_param(where, "at most 4 topic positions");
    for (const json& position : *t) {
      auto alternatives = params_topic_position(position, where);
      if (!alternatives) return alternatives.error();
      out.topics.push_back(std::move(*alternatives));
    }
  }
  return out;
}

}  // namespace tenet::node::rpc
