// Revert data, decoded (revert.hpp).
#include "tenet/abi/revert.hpp"

#include <cstdio>
#include <cstring>

#include "tenet/abi/values.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/word.hpp"
#include "text.hpp"

namespace tenet::abi {
namespace {

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

/// A custom error of `entry` whose selector `data` starts with: its arguments decoded.
DecodedRevert decode_custom(const AbiEntry& entry, std::span<const uint8_t> body) {
  DecodedRevert out{"custom", entry.name, "", std::nullopt, {}};
  auto types = types_of(entry.inputs);
  if (!types) {
    out.message = "malformed arguments: " + types.error().message;
    return out;
  }
  auto values = decode_values(*types, body);
  if (values)
    out.args = std::move(*values);
  else
    out.message = "malformed arguments: " + values.error().message;
  return out;
}

}  // namespace

DecodedRevert decode_revert(std::span<const uint8_t> data, std::span<const AbiEntry> errors) {
  if (data.empty()) return {"empty", "", "", std::nullopt, {}};
  if (data.size() < 4) return {"custom", vm::hex_encode(data), "", std::nullopt, {}};
  const auto is = [&](std::string_view sig) {
    const auto s = vm::selector_of(sig);
    return std::memcmp(s.data(), data.data(), 4) == 0;
  };
  const std::span<const uint8_t> body = data.subspan(4);
  if (is("Panic(uint256)") && data.size() == 36) {
    const vm::Word code = vm::word_from_be(body);
    const uint64_t c = code.fits_u64() ? code.low64() : ~0ull;
    return {"panic", "Panic", panic_meaning(c), c, {}};
  }
  if (is("Error(string)")) {
    AbiType string_type;
    string_type.kind = AbiType::Kind::string;
    auto v = decode_values(std::span(&string_type, 1), body);
    if (v) return {"error", "Error", (*v)[0], std::nullopt, {}};
  }
  for (const AbiEntry& e : errors)
    if (e.kind == AbiEntryKind::error && is(abi_signature(e))) return decode_custom(e, body);
  if (is("Reentrancy()") && data.size() == 4) return {"custom", "Reentrancy", "", std::nullopt, {}};
  return {"custom", vm::hex_encode(data.first(4)), "", std::nullopt, {}};
}

std::string describe_revert(const DecodedRevert& d) {
  if (d.kind == "empty") return "(no revert data)";
  if (d.kind == "error") return "Error(" + detail::json_quoted(d.message) + ")";
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

}  // namespace tenet::abi
