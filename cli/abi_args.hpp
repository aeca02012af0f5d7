#pragma once
/// \file
/// Call data from a signature and command-line arguments (`--sig "f(uint256,address)" 1 0x…`),
/// decoding of results, and decoding of revert data (standard encodings and a contract's
/// custom errors). Arguments are parsed by their ABI type (toolchain.md §1): decimal or
/// `0x` hex integers, `true`/`false`, `0x…` addresses and fixed bytes, strings (quotes
/// optional at the top level, required inside arrays and tuples), `0x…` bytes, arrays
/// `[1,2]` and tuples `(1,"x")`, nested as deep as the type.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/abi.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::cli {

/// An ABI type as a tree.
struct AbiType {
  /// The kinds of ABI types the language has.
  enum class Kind { uint, int_, boolean, address, fixed_bytes, string, bytes, array, tuple };
  Kind kind = Kind::uint;
  unsigned bits = 256;             ///< uintN/intN: N; bytesN: N (bytes)
  std::optional<uint64_t> length;  ///< arrays: N for T[N], none for T[]
  std::vector<AbiType> children;   ///< arrays: the element type; tuples: the components
  /// True for string, bytes, T[], and arrays and tuples holding a dynamic type.
  bool is_dynamic() const;
};

/// Parses a canonical ABI type: "uint256", "bytes32", "(uint256,string)[2]", …
vm::Result<AbiType> parse_abi_type(std::string_view text);

/// The parameter types of a signature "name(t1,t2,…)" (nested tuples allowed).
vm::Result<std::vector<std::string>> signature_types(std::string_view signature);

/// The signature with its types in canonical spelling: "f(uint, (int8,bool)[])" →
/// "f(uint256,(int8,bool)[])" (the text the selector is computed from).
vm::Result<std::string> canonical_signature(std::string_view signature);

/// ABI-encodes `args` (one text per value) as the tuple of `types`.
vm::Result<std::vector<uint8_t>> encode_values(const std::vector<AbiType>& types,
                                               const std::vector<std::string>& args);

/// ABI-encodes a call: the 4-byte selector of `signature` followed by `args`, each
/// parsed by its type.
vm::Result<std::vector<uint8_t>> encode_call(const std::string& signature,
                                             const std::vector<std::string>& args);

/// ABI-encodes `args` as the tuple of types in `types` ("uint256,address"), without a
/// selector (constructor arguments).
vm::Result<std::vector<uint8_t>> encode_arguments(const std::string& types,
                                                  const std::vector<std::string>& args);

/// Decodes `data` as the tuple of `types`, one string per value: integers in decimal,
/// `true`/`false`, addresses and fixed bytes as `0x` hex, a string as its text (quoted
/// JSON-style inside arrays and tuples), bytes as `0x` hex, arrays as `[a,b]`, tuples as
/// `(a,b)`. Malformed data (short, bad offsets, values out of their type's range) is an error.
vm::Result<std::vector<std::string>> decode_values(const std::vector<AbiType>& types,
                                                   std::span<const uint8_t> data);

/// Revert data, decoded.
struct DecodedRevert {
  std::string kind;               ///< "error" (Error(string)), "panic", "custom" or "empty"
  std::string name;               ///< "Error", "Panic", a custom error's name, or the selector
  std::string message;            ///< Error(string)'s message, or the panic's meaning
  std::optional<uint64_t> code;   ///< the panic code
  std::vector<std::string> args;  ///< a custom error's arguments, decoded
};

/// Decodes revert data in Ethereum's standard encodings, and custom errors whose
/// selector is one of `errors` (ABI entries of kind error).
DecodedRevert decode_revert(const std::vector<uint8_t>& data,
                            std::span<const compiler::AbiEntry> errors = {});

/// The readable form of a decoded revert: `Error("msg")`, `Panic(0x11): arithmetic …`,
/// `InsufficientBalance(1000, 1001)`, `(no revert data)`, or the selector.
std::string describe_revert(const DecodedRevert& revert);

}  // namespace tenet::cli
