#pragma once
/// \file
/// Hex text for bytes and numbers, the one implementation used across the project:
/// digits, byte strings with and without the `0x` prefix, numbers without leading zeros,
/// and parsing.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::vm {

/// The lower-case hex digits, indexed by value.
inline constexpr std::string_view kHexDigits = "0123456789abcdef";

/// The lower-case hex digit of `nibble` (0..15).
constexpr char hex_digit(unsigned nibble) {
  return kHexDigits[nibble & 15];
}

/// The value of a hex digit of either case, or -1 if `c` is not one.
constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Appends two lower-case hex digits per byte to `out`, with no prefix.
void append_hex(std::string& out, std::span<const uint8_t> bytes);

/// Two lower-case hex digits per byte, with no prefix (empty for no bytes).
std::string hex_digits(std::span<const uint8_t> bytes);

/// `0x` followed by two lower-case hex digits per byte (`0x` for no bytes).
std::string hex_encode(std::span<const uint8_t> bytes);

/// `0x` followed by the two lower-case hex digits of one byte (`0x0f`).
std::string hex_encode_byte(uint8_t byte);

/// The big-endian number in `bytes` as `0x` and lower-case hex digits without leading
/// zeros (`0x0` for zero), as Ethereum's JSON-RPC writes a quantity.
std::string hex_encode_quantity(std::span<const uint8_t> bytes);

/// `v` as `0x` and lower-case hex digits without leading zeros (`0x0` for zero).
std::string hex_encode_quantity(uint64_t v);

/// Parses hex bytes: an optional `0x` prefix, then an even number of hex digits of
/// either case; whitespace anywhere is ignored. Errors name the problem ("hex data has an
/// odd number of digits", "invalid hex digit 'g'").
Result<std::vector<uint8_t>> hex_decode(std::string_view text);

}  // namespace tenet::vm
