#pragma once
/// \file
/// The Ethereum ABI of a checked contract, in solc's JSON shape (docs/abi.md), and the
/// selectors and event topics that go with it. The ABI is first built as plain data
/// (AbiEntry); to_json turns it into the JSON that `tenet compile --emit abi` prints and
/// the artifact embeds.
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

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tenet/compiler/checked_program.hpp"

namespace tenet::compiler {

/// One parameter of an ABI entry: `{"internalType": …, "name": …, "type": …}`.
struct AbiParam {
  std::string name;                  ///< the parameter's name ("" for results and getter keys)
  std::string type;                  ///< ABI type: "uint256", "address", "tuple", "tuple[]", …
  std::string internal_type;         ///< solc's internalType: "uint256", "struct Point",
                                     ///< "enum Status", "contract IERC20", "struct Point[]"
  std::vector<AbiParam> components;  ///< the fields of a tuple type (else empty)
  std::optional<bool> indexed;       ///< for event parameters: a topic or not
};

/// The kinds of ABI entries, in solc's sort order of their "type" strings.
enum class AbiEntryKind { constructor, error, event, function, receive };

/// One entry of an ABI array.
struct AbiEntry {
  AbiEntryKind kind = AbiEntryKind::function;  ///< which "type"
  std::string name;                            ///< "" for the constructor and receive
  std::vector<AbiParam> inputs;                ///< parameters (none for receive)
  std::vector<AbiParam> outputs;               ///< results (functions only)
  /// "view", "nonpayable" or "payable" (functions, constructor, receive; "" otherwise).
  /// Tenet has no `pure` member functions, so "pure" is never produced.
  std::string state_mutability;
};

/// The "type" string of an entry kind: "constructor", "error", "event", "function",
/// "receive".
const char* abi_kind_name(AbiEntryKind kind);

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

/// The canonical type of a parameter as hashed in signatures: "uint256",
/// "(uint256,address)[]" for a tuple[] with two components.
std::string canonical_type(const AbiParam& param);

/// The canonical signature hashed for a selector or topic: "transfer(address,uint256)";
/// for a constructor "constructor(uint256)"; for receive "receive()".
std::string abi_signature(const AbiEntry& entry);

/// `0x` + hex of the entry's hash: the 4-byte selector of a function or error, the
/// 32-byte topic 0 of an event; "" for the constructor and receive.
std::string abi_selector_hex(const AbiEntry& entry);

/// The JSON array of `entries` in solc's shape (object keys sorted, as solc prints them).
nlohmann::json to_json(std::span<const AbiEntry> entries);

/// One line per entry describing what a client computes from it, the format of
/// tests/ethers/check_abi.mjs (sorted; each line prefixed with `prefix` when it is
/// not empty, followed by a space):
///
///     function transfer(address,uint256) 0xa9059cbb nonpayable returns (bool)
///     event Transfer(address,address,uint256) 0xddf2…b3ef indexed 0,1
///     error InsufficientBalance(uint256,uint256) 0xcf479181
///     constructor(uint256)
///     receive
std::vector<std::string> abi_fragment_lines(std::span<const AbiEntry> entries,
                                            const std::string& prefix = "");

}  // namespace tenet::compiler
