#pragma once
/// \file
/// The payloads compiled contracts hand to `tenet.debuglog` (DEBUGLOG), decoded:
/// `log(args…)` (docs/compiler.md "Built-ins") is the ABI encoding of the tuple
/// (string types, args…), `types` being the canonical ABI type list of the arguments,
/// "(string,uint256)"; a comparison operand record of an instrumented build starts
/// with the 4 bytes "tcmp".

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::abi {

/// Decodes the payload of a `log(…)`: its values, formatted as decode_values formats
/// them (integers in decimal, addresses and bytes as 0x hex, strings as their text).
/// A payload that is not a well-formed log (short, bad offsets, a type list that does
/// not parse or nests deeper than 256 brackets, values out of range) is an error.
vm::Result<std::vector<std::string>> decode_log(std::span<const uint8_t> payload);

/// The values of a log as one line, joined by single spaces (as console.log prints).
std::string format_log(std::span<const std::string> values);

}  // namespace tenet::abi
