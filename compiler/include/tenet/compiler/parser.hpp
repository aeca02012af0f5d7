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

/// Parses file `file` of `sources`. Returns the AST, or null when the file has lexical
/// or syntax errors (all of them reported to `diagnostics`).
std::unique_ptr<ast::SourceFile> parse_file(const SourceManager& sources, FileId file,
                                            DiagnosticEngine& diagnostics);

/// The keywords of language.md §2, in its order (for suggestions and tooling).
const std::vector<std::string_view>& keywords();

}  // namespace tenet::compiler
