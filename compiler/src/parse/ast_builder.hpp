#pragma once
// Internal: turns ANTLR's parse tree (of a file without syntax errors) into the AST.
// Checks what the grammar leaves open: string escapes, hex literals, `>>` written with
// a space, modifier order, bodies in interfaces.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(parse, ast_builder.hpp)

#include <memory>

#include "CommonTokenStream.h"
#include "TenetParser.h"
#include "tenet/compiler/ast.hpp"
#include "token_locator.hpp"

namespace tenet::compiler::detail {

/// Builds the AST of `tree`; reports problems to `diagnostics`. `partial`: the tree
/// has syntax errors (ParseOptions::keep_partial); an import, item, member or statement
/// with a missing or erroneous part is left out instead of failing the whole file.
std::unique_ptr<ast::SourceFile> build_ast(tenet::parser::TenetParser::SourceFileContext* tree,
                                           antlr4::CommonTokenStream& tokens,
                                           const TokenLocator& locator,
                                           DiagnosticEngine& diagnostics, bool partial = false);

}  // namespace tenet::compiler::detail
