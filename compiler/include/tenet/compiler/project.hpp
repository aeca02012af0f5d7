#pragma once
/// \file
/// A Tenet project: its `tenet.toml` (toolchain.md §2) and the source files it names.
///
/// `tenet.toml` is TOML 1.0, read with toml++; a syntax error, a value of the wrong type
/// or out of range is an error naming `file:line:col`. The known keys are
///
///     [project]   src = "src", tests = "tests", out = "out", optimizer = 2
///     [test]      fuzz_runs = 256, fuzz_seed = 0, max_rejects = 65536,
///                 gas_limit = 1000000000
///     [invariant] runs = 256, depth = 15, fail_on_revert = false
///     [snapshot]  tolerance = 0
///     [rpc]       any name = "URL"
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

/// The settings of a project (defaults as toolchain.md §2).
struct ProjectConfig {
  std::string src = "src";                  ///< contracts, relative to the project root
  std::string tests = "tests";              ///< tests, relative to the project root
  std::string out = "out";                  ///< artifacts, relative to the project root
  int optimizer = 2;                        ///< default optimisation level, 0–2
  uint64_t fuzz_runs = 256;                 ///< [test] fuzz_runs
  uint64_t fuzz_seed = 0;                   ///< [test] fuzz_seed
  uint64_t max_rejects = 65536;             ///< [test] max_rejects
  uint64_t test_gas_limit = 1'000'000'000;  ///< [test] gas_limit: gas of each test call, ≥ 1
  uint64_t invariant_runs = 256;            ///< [invariant] runs
  uint64_t invariant_depth = 15;            ///< [invariant] depth
  bool fail_on_revert = false;              ///< [invariant] fail_on_revert
  double snapshot_tolerance = 0;            ///< [snapshot] tolerance, percent
  std::map<std::string, std::string> rpc;   ///< [rpc] endpoints by name
};

/// A configuration and the warnings reading it produced.
struct LoadedConfig {
  ProjectConfig config;               ///< the settings
  std::vector<std::string> warnings;  ///< "tenet.toml:5:1: warning: unknown key `x` in [project]"
};

/// Reads a configuration from the text of a `tenet.toml` (`file_name` prefixes messages).
/// TOML syntax errors ("tenet.toml:3:9: error: …"), wrong value types and out-of-range
/// values are errors; the first in file order is reported.
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
