#include "program.hpp"

#include <algorithm>

#include "tenet/vm/decoder.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

/// Pre-decodes one function into `prog`. `offset_to_index` maps a code offset to the
/// instruction index of the block charge (or instruction) that starts there.
void decode_function(Program& prog, const Container& c, const FunctionInfo& fn,
                     const FunctionAnalysis& fa, std::vector<uint32_t>& offset_to_index,
                     std::vector<std::pair<size_t, uint32_t>>& fixups) {
  size_t next_block = 0;
  const uint32_t end = fn.code_offset + fn.code_size;
  const auto code = std::span<const uint8_t>(c.code).first(end);
  for (uint32_t off = fn.code_offset; off < end;) {
    if (next_block < fa.blocks.size() && fa.blocks[next_block].start == off) {
      offset_to_index[off] = static_cast<uint32_t>(prog.code.size());
      prog.code.push_back(Instr::at(kOpBlock, off, fa.blocks[next_block].gas));
      ++next_block;
    } else {
      offset_to_index[off] = static_cast<uint32_t>(prog.code.size());
    }
    const Instruction decoded = decode_instruction(code, off).value();  // validated
    const auto imm = static_cast<uint32_t>(decoded.immediate);
    Instr ins = Instr::at(kHandlerOf[static_cast<uint8_t>(decoded.op)], off, imm);
    switch (decoded.op) {
      case Op::PUSH0:
      case Op::PUSH1:
      case Op::PUSH4:
        ins = Instr::at(kOpPushSmall, off, imm);
        break;
      case Op::PUSH8:
        ins.op = static_cast<uint8_t>(kHandler_PUSHC);
        ins.imm = static_cast<uint32_t>(prog.constants.size());
        prog.constants.push_back(Word{decoded.immediate});
        break;
      case Op::JUMP:
      case Op::JUMPI:
        fixups.emplace_back(prog.code.size(), decoded.targets[0]);
        break;
      case Op::JUMPTABLE:
        ins.imm = static_cast<uint32_t>(prog.tables.size());
        prog.tables.emplace_back(decoded.targets.begin(), decoded.targets.end());
        break;
      default:
        break;
    }
    prog.code.push_back(ins);
    off += decoded.size;
  }
}

}  // namespace

size_t Program::memory_bytes() const {
  const auto bytes_of = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  size_t n =
      sizeof(Program) + bytes_of(code) + bytes_of(entry) + bytes_of(constants) + bytes_of(tables);
  for (const auto& table : tables) n += bytes_of(table);
  const Container& c = container;
  n += bytes_of(c.functions) + bytes_of(c.exports) + bytes_of(c.constants) + bytes_of(c.children) +
       c.code.capacity() + c.metadata.capacity();
  for (const auto& child : c.children) n += child.capacity();
  return n;
}

Result<std::shared_ptr<const Program>> load_program(std::span<const uint8_t> bytes,
                                                    const ValidationOptions& options, Trust trust) {
  auto parsed = parse_container(bytes, max_container_size(options.allow_cheats));
  if (!parsed) return parsed.error();
  if (parsed->size != bytes.size())
    return Error{"container: " + std::to_string(bytes.size() - parsed->size) +
                 " unexpected bytes after the container"};
  auto analysis = trust == Trust::Validated ? analyze_validated(parsed->container)
                                            : validate(parsed->container, options);
  if (!analysis) return analysis.error();

  auto prog = std::make_shared<Program>();
  prog->container = std::move(parsed->container);
  const Container& c = prog->container;
  prog->constants = c.constants;
  size_t blocks = 0;
  for (const FunctionAnalysis& fa : analysis->functions) blocks += fa.blocks.size();
  std::vector<uint32_t> offset_to_index(c.code.size() + 1, 0);
  std::vector<std::pair<size_t, uint32_t>> fixups;
  prog->code.reserve(c.code.size() + blocks);  // at most one instruction per byte, plus blocks
  for (size_t f = 0; f < c.functions.size(); ++f) {
    prog->entry.push_back(static_cast<uint32_t>(prog->code.size()));
    decode_function(*prog, c, c.functions[f], analysis->functions[f], offset_to_index, fixups);
  }
  for (auto [index, target] : fixups) prog->code[index].imm = offset_to_index[target];
  for (auto& table : prog->tables)
    for (auto& target : table) target = offset_to_index[target];
  prog->code.shrink_to_fit();  // the cache counts capacity: keep it exact
  prog->entry.shrink_to_fit();
  prog->constants.shrink_to_fit();
  prog->tables.shrink_to_fit();
  return std::shared_ptr<const Program>(std::move(prog));
}

}  // namespace tenet::vm
