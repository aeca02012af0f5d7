#pragma once
/// \file
/// The one cheat-code table: the contract between compiled test contracts (`CHEAT id`,
/// language.md §11) and the host of the test runner (`Host::cheat`). Every fact about a
/// cheat code — its id (the CHEAT immediate), its Tenet name, the ABI types of its
/// arguments and results, its Tenet signature, and its one-line semantics — lives in
/// `TENET_CHEATS` below; docs/bytecode.md ("Cheat codes") documents the same table.
///
/// Calling convention: the contract ABI-encodes the arguments (standard ABI, no selector)
/// in memory and runs `CHEAT id` over them. The host answers with an ExecResult: on
/// success (CHEAT pushes 1) its output is the ABI encoding of the results and becomes the
/// return data; on a refusal (CHEAT pushes 0) the compiled test reverts with the host's
/// output as its revert data.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tenet::vm {

// X(NAME, ID, "vm.name", "(argument ABI types)", "(result ABI types)", "Tenet signature",
//   "semantics")
// The Tenet signature is the call as a test writes it, in the compiler's signature text
// (tenet/compiler/builtins.hpp, parse_signature): "(name: type, …) -> result", its forms
// separated by " | " when it has several; `error` and `event` stand for an error value
// `Er(args)` and an event value `E(args)`. Sema checks calls against it; the ABI columns
// are what the compiled test passes to the host and what the host answers.
// An internal cheat code has an empty Tenet name and signature: no test can call it by
// name (sema resolves `vm.NAME` only); the compiler emits it itself.
#define TENET_CHEATS(X)                                                                          \
  X(prank, 0x01, "vm.prank", "(address)", "()", "(sender: address)",                             \
    "the next external call or creation of the test has msg.sender = the argument")              \
  X(start_prank, 0x02, "vm.start_prank", "(address)", "()", "(sender: address)",                 \
    "every following external call or creation has msg.sender = the argument, until stop_prank") \
  X(stop_prank, 0x03, "vm.stop_prank", "()", "()", "()", "ends start_prank")                     \
  X(deal, 0x04, "vm.deal", "(address,uint256)", "()", "(account: address, amount: u256)",        \
    "sets the native balance of the account")                                                    \
  X(warp, 0x05, "vm.warp", "(uint64)", "()", "(timestamp: u64)", "sets block.timestamp")         \
  X(roll, 0x06, "vm.roll", "(uint64)", "()", "(number: u64)", "sets block.number")               \
  X(expect_revert, 0x07, "vm.expect_revert", "(bool,bytes)", "()",                               \
    "() | (reason: string) | (reason: error)",                                                   \
    "the next external call or creation of the test contract must revert; when the flag is "     \
    "true its revert data must equal the bytes")                                                 \
  X(expect_emit, 0x08, "vm.expect_emit", "(bytes32[],bytes)", "()", "(event: event)",            \
    "a log with exactly these topics and data must be emitted before the test ends")             \
  X(assume, 0x09, "vm.assume", "(bool)", "()", "(condition: bool)",                              \
    "false: the host refuses and the runner discards the fuzz input")                            \
  X(addr, 0x0a, "vm.addr", "(uint256)", "(address)", "(private_key: u256) -> address",           \
    "the address of a secp256k1 private key")                                                    \
  X(sign, 0x0b, "vm.sign", "(uint256,bytes32)", "(uint8,bytes32,bytes32)",                       \
    "(private_key: u256, digest: bytes32) -> (u8, bytes32, bytes32)",                            \
    "(v, r, s) of the secp256k1 signature of the digest with the private key")                   \
  X(snapshot, 0x0c, "vm.snapshot", "()", "(uint256)", "() -> u256",                              \
    "records the state; returns its id")                                                         \
  X(revert_to, 0x0d, "vm.revert_to", "(uint256)", "()", "(id: u256)",                            \
    "restores the state recorded as id")                                                         \
  X(label, 0x0e, "vm.label", "(address,string)", "()", "(account: address, name: string)",       \
    "names the account in traces")                                                               \
  X(expected_revert_taken, 0x0f, "", "()", "(bool)", "",                                         \
    "internal: whether the last creation of the test contract reverted as vm.expect_revert "     \
    "expected; asked by compiled test contracts when new yields no address")

/// The cheat codes, numbered by their CHEAT immediate.
enum class Cheat : uint16_t {
#define TENET_CHEAT_ENUM(name, id, text, args, results, signature, semantics) name = id,
  TENET_CHEATS(TENET_CHEAT_ENUM)
#undef TENET_CHEAT_ENUM
};

/// What the table says about one cheat code.
struct CheatInfo {
  Cheat cheat;                 ///< the code
  uint16_t id;                 ///< the CHEAT immediate
  std::string_view name;       ///< the Tenet name ("vm.prank")
  std::string_view args;       ///< ABI argument types ("(address,uint256)")
  std::string_view results;    ///< ABI result types ("(address)"; "()" for none)
  std::string_view signature;  ///< the Tenet signature ("(sender: address)"; forms split by " | ")
  std::string_view semantics;  ///< one line

  /// True for a code only the compiler emits (its name and signature are empty).
  constexpr bool internal() const { return name.empty(); }
};

/// Every cheat code, in id order.
inline constexpr CheatInfo kCheats[] = {
#define TENET_CHEAT_INFO(name, id, text, args, results, signature, semantics) \
  CheatInfo{Cheat::name, id, text, args, results, signature, semantics},
    TENET_CHEATS(TENET_CHEAT_INFO)
#undef TENET_CHEAT_INFO
};

/// The cheat code with Tenet name `name` ("vm.prank"), if any; never an internal one.
constexpr std::optional<CheatInfo> cheat_by_name(std::string_view name) {
  for (const CheatInfo& c : kCheats) {
    if (!c.internal() && c.name == name) return c;
  }
  return std::nullopt;
}

/// The cheat code with CHEAT immediate `id`, if any.
constexpr std::optional<CheatInfo> cheat_by_id(uint16_t id) {
  for (const CheatInfo& c : kCheats) {
    if (c.id == id) return c;
  }
  return std::nullopt;
}

}  // namespace tenet::vm
