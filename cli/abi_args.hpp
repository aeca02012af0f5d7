#pragma once
/// \file
/// Call data from a signature and command-line arguments (`--sig "f(uint256,address)" 1 0x…`),
/// and decoding of standard revert data. Arguments are parsed by their ABI type.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::cli {

/// ABI-encodes a call: the 4-byte selector of `signature` followed by `args`, each
/// parsed by its type. Supported types: uintN, intN, address, bool, bytesN, string,
/// bytes.
vm::Result<std::vector<uint8_t>> encode_call(const std::string& signature, const std::vector<std::string>& args);

/// ABI-encodes `args` as the tuple of types in `types` ("uint256,address"), without a
/// selector (constructor arguments).
vm::Result<std::vector<uint8_t>> encode_arguments(const std::string& types, const std::vector<std::string>& args);

/// Revert data, decoded.
struct DecodedRevert {
  std::string kind;      ///< "error" (Error(string)), "panic", "custom" or "empty"
  std::string name;      ///< "Error", "Panic", a known custom error name, or the selector
  std::string message;   ///< Error(string)'s message, or the panic's meaning
  std::optional<uint64_t> code;  ///< the panic code
};

/// Decodes revert data in Ethereum's standard encodings.
DecodedRevert decode_revert(const std::vector<uint8_t>& data);

}  // namespace tenet::cli
