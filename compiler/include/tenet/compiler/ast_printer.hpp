#pragma once
/// \file
/// A readable, indented dump of the AST (`tenet compile FILE.tn --emit ast`).

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(parse, ast_printer.hpp)

#include <string>

#include "tenet/compiler/ast.hpp"

namespace tenet::compiler {

/// What print_ast shows.
struct AstPrintOptions {
  bool ranges = false;  ///< append `@line:col-line:col` to every node
};

/// The tree of `file`, one node per line, children indented by two spaces.
std::string print_ast(const ast::SourceFile& file, const AstPrintOptions& options = {});

/// One expression on one line, fully parenthesised in prefix form:
/// `a + b * c` gives `(+ a (* b c))`. Handy in tests and messages.
std::string print_expr(const ast::Expr& expr);

}  // namespace tenet::compiler
