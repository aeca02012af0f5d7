#pragma once
/// \file
/// Function signatures: "transfer(address,uint256)" read once into a name and parameter
/// types, from the text a user wrote or from an ABI entry, with its canonical spelling
/// and 4-byte selector.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::abi {

/// A function's name and parameter types.
struct Signature {
  std::string name;             ///< "transfer"
  std::vector<AbiType> inputs;  ///< the parameter types, in order
  std::string written;          ///< the text it was read from, for messages
  /// "name(t1,t2)" with every type in canonical spelling (the text a selector hashes).
  std::string canonical() const;
  /// The first 4 bytes of keccak256 of the canonical text.
  std::array<uint8_t, 4> selector() const;
};

/// Reads "name(type,…)" (nested tuples and arrays allowed, blanks ignored): "f(uint,
/// (int8,bool)[])" has the canonical text "f(uint256,(int8,bool)[])".
vm::Result<Signature> parse_signature(std::string_view text);

/// The signature of an ABI entry (its name and input types; `written` is
/// abi_signature(entry)).
vm::Result<Signature> signature_of(const AbiEntry& entry);

}  // namespace tenet::abi
