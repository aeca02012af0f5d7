#pragma once
/// \file
/// The `tenet` subcommands. Each adds itself to the CLI11 app and returns the action
/// to run when it was chosen; the action returns the process exit code.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace tenet::cli {

/// A registered subcommand and what it does.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// `tenet init DIR`
Command add_init_command(CLI::App& parent);
/// `tenet build [--root DIR] [-O0|-O1|-O2] [--out DIR]`
Command add_build_command(CLI::App& parent);
/// `tenet asm FILE.tasm [-o OUT] [--hex]`
Command add_asm_command(CLI::App& parent);
/// `tenet disasm FILE.tbc`
Command add_disasm_command(CLI::App& parent);
/// `tenet compile FILE.tn [--emit ast|llvm|llvm-opt|asm|bytecode|abi|layout|gas] [-O0|-O1|-O2]
/// [--contract NAME]`
Command add_compile_command(CLI::App& parent);
/// `tenet run FILE [--contract NAME] [-O N] [--ctor TYPES] [--args ARGS…] [--calldata HEX | --sig
/// SIG ARGS…]
/// [--gas G] [--value V] [--trace] [--json]`
Command add_run_command(CLI::App& parent);

/// `tenet test [--root DIR] [--match-test RE] [--match-contract RE] [--match-path GLOB]
/// [--fuzz-runs N] [--fuzz-seed N] [-O0|-O1|-O2] [-j N] [-v…] [--rerun] …`
/// (docs/testing.md)
Command add_test_command(CLI::App& parent);
/// `tenet coverage [--root DIR] [--report summary|lcov|html] [--match-* …] [-j N]`
/// (docs/testing.md)
Command add_coverage_command(CLI::App& parent);

/// `tenet lsp [--stdio]`: the language server over stdin/stdout (docs/cli.md)
Command add_lsp_command(CLI::App& parent);

/// `tenet node [--host H] [--port P] [--data-dir DIR | --in-memory] [--chain-id N] … [--verify]`
/// (toolchain.md §1, docs/cli.md)
Command add_node_command(CLI::App& parent);
/// `tenet deploy CONTRACT [ARGS…] [--rpc URL] [--root DIR] [--key HEX | --from ADDR] [--value V]
/// [--gas G]`
Command add_deploy_command(CLI::App& parent);
/// `tenet call ADDR "fn(types)(results)" [ARGS…] [--rpc URL] [--root DIR] [--from ADDR]`
Command add_call_command(CLI::App& parent);
/// `tenet send ADDR ["fn(types)" ARGS…] [--rpc URL] [--root DIR] [--key HEX | --from ADDR]
/// [--value V] [--gas G]`
Command add_send_command(CLI::App& parent);

/// `tenet fmt [--check] [--root DIR | FILES… | -]` (docs/cli.md "tenet fmt")
Command add_fmt_command(CLI::App& parent);

/// True unless `word` (the first command-line argument) is neither an option nor one of
/// `app`'s subcommands.
bool is_known_command(const CLI::App& app, std::string_view word);

/// "unknown command 'WORD' (…)": says when the command is specified (toolchain.md §1)
/// but not available yet, and lists the commands there are.
std::string unknown_command_message(const CLI::App& app, std::string_view word);

}  // namespace tenet::cli
