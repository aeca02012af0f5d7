/// \file
/// Account addresses: conversion to and from words and hex, and the CREATE rule.

#include "tenet/vm/address.hpp"

#include <algorithm>
#include <vector>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::vm {
namespace {

/// Appends the RLP encoding of an unsigned integer (big-endian, no leading zeros).
void append_rlp_uint(std::vector<uint8_t>& out, uint64_t value) {
  if (value == 0) {
    out.push_back(0x80);  // The empty string.
    return;
  }
  if (value < 0x80) {
    out.push_back(static_cast<uint8_t>(value));  // A single byte encodes itself.
    return;
  }
  std::array<uint8_t, 8> be{};
  std::size_t length = 0;
  for (uint64_t v = value; v != 0; v >>= 8) be[7 - length++] = static_cast<uint8_t>(v);
  out.push_back(static_cast<uint8_t>(0x80 + length));
  out.insert(out.end(), be.end() - static_cast<std::ptrdiff_t>(length), be.end());
}

}  // namespace

Word to_word(const Address& a) {
  return word_from_be(std::span<const uint8_t>(a.bytes));
}

Address to_address(const Word& w) {
  const auto be = word_to_be(w);
  Address a;
  std::copy(be.begin() + 12, be.end(), a.bytes.begin());
  return a;
}

std::string to_hex(const Address& a) {
  return hex_encode(a.bytes);
}

std::optional<Address> parse_address(std::string_view text) {
  if (text.size() != 42 || !text.starts_with("0x")) return std::nullopt;
  Address a;
  for (std::size_t i = 0; i < 20; ++i) {
    const int high = hex_digit_value(text[2 + 2 * i]);
    const int low = hex_digit_value(text[3 + 2 * i]);
    if (high < 0 || low < 0) return std::nullopt;
    a.bytes[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return a;
}

Address create_address(const Address& sender, uint64_t nonce) {
  // rlp([sender, nonce]): the payload is at most 1 + 20 + 9 = 30 bytes, so the list
  // prefix is the short form 0xc0 + length.
  std::vector<uint8_t> payload;
  payload.push_back(0x80 + 20);
  payload.insert(payload.end(), sender.bytes.begin(), sender.bytes.end());
  append_rlp_uint(payload, nonce);
  std::vector<uint8_t> encoded;
  encoded.push_back(static_cast<uint8_t>(0xc0 + payload.size()));
  encoded.insert(encoded.end(), payload.begin(), payload.end());
  const Hash256 digest = keccak256(encoded);
  Address a;
  std::copy(digest.begin() + 12, digest.end(), a.bytes.begin());
  return a;
}

}  // namespace tenet::vm
