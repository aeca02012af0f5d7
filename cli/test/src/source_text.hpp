#pragma once
/// \file
/// Lines of source files for failure reports: root-relative files from the project root,
/// `std/…` files from the stdlib directory; each file read once.

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace tenet::runner::detail {

/// Reads and caches source files.
class SourceText {
 public:
  /// `root` is the project root; `stdlib` the directory holding `std/`.
  SourceText(std::filesystem::path root, std::filesystem::path stdlib)
      : root_(std::move(root)), stdlib_(std::move(stdlib)) {}
  /// Line `line` (1-based) of `file` without leading and trailing blanks; "" when the file or
  /// the line does not exist.
  std::string line(const std::string& file, uint32_t line);

 private:
  std::filesystem::path root_;
  std::filesystem::path stdlib_;
  std::map<std::string, std::vector<std::string>> files_;
};

/// The name among `known` (root-relative names of a line table) that `file` (a name a
/// compiler embedded, possibly absolute or longer) stands for: equal, or ending in "/" + it;
/// `file` itself when none matches.
std::string match_known_file(const std::string& file, std::span<const std::string> known);

}  // namespace tenet::runner::detail
