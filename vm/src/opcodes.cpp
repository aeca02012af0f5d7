#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {

std::optional<Op> op_from_name(std::string_view name) {
  for (unsigned byte = 0; byte < kOpTable.size(); ++byte) {
    const OpInfo& info = kOpTable[byte];
    if (info.defined && info.name == name) return static_cast<Op>(byte);
  }
  return std::nullopt;
}

}  // namespace tenet::vm
