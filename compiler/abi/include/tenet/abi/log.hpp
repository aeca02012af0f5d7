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

/// A comparison's operands at the moment it failed, as an instrumented build
/// (CompileOptions::record_operands) logs them: "tcmp" ‖ ABI (string file, uint32 line,
/// uint32 column, string op, string lhs, string rhs).
struct OperandRecord {
  std::string file;     ///< the source file, as the line table names it
  uint32_t line = 0;    ///< 1-based line of the comparison
  uint32_t column = 0;  ///< 1-based column of the comparison
  std::string op;       ///< the operator as written: "==", "!=", "<", "<=", ">", ">="
  std::string lhs;      ///< the left operand's value as text (as assert_eq formats it)
  std::string rhs;      ///< the right operand's value as text
};

/// True when `payload` starts with "tcmp" (a log's payload never does: it starts with
/// the offset word 0x…20).
bool is_operand_record(std::span<const uint8_t> payload);

/// Decodes an operand record; anything else (no "tcmp", malformed ABI) is an error.
vm::Result<OperandRecord> decode_operand_record(std::span<const uint8_t> payload);

}  // namespace tenet::abi
