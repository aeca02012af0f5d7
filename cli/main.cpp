// The `tenet` binary: one subcommand per file (asm, disasm, run, …).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/artifact.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Tenet: a smart-contract language, compiler, VM, test runner and chain node"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tenet ") + tenet::compiler::compiler_version());
  std::vector<tenet::cli::Command> commands{
      tenet::cli::add_init_command(app),    tenet::cli::add_build_command(app),
      tenet::cli::add_compile_command(app), tenet::cli::add_asm_command(app),
      tenet::cli::add_disasm_command(app),  tenet::cli::add_run_command(app),
      tenet::cli::add_test_command(app),    tenet::cli::add_coverage_command(app),
      tenet::cli::add_node_command(app),    tenet::cli::add_deploy_command(app),
      tenet::cli::add_call_command(app),    tenet::cli::add_send_command(app),
      tenet::cli::add_fmt_command(app),     tenet::cli::add_lsp_command(app),
  };
  if (argc > 1 && !tenet::cli::is_known_command(app, argv[1])) {
    tenet::cli::print_error(tenet::cli::unknown_command_message(app, argv[1]));
    return tenet::cli::kExitUsage;
  }
  // CLI11 reads "-5" as an unknown short option; negative numbers are ABI arguments of
  // `tenet run`, so they are passed through with a marker that the command removes.
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::string& a : args) {
    if (a == "--") break;
    if (a.size() >= 2 && a[0] == '-' && a[1] >= '0' && a[1] <= '9')
      a[0] = tenet::cli::kNegativeMarker;
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? tenet::cli::kExitOk : tenet::cli::kExitUsage;
  }
  for (auto& command : commands)
    if (command.app->parsed()) return command.run();
  return tenet::cli::kExitUsage;
}
