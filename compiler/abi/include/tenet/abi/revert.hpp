#pragma once
/// \file
/// Revert data, decoded: Ethereum's `Error(string)` and `Panic(uint256)`, and custom
/// errors of a contract's ABI by name with their arguments.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tenet/abi/entry.hpp"

namespace tenet::abi {

/// Revert data, decoded.
struct DecodedRevert {
  std::string kind;               ///< "error" (Error(string)), "panic", "custom" or "empty"
  std::string name;               ///< "Error", "Panic", a custom error's name, or the selector
  std::string message;            ///< Error(string)'s message, or the panic's meaning
  std::optional<uint64_t> code;   ///< the panic code
  std::vector<std::string> args;  ///< a custom error's arguments, decoded
};

/// Decodes revert data in Ethereum's standard encodings, and custom errors whose
/// selector is one of `errors` (ABI entries of kind error; others are skipped).
DecodedRevert decode_revert(std::span<const uint8_t> data, std::span<const AbiEntry> errors = {});

/// The readable form of a decoded revert: `Error("msg")`, `Panic(0x11): arithmetic …`,
/// `InsufficientBalance(1000, 1001)`, `(no revert data)`, or the selector.
std::string describe_revert(const DecodedRevert& revert);

}  // namespace tenet::abi
