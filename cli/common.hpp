#pragma once
/// \file
/// Shared pieces of the `tenet` subcommands: file and hex I/O, loading bytecode.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::cli {

/// Exit codes (toolchain.md §1).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// The whole file, or an error naming it.
vm::Result<std::string> read_file(const std::string& path);
/// Container bytes from a `.tasm` (assembled) or `.tbc` (binary, or hex text) file.
vm::Result<std::vector<uint8_t>> load_bytecode(const std::string& path, bool test_mode = false);
/// Prints `error: message` to stderr (in red on a terminal).
void print_error(std::string_view message);

}  // namespace tenet::cli
