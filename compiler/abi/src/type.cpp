// ABI types as trees (type.hpp).
#include "tenet/abi/type.hpp"

#include "text.hpp"

namespace tenet::abi {
namespace {

using Kind = AbiType::Kind;

/// `T[N]` (or `T[]` for empty `length_text`) of `element`; `whole` names the type in errors.
vm::Result<AbiType> array_of(AbiType element, std::string_view length_text,
                             std::string_view whole) {
  AbiType t;
  t.kind = Kind::array;
  if (!length_text.empty()) {
    uint64_t len = 0;
    for (char c : length_text) {
      if (c < '0' || c > '9' || len > 1'000'000)
        return vm::Error{"bad array length in '" + std::string(whole) + "'"};
      len = len * 10 + static_cast<uint64_t>(c - '0');
    }
    t.length = len;
  }
  t.children.push_back(std::move(element));
  return t;
}

/// An elementary type: bool, address, string, bytes, uintN, intN, bytesN.
vm::Result<AbiType> parse_elementary(const std::string& s) {
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

uint64_t AbiType::head_size() const {
  if (is_dynamic()) return 32;
  if (kind == Kind::array) return *length * children[0].head_size();
  if (kind == Kind::tuple) {
    uint64_t n = 0;
    for (const auto& c : children) n += c.head_size();
    return n;
  }
  return 32;
}

vm::Result<AbiType> parse_type(std::string_view text) {
  text = detail::trim(text);
  if (text.empty()) return vm::Error{"empty type"};
  // A trailing [N] or [] makes an array of everything before it.
  if (text.back() == ']') {
    const size_t open = text.rfind('[');
    if (open == std::string_view::npos)
      return vm::Error{"unknown type '" + std::string(text) + "'"};
    auto element = parse_type(text.substr(0, open));
    if (!element) return element.error();
    return array_of(std::move(*element), text.substr(open + 1, text.size() - open - 2), text);
  }
  if (text.front() == '(') {
    if (text.back() != ')') return vm::Error{"unknown type '" + std::string(text) + "'"};
    auto parts = detail::split_top_level(text.substr(1, text.size() - 2));
    if (!parts) return vm::Error{"in '" + std::string(text) + "': " + parts.error().message};
    AbiType t;
    t.kind = Kind::tuple;
    for (auto p : *parts) {
      auto c = parse_type(p);
      if (!c) return c.error();
      t.children.push_back(std::move(*c));
    }
    return t;
  }
  return parse_elementary(std::string(text));
}

vm::Result<std::vector<AbiType>> parse_type_list(std::string_view text) {
  auto parts = detail::split_top_level(text);
  if (!parts) return parts.error();
  std::vector<AbiType> out;
  for (std::string_view p : *parts) {
    auto t = parse_type(p);
    if (!t) return t.error();
    out.push_back(std::move(*t));
  }
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
      return "(" + type_list_name(t.children) + ")";
  }
  return "";
}

std::string type_list_name(std::span<const AbiType> types) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) out += (i ? "," : "") + type_name(types[i]);
  return out;
}

vm::Result<AbiType> type_of(const AbiParam& param) {
  if (!param.type.starts_with("tuple")) return parse_type(param.type);
  AbiType t;
  t.kind = Kind::tuple;
  auto components = types_of(param.components);
  if (!components) return components.error();
  t.children = std::move(*components);
  // The array suffixes after "tuple", innermost first: "tuple[2][]".
  std::string_view suffix = std::string_view(param.type).substr(5);
  while (!suffix.empty()) {
    const size_t close = suffix.find(']');
    if (suffix.front() != '[' || close == std::string_view::npos)
      return vm::Error{"unknown type '" + param.type + "'"};
    auto array = array_of(std::move(t), suffix.substr(1, close - 1), param.type);
    if (!array) return array.error();
    t = std::move(*array);
    suffix.remove_prefix(close + 1);
  }
  return t;
}

vm::Result<std::vector<AbiType>> types_of(std::span<const AbiParam> params) {
  std::vector<AbiType> out;
  for (const AbiParam& p : params) {
    auto t = type_of(p);
    if (!t) return t.error();
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace tenet::abi
