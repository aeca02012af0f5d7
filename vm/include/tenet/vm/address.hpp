#pragma once
/// \file
/// 160-bit account addresses, as in Ethereum.

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// A 20-byte account address.
struct Address {
  std::array<uint8_t, 20> bytes{};
  friend constexpr auto operator<=>(const Address&, const Address&) = default;
  friend constexpr bool operator==(const Address&, const Address&) = default;
  /// True for the zero address.
  bool is_zero() const {
    for (auto b : bytes) if (b) return false;
    return true;
  }
};

/// The address as a word (right-aligned, upper 96 bits zero).
Word to_word(const Address& a);
/// The low 160 bits of a word as an address.
Address to_address(const Word& w);
/// `0x` + 40 lower-case hex digits.
std::string to_hex(const Address& a);
/// Parses `0x` + 40 hex digits (case-insensitive); nullopt if malformed.
std::optional<Address> parse_address(std::string_view text);
/// The address of a contract created by `sender` with account nonce `nonce`
/// (Ethereum's CREATE rule: keccak256(rlp([sender, nonce]))[12..32]).
Address create_address(const Address& sender, uint64_t nonce);

}  // namespace tenet::vm
