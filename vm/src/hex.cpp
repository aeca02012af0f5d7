#include "tenet/vm/hex.hpp"

#include <array>
#include <cctype>

#include "tenet/vm/bytes.hpp"

namespace tenet::vm {

void append_hex(std::string& out, std::span<const uint8_t> bytes) {
  out.reserve(out.size() + 2 * bytes.size());
  for (uint8_t b : bytes) {
    out += hex_digit(b >> 4);
    out += hex_digit(b & 15);
  }
}

std::string hex_digits(std::span<const uint8_t> bytes) {
  std::string out;
  append_hex(out, bytes);
  return out;
}

std::string hex_encode(std::span<const uint8_t> bytes) {
  std::string out = "0x";
  append_hex(out, bytes);
  return out;
}

std::string hex_encode_byte(uint8_t byte) {
  return hex_encode(std::span<const uint8_t>(&byte, 1));
}

std::string hex_encode_quantity(std::span<const uint8_t> bytes) {
  std::string digits = hex_digits(bytes);
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0x0";
  return "0x" + digits.substr(first);
}

std::string hex_encode_quantity(uint64_t v) {
  std::array<uint8_t, 8> be{};
  store_be(v, be.data(), 8);
  return hex_encode_quantity(be);
}

Result<std::vector<uint8_t>> hex_decode(std::string_view text) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) digits += c;
  std::string_view d = digits;
  if (d.starts_with("0x") || d.starts_with("0X")) d.remove_prefix(2);
  for (char c : d)
    if (hex_digit_value(c) < 0) return Error{"invalid hex digit '" + std::string(1, c) + "'"};
  if (d.size() % 2) return Error{"hex data has an odd number of digits"};
  std::vector<uint8_t> out;
  out.reserve(d.size() / 2);
  for (size_t i = 0; i < d.size(); i += 2)
    out.push_back(static_cast<uint8_t>(hex_digit_value(d[i]) * 16 + hex_digit_value(d[i + 1])));
  return out;
}

}  // namespace tenet::vm
