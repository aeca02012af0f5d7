#pragma once
/// \file
/// The pre-decoded form of a validated container (internal to the VM): fixed 8-byte
/// instructions with resolved jump targets and explicit block-gas charges, so the
/// interpreter's hot loop does no decoding.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/validator.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// Dense handler numbers: one per opcode of the table (in table order), then the
/// pseudo-instructions that exist only in pre-decoded code.
enum Handler : uint16_t {
#define TENET_X(name, ...) kHandler_##name,
  TENET_OPCODES(TENET_X)
#undef TENET_X
      kOpBlock,  ///< charge `imm` gas on entering a basic block
  kOpPushSmall,  ///< push the small constant `imm` (from PUSH0/PUSH1/PUSH4)
  kHandlerCount,
};

/// The handler of each opcode byte (valid for defined opcodes only).
inline constexpr std::array<uint16_t, 256> kHandlerOf = [] {
  std::array<uint16_t, 256> t{};
#define TENET_X(name, byte, ...) t[byte] = kHandler_##name;
  TENET_OPCODES(TENET_X)
#undef TENET_X
  return t;
}();

/// One pre-decoded instruction.
struct Instr {
  uint8_t op = 0;       ///< a Handler
  uint8_t pc_high = 0;  ///< original code offset, bits 16–23 (see pc())
  uint16_t pc_low = 0;  ///< original code offset, bits 0–15
  uint32_t imm = 0;  ///< decoded immediate: local, constant or table index, target instruction, gas

  /// An instruction of handler `op` at code offset `pc` with immediate `imm`.
  static Instr at(uint16_t op, uint32_t pc, uint32_t imm) {
    return Instr{static_cast<uint8_t>(op), static_cast<uint8_t>(pc >> 16),
                 static_cast<uint16_t>(pc), imm};
  }
  /// The original code offset (traces, the raw opcode of shared handlers).
  uint32_t pc() const { return uint32_t{pc_high} << 16 | pc_low; }
};
static_assert(sizeof(Instr) == 8);
static_assert(kHandlerCount <= 0x100, "a handler must fit Instr::op");
static_assert(ContainerLimits::kMaxTestContainerSize <= 0x1000000,
              "a code offset must fit Instr::pc()");

/// A validated, pre-decoded container.
struct Program {
  Container container;                        ///< the parsed container (function table, children)
  std::vector<Instr> code;                    ///< all functions, each starting with a block charge
  std::vector<uint32_t> entry;                ///< instruction index of each function's entry
  std::vector<Word> constants;                ///< container constants, then PUSH8 values
  std::vector<std::vector<uint32_t>> tables;  ///< JUMPTABLE: default target, then targets

  /// The native memory the program holds: the struct and the capacities of its vectors
  /// (the code cache's unit; allocator overhead not counted).
  size_t memory_bytes() const;
};

/// Whether load_program checks the container.
enum class Trust : uint8_t {
  Validate,   ///< untrusted bytes: every validation rule is checked
  Validated,  ///< bytes with this code hash passed `validate` before: decode only
};

/// Parses, validates (unless `trust` says it was) and pre-decodes container bytes.
Result<std::shared_ptr<const Program>> load_program(std::span<const uint8_t> bytes,
                                                    const ValidationOptions& options,
                                                    Trust trust = Trust::Validate);

}  // namespace tenet::vm
