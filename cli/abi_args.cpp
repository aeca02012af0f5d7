#include "abi_args.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::cli {
namespace {

using Kind = AbiType::Kind;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// Splits `inner` at top-level commas (outside brackets, parentheses and quotes).
vm::Result<std::vector<std::string_view>> split_top_level(std::string_view inner) {
  std::vector<std::string_view> parts;
  if (trim(inner).empty()) return parts;
  int depth = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    const char c = inner[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
      continue;
    }
    if (c == '"')
      quoted = true;
    else if (c == '[' || c == '(')
      ++depth;
    else if (c == ']' || c == ')') {
      if (--depth < 0) return vm::Error{"unbalanced '" + std::string(1, c) + "'"};
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quoted) return vm::Error{"unterminated string"};
  if (depth != 0) return vm::Error{"unbalanced brackets"};
  parts.push_back(trim(inner.substr(start)));
  return parts;
}

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

std::string type_name(const AbiType& t);

std::string list_name(const std::vector<AbiType>& ts) {
  std::string out;
  for (size_t i = 0; i < ts.size(); ++i) out += (i ? "," : "") + type_name(ts[i]);
  return out;
}

std::string type_name(const AbiType& t) {
  switch (t.kind) {
    case Kind::uint:
      return "uint" + std::to_string(t.bits);
    case Kind::int_:
      return "int" + std::to_string(t.bits);
    case Kind::boolean:
      return "bool";
    case Kind::address:
      return "address";
    case Kind::fixed_bytes:
      return "bytes" + std::to_string(t.bits);
    case Kind::string:
      return "string";
    case Kind::bytes:
      return "bytes";
    case Kind::array:
      return type_name(t.children[0]) + "[" + (t.length ? std::to_string(*t.length) : "") + "]";
    case Kind::tuple:
      return "(" + list_name(t.children) + ")";
  }
  return "";
}

/// Bytes of the head a static type takes (32 for a dynamic type's offset).
uint64_t head_size(const AbiType& t) {
  if (t.is_dynamic()) return 32;
  if (t.kind == Kind::array) return *t.length * head_size(t.children[0]);
  if (t.kind == Kind::tuple) {
    uint64_t n = 0;
    for (const auto& c : t.children) n += head_size(c);
    return n;
  }
  return 32;
}

void append_word(std::vector<uint8_t>& out, const vm::Word& w) {
  uint8_t buf[32];
  vm::word_to_be(w, buf);
  out.insert(out.end(), buf, buf + 32);
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
    case Kind::int_: {
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
                                                 const std::vector<std::string_view>& texts);

/// The encoding of one value: inline bytes of a static type, tail content of a dynamic one.
vm::Result<std::vector<uint8_t>> encode_one(const AbiType& t, std::string_view text) {
  std::vector<uint8_t> out;
  switch (t.kind) {
    case Kind::string:
    case Kind::bytes: {
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
      append_word(out, vm::Word{data.size()});
      out.insert(out.end(), data.begin(), data.end());
      out.resize(out.size() + (32 - data.size() % 32) % 32, 0);
      return out;
    }
    case Kind::array:
    case Kind::tuple: {
      const char open = t.kind == Kind::array ? '[' : '(',
                 close = t.kind == Kind::array ? ']' : ')';
      if (text.size() < 2 || text.front() != open || text.back() != close)
        return vm::Error{"'" + std::string(text) + "' is not " + type_name(t) + " (write " +
                         (t.kind == Kind::array ? "[a,b,…]" : "(a,b,…)") + ")"};
      auto parts = split_top_level(text.substr(1, text.size() - 2));
      if (!parts) return vm::Error{"'" + std::string(text) + "': " + parts.error().message};
      std::vector<const AbiType*> types;
      if (t.kind == Kind::tuple) {
        if (parts->size() != t.children.size())
          return vm::Error{"'" + std::string(text) + "' has " + std::to_string(parts->size()) +
                           " values, " + type_name(t) + " has " +
                           std::to_string(t.children.size())};
        for (const auto& c : t.children) types.push_back(&c);
      } else {
        if (t.length && parts->size() != *t.length)
          return vm::Error{"'" + std::string(text) + "' has " + std::to_string(parts->size()) +
                           " elements, " + type_name(t) + " has " + std::to_string(*t.length)};
        types.assign(parts->size(), &t.children[0]);
        if (!t.length) append_word(out, vm::Word{parts->size()});
      }
      auto body = encode_sequence(types, *parts);
      if (!body) return body.error();
      out.insert(out.end(), body->begin(), body->end());
      return out;
    }
    default: {
      auto w = encode_word(t, text);
      if (!w) return w.error();
      append_word(out, *w);
      return out;
    }
  }
}

/// Head-and-tail encoding of a sequence of values.
vm::Result<std::vector<uint8_t>> encode_sequence(const std::vector<const AbiType*>& types,
                                                 const std::vector<std::string_view>& texts) {
  uint64_t heads = 0;
  for (const AbiType* t : types) heads += head_size(*t);
  std::vector<uint8_t> head, tail;
  for (size_t i = 0; i < types.size(); ++i) {
    auto enc = encode_one(*types[i], texts[i]);
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

std::string json_quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

vm::Result<std::vector<std::string>> decode_sequence(const Reader& r,
                                                     const std::vector<const AbiType*>& types,
                                                     uint64_t start, bool nested);

vm::Result<std::string> decode_one(const Reader& r, const AbiType& t, uint64_t at, bool nested) {
  switch (t.kind) {
    case Kind::string:
    case Kind::bytes: {
      auto len = r.offset(at);
      if (!len) return len.error();
      if (r.data().size() - at - 32 < *len)
        return vm::Error{"a " + type_name(t) + " of " + std::to_string(*len) +
                         " bytes runs past the end of the data"};
      const auto bytes = r.data().subspan(at + 32, *len);
      if (t.kind == Kind::bytes) return vm::hex_encode(bytes);
      std::string s(bytes.begin(), bytes.end());
      return nested ? json_quoted(s) : s;
    }
    case Kind::array:
    case Kind::tuple: {
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
          return vm::Error{"an array of " + std::to_string(n) +
                           " elements is longer than the data"};
        types.assign(n, &t.children[0]);
      }
      auto parts = decode_sequence(r, types, start, true);
      if (!parts) return parts.error();
      std::string out(1, t.kind == Kind::array ? '[' : '(');
      for (size_t i = 0; i < parts->size(); ++i) out += (i ? "," : "") + (*parts)[i];
      return out + (t.kind == Kind::array ? ']' : ')');
    }
    default:
      break;
  }
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
    pos += head_size(*t);
  }
  return out;
}

std::string panic_meaning(uint64_t code) {
  switch (code) {
    case 0x01:
      return "assertion failed";
    case 0x11:
      return "arithmetic overflow or underflow";
    case 0x12:
      return "division or modulo by zero";
    case 0x21:
      return "invalid enum value";
    case 0x31:
      return "pop from an empty array";
    case 0x32:
      return "index out of bounds";
    case 0x41:
      return "out of memory";
    default:
      return "unknown panic code";
  }
}

std::string count_mismatch(const std::string& what, size_t want, size_t given) {
  return "'" + what + "' takes " + std::to_string(want) + " argument(s), " + std::to_string(given) +
         " given";
}

vm::Result<std::vector<AbiType>> parse_types(const std::vector<std::string>& names) {
  std::vector<AbiType> out;
  for (const auto& n : names) {
    auto t = parse_abi_type(n);
    if (!t) return t.error();
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace

bool AbiType::is_dynamic() const {
  switch (kind) {
    case Kind::string:
    case Kind::bytes:
      return true;
    case Kind::array:
      return !length || children[0].is_dynamic();
    case Kind::tuple:
      for (const auto& c : children)
        if (c.is_dynamic()) return true;
      return false;
    default:
      return false;
  }
}

vm::Result<AbiType> parse_abi_type(std::string_view text) {
  text = trim(text);
  if (text.empty()) return vm::Error{"empty type"};
  // A trailing [N] or [] makes an array of everything before it.
  if (text.back() == ']') {
    const size_t open = text.rfind('[');
    if (open == std::string_view::npos)
      return vm::Error{"unknown type '" + std::string(text) + "'"};
    auto element = parse_abi_type(text.substr(0, open));
    if (!element) return element.error();
    AbiType t;
    t.kind = Kind::array;
    const std::string_view n = text.substr(open + 1, text.size() - open - 2);
    if (!n.empty()) {
      uint64_t len = 0;
      for (char c : n) {
        if (c < '0' || c > '9' || len > 1'000'000)
          return vm::Error{"bad array length in '" + std::string(text) + "'"};
        len = len * 10 + static_cast<uint64_t>(c - '0');
      }
      t.length = len;
    }
    t.children.push_back(std::move(*element));
    return t;
  }
  if (text.front() == '(') {
    if (text.back() != ')') return vm::Error{"unknown type '" + std::string(text) + "'"};
    auto parts = split_top_level(text.substr(1, text.size() - 2));
    if (!parts) return vm::Error{"in '" + std::string(text) + "': " + parts.error().message};
    AbiType t;
    t.kind = Kind::tuple;
    for (auto p : *parts) {
      auto c = parse_abi_type(p);
      if (!c) return c.error();
      t.children.push_back(std::move(*c));
    }
    return t;
  }
  const std::string s(text);
  AbiType t;
  const auto width = [&](size_t prefix, unsigned dflt, unsigned max, unsigned step) -> bool {
    const std::string digits = s.substr(prefix);
    if (digits.empty()) {
      t.bits = dflt;
      return dflt != 0;
    }
    if (digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
      return false;
    t.bits = static_cast<unsigned>(std::stoul(digits));
    return t.bits > 0 && t.bits <= max && t.bits % step == 0;
  };
  bool ok = true;
  if (s == "bool")
    t.kind = Kind::boolean;
  else if (s == "address")
    t.kind = Kind::address;
  else if (s == "string")
    t.kind = Kind::string;
  else if (s == "bytes")
    t.kind = Kind::bytes;
  else if (s.starts_with("uint"))
    t.kind = Kind::uint, ok = width(4, 256, 256, 8);
  else if (s.starts_with("int"))
    t.kind = Kind::int_, ok = width(3, 256, 256, 8);
  else if (s.starts_with("bytes"))
    t.kind = Kind::fixed_bytes, ok = width(5, 0, 32, 1);
  else
    ok = false;
  if (!ok) return vm::Error{"unknown type '" + s + "'"};
  return t;
}

vm::Result<std::vector<std::string>> signature_types(std::string_view sig) {
  const size_t open = sig.find('(');
  if (open == std::string_view::npos || open == 0 || sig.back() != ')')
    return vm::Error{"malformed signature '" + std::string(sig) + "': expected name(type,...)"};
  auto parts = split_top_level(sig.substr(open + 1, sig.size() - open - 2));
  if (!parts)
    return vm::Error{"malformed signature '" + std::string(sig) + "': " + parts.error().message};
  std::vector<std::string> out;
  for (auto p : *parts) {
    std::string t;
    for (char c : p)
      if (c != ' ') t += c;
    out.push_back(t);
  }
  return out;
}

vm::Result<std::vector<uint8_t>> encode_values(const std::vector<AbiType>& types,
                                               const std::vector<std::string>& args) {
  std::vector<const AbiType*> ts;
  std::vector<std::string_view> texts;
  for (const auto& t : types) ts.push_back(&t);
  for (const auto& a : args) texts.push_back(a);
  // Report which argument failed.
  for (size_t i = 0; i < types.size() && i < args.size(); ++i) {
    auto one = encode_one(types[i], args[i]);
    if (!one) return vm::Error{"argument " + std::to_string(i + 1) + ": " + one.error().message};
  }
  return encode_sequence(ts, texts);
}

vm::Result<std::string> canonical_signature(std::string_view signature) {
  auto names = signature_types(signature);
  if (!names) return names.error();
  auto types = parse_types(*names);
  if (!types) return types.error();
  return std::string(trim(signature.substr(0, signature.find('(')))) + "(" + list_name(*types) + ")";
}

vm::Result<std::vector<uint8_t>> encode_call(const std::string& signature,
                                             const std::vector<std::string>& args) {
  auto names = signature_types(signature);
  if (!names) return names.error();
  auto types = parse_types(*names);
  if (!types) return types.error();
  if (types->size() != args.size())
    return vm::Error{count_mismatch(signature, types->size(), args.size())};
  auto canonical = canonical_signature(signature);
  if (!canonical) return canonical.error();
  const auto sel = vm::selector_of(*canonical);
  auto body = encode_values(*types, args);
  if (!body) return body.error();
  std::vector<uint8_t> out(sel.begin(), sel.end());
  out.insert(out.end(), body->begin(), body->end());
  return out;
}

vm::Result<std::vector<uint8_t>> encode_arguments(const std::string& types,
                                                  const std::vector<std::string>& args) {
  auto names = signature_types("constructor(" + types + ")");
  if (!names) return names.error();
  auto list = parse_types(*names);
  if (!list) return list.error();
  if (list->size() != args.size())
    return vm::Error{count_mismatch("(" + types + ")", list->size(), args.size())};
  return encode_values(*list, args);
}

vm::Result<std::vector<std::string>> decode_values(const std::vector<AbiType>& types,
                                                   std::span<const uint8_t> data) {
  std::vector<const AbiType*> ts;
  for (const auto& t : types) ts.push_back(&t);
  return decode_sequence(Reader(data), ts, 0, false);
}

DecodedRevert decode_revert(const std::vector<uint8_t>& data,
                            std::span<const compiler::AbiEntry> errors) {
  if (data.empty()) return {"empty", "", "", std::nullopt, {}};
  if (data.size() < 4) return {"custom", vm::hex_encode(data), "", std::nullopt, {}};
  const auto is = [&](std::string_view sig) {
    const auto s = vm::selector_of(sig);
    return std::memcmp(s.data(), data.data(), 4) == 0;
  };
  const std::span<const uint8_t> body(data.data() + 4, data.size() - 4);
  if (is("Panic(uint256)") && data.size() == 36) {
    const vm::Word code = vm::word_from_be(data.data() + 4);
    const uint64_t c = code.fits_u64() ? code.low64() : ~0ull;
    return {"panic", "Panic", panic_meaning(c), c, {}};
  }
  if (is("Error(string)")) {
    AbiType string_type;
    string_type.kind = Kind::string;
    auto v = decode_values({string_type}, body);
    if (v) return {"error", "Error", (*v)[0], std::nullopt, {}};
  }
  for (const compiler::AbiEntry& e : errors) {
    if (e.kind != compiler::AbiEntryKind::error || !is(compiler::abi_signature(e))) continue;
    std::vector<AbiType> types;
    for (const auto& p : e.inputs) {
      auto t = parse_abi_type(compiler::canonical_type(p));
      if (t) types.push_back(std::move(*t));
    }
    DecodedRevert out{"custom", e.name, "", std::nullopt, {}};
    auto v = decode_values(types, body);
    if (v)
      out.args = std::move(*v);
    else
      out.message = "malformed arguments: " + v.error().message;
    return out;
  }
  if (is("Reentrancy()") && data.size() == 4) return {"custom", "Reentrancy", "", std::nullopt, {}};
  return {"custom", vm::hex_encode(std::span<const uint8_t>(data.data(), 4)), "", std::nullopt, {}};
}

std::string describe_revert(const DecodedRevert& d) {
  if (d.kind == "empty") return "(no revert data)";
  if (d.kind == "error") return "Error(" + json_quoted(d.message) + ")";
  if (d.kind == "panic") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "Panic(0x%02llx): ", static_cast<unsigned long long>(*d.code));
    return buf + d.message;
  }
  std::string out = d.name;
  if (!d.args.empty() || (!d.name.starts_with("0x") && d.message.empty())) {
    out += "(";
    for (size_t i = 0; i < d.args.size(); ++i) out += (i ? ", " : "") + d.args[i];
    out += ")";
  }
  if (!d.message.empty()) out += " (" + d.message + ")";
  return out;
}

}  // namespace tenet::cli
