#pragma once
/// \file
/// The one opcode table. Every fact about an instruction — its byte, name,
/// immediate, stack inputs and outputs, static gas, kind and one-line semantics —
/// lives in `TENET_OPCODES` below. The assembler, disassembler, validator,
/// interpreter dispatch and `docs/gas.md` (see `tests/vm/opcode_table_test.cpp`) are all
/// derived from it.
///
/// Stack notation: operands are listed bottom to top, so in `a b -> a - b` the value
/// `b` is on top of the stack. Words are 256-bit; "bool" results are 0 or 1.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tenet/vm/gas.hpp"

namespace tenet::vm {

/// The immediate operand that follows an opcode byte in the code section.
enum class Imm : uint8_t {
  None,   ///< no immediate
  U8,     ///< 1 byte
  U16,    ///< 2 bytes, big-endian
  U32,    ///< 4 bytes, big-endian
  U64,    ///< 8 bytes, big-endian
  Table,  ///< JUMPTABLE: u16 count, u32 default target, count × u32 targets
};

/// How an instruction affects control flow and validation.
enum class OpKind : uint8_t {
  Plain,       ///< falls through to the next instruction
  Jump,        ///< unconditional static jump (ends a basic block)
  Branch,      ///< conditional static jump (ends a basic block)
  Table,       ///< indexed static jump (ends a basic block)
  CallF,       ///< internal call; stack effect comes from the callee's signature
  Terminator,  ///< ends the function or the frame; nothing falls through
  TestOnly,    ///< cheat code: rejected by the validator outside test mode
};

// X(NAME, BYTE, IMM, POPS, PUSHES, GAS, KIND, "semantics")
// GAS is the static cost, charged per basic block on entry (docs/gas.md);
// dynamic costs are listed in the semantics and in docs/gas.md.
#define TENET_OPCODES(X)                                                                        \
  /* control */                                                                                 \
  X(STOP, 0x00, None, 0, 0, 0, Terminator, "end the call successfully with empty output")       \
  X(TRAP, 0x01, None, 0, 0, 0, Terminator, "abort the call: all gas consumed (status trap)")  \
  X(RETURN, 0x02, None, 2, 0, 0, Terminator, "off len -> ; end the call with memory[off..off+len] as output (+memory growth)") \
  X(REVERT, 0x03, None, 2, 0, 0, Terminator, "off len -> ; revert the call with memory[off..off+len] as revert data (+memory growth)") \
  X(PANIC, 0x04, U8, 0, 0, 0, Terminator, "revert the call with Panic(uint256(imm)) revert data")        \
  X(JUMP, 0x05, U32, 0, 0, 2, Jump, "continue at code offset imm")                              \
  X(JUMPI, 0x06, U32, 1, 0, 3, Branch, "c -> ; continue at code offset imm if c != 0")            \
  X(JUMPTABLE, 0x07, Table, 1, 0, 5, Table, "i -> ; continue at targets[i], or at the default if i >= count") \
  X(CALLF, 0x08, U16, 0, 0, 5, CallF, "args -> results ; call function imm (+1 gas per callee local)") \
  X(RETF, 0x09, None, 0, 0, 2, Terminator, "results -> ; return from an internal function")       \
  X(SELECT, 0x0a, None, 3, 1, 3, Plain, "a b c -> (c != 0 ? a : b)")                              \
  /* constants, stack and locals */                                                             \
  X(PUSH0, 0x10, None, 0, 1, 1, Plain, "-> 0")                                                   \
  X(PUSH1, 0x11, U8, 0, 1, 1, Plain, "-> imm (1 byte)")                                          \
  X(PUSH4, 0x12, U32, 0, 1, 1, Plain, "-> imm (4 bytes)")                                        \
  X(PUSH8, 0x13, U64, 0, 1, 1, Plain, "-> imm (8 bytes)")                                        \
  X(PUSHC, 0x14, U16, 0, 1, 1, Plain, "-> constants[imm]")                                       \
  X(POP, 0x15, None, 1, 0, 1, Plain, "a -> ")                                                    \
  X(DUP, 0x16, U8, 0, 1, 1, Plain, "push a copy of the item imm below the top (0 = top)")        \
  X(SWAP, 0x17, U8, 0, 0, 1, Plain, "swap the top with the item imm (>= 1) below it")            \
  X(LGET, 0x18, U16, 0, 1, 1, Plain, "-> local[imm]")                                            \
  X(LSET, 0x19, U16, 1, 0, 1, Plain, "a -> ; local[imm] = a")                                    \
  X(LTEE, 0x1a, U16, 1, 1, 1, Plain, "a -> a ; local[imm] = a")                                  \
  /* wrapping arithmetic */                                                                     \
  X(ADD, 0x20, None, 2, 1, 3, Plain, "a b -> a + b mod 2^256")                                   \
  X(SUB, 0x21, None, 2, 1, 3, Plain, "a b -> a - b mod 2^256")                                   \
  X(MUL, 0x22, None, 2, 1, 5, Plain, "a b -> a * b mod 2^256")                                   \
  X(DIV, 0x23, None, 2, 1, 5, Plain, "a b -> a / b unsigned; 0 if b = 0")                        \
  X(SDIV, 0x24, None, 2, 1, 8, Plain, "a b -> a / b signed, toward zero; 0 if b = 0; MIN / -1 = MIN") \
  X(MOD, 0x25, None, 2, 1, 5, Plain, "a b -> a % b unsigned; 0 if b = 0")                        \
  X(SMOD, 0x26, None, 2, 1, 8, Plain, "a b -> a % b signed, sign of a; 0 if b = 0")              \
  X(ADDMOD, 0x27, None, 3, 1, 8, Plain, "a b m -> (a + b) % m exactly; 0 if m = 0")              \
  X(MULMOD, 0x28, None, 3, 1, 14, Plain, "a b m -> (a * b) % m exactly; 0 if m = 0")              \
  X(EXP, 0x29, None, 2, 1, 10, Plain, "a e -> a ** e mod 2^256 (+50 gas per byte of e)")         \
  X(SEXT, 0x2a, U8, 1, 1, 3, Plain, "a -> a sign-extended from bit imm (0..255)")                 \
  X(MULO, 0x2b, None, 2, 1, 5, Plain, "a b -> 1 if a * b overflows 256 bits, else 0")             \
  /* checked arithmetic: Panic(0x11) on overflow, Panic(0x12) on a zero divisor */              \
  X(ADDC, 0x30, None, 2, 1, 3, Plain, "a b -> a + b unsigned; Panic(0x11) on overflow")           \
  X(SUBC, 0x31, None, 2, 1, 3, Plain, "a b -> a - b unsigned; Panic(0x11) if b > a")              \
  X(MULC, 0x32, None, 2, 1, 5, Plain, "a b -> a * b unsigned; Panic(0x11) on overflow")           \
  X(DIVC, 0x33, None, 2, 1, 5, Plain, "a b -> a / b unsigned; Panic(0x12) if b = 0")              \
  X(MODC, 0x34, None, 2, 1, 5, Plain, "a b -> a % b unsigned; Panic(0x12) if b = 0")              \
  X(SADDC, 0x35, None, 2, 1, 3, Plain, "a b -> a + b signed; Panic(0x11) on overflow")            \
  X(SSUBC, 0x36, None, 2, 1, 3, Plain, "a b -> a - b signed; Panic(0x11) on overflow")            \
  X(SMULC, 0x37, None, 2, 1, 5, Plain, "a b -> a * b signed; Panic(0x11) on overflow")            \
  X(SDIVC, 0x38, None, 2, 1, 8, Plain, "a b -> a / b signed; Panic(0x12) if b = 0, Panic(0x11) if MIN / -1") \
  X(SMODC, 0x39, None, 2, 1, 8, Plain, "a b -> a % b signed; Panic(0x12) if b = 0")               \
  X(EXPC, 0x3a, None, 2, 1, 10, Plain, "a e -> a ** e unsigned; Panic(0x11) on overflow (+50 gas per byte of e)") \
  /* comparison */                                                                              \
  X(LT, 0x40, None, 2, 1, 3, Plain, "a b -> a < b unsigned")                                     \
  X(GT, 0x41, None, 2, 1, 3, Plain, "a b -> a > b unsigned")                                     \
  X(SLT, 0x42, None, 2, 1, 3, Plain, "a b -> a < b signed")                                      \
  X(SGT, 0x43, None, 2, 1, 3, Plain, "a b -> a > b signed")                                      \
  X(EQ, 0x44, None, 2, 1, 3, Plain, "a b -> a == b")                                             \
  X(ISZERO, 0x45, None, 1, 1, 3, Plain, "a -> a == 0")                                           \
  /* bitwise */                                                                                 \
  X(AND, 0x48, None, 2, 1, 3, Plain, "a b -> a & b")                                             \
  X(OR, 0x49, None, 2, 1, 3, Plain, "a b -> a | b")                                              \
  X(XOR, 0x4a, None, 2, 1, 3, Plain, "a b -> a ^ b")                                             \
  X(NOT, 0x4b, None, 1, 1, 3, Plain, "a -> ~a")                                                  \
  X(SHL, 0x4c, None, 2, 1, 3, Plain, "a s -> a << s; 0 if s >= 256")                             \
  X(SHR, 0x4d, None, 2, 1, 3, Plain, "a s -> a >> s logical; 0 if s >= 256")                     \
  X(SAR, 0x4e, None, 2, 1, 3, Plain, "a s -> a >> s arithmetic; 0 or -1 if s >= 256")            \
  X(BYTE, 0x4f, None, 2, 1, 3, Plain, "a i -> byte i of a, 0 = most significant; 0 if i >= 32")  \
  X(CLZ, 0x50, None, 1, 1, 5, Plain, "a -> number of leading zero bits (256 for 0)")             \
  X(CTZ, 0x51, None, 1, 1, 5, Plain, "a -> number of trailing zero bits (256 for 0)")            \
  X(POPCNT, 0x52, None, 1, 1, 5, Plain, "a -> number of one bits")                               \
  X(BSWAP, 0x53, None, 1, 1, 5, Plain, "a -> a with its 32 bytes reversed")                      \
  /* memory (per call frame, byte-addressed, zero-initialised) */                               \
  X(MLOAD, 0x60, None, 1, 1, 3, Plain, "off -> memory[off..off+32] big-endian (+memory growth)")  \
  X(MSTORE, 0x61, None, 2, 0, 3, Plain, "off v -> ; memory[off..off+32] = v big-endian (+memory growth)") \
  X(MSTORE8, 0x62, None, 2, 0, 3, Plain, "off v -> ; memory[off] = v & 0xff (+memory growth)")    \
  X(MSIZE, 0x63, None, 0, 1, 2, Plain, "-> memory size in bytes (a multiple of 32)")             \
  X(MCOPY, 0x64, None, 3, 0, 3, Plain, "dst src len -> ; memmove within memory (+3 gas per word, memory growth)") \
  X(MFILL, 0x65, None, 3, 0, 3, Plain, "dst v len -> ; fill len bytes with v & 0xff (+3 gas per word, memory growth)") \
  /* call data and return data */                                                               \
  X(CALLDATALOAD, 0x68, None, 1, 1, 3, Plain, "off -> calldata[off..off+32], zero-padded")       \
  X(CALLDATASIZE, 0x69, None, 0, 1, 2, Plain, "-> size of the call data")                       \
  X(CALLDATACOPY, 0x6a, None, 3, 0, 3, Plain, "dst off len -> ; copy call data to memory, zero-padded (+3 gas per word, memory growth)") \
  X(RETURNDATASIZE, 0x6b, None, 0, 1, 2, Plain, "-> size of the last external call's output")    \
  X(RETURNDATACOPY, 0x6c, None, 3, 0, 3, Plain, "dst off len -> ; copy return data to memory; TRAP if off+len exceeds it (+3 gas per word, memory growth)") \
  /* storage */                                                                                 \
  X(SLOAD, 0x70, None, 1, 1, 0, Plain, "key -> storage[key] (100 warm / 2100 cold)")             \
  X(SSTORE, 0x71, None, 2, 0, 0, Plain, "key v -> ; storage[key] = v (cost by EIP-2200 rules, no refunds; static context: TRAP)") \
  /* hashing and signatures */                                                                  \
  X(KECCAK256, 0x78, None, 2, 1, 72, Plain, "off len -> keccak256(memory[off..off+len]) (+16 gas per word, memory growth)") \
  X(SHA256, 0x79, None, 2, 1, 60, Plain, "off len -> sha256(memory[off..off+len]) (+12 gas per word, memory growth)") \
  X(ECRECOVER, 0x7a, None, 4, 1, 8000, Plain, "h v r s -> signer address, or 0 if the signature is invalid") \
  /* context */                                                                                 \
  X(ADDRESS, 0x80, None, 0, 1, 2, Plain, "-> address of the executing contract")                \
  X(CALLER, 0x81, None, 0, 1, 2, Plain, "-> msg.sender")                                        \
  X(CALLVALUE, 0x82, None, 0, 1, 2, Plain, "-> msg.value")                                      \
  X(ORIGIN, 0x83, None, 0, 1, 2, Plain, "-> tx.origin")                                         \
  X(GASPRICE, 0x84, None, 0, 1, 2, Plain, "-> tx.gas_price")                                    \
  X(COINBASE, 0x85, None, 0, 1, 2, Plain, "-> block.coinbase")                                  \
  X(TIMESTAMP, 0x86, None, 0, 1, 2, Plain, "-> block.timestamp")                                \
  X(NUMBER, 0x87, None, 0, 1, 2, Plain, "-> block.number")                                      \
  X(CHAINID, 0x88, None, 0, 1, 2, Plain, "-> block.chain_id")                                   \
  X(GASLIMIT, 0x89, None, 0, 1, 2, Plain, "-> block.gas_limit")                                 \
  X(BASEFEE, 0x8a, None, 0, 1, 2, Plain, "-> block.base_fee")                                   \
  X(GAS, 0x8b, None, 0, 1, 2, Plain, "-> gas left (after the current block's static cost)")     \
  X(BALANCE, 0x8c, None, 1, 1, 0, Plain, "a -> balance of account a (100 warm / 2600 + 192 per code word cold)")    \
  X(SELFBALANCE, 0x8d, None, 0, 1, 5, Plain, "-> balance of the executing contract")            \
  X(EXTCODESIZE, 0x8e, None, 1, 1, 0, Plain, "a -> size of the code at a (100 warm / 2600 + 192 per code word cold)") \
  X(DIFFICULTY, 0x8f, None, 0, 1, 2, Plain, "-> block.difficulty")                             \
  /* value, calls and creation */                                                               \
  X(TRANSFER, 0x90, None, 2, 1, 9000, Plain, "to v -> ok ; move v native coin to `to`, running no code; ok = 0 if short (+2500 + 192 per code word if cold; static context: TRAP)") \
  X(CALL, 0x91, None, 5, 1, 100, Plain, "gas to v off len -> ok ; call `to` with memory[off..off+len] (+2500 + 192 per code word cold, +9000 if v != 0; at most 63/64 of gas left is forwarded)") \
  X(STATICCALL, 0x92, None, 4, 1, 100, Plain, "gas to off len -> ok ; call `to` in a static context (+2500 + 192 per code word cold; 63/64 rule)") \
  X(CREATE, 0x93, U16, 3, 1, 32000, Plain, "v off len -> addr ; deploy child container imm with constructor arguments memory[off..off+len]; 0 on failure (+200 gas per byte of the container; static context: TRAP)") \
  /* block history */                                                                           \
  X(BLOCKHASH, 0x94, None, 1, 1, kBlockHashCost, Plain, "n -> hash of block n if number - 256 <= n < number, else 0") \
  /* logs */                                                                                    \
  X(LOG0, 0xa0, None, 2, 0, 375, Plain, "off len -> ; log memory[off..off+len] (+8 gas per byte; static context: TRAP)") \
  X(LOG1, 0xa1, None, 3, 0, 750, Plain, "off len t1 -> ; log with 1 topic (+8 gas per byte)")   \
  X(LOG2, 0xa2, None, 4, 0, 1125, Plain, "off len t1 t2 -> ; log with 2 topics (+8 gas per byte)") \
  X(LOG3, 0xa3, None, 5, 0, 1500, Plain, "off len t1 t2 t3 -> ; log with 3 topics (+8 gas per byte)") \
  X(LOG4, 0xa4, None, 6, 0, 1875, Plain, "off len t1 t2 t3 t4 -> ; log with 4 topics (+8 gas per byte)") \
  X(DEBUGLOG, 0xa8, None, 2, 0, 100, Plain, "off len -> ; hand memory[off..off+len] to the host's debug log (+8 gas per byte, memory growth; no effect on chain)") \
  /* test mode only */                                                                          \
  X(CHEAT, 0xf0, U16, 2, 1, 0, TestOnly, "off len -> ok ; cheat code imm with ABI arguments memory[off..off+len]; output as return data")

/// An opcode byte.
enum class Op : uint8_t {
#define TENET_X(name, byte, imm, pops, pushes, gas, kind, doc) name = byte,
  TENET_OPCODES(TENET_X)
#undef TENET_X
};

/// Everything the table says about one opcode.
struct OpInfo {
  std::string_view name;       ///< mnemonic, upper case
  Imm imm = Imm::None;         ///< immediate operand
  uint8_t pops = 0;            ///< stack items consumed
  uint8_t pushes = 0;          ///< stack items produced
  uint32_t gas = 0;            ///< static gas
  OpKind kind = OpKind::Plain; ///< control-flow kind
  std::string_view doc;        ///< one-line semantics
  bool defined = false;        ///< false for unassigned bytes
};

/// The table indexed by opcode byte; undefined bytes have `defined == false`.
inline constexpr std::array<OpInfo, 256> kOpTable = [] {
  std::array<OpInfo, 256> t{};
#define TENET_X(name_, byte, imm_, pops_, pushes_, gas_, kind_, doc_)                   \
  t[byte] = OpInfo{#name_, Imm::imm_, pops_, pushes_, gas_, OpKind::kind_, doc_, true};
  TENET_OPCODES(TENET_X)
#undef TENET_X
  return t;
}();

/// The table entry for `op`.
constexpr const OpInfo& op_info(Op op) { return kOpTable[static_cast<uint8_t>(op)]; }

/// Size in bytes of a fixed immediate (0 for None; Table is variable and returns 0: see
/// decoder.hpp, which decodes whole instructions).
constexpr unsigned imm_size(Imm imm) {
  switch (imm) {
    case Imm::U8: return 1;
    case Imm::U16: return 2;
    case Imm::U32: return 4;
    case Imm::U64: return 8;
    default: return 0;
  }
}

/// Looks an opcode up by mnemonic (case-sensitive, upper case).
std::optional<Op> op_from_name(std::string_view name);

}  // namespace tenet::vm
