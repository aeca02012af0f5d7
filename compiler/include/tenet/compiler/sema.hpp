#pragma once
/// \file
/// Semantic analysis: from an entry file to a CheckedProgram. Loads and parses the
/// files it imports, resolves names, checks types, effects (view, payable, pure free
/// functions) and control flow, folds constants, and reports every problem to a
/// DiagnosticEngine. Nothing here throws.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(sema, sema.hpp)

#include <filesystem>
#include <memory>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler {

/// Checks the program whose entry is `entry` (already added to `sources`). Imports are
/// resolved relative to the importing file's name in `sources`, or for `std/…` paths
/// from `stdlib_dir` (the directory holding `std/`); imported files are loaded into
/// `sources`. Always returns a program; it is valid exactly when no error was reported
/// to `diagnostics` during the call (warnings do not count).
std::unique_ptr<CheckedProgram> check_program(SourceManager& sources, FileId entry,
                                              const std::filesystem::path& stdlib_dir,
                                              DiagnosticEngine& diagnostics);

}  // namespace tenet::compiler
