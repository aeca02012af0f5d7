#include "program.hpp"

#include <algorithm>

#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

uint64_t read_be(const uint8_t* p, unsigned n) {
  uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

/// Pre-decodes one function into `prog`. `offset_to_index` maps a code offset to the
/// instruction index of the block charge (or instruction) that starts there.
void decode_function(Program& prog, const Container& c, const FunctionInfo& fn,
                     const FunctionAnalysis& fa, std::vector<uint32_t>& offset_to_index,
                     std::vector<std::pair<size_t, uint32_t>>& fixups) {
  size_t next_block = 0;
  const uint32_t end = fn.code_offset + fn.code_size;
  for (uint32_t off = fn.code_offset; off < end;) {
    if (next_block < fa.blocks.size() && fa.blocks[next_block].start == off) {
      offset_to_index[off] = static_cast<uint32_t>(prog.code.size());
      prog.code.push_back(Instr{kOpBlock, 0, fa.blocks[next_block].gas});
      prog.pc.push_back(off);
      ++next_block;
    } else {
      offset_to_index[off] = static_cast<uint32_t>(prog.code.size());
    }
    const Op op = static_cast<Op>(c.code[off]);
    const OpInfo& info = op_info(op);
    const uint8_t* imm_ptr = &c.code[off + 1];
    Instr ins{kHandlerOf[static_cast<uint8_t>(op)], 0, 0};
    uint32_t size = 1 + imm_size(info.imm);
    switch (op) {
      case Op::PUSH0: ins = {kOpPushSmall, 0, 0}; break;
      case Op::PUSH1: ins = {kOpPushSmall, 0, static_cast<uint32_t>(read_be(imm_ptr, 1))}; break;
      case Op::PUSH4: ins = {kOpPushSmall, 0, static_cast<uint32_t>(read_be(imm_ptr, 4))}; break;
      case Op::PUSH8:
        ins = {kHandler_PUSHC, 0, static_cast<uint32_t>(prog.constants.size())};
        prog.constants.push_back(Word{read_be(imm_ptr, 8)});
        break;
      case Op::JUMP:
      case Op::JUMPI:
        fixups.emplace_back(prog.code.size(), static_cast<uint32_t>(read_be(imm_ptr, 4)));
        break;
      case Op::JUMPTABLE: {
        const unsigned count = static_cast<unsigned>(read_be(imm_ptr, 2));
        size = 1 + 2 + 4 + 4 * count;
        std::vector<uint32_t> targets;
        for (unsigned i = 0; i <= count; ++i)
          targets.push_back(static_cast<uint32_t>(read_be(imm_ptr + 2 + 4 * i, 4)));
        ins.imm = static_cast<uint32_t>(prog.tables.size());
        prog.tables.push_back(std::move(targets));
        break;
      }
      default:
        if (info.imm != Imm::None) ins.imm = static_cast<uint32_t>(read_be(imm_ptr, imm_size(info.imm)));
        break;
    }
    prog.code.push_back(ins);
    prog.pc.push_back(off);
    off += size;
  }
}

}  // namespace

Result<std::shared_ptr<const Program>> load_program(std::span<const uint8_t> bytes,
                                                    const ValidationOptions& options) {
  auto parsed = parse_container(bytes);
  if (!parsed) return parsed.error();
  if (parsed->size != bytes.size())
    return Error{"container: " + std::to_string(bytes.size() - parsed->size) +
                 " unexpected bytes after the container"};
  auto analysis = validate(parsed->container, options);
  if (!analysis) return analysis.error();

  auto prog = std::make_shared<Program>();
  prog->container = std::move(parsed->container);
  const Container& c = prog->container;
  prog->constants = c.constants;
  std::vector<uint32_t> offset_to_index(c.code.size() + 1, 0);
  std::vector<std::pair<size_t, uint32_t>> fixups;
  for (size_t f = 0; f < c.functions.size(); ++f) {
    prog->entry.push_back(static_cast<uint32_t>(prog->code.size()));
    decode_function(*prog, c, c.functions[f], analysis->functions[f], offset_to_index, fixups);
  }
  for (auto [index, target] : fixups) prog->code[index].imm = offset_to_index[target];
  for (auto& table : prog->tables)
    for (auto& target : table) target = offset_to_index[target];
  return std::shared_ptr<const Program>(std::move(prog));
}

}  // namespace tenet::vm
