#pragma once
/// \file
/// Parsing: source text to AST. The grammar is compiler/grammar/Tenet.g4; syntax errors
/// are reported to a DiagnosticEngine with messages phrased for people, and the parser
/// recovers to report several per file. Nothing here throws.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(parse, parser.hpp)

#include <memory>
#include <string_view>
#include <vector>

#include "tenet/compiler/ast.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler {

/// How parse_file treats a file with errors.
struct ParseOptions {
  /// Editor support: when the file has syntax errors, return the AST of the parts that
  /// parsed (ast::SourceFile::partial set; an import, item, contract member or statement
  /// that did not parse is left out) instead of null. The diagnostics are the same as
  /// without it. Null is still returned for input refused before parsing (nesting too
  /// deep). The compiler never sets it.
  bool keep_partial = false;
};

/// Parses file `file` of `sources`. Returns the AST, or null when the file has lexical
/// or syntax errors (all of them reported to `diagnostics`) — unless
/// `options.keep_partial`, see ParseOptions.
std::unique_ptr<ast::SourceFile> parse_file(const SourceManager& sources, FileId file,
                                            DiagnosticEngine& diagnostics,
                                            const ParseOptions& options = {});

/// The keywords of language.md §2, in its order (for suggestions and tooling).
const std::vector<std::string_view>& keywords();

}  // namespace tenet::compiler
