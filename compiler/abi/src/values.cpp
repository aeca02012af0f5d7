// Values as text ↔ ABI encoding (values.hpp).
#include "tenet/abi/values.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

#include "tenet/vm/address.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/word.hpp"
#include "text.hpp"

namespace tenet::abi {
namespace {

using Kind = AbiType::Kind;

/// The text of a string argument: a quoted string with JSON escapes, or the text as is.
vm::Result<std::string> string_value(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    try {
      return nlohmann::json::parse(text).get<std::string>();
    } catch (const nlohmann::json::exception&) {
      return vm::Error{"malformed string " + std::string(text)};
    }
  }
  return std::string(text);
}

void append_word(std::vector<uint8_t>& out, const vm::Word& w) {
  const auto be = vm::word_to_be(w);
  out.insert(out.end(), be.begin(), be.end());
}

// ---- encoding ----

/// An integer of type `t` (uintN or intN).
vm::Result<vm::Word> encode_integer(const AbiType& t, const std::string& a) {
  const bool is_signed = t.kind == Kind::int_;
  const bool negative = !a.empty() && a[0] == '-';
  auto w = vm::parse_word(negative ? a.substr(1) : a);
  if (!w) return vm::Error{"'" + a + "' is not an integer"};
  if (negative && !is_signed)
    return vm::Error{"'" + a + "' is negative but " + type_name(t) + " is unsigned"};
  // unsigned: v ≤ 2^N − 1; signed: v ≤ 2^(N−1) − 1, or ≤ 2^(N−1) when negative.
  const vm::Word max = is_signed ? vm::add(vm::low_bits(t.bits - 1), vm::Word{negative ? 1u : 0u})
                                 : vm::low_bits(t.bits);
  if (vm::lt(max, *w)) return vm::Error{"'" + a + "' does not fit in " + type_name(t)};
  return negative ? vm::negate(*w) : *w;
}

/// A value that fits in one word.
vm::Result<vm::Word> encode_word(const AbiType& t, std::string_view arg) {
  const std::string a(arg);
  switch (t.kind) {
    case Kind::address: {
      auto addr = vm::parse_address(a);
      if (!addr) return vm::Error{"'" + a + "' is not an address (0x + 40 hex digits)"};
      return vm::to_word(*addr);
    }
    case Kind::boolean:
      if (a == "true") return vm::Word{1};
      if (a == "false") return vm::Word{0};
      return vm::Error{"'" + a + "' is not a bool (true or false)"};
    case Kind::uint:
    case Kind::int_:
      return encode_integer(t, a);
    case Kind::fixed_bytes: {
      auto bytes = vm::hex_decode(a);
      if (!bytes || bytes->size() != t.bits)
        return vm::Error{"'" + a + "' is not " + type_name(t) + " (0x + " +
                         std::to_string(2 * t.bits) + " hex digits)"};
      uint8_t buf[32] = {};
      std::memcpy(buf, bytes->data(), t.bits);
      return vm::word_from_be(buf);
    }
    default:
      return vm::Error{"internal: " + type_name(t) + " is not a one-word type"};
  }
}

vm::Result<std::vector<uint8_t>> encode_sequence(const std::vector<const AbiType*>& types,
                                                 std::span<const std::string_view> texts,
                                                 bool name_arguments);

/// The length-prefixed, zero-padded content of a string or bytes value.
vm::Result<std::vector<uint8_t>> encode_byte_string(const AbiType& t, std::string_view text) {
  std::vector<uint8_t> data;
  if (t.kind == Kind::string) {
    auto s = string_value(text);
    if (!s) return s.error();
    data.assign(s->begin(), s->end());
  } else {
    auto b = vm::hex_decode(text);
    if (!b) return vm::Error{"'" + std::string(text) + "' is not bytes: " + b.error().message};
    data = std::move(*b);
  }
  std::vector<uint8_t> out;
  append_word(out, vm::Word{data.size()});
  out.insert(out.end(), data.begin(), data.end());
  out.resize(out.size() + (32 - data.size() % 32) % 32, 0);
  return out;
}

/// An array `[a,b]` or a tuple `(a,b)`: its elements, after the length of a T[].
vm::Result<std::vector<uint8_t>> encode_composite(const AbiType& t, std::string_view text) {
  const bool array = t.kind == Kind::array;
  const std::string whole(text);
  if (text.size() < 2 || text.front() != (array ? '[' : '(') || text.back() != (array ? ']' : ')'))
    return vm::Error{"'" + whole + "' is not " + type_name(t) + " (write " +
                     (array ? "[a,b,…]" : "(a,b,…)") + ")"};
  auto parts = detail::split_top_level(text.substr(1, text.size() - 2));
  if (!parts) return vm::Error{"'" + whole + "': " + parts.error().message};
  std::vector<uint8_t> out;
  std::vector<const AbiType*> types;
  if (!array) {
    if (parts->size() != t.children.size())
      return vm::Error{"'" + whole + "' has " + std::to_string(parts->size()) + " values, " +
                       type_name(t) + " has " + std::to_string(t.children.size())};
    for (const auto& c : t.children) types.push_back(&c);
  } else {
    if (t.length && parts->size() != *t.length)
      return vm::Error{"'" + whole + "' has " + std::to_string(parts->size()) + " elements, " +
                       type_name(t) + " has " + std::to_string(*t.length)};
    types.assign(parts->size(), &t.children[0]);
    if (!t.length) append_word(out, vm::Word{parts->size()});
  }
  auto body = encode_sequence(types, *parts, false);
  if (!body) return body.error();
  out.insert(out.end(), body->begin(), body->end());
  return out;
}

/// The encoding of one value: inline bytes of a static type, tail content of a dynamic one.
vm::Result<std::vector<uint8_t>> encode_one(const AbiType& t, std::string_view text) {
  switch (t.kind) {
    case Kind::string:
    case Kind::bytes:
      return encode_byte_string(t, text);
    case Kind::array:
    case Kind::tuple:
      return encode_composite(t, text);
    default: {
      auto w = encode_word(t, text);
      if (!w) return w.error();
      std::vector<uint8_t> out;
      append_word(out, *w);
      return out;
    }
  }
}

/// Head-and-tail encoding of a sequence of values; with `name_arguments` an error says
/// which value ("argument 2: …").
vm::Result<std::vector<uint8_t>> encode_sequence(const std::vector<const AbiType*>& types,
                                                 std::span<const std::string_view> texts,
                                                 bool name_arguments) {
  uint64_t heads = 0;
  for (const AbiType* t : types) heads += t->head_size();
  std::vector<uint8_t> head, tail;
  for (size_t i = 0; i < types.size(); ++i) {
    auto enc = encode_one(*types[i], texts[i]);
    if (!enc && name_arguments)
      return vm::Error{"argument " + std::to_string(i + 1) + ": " + enc.error().message};
    if (!enc) return enc.error();
    if (types[i]->is_dynamic()) {
      append_word(head, vm::Word{heads + tail.size()});
      tail.insert(tail.end(), enc->begin(), enc->end());
    } else {
      head.insert(head.end(), enc->begin(), enc->end());
    }
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// ---- decoding ----

/// Reads ABI data with bounds checks.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> data) : data_(data) {}

  vm::Result<vm::Word> word(uint64_t at) const {
    if (at > data_.size() || data_.size() - at < 32)
      return vm::Error{"data too short: a word at byte " + std::to_string(at) + " of " +
                       std::to_string(data_.size())};
    return vm::word_from_be(data_.data() + at);
  }
  vm::Result<uint64_t> offset(uint64_t at) const {
    auto w = word(at);
    if (!w) return w.error();
    if (!w->fits_u64() || w->low64() > data_.size())
      return vm::Error{"offset or length " + vm::to_decimal(*w) + " at byte " + std::to_string(at) +
                       " points past the end of the data"};
    return w->low64();
  }
  std::span<const uint8_t> data() const { return data_; }

 private:
  std::span<const uint8_t> data_;
};

vm::Result<std::vector<std::string>> decode_sequence(const Reader& r,
                                                     const std::vector<const AbiType*>& types,
                                                     uint64_t start, bool nested);

/// A string (its text, JSON-quoted when `nested`) or bytes (0x hex) at `at`.
vm::Result<std::string> decode_byte_string(const Reader& r, const AbiType& t, uint64_t at,
                                           bool nested) {
  auto len = r.offset(at);
  if (!len) return len.error();
  if (r.data().size() - at - 32 < *len)
    return vm::Error{"a " + type_name(t) + " of " + std::to_string(*len) +
                     " bytes runs past the end of the data"};
  const auto bytes = r.data().subspan(at + 32, *len);
  if (t.kind == Kind::bytes) return vm::hex_encode(bytes);
  std::string s(bytes.begin(), bytes.end());
  return nested ? detail::json_quoted(s) : s;
}

/// An array `[a,b]` or tuple `(a,b)` whose encoding starts at `at`.
vm::Result<std::string> decode_composite(const Reader& r, const AbiType& t, uint64_t at) {
  std::vector<const AbiType*> types;
  uint64_t start = at;
  if (t.kind == Kind::tuple) {
    for (const auto& c : t.children) types.push_back(&c);
  } else {
    uint64_t n = 0;
    if (t.length) {
      n = *t.length;
    } else {
      auto len = r.offset(at);
      if (!len) return len.error();
      n = *len;
      start = at + 32;
    }
    if (n > r.data().size())
      return vm::Error{"an array of " + std::to_string(n) + " elements is longer than the data"};
    types.assign(n, &t.children[0]);
  }
  auto parts = decode_sequence(r, types, start, true);
  if (!parts) return parts.error();
  std::string out(1, t.kind == Kind::array ? '[' : '(');
  for (size_t i = 0; i < parts->size(); ++i) out += (i ? "," : "") + (*parts)[i];
  return out + (t.kind == Kind::array ? ']' : ')');
}

/// A one-word value at `at`, checked against its type's range.
vm::Result<std::string> decode_word(const Reader& r, const AbiType& t, uint64_t at) {
  auto w = r.word(at);
  if (!w) return w.error();
  const std::string bad =
      "value " + vm::to_hex(*w) + " at byte " + std::to_string(at) + " is not a valid ";
  switch (t.kind) {
    case Kind::uint:
      if (vm::lt(vm::low_bits(t.bits), *w)) return vm::Error{bad + type_name(t)};
      return vm::to_decimal(*w);
    case Kind::int_: {
      if (vm::sign_extend_bit(*w, t.bits - 1) != *w) return vm::Error{bad + type_name(t)};
      const bool negative = (w->limb[3] >> 63) != 0;
      return negative ? "-" + vm::to_decimal(vm::negate(*w)) : vm::to_decimal(*w);
    }
    case Kind::boolean:
      if (*w != vm::Word{0} && *w != vm::Word{1}) return vm::Error{bad + "bool"};
      return std::string(w->is_zero() ? "false" : "true");
    case Kind::address:
      if (vm::lt(vm::low_bits(160), *w)) return vm::Error{bad + "address"};
      return vm::to_hex(vm::to_address(*w));
    case Kind::fixed_bytes: {
      const auto be = vm::word_to_be(*w);
      for (unsigned i = t.bits; i < 32; ++i)
        if (be[i] != 0) return vm::Error{bad + type_name(t)};
      return vm::hex_encode(std::span<const uint8_t>(be.data(), t.bits));
    }
    default:
      return vm::Error{"internal: unhandled type"};
  }
}

vm::Result<std::string> decode_one(const Reader& r, const AbiType& t, uint64_t at, bool nested) {
  switch (t.kind) {
    case Kind::string:
    case Kind::bytes:
      return decode_byte_string(r, t, at, nested);
    case Kind::array:
    case Kind::tuple:
      return decode_composite(r, t, at);
    default:
      return decode_word(r, t, at);
  }
}

vm::Result<std::vector<std::string>> decode_sequence(const Reader& r,
                                                     const std::vector<const AbiType*>& types,
                                                     uint64_t start, bool nested) {
  std::vector<std::string> out;
  uint64_t pos = start;
  for (const AbiType* t : types) {
    uint64_t at = pos;
    if (t->is_dynamic()) {
      auto off = r.offset(pos);
      if (!off) return off.error();
      at = start + *off;
    }
    auto v = decode_one(r, *t, at, nested);
    if (!v) return v.error();
    out.push_back(std::move(*v));
    pos += t->head_size();
  }
  return out;
}

}  // namespace

vm::Result<std::vector<uint8_t>> encode_values(std::span<const AbiType> types,
                                               std::span<const std::string> args) {
  if (types.size() != args.size())
    return vm::Error{std::to_string(args.size()) + " value(s) for " + std::to_string(types.size()) +
                     " type(s)"};
  std::vector<const AbiType*> ts;
  std::vector<std::string_view> texts;
  for (const auto& t : types) ts.push_back(&t);
  for (const auto& a : args) texts.push_back(a);
  return encode_sequence(ts, texts, true);
}

vm::Result<std::vector<std::string>> decode_values(std::span<const AbiType> types,
                                                   std::span<const uint8_t> data) {
  std::vector<const AbiType*> ts;
  for (const auto& t : types) ts.push_back(&t);
  return decode_sequence(Reader(data), ts, 0, false);
}

}  // namespace tenet::abi
