#pragma once
/// \file
/// The formatter behind `tenet fmt` (docs/cli.md, "tenet fmt"): source text in, the same
/// program in the one canonical layout out, comments and doc comments kept where they are.
/// Pure: no I/O, nothing global; the language server calls it for textDocument/formatting.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(fmt, format.hpp)

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/diagnostics.hpp"

namespace tenet::compiler {

/// The layout's parameters. `tenet fmt` uses the defaults; they exist for tests and editors.
struct FormatOptions {
  size_t max_width = 100;  ///< the column a line should not pass (code points)
  size_t indent = 4;       ///< spaces per nesting level
};

/// The outcome of formatting one text.
struct FormatResult {
  bool ok = false;   ///< true when `text` holds the formatted program
  std::string text;  ///< the formatted text (ends with one newline); empty unless `ok`
  /// Why the text was not formatted: its syntax errors (ranges in FileId 0, the only file
  /// of the formatter's SourceManager; a caller renders them against its own copy of the
  /// text), or one internal error (range.file == kNoFile) when the formatter would have
  /// changed the program's tokens or comments — a bug; the text is then left alone.
  std::vector<Diagnostic> diagnostics;
};

/// Formats `text`, a whole `.tn` file. A text that does not parse is never formatted:
/// the result carries its syntax diagnostics instead.
FormatResult format_source(std::string_view text, const FormatOptions& options = {});

}  // namespace tenet::compiler
