#pragma once
/// \file
/// The instruction reference of docs/gas.md, generated from the opcode table.

#include <string>

namespace tenet::vm {

/// A Markdown table of every instruction: byte, mnemonic, immediate, stack
/// inputs/outputs, static gas and semantics, in byte order.
std::string opcode_reference_markdown();

}  // namespace tenet::vm
