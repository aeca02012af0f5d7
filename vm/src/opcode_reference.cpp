#include "tenet/vm/opcode_reference.hpp"

#include <string>

#include "tenet/vm/hex.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

std::string_view imm_name(Imm imm) {
  switch (imm) {
    case Imm::None: return "—";
    case Imm::U8: return "u8";
    case Imm::U16: return "u16";
    case Imm::U32: return "u32";
    case Imm::U64: return "u64";
    case Imm::Table: return "table";
  }
  return "?";
}

}  // namespace

std::string opcode_reference_markdown() {
  std::string out =
      "| byte | instruction | immediate | pops | pushes | static gas | semantics |\n"
      "|---|---|---|---|---|---|---|\n";
  for (unsigned byte = 0; byte < 256; ++byte) {
    const OpInfo& info = kOpTable[byte];
    if (!info.defined) continue;
    const std::string hex = hex_encode_byte(static_cast<uint8_t>(byte));
    std::string doc(info.doc);
    for (size_t pos = 0; (pos = doc.find('|', pos)) != std::string::npos; pos += 2) doc.replace(pos, 1, "\\|");
    out += "| " + hex + " | `" + std::string(info.name) + "` | " + std::string(imm_name(info.imm)) +
           " | " + (info.kind == OpKind::CallF ? std::string("callee") : std::to_string(info.pops)) + " | " +
           (info.kind == OpKind::CallF ? std::string("callee") : std::to_string(info.pushes)) + " | " +
           std::to_string(info.gas) + " | " + doc + " |\n";
  }
  return out;
}

}  // namespace tenet::vm
