#pragma once
/// \file
/// The Ethereum ABI of a checked contract, in solc's JSON shape (docs/abi.md), and the
/// selectors and event topics that go with it. The ABI is first built as plain data
/// (AbiEntry); to_json turns it into the JSON that `tenet compile --emit abi` prints and
/// the artifact embeds. The data types, signatures, selectors and JSON are tenet::abi's
/// (tenet/abi/entry.hpp); this header builds them from a checked program.
///
/// What a contract's ABI holds, in solc's order (sorted by "type", then "name"):
/// - "constructor": only when the contract has an `init`;
/// - "error": every error the contract can revert with (`revert Er(…)`,
///   `require(c, Er(…))` in its functions and init, and in the free functions they call);
/// - "event": every event the contract emits;
/// - "function": every `pub` function (not `receive`) and a getter per `pub` field;
/// - "receive": when the contract has `pub payable fn receive()`.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(outputs, abi.hpp)

#include <string>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/compiler/checked_program.hpp"

namespace tenet::compiler {

// The ABI's data types live in tenet::abi (no LLVM); the compiler fills them.
using abi::abi_fragment_lines;
using abi::abi_kind_name;
using abi::abi_selector_hex;
using abi::abi_signature;
using abi::AbiEntry;
using abi::AbiEntryKind;
using abi::AbiParam;
using abi::canonical_type;
using abi::to_json;

/// The ABI parameter for a value of type `type` named `name` (structs become tuples
/// with components, enums uint8, contracts and interfaces address). `type` must have
/// an ABI type (not a map, tuple or internal kind).
AbiParam abi_param(const Type& type, std::string name);

/// The ABI getter of `pub` field `field` (solc's rules): one input per map key (the
/// key's type) and per array level (uint256), outer first; a struct value returns its
/// members except maps and arrays (string and bytes stay), named; any other value
/// returns one unnamed output. The entry is a `view` function named after the field.
AbiEntry getter_abi(const FieldInfo& field);

/// The whole ABI of `contract` (a contract, test contract or interface of `program`),
/// sorted by kind, then name.
std::vector<AbiEntry> contract_abi(const CheckedProgram& program, const ContractInfo& contract);

}  // namespace tenet::compiler
