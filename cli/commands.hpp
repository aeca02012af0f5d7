#pragma once
/// \file
/// The `tenet` subcommands. Each adds itself to the CLI11 app and returns the action
/// to run when it was chosen; the action returns the process exit code.

#include <CLI/CLI.hpp>
#include <functional>

namespace tenet::cli {

/// A registered subcommand and what it does.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// `tenet asm FILE.tasm [-o OUT] [--hex]`
Command add_asm_command(CLI::App& parent);
/// `tenet disasm FILE.tbc`
Command add_disasm_command(CLI::App& parent);
/// `tenet compile FILE.tn [--emit ast|abi|layout|…] [-O0|-O1|-O2]`
Command add_compile_command(CLI::App& parent);
/// `tenet run FILE [--calldata HEX | --sig SIG ARGS…] [--gas G] [--value V] [--trace] [--json]`
Command add_run_command(CLI::App& parent);

}  // namespace tenet::cli
