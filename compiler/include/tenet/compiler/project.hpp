#pragma once
/// \file
/// A Tenet project: its `tenet.toml` (toolchain.md §2) and the source files it names.
///
/// `tenet.toml` is read with a small subset of TOML: `# comments`, blank lines,
/// `[section]` headers and `key = "string"` or `key = integer` lines (decimal, optional
/// sign, `_` between digits). Anything else is an error naming `file:line:col`. The known
/// keys are
///
///     [project] src = "src", tests = "tests", out = "out", optimizer = 2
///     [test]    fuzz_runs = 256, fuzz_seed = 0
///     [rpc]     any name = "URL"
///
/// Unknown sections and keys are warnings, so a newer file still builds.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(driver, project.hpp)

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::compiler {

/// One `key = value` line of a TOML file.
struct TomlEntry {
  std::string section;        ///< the `[section]` it is under ("" before any header)
  std::string key;            ///< the bare key
  bool is_string = false;     ///< a "string" (else an integer)
  std::string text;           ///< the string's value (escapes resolved)
  int64_t integer = 0;        ///< the integer's value
  uint32_t line = 0;          ///< 1-based line of the key
  uint32_t column = 0;        ///< 1-based column of the key
  uint32_t value_column = 0;  ///< 1-based column of the value
};

/// One `[section]` header.
struct TomlSection {
  std::string name;     ///< the section name
  uint32_t line = 0;    ///< 1-based line of the header
  uint32_t column = 0;  ///< 1-based column of the name
};

/// A parsed TOML file: every header and entry in file order.
struct TomlDocument {
  std::vector<TomlSection> sections;  ///< headers in file order
  std::vector<TomlEntry> entries;     ///< entries in file order
};

/// Parses the TOML subset described above. Errors read
/// "tenet.toml:3:9: error: expected a value: a \"string\" or an integer"; a key or
/// section given twice is an error.
vm::Result<TomlDocument> parse_toml(std::string_view text, std::string_view file_name);

/// The settings of a project (defaults as toolchain.md §2).
struct ProjectConfig {
  std::string src = "src";                 ///< contracts, relative to the project root
  std::string tests = "tests";             ///< tests, relative to the project root
  std::string out = "out";                 ///< artifacts, relative to the project root
  int optimizer = 2;                       ///< default optimisation level, 0–2
  uint64_t fuzz_runs = 256;                ///< [test] fuzz_runs
  uint64_t fuzz_seed = 0;                  ///< [test] fuzz_seed
  std::map<std::string, std::string> rpc;  ///< [rpc] endpoints by name
};

/// A configuration and the warnings reading it produced.
struct LoadedConfig {
  ProjectConfig config;               ///< the settings
  std::vector<std::string> warnings;  ///< "tenet.toml:5:1: warning: unknown key `x` in [project]"
};

/// Reads a configuration from the text of a `tenet.toml` (`file_name` prefixes messages).
/// Wrong value types and out-of-range values are errors.
vm::Result<LoadedConfig> read_project_config(std::string_view text, std::string_view file_name);

/// Reads `root/tenet.toml`; a missing file is the error
/// "no tenet.toml in ROOT (run `tenet init`)".
vm::Result<LoadedConfig> load_project_config(const std::filesystem::path& root);

/// The files under `dir` (recursively) whose names end in `suffix` (".tn"), sorted by
/// their path. A missing directory gives an empty list.
std::vector<std::filesystem::path> find_sources(const std::filesystem::path& dir,
                                                std::string_view suffix);

/// `path` as a '/'-separated path relative to `base` when it lies under `base`, else
/// null. Both are resolved (symbolic links, `..`) first, so two copies of one project
/// in different directories give the same names.
std::optional<std::string> path_under(const std::filesystem::path& path,
                                      const std::filesystem::path& base);

}  // namespace tenet::compiler
