#pragma once
/// \file
/// The contract between irgen and codegen: the `tenet.*` functions that irgen declares
/// in every module and codegen lowers to VM instructions, and the function attributes
/// that mark entry points. One table (`TENET_INTRINSICS`) is the single source of truth:
/// irgen declares each function from it (name, signature, memory effects) and codegen
/// lowers each by the opcode it names. docs/compiler.md, "The IR contract", explains it.
///
/// Rules every module obeys (codegen rejects anything else with a specific error):
/// - Data layout `tenet_data_layout()` (below): big-endian, 32-bit pointers. A pointer
///   is a byte address in the external frame's VM memory. `load`/`store` of an iN uses
///   its store size in bytes, big-endian, so an i256 at p is exactly `MLOAD p`/`MSTORE p`.
/// - No global variables. Memory is allocated only by `tenet.alloc` (a bump allocator
///   that codegen implements; memory is never freed and starts zeroed). Allocas are
///   allowed (codegen turns each into a `tenet.alloc` at function entry).
/// - Entry points have type `void ()` and external linkage, and carry the string
///   attributes below; every other function is `internal`. Parameters and results are
///   integers (i1 … i256) or pointers; at most one result.
/// - Arguments listed as `W` are i256, `P` are pointers (`ptr`); results likewise.
///   Immediate arguments (`create`'s child index, `panic`'s code, `cheat`'s id) must be
///   constants.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(common, intrinsics.hpp)

#include <cstdint>
#include <optional>
#include <string_view>

#include "tenet/vm/opcodes.hpp"

namespace tenet::compiler {

/// How a `tenet.*` function touches state, as LLVM memory effects. `inaccessible` stands
/// for everything outside IR-visible memory: storage, balances, logs, return data, gas.
enum class IntrinsicEffect : uint8_t {
  none,               ///< memory(none): a pure function of its arguments and the frame
  read_state,         ///< memory(inaccessiblemem: read)
  write_state,        ///< memory(inaccessiblemem: readwrite)
  read_args,          ///< memory(argmem: read)
  write_args,         ///< memory(argmem: write)
  read_args_state,    ///< memory(argmem: read, inaccessiblemem: readwrite)
  write_args_state,   ///< memory(argmem: write, inaccessiblemem: read)
  alloc,              ///< memory(inaccessiblemem: readwrite), noalias result
};

// X(ID, "llvm name", "signature", EFFECT, NORETURN, OPCODE, "semantics")
// signature: result type, then ':', then parameter types; W = i256, P = ptr, - = void.
// block.timestamp and block.number read state: test-mode cheat codes (vm.warp, vm.roll) change
// them within a transaction, so a read after a cheat must not be merged with one before it;
// blockhash too, since its window follows block.number.
// OPCODE is the VM instruction the call lowers to after pushing its arguments in order
// (the last argument on top); an immediate argument is encoded instead of pushed.
#define TENET_INTRINSICS(X)                                                                           \
  X(sload, "tenet.sload", "W:W", read_state, false, SLOAD, "storage[key]")                            \
  X(sstore, "tenet.sstore", "-:WW", write_state, false, SSTORE, "storage[key] = v")                   \
  X(calldataload, "tenet.calldataload", "W:W", none, false, CALLDATALOAD, "32 bytes of call data")    \
  X(calldatasize, "tenet.calldatasize", "W:", none, false, CALLDATASIZE, "call data size")           \
  X(calldatacopy, "tenet.calldatacopy", "-:PWW", write_args, false, CALLDATACOPY, "dst off len")      \
  X(returndatasize, "tenet.returndatasize", "W:", read_state, false, RETURNDATASIZE, "size of the last call's output") \
  X(returndatacopy, "tenet.returndatacopy", "-:PWW", write_args_state, false, RETURNDATACOPY, "dst off len") \
  X(keccak256, "tenet.keccak256", "W:PW", read_args, false, KECCAK256, "keccak256(memory[p..p+len])") \
  X(sha256, "tenet.sha256", "W:PW", read_args, false, SHA256, "sha256(memory[p..p+len])")            \
  X(ecrecover, "tenet.ecrecover", "W:WWWW", none, false, ECRECOVER, "h v r s -> signer or 0")        \
  X(address, "tenet.address", "W:", none, false, ADDRESS, "address(self)")                           \
  X(caller, "tenet.caller", "W:", none, false, CALLER, "msg.sender")                                 \
  X(callvalue, "tenet.callvalue", "W:", none, false, CALLVALUE, "msg.value")                         \
  X(origin, "tenet.origin", "W:", none, false, ORIGIN, "tx.origin")                                  \
  X(gasprice, "tenet.gasprice", "W:", none, false, GASPRICE, "tx.gas_price")                         \
  X(coinbase, "tenet.coinbase", "W:", none, false, COINBASE, "block.coinbase")                       \
  X(timestamp, "tenet.timestamp", "W:", read_state, false, TIMESTAMP, "block.timestamp")                   \
  X(number, "tenet.number", "W:", read_state, false, NUMBER, "block.number")                               \
  X(chainid, "tenet.chainid", "W:", none, false, CHAINID, "block.chain_id")                          \
  X(gaslimit, "tenet.gaslimit", "W:", none, false, GASLIMIT, "block.gas_limit")                      \
  X(basefee, "tenet.basefee", "W:", none, false, BASEFEE, "block.base_fee")                          \
  X(difficulty, "tenet.difficulty", "W:", none, false, DIFFICULTY, "block.difficulty")               \
  X(blockhash, "tenet.blockhash", "W:W", read_state, false, BLOCKHASH, "hash of a recent block or 0") \
  X(gas, "tenet.gas", "W:", write_state, false, GAS, "gas left")                                     \
  X(balance, "tenet.balance", "W:W", read_state, false, BALANCE, "balance of an account")           \
  X(selfbalance, "tenet.selfbalance", "W:", read_state, false, SELFBALANCE, "own balance")           \
  X(extcodesize, "tenet.extcodesize", "W:W", read_state, false, EXTCODESIZE, "code size of an account") \
  X(transfer, "tenet.transfer", "W:WW", write_state, false, TRANSFER, "to v -> ok")                  \
  X(call, "tenet.call", "W:WWWPW", read_args_state, false, CALL, "gas to v in len -> ok")           \
  X(staticcall, "tenet.staticcall", "W:WWPW", read_args_state, false, STATICCALL, "gas to in len -> ok") \
  X(create, "tenet.create", "W:WWPW", read_args_state, false, CREATE, "child(imm) v args len -> addr or 0") \
  X(log0, "tenet.log0", "-:PW", read_args_state, false, LOG0, "data")                                \
  X(log1, "tenet.log1", "-:PWW", read_args_state, false, LOG1, "data t1")                            \
  X(log2, "tenet.log2", "-:PWWW", read_args_state, false, LOG2, "data t1 t2")                        \
  X(log3, "tenet.log3", "-:PWWWW", read_args_state, false, LOG3, "data t1 t2 t3")                    \
  X(log4, "tenet.log4", "-:PWWWWW", read_args_state, false, LOG4, "data t1 t2 t3 t4")                \
  X(debuglog, "tenet.debuglog", "-:PW", read_args_state, false, DEBUGLOG, "log(...) text")           \
  X(exp, "tenet.exp", "W:WW", none, false, EXP, "a ** e mod 2^256")                                  \
  X(expc, "tenet.expc", "W:WW", write_state, false, EXPC, "a ** e, Panic(0x11) past 2^256")          \
  X(addmod, "tenet.addmod", "W:WWW", none, false, ADDMOD, "(a + b) % m, 0 if m = 0")                 \
  X(mulmod, "tenet.mulmod", "W:WWW", none, false, MULMOD, "(a * b) % m, 0 if m = 0")                 \
  X(cheat, "tenet.cheat", "W:WPW", read_args_state, false, CHEAT, "cheat(imm) args len -> ok (test mode)") \
  X(return_, "tenet.return", "-:PW", read_args, true, RETURN, "end the call with memory[p..p+len]")   \
  X(revert, "tenet.revert", "-:PW", read_args, true, REVERT, "revert with memory[p..p+len]")         \
  X(panic, "tenet.panic", "-:W", none, true, PANIC, "revert with Panic(imm)")                        \
  X(stop, "tenet.stop", "-:", none, true, STOP, "end the call with no output")                       \
  X(alloc, "tenet.alloc", "P:W", alloc, false, STOP, "fresh zeroed memory of n bytes (codegen)")

/// The `tenet.*` functions.
enum class Intrinsic : uint8_t {
#define TENET_X(id, name, sig, effect, noreturn, op, doc) id,
  TENET_INTRINSICS(TENET_X)
#undef TENET_X
};

/// Everything the table says about one intrinsic.
struct IntrinsicInfo {
  std::string_view name;       ///< LLVM function name, "tenet.sload"
  std::string_view signature;  ///< "W:WW" (see TENET_INTRINSICS)
  IntrinsicEffect effect;      ///< memory effects
  bool noreturn;               ///< never returns (followed by `unreachable`)
  vm::Op op;                   ///< the VM instruction (unused for alloc)
  std::string_view doc;        ///< one-line semantics
};

/// The table entry of `id`.
const IntrinsicInfo& intrinsic_info(Intrinsic id);
/// The intrinsic whose LLVM name is `name`, or nullopt.
std::optional<Intrinsic> intrinsic_from_name(std::string_view name);
/// Index of an intrinsic's immediate argument (create: 0, panic: 0, cheat: 0), or -1.
int intrinsic_immediate_arg(Intrinsic id);

/// String attributes on entry-point functions (`void ()`, external linkage).
namespace entry_attr {
inline constexpr std::string_view kExport = "tenet-export";  ///< value: 8 hex digits of the selector
inline constexpr std::string_view kConstructor = "tenet-constructor";  ///< the constructor
inline constexpr std::string_view kReceive = "tenet-receive";          ///< the receive function
inline constexpr std::string_view kView = "tenet-view";                ///< function flag view
inline constexpr std::string_view kPayable = "tenet-payable";          ///< function flag payable
inline constexpr std::string_view kReentrant = "tenet-reentrant";      ///< function flag reentrant
}  // namespace entry_attr

/// The memory address where the heap starts; [0, kHeapStart) is codegen's (the free
/// pointer lives in the word at 0).
inline constexpr uint32_t kHeapStart = 0x20;

/// The data layout of every Tenet module: big-endian (so an i256 in memory is exactly the
/// VM's MLOAD/MSTORE word and the ABI's encoding), 32-bit pointers (a wasm32-like
/// linear memory), i256 aligned to 32 bytes, 256-bit native integers. Part of the IR
/// contract: irgen sets it on every module, `optimise` and codegen refuse any other.
std::string_view tenet_data_layout();

}  // namespace tenet::compiler
