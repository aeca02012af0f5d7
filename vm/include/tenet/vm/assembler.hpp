#pragma once
/// \file
/// The text form of bytecode (`.tasm`), both ways. The syntax is in
/// docs/bytecode.md §Assembly. `disassemble` output assembles back to the identical
/// container, byte for byte.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::vm {

/// Loads the bytes of a child container named by `.child "path"` (path as written,
/// relative to the including file's directory); the CLI assembles `.tasm` children.
using ChildLoader = std::function<Result<std::vector<uint8_t>>(std::string_view path)>;

/// Assembles `.tasm` source. `file_name` prefixes error messages
/// ("file.tasm:12:5: error: unknown instruction 'ADDD'"). Fills in every function's
/// max_stack and validates the result (with `options`).
Result<Container> assemble(std::string_view source, std::string_view file_name,
                           const ChildLoader& load_child = {},
                           const ValidationOptions& options = {});

/// The text form of a container.
std::string disassemble(const Container& c);

}  // namespace tenet::vm
