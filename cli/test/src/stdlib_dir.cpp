#include "tenet/runner/stdlib_dir.hpp"

#include <cstdlib>
#include <system_error>

#ifndef TENET_SOURCE_DIR
#error "TENET_SOURCE_DIR must be defined by the build"
#endif

namespace tenet::runner {

std::filesystem::path find_stdlib_dir(const std::filesystem::path& installed_relative,
                                      const std::filesystem::path& source_tree) {
  if (const char* env = std::getenv("TENET_STDLIB"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = (self.parent_path() / installed_relative).lexically_normal();
    if (std::filesystem::is_directory(installed / "std", ec)) return installed;
  }
  return source_tree;
}

std::filesystem::path stdlib_dir() {
  return find_stdlib_dir("../share/tenet/stdlib",
                         std::filesystem::path(TENET_SOURCE_DIR) / "stdlib");
}

}  // namespace tenet::runner
