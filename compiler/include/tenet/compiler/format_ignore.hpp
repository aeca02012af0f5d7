#pragma once
/// \file
/// The formatter's exclusion list, `.tenetfmt-ignore` (docs/cli.md, "tenet fmt"): one glob
/// per line, matched against '/'-separated paths relative to the directory holding the
/// list; `#` starts a comment line; blank lines are ignored. In a glob `*` and `?` match
/// within one path segment, `**` matches across segments, and a glob ending in `/`
/// excludes everything under that directory.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(fmt, format_ignore.hpp)

#include <string>
#include <string_view>
#include <vector>

namespace tenet::compiler {

/// A parsed exclusion list.
class FormatIgnore {
 public:
  /// An empty list (excludes nothing).
  FormatIgnore() = default;
  /// Reads the text of a `.tenetfmt-ignore` file.
  static FormatIgnore parse(std::string_view text);

  /// True when `relative_path` ('/'-separated, relative to the list's directory) matches
  /// one of the globs.
  bool excludes(std::string_view relative_path) const;
  /// The globs, in file order.
  const std::vector<std::string>& globs() const { return globs_; }

 private:
  std::vector<std::string> globs_;
};

/// True when `path` matches `glob` (`*`, `?` within a segment, `**` across segments).
bool glob_matches(std::string_view glob, std::string_view path);

}  // namespace tenet::compiler
