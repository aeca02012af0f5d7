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

/// How check_program treats files with syntax errors.
struct CheckOptions {
  /// Editor support (the source index): parse every file with ParseOptions::keep_partial
  /// and check the parts that parsed, so that names in the rest of a file with a syntax
  /// error still resolve. The syntax errors are reported as without it; the semantic
  /// diagnostics located in a file with syntax errors are not (they would be cascades of
  /// the missing parts); those of the other files are, after the syntax errors. The
  /// program is invalid (a syntax error is an error), so it is never compiled. The
  /// compiler never sets it.
  bool tolerate_syntax_errors = false;
};

/// Checks the program whose entry is `entry` (already added to `sources`). Imports are
/// resolved relative to the importing file's name in `sources`, or for `std/…` paths
/// from `stdlib_dir` (the directory holding `std/`); imported files are loaded into
/// `sources`. Always returns a program; it is valid exactly when no error was reported
/// to `diagnostics` during the call (warnings do not count).
std::unique_ptr<CheckedProgram> check_program(SourceManager& sources, FileId entry,
                                              const std::filesystem::path& stdlib_dir,
                                              DiagnosticEngine& diagnostics,
                                              const CheckOptions& options = {});

}  // namespace tenet::compiler
