#pragma once
/// \file
/// Diagnostics: errors, warnings and notes collected during a compilation, and their
/// rendering as
///
///     token.tn:12:5: error: expected ';' after let statement
///         let x = 5
///                  ^
///
/// Libraries report into a DiagnosticEngine; only the command line prints.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(common, diagnostics.hpp)

#include <cstddef>
#include <string>
#include <vector>

#include "tenet/compiler/source.hpp"

namespace tenet::compiler {

/// How serious a diagnostic is.
enum class Severity { error, warning, note };

/// One message about a place in the source (or about no place: range.file == kNoFile).
struct Diagnostic {
  Severity severity = Severity::error;  ///< error, warning or note
  SourceRange range;                    ///< what the caret/underline marks
  std::string message;                  ///< phrased for people, no trailing period
};

/// How diagnostics are rendered.
struct RenderOptions {
  bool colors = false;  ///< ANSI colours (the CLI passes isatty(stderr))
};

/// Collects diagnostics in the order they are reported.
class DiagnosticEngine {
 public:
  /// Reports an error at `range`.
  void error(const SourceRange& range, std::string message);
  /// Reports a warning at `range`.
  void warning(const SourceRange& range, std::string message);
  /// Adds a note (extra context for the diagnostic just reported).
  void note(const SourceRange& range, std::string message);
  /// Reports an already built diagnostic.
  void report(Diagnostic diagnostic);

  /// Every diagnostic so far, in report order.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// The number of errors so far.
  size_t error_count() const { return error_count_; }
  /// True when at least one error was reported.
  bool has_errors() const { return error_count_ != 0; }
  /// Forgets everything reported.
  void clear();

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
};

/// Renders one diagnostic: `file:line:col: error: message`, then (for a range in a
/// file) the source line and a caret under the range's start with `~` under the rest
/// of it on that line. Ends with a newline.
std::string render(const Diagnostic& diagnostic, const SourceManager& sources,
                   const RenderOptions& options = {});

/// Renders every diagnostic of `engine` in order.
std::string render_all(const DiagnosticEngine& engine, const SourceManager& sources,
                       const RenderOptions& options = {});

}  // namespace tenet::compiler
