#include "tenet/vm/hex.hpp"

#include <cctype>

namespace tenet::vm {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string hex_encode(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  out.reserve(2 + 2 * bytes.size());
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

Result<std::vector<uint8_t>> hex_decode(std::string_view text) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) digits += c;
  std::string_view d = digits;
  if (d.starts_with("0x") || d.starts_with("0X")) d.remove_prefix(2);
  for (char c : d)
    if (digit_value(c) < 0) return Error{"invalid hex digit '" + std::string(1, c) + "'"};
  if (d.size() % 2) return Error{"hex data has an odd number of digits"};
  std::vector<uint8_t> out;
  out.reserve(d.size() / 2);
  for (size_t i = 0; i < d.size(); i += 2)
    out.push_back(static_cast<uint8_t>(digit_value(d[i]) * 16 + digit_value(d[i + 1])));
  return out;
}

}  // namespace tenet::vm
