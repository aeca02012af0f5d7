#pragma once
/// \file
/// The named gas costs: every cost that is not an instruction's static gas, each named
/// once, and the static gas of instructions whose price has a reason of its own
/// (`kBlockHashCost`). Static per-instruction gas is in the opcode table (`opcodes.hpp`); the
/// interpreter, the compiler's gas estimator and docs/gas.md (checked by
/// `tests/vm/gas_test.cpp`) all take the dynamic costs from here.

#include <cstdint>

namespace tenet::vm {

// ---- Memory ---------------------------------------------------------------------------

/// Memory accesses ending beyond this many bytes are out of gas by definition.
inline constexpr uint64_t kMaxMemory = uint64_t{1} << 32;
/// Words of locals and operand stacks (the word buffer) one external frame may use; a
/// CALLF beyond it traps. 8 MiB: paying for them, memory_cost(2^18) ≈ 135M gas, takes
/// more than a block's gas.
inline constexpr uint64_t kMaxFrameWords = uint64_t{1} << 18;
/// Linear memory cost per 32-byte word.
inline constexpr uint64_t kMemoryWordCost = 3;
/// Divisor of the quadratic memory term: ⌊w² / 512⌋.
inline constexpr uint64_t kMemoryQuadDivisor = 512;

/// Number of 32-byte words covering `bytes` bytes.
constexpr uint64_t words_of(uint64_t bytes) {
  return (bytes + 31) / 32;
}

/// Gas of `words` 32-byte words of memory: 3·w + ⌊w²/512⌋. An external frame's memory
/// and its word buffer of locals and operand stacks share this one quadratic: growing
/// either from a total of `a` to `b` words (memory words + the buffer's high-water mark)
/// costs `memory_cost(b) − memory_cost(a)`.
constexpr uint64_t memory_cost(uint64_t words) {
  return kMemoryWordCost * words + words * words / kMemoryQuadDivisor;
}

// ---- State access (EIP-2929) ------------------------------------------------------------

/// SLOAD of a slot already accessed in this transaction; also BALANCE and EXTCODESIZE of
/// a warm account, and SSTORE's charge when the slot stays as it is or is already dirty.
inline constexpr uint64_t kWarmAccessCost = 100;
/// First access of a storage slot in the transaction (SLOAD; SSTORE adds it).
inline constexpr uint64_t kColdStorageAccessCost = 2100;
/// BALANCE or EXTCODESIZE of an account not yet accessed in the transaction.
inline constexpr uint64_t kColdAccountAccessCost = 2600;
/// What CALL, STATICCALL and TRANSFER add for a cold account (their static gas covers
/// the warm access).
inline constexpr uint64_t kColdAccountSurcharge = kColdAccountAccessCost - kWarmAccessCost;
/// A cold account access (BALANCE, EXTCODESIZE, CALL, STATICCALL, TRANSFER) adds this much
/// per 32-byte word of the account's code: what loading that code (parse, validate,
/// pre-decode) costs the VM. The transaction's own recipient pays nothing (it starts warm).
inline constexpr uint64_t kColdCodePerWordCost = 192;
/// The most code (the sum of container sizes of distinct code hashes) one transaction may
/// make the VM load; the frame whose code would pass it traps.
inline constexpr uint64_t kMaxTransactionCode = uint64_t{1} << 20;

/// What a cold access adds for an account holding `code_size` bytes of code.
constexpr uint64_t cold_code_cost(uint64_t code_size) {
  return kColdCodePerWordCost * words_of(code_size);
}

// ---- SSTORE (EIP-2200 without refunds) ------------------------------------------------------

/// SSTORE of a non-zero value to a clean slot whose original value is zero.
inline constexpr uint64_t kStorageSetCost = 20000;
/// SSTORE of a new value to a clean slot whose original value is non-zero.
inline constexpr uint64_t kStorageResetCost = 2900;
/// SSTORE of the current value, or to a slot already written in this transaction.
inline constexpr uint64_t kStorageDirtyCost = kWarmAccessCost;
/// The most one SSTORE can cost: a cold slot set from zero.
inline constexpr uint64_t kMaxStorageStoreCost = kColdStorageAccessCost + kStorageSetCost;

// ---- Calls and creation ---------------------------------------------------------------------

/// What CALL adds when it sends a non-zero value.
inline constexpr uint64_t kCallValueCost = 9000;
/// CREATE, per byte of the child container.
inline constexpr uint64_t kCreatePerByteCost = 200;
/// The 63/64 rule: a call or creation keeps ⌊g/64⌋ of the gas left `g`.
inline constexpr int64_t kRetainedGasDivisor = 64;

/// CALLF, per non-parameter local of the callee (charged with the block's static gas: the
/// validator adds it to CALLF's table cost, since the callee is known at validation).
inline constexpr uint32_t kCallfPerLocalCost = 1;

/// The most gas a call or creation may forward out of `gas_left`: g − ⌊g/64⌋.
constexpr int64_t forwardable_gas(int64_t gas_left) {
  return gas_left - gas_left / kRetainedGasDivisor;
}

// ---- Block history ---------------------------------------------------------------------------

/// BLOCKHASH's static gas (Ethereum's G_blockhash): the host looks a hash up in the chain's
/// recent headers (the node reads them once per block and keeps the 256-block window).
inline constexpr uint32_t kBlockHashCost = 20;
/// How many blocks before the current one BLOCKHASH can see.
inline constexpr uint64_t kBlockHashWindow = 256;

// ---- Per-byte and per-word costs ------------------------------------------------------------

/// EXP and EXPC, per byte of the exponent (⌈bits(e)/8⌉).
inline constexpr uint64_t kExpPerByteCost = 50;
/// MCOPY, MFILL, CALLDATACOPY, RETURNDATACOPY, per 32-byte word.
inline constexpr uint64_t kCopyPerWordCost = 3;
/// KECCAK256, per 32-byte word hashed (measured: docs/gas.md, "Why these prices").
inline constexpr uint64_t kKeccakPerWordCost = 16;
/// SHA256, per 32-byte word hashed.
inline constexpr uint64_t kSha256PerWordCost = 12;
/// LOG0..LOG4, per byte of data.
inline constexpr uint64_t kLogPerByteCost = 8;
/// DEBUGLOG, per byte of the payload (as a log's data: the host may copy or print it).
inline constexpr uint64_t kDebugLogPerByteCost = 8;

}  // namespace tenet::vm
