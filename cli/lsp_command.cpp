// `tenet lsp [--stdio]`: the language server over stdin/stdout (docs/cli.md "tenet lsp").
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/lsp/server.hpp"

namespace tenet::cli {

Command add_lsp_command(CLI::App& parent) {
  auto stdio = std::make_shared<bool>(false);
  CLI::App* app = parent.add_subcommand(
      "lsp", "Run the Language Server Protocol server over stdin and stdout (for editors)");
  app->add_flag("--stdio", *stdio, "talk over stdin and stdout (the default and only transport)");
  return {app, [] {
            std::ios::sync_with_stdio(false);
            return lsp::serve(std::cin, std::cout, lsp::ServerOptions{stdlib_dir()});
          }};
}

}  // namespace tenet::cli
