// The answer to `tenet WORD` when WORD is no subcommand (commands.hpp).
#include <array>

#include "commands.hpp"

namespace tenet::cli {
namespace {

/// Commands toolchain.md §1 specifies that this `tenet` does not have yet.
constexpr std::array<std::string_view, 0> kPlannedCommands{};

}  // namespace

bool is_known_command(const CLI::App& app, std::string_view word) {
  if (word.empty() || word.front() == '-') return true;
  for (const CLI::App* sub : app.get_subcommands({}))
    if (sub->check_name(std::string(word))) return true;
  return false;
}

std::string unknown_command_message(const CLI::App& app, std::string_view word) {
  std::string commands;
  for (const CLI::App* sub : app.get_subcommands({}))
    commands += (commands.empty() ? "" : ", ") + sub->get_name();
  std::string message = "unknown command '" + std::string(word) + "'";
  for (std::string_view planned : kPlannedCommands)
    if (planned == word) message += ": `tenet " + std::string(word) + "` is not available yet";
  return message + " (commands: " + commands + ")";
}

}  // namespace tenet::cli
