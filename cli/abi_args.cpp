#include "abi_args.hpp"

#include <cstring>

#include "common.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/vm.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::cli {
namespace {

/// Splits "name(a,b)" into its parameter types (no nested tuples).
vm::Result<std::vector<std::string>> parameter_types(const std::string& sig) {
  const size_t open = sig.find('('), close = sig.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open || open == 0)
    return vm::Error{"malformed signature '" + sig + "': expected name(type,...)"};
  std::vector<std::string> types;
  std::string inner = sig.substr(open + 1, close - open - 1), cur;
  for (char ch : inner) {
    if (ch == ' ') continue;
    if (ch == ',') {
      types.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) types.push_back(cur);
  return types;
}

/// A static value as one 32-byte word.
vm::Result<vm::Word> encode_static(const std::string& type, const std::string& arg) {
  if (type == "address") {
    auto a = vm::parse_address(arg);
    if (!a) return vm::Error{"'" + arg + "' is not an address (0x + 40 hex digits)"};
    return vm::to_word(*a);
  }
  if (type == "bool") {
    if (arg == "true") return vm::Word{1};
    if (arg == "false") return vm::Word{0};
    return vm::Error{"'" + arg + "' is not a bool (true or false)"};
  }
  if (type.starts_with("uint") || type.starts_with("int")) {
    const bool is_signed = type[0] == 'i';
    const std::string digits = type.substr(is_signed ? 3 : 4);
    const unsigned bits = digits.empty() ? 256 : static_cast<unsigned>(std::stoul(digits));
    if (bits == 0 || bits > 256 || bits % 8) return vm::Error{"unknown type '" + type + "'"};
    const bool negative = !arg.empty() && arg[0] == '-';
    auto w = vm::parse_word(negative ? arg.substr(1) : arg);
    if (!w) return vm::Error{"'" + arg + "' is not an integer"};
    vm::Word v = *w;
    if (negative && !is_signed) return vm::Error{"'" + arg + "' is negative but " + type + " is unsigned"};
    const vm::Word limit = bits == 256 ? vm::Word{} : vm::shl(vm::Word{1}, vm::Word{is_signed ? bits - 1 : bits});
    if (bits < 256 || is_signed) {
      const vm::Word max = is_signed ? (bits == 256 ? vm::Word{0, 0, 0, ~0ull >> 1} : vm::sub(limit, 1)) : vm::sub(limit, 1);
      const vm::Word bound = negative ? vm::add(max, 1) : max;
      if (vm::lt(bound, v)) return vm::Error{"'" + arg + "' does not fit in " + type};
    }
    return negative ? vm::negate(v) : v;
  }
  if (type.starts_with("bytes") && type.size() > 5) {
    const unsigned n = static_cast<unsigned>(std::stoul(type.substr(5)));
    auto bytes = vm::hex_decode(arg);
    if (!bytes || n == 0 || n > 32 || bytes->size() != n)
      return vm::Error{"'" + arg + "' is not " + type + " (0x + " + std::to_string(2 * n) + " hex digits)"};
    uint8_t buf[32] = {};
    std::memcpy(buf, bytes->data(), n);
    return vm::word_from_be(buf);
  }
  return vm::Error{"unsupported type '" + type + "'"};
}

void append_word(std::vector<uint8_t>& out, const vm::Word& w) {
  uint8_t buf[32];
  vm::word_to_be(w, buf);
  out.insert(out.end(), buf, buf + 32);
}

std::string unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

std::string panic_meaning(uint64_t code) {
  switch (code) {
    case 0x01: return "assertion failed";
    case 0x11: return "arithmetic overflow or underflow";
    case 0x12: return "division or modulo by zero";
    case 0x21: return "invalid enum value";
    case 0x31: return "pop from an empty array";
    case 0x32: return "index out of bounds";
    case 0x41: return "out of memory";
    default: return "unknown panic code";
  }
}

/// Head-and-tail encoding of `args` by `types`.
vm::Result<std::vector<uint8_t>> encode_tuple(const std::vector<std::string>& types_in,
                                              const std::vector<std::string>& args) {
  const std::vector<std::string>* types = &types_in;
  std::vector<uint8_t> head, tail;
  const size_t head_size = 32 * types->size();
  for (size_t i = 0; i < types->size(); ++i) {
    const std::string& type = (*types)[i];
    if (type == "string" || type == "bytes") {
      std::vector<uint8_t> data;
      if (type == "string") {
        const std::string s = unquote(args[i]);
        data.assign(s.begin(), s.end());
      } else {
        auto b = vm::hex_decode(args[i]);
        if (!b) return vm::Error{"argument " + std::to_string(i + 1) + ": " + b.error().message};
        data = *b;
      }
      append_word(head, vm::Word{head_size + tail.size()});
      append_word(tail, vm::Word{data.size()});
      tail.insert(tail.end(), data.begin(), data.end());
      tail.resize(tail.size() + (32 - data.size() % 32) % 32, 0);
      continue;
    }
    auto w = encode_static(type, args[i]);
    if (!w) return vm::Error{"argument " + std::to_string(i + 1) + ": " + w.error().message};
    append_word(head, *w);
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::string count_mismatch(const std::string& what, size_t want, size_t given) {
  return "'" + what + "' takes " + std::to_string(want) + " argument(s), " + std::to_string(given) + " given";
}

}  // namespace

vm::Result<std::vector<uint8_t>> encode_call(const std::string& signature, const std::vector<std::string>& args) {
  auto types = parameter_types(signature);
  if (!types) return types.error();
  if (types->size() != args.size()) return vm::Error{count_mismatch(signature, types->size(), args.size())};
  std::string canonical = signature.substr(0, signature.find('(')) + "(";
  for (size_t i = 0; i < types->size(); ++i) canonical += (i ? "," : "") + (*types)[i];
  canonical += ")";
  const auto sel = vm::selector_of(canonical);
  auto body = encode_tuple(*types, args);
  if (!body) return body.error();
  std::vector<uint8_t> out(sel.begin(), sel.end());
  out.insert(out.end(), body->begin(), body->end());
  return out;
}

vm::Result<std::vector<uint8_t>> encode_arguments(const std::string& types, const std::vector<std::string>& args) {
  auto list = parameter_types("constructor(" + types + ")");
  if (!list) return list.error();
  if (list->size() != args.size()) return vm::Error{count_mismatch("(" + types + ")", list->size(), args.size())};
  return encode_tuple(*list, args);
}

DecodedRevert decode_revert(const std::vector<uint8_t>& data) {
  if (data.empty()) return {"empty", "", "", std::nullopt};
  if (data.size() < 4) return {"custom", vm::hex_encode(data), "", std::nullopt};
  const auto is = [&](const char* sig) {
    const auto s = vm::selector_of(sig);
    return std::memcmp(s.data(), data.data(), 4) == 0;
  };
  if (is("Panic(uint256)") && data.size() == 36) {
    const vm::Word code = vm::word_from_be(data.data() + 4);
    const uint64_t c = code.fits_u64() ? code.low64() : ~0ull;
    return {"panic", "Panic", panic_meaning(c), c};
  }
  if (is("Error(string)") && data.size() >= 68) {
    const vm::Word off = vm::word_from_be(data.data() + 4);
    if (off.fits_u64() && off.low64() + 36 <= data.size()) {
      const vm::Word len = vm::word_from_be(data.data() + 4 + off.low64());
      const uint64_t start = 4 + off.low64() + 32;
      if (len.fits_u64() && start + len.low64() <= data.size())
        return {"error", "Error", std::string(data.begin() + static_cast<ptrdiff_t>(start),
                                              data.begin() + static_cast<ptrdiff_t>(start + len.low64())),
                std::nullopt};
    }
  }
  if (is("Reentrancy()") && data.size() == 4) return {"custom", "Reentrancy", "", std::nullopt};
  return {"custom", vm::hex_encode(std::span<const uint8_t>(data.data(), 4)), "", std::nullopt};
}

}  // namespace tenet::cli
