#pragma once
/// \file
/// A contract's Ethereum ABI as plain data, in solc's JSON shape (docs/abi.md): entries
/// and their parameters, the signatures and selectors computed from them, and the JSON
/// that `tenet compile --emit abi` prints and the artifact embeds. The compiler builds
/// these from a checked program (tenet/compiler/abi.hpp); clients read them.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::abi {

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

/// Reads an ABI JSON array as to_json writes it (an artifact's "abi"): the inverse of
/// to_json. Each entry needs a known "type" (constructor, error, event, function, receive) and
/// every parameter a "type" the ABI has (tuples with their "components"); "name",
/// "internalType", "indexed", "stateMutability" and "outputs" are read when present; other
/// keys are ignored. Errors name the entry and what is wrong ("entry 2 (error Foo): input 1:
/// unknown type 'uint7'").
vm::Result<std::vector<AbiEntry>> entries_from_json(const nlohmann::json& abi);

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

}  // namespace tenet::abi
