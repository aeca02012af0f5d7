#pragma once
/// \file
/// Where the standard library is (the directory holding `std/`): one rule for the CLI, which
/// compiles with it, and the runner, which shows lines of `std/…` files.

#include <filesystem>

namespace tenet::runner {

/// $TENET_STDLIB when set; else `installed_relative` taken from the running binary's
/// directory when that holds `std/` (an installed `tenet`); else `source_tree`.
std::filesystem::path find_stdlib_dir(const std::filesystem::path& installed_relative,
                                      const std::filesystem::path& source_tree);

/// find_stdlib_dir for the default install layout (PREFIX/bin → PREFIX/share/tenet/stdlib)
/// and this source tree's `stdlib/`.
std::filesystem::path stdlib_dir();

}  // namespace tenet::runner
