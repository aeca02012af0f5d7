#pragma once
/// \file
/// ABI types as trees ("(uint256,string)[2]" → array of 2 tuples), read from their
/// canonical text or straight from an ABI entry's parameter, and written back.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::abi {

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
  /// Bytes of the head the type takes in an encoding (32 for a dynamic type's offset).
  uint64_t head_size() const;
};

/// Parses a canonical ABI type: "uint256", "bytes32", "(uint256,string)[2]", …; the
/// short forms "uint" and "int" are 256 bits.
vm::Result<AbiType> parse_type(std::string_view text);

/// Parses a comma-separated list of types, "uint256,(bool,string)[]" ("" is no types).
vm::Result<std::vector<AbiType>> parse_type_list(std::string_view text);

/// The canonical spelling of `type`: "uint256", "(int8,bool)[]".
std::string type_name(const AbiType& type);

/// The canonical spellings of `types`, comma-separated.
std::string type_list_name(std::span<const AbiType> types);

/// The type of an ABI entry's parameter ("tuple[]" with its components, …), read from
/// the parameter itself. Fails only for a type string the ABI does not have.
vm::Result<AbiType> type_of(const AbiParam& param);

/// The types of `params`, in order.
vm::Result<std::vector<AbiType>> types_of(std::span<const AbiParam> params);

}  // namespace tenet::abi
