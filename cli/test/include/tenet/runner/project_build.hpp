#pragma once
/// \file
/// Building a project for testing: `src/**/*.tn` and `tests/**/*.t.tn` compiled through a
/// content-hash cache under ROOT/cache/build, so a warm run compiles nothing. The result is
/// the test suites and the registry of every code they can meet.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tenet/compiler/project.hpp"
#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::runner {

/// How to build.
struct BuildFlags {
  int level = 2;                 ///< optimisation level 0–2
  bool record_operands = false;  ///< instrumented build (comparison operand records, §3.8)
  /// The stdlib directory (the one holding `std/`); empty = the source tree's.
  std::filesystem::path stdlib;
  bool color = false;  ///< ANSI colours in rendered diagnostics
};

/// A built project.
struct BuiltProject {
  std::filesystem::path root;      ///< the project root
  compiler::ProjectConfig config;  ///< tenet.toml
  BuildFlags flags;                ///< how it was built
  std::vector<TestSuite> suites;   ///< every test contract, by file then source order
  ArtifactRegistry registry;       ///< every code: src contracts, test contracts, children
  size_t compiled_files = 0;       ///< files compiled now (0 on a warm run)
  size_t cached_files = 0;         ///< files taken from the cache
};

/// Builds the project at `root` (tenet.toml read by the caller into `config`). A compile
/// error is an error whose message is the rendered diagnostics (of every file: the build
/// goes on after a failing file); `warnings` gets warnings of the files compiled now. Two
/// test contracts of one name in different files are an error.
vm::Result<BuiltProject> build_project(const std::filesystem::path& root,
                                       const compiler::ProjectConfig& config,
                                       const BuildFlags& flags, std::string& warnings);

}  // namespace tenet::runner
