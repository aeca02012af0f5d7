// The one instruction decoder (decoder.hpp): the opcode table says how long each
// immediate is; JUMPTABLE's length comes from its entry count.
#include "tenet/vm/decoder.hpp"

namespace tenet::vm {

Result<Instruction, DecodeError> decode_instruction(std::span<const uint8_t> code,
                                                    uint32_t offset) {
  const uint8_t byte = code[offset];
  const OpInfo& info = kOpTable[byte];
  if (!info.defined) return DecodeError{DecodeError::Kind::UndefinedOpcode, offset, byte};
  const uint8_t* imm = code.data() + offset + 1;
  const auto left = static_cast<uint32_t>(code.size() - offset - 1);
  const auto truncated = [&](uint64_t needed, bool minimum) {
    return DecodeError{DecodeError::Kind::TruncatedImmediate, offset,  byte,
                       static_cast<uint32_t>(needed),         minimum, left};
  };
  Instruction ins{offset, 1, static_cast<Op>(byte), 0, {}};
  if (info.imm == Imm::Table) {
    if (left < 2) return truncated(jump_table_immediate_size(0), true);
    ins.immediate = load_be<uint16_t>(imm);
    const uint64_t needed = jump_table_immediate_size(ins.immediate);
    if (needed > left) return truncated(needed, false);
    ins.size += static_cast<uint32_t>(needed);
    ins.targets = JumpTargets(imm + 2, static_cast<uint32_t>(ins.immediate) + 1);
    return ins;
  }
  const unsigned needed = imm_size(info.imm);
  if (needed > left) return truncated(needed, false);
  ins.size += needed;
  ins.immediate = load_be(imm, needed);
  if (info.kind == OpKind::Jump || info.kind == OpKind::Branch) ins.targets = JumpTargets(imm, 1);
  return ins;
}

}  // namespace tenet::vm
