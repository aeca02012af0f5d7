#pragma once
/// \file
/// Shared pieces of the `tenet` subcommands: file I/O, loading bytecode, checking and
/// compiling Tenet sources, picking a contract.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/compiler/source.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::cli {

/// Exit codes (toolchain.md §1).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// Replaces the '-' of a negative number on the command line until the command that
/// takes it restores it (restore_negative), so that the parser does not read it as an
/// option.
inline constexpr char kNegativeMarker = '\x1e';
/// `arg` with a leading kNegativeMarker turned back into '-'.
inline std::string restore_negative(std::string arg) {
  if (!arg.empty() && arg[0] == kNegativeMarker) arg[0] = '-';
  return arg;
}

/// The whole file, or an error naming it.
vm::Result<std::string> read_file(const std::string& path);
/// Container bytes from a `.tasm` (assembled), `.tbc` (binary, or hex text) or `.tn`
/// (compiled at -O2; the last contract of the file) file.
vm::Result<std::vector<uint8_t>> load_bytecode(const std::string& path, bool test_mode = false);
/// Prints `error: message` to stderr (in red on a terminal); a message that already
/// reads `file:line:col: error: …` is printed as it is.
void print_error(std::string_view message);
/// Prints `warning: message` to stderr, the same way.
void print_warning(std::string_view message);

/// The stdlib directory (the one holding `std/`): $TENET_STDLIB, else the installed one
/// beside the binary (PREFIX/share/tenet/stdlib for PREFIX/bin/tenet), else the source
/// tree's.
std::filesystem::path stdlib_dir();

/// A path as shown to the user: lexically normal, '/' separators, no trailing '/'.
std::string shown_path(const std::filesystem::path& p);

/// `ROOT/tenet.toml`, its warnings printed; none (the error printed) when it cannot be read.
std::optional<compiler::ProjectConfig> load_config(const std::filesystem::path& root);

/// A Tenet file after semantic analysis.
struct CheckedFile {
  compiler::SourceManager sources;                    ///< every file read
  std::unique_ptr<compiler::CheckedProgram> program;  ///< the checked program
  compiler::FileId entry = compiler::kNoFile;         ///< the file itself
};

/// Loads and checks `path`. Diagnostics (warnings too) are rendered into `diagnostics`;
/// the result is null when the file could not be read or has errors.
std::unique_ptr<CheckedFile> check_file(const std::string& path, std::string& diagnostics);

/// The contract `name` of `file` (one declared in it first, then an imported one), or
/// with an empty name the last contract declared in the file. Interfaces are refused.
vm::Result<const compiler::ContractInfo*> pick_contract(const CheckedFile& file,
                                                        const std::string& name);

/// The optimisation level for -O0, -O1, -O2.
compiler::OptLevel opt_level(int level);

/// Compiles `contract` of `file`; errors are the driver's message.
vm::Result<compiler::CompiledContract> compile(const CheckedFile& file,
                                               const compiler::ContractInfo& contract, int level,
                                               bool keep_ir = false);

}  // namespace tenet::cli
