#include "tenet/compiler/parser.hpp"

#include <exception>
#include <vector>

#include "ANTLRInputStream.h"
#include "BailErrorStrategy.h"
#include "CommonTokenStream.h"
#include "Exceptions.h"
#include "TenetLexer.h"
#include "TenetParser.h"
#include "ast_builder.hpp"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "syntax_errors.hpp"
#include "token_locator.hpp"
#include "tree/ParseTreeListener.h"

namespace tenet::compiler {
namespace {

using tenet::parser::TenetLexer;
using tenet::parser::TenetParser;

// Brackets nested deeper than this are refused before parsing (the parser and the
// AST builder are recursive; this keeps them far from the stack's limit).
constexpr size_t kMaxNesting = 256;

// Each operator of an expression can add a level of recursion too (prefix and right
// associative operators in the parser, every operator in the AST builder), so a single
// statement or declaration may hold at most this many.
constexpr size_t kMaxOperatorsPerStatement = 1000;

bool is_operator(size_t type) {
  switch (type) {
    case TenetLexer::PLUS:
    case TenetLexer::MINUS:
    case TenetLexer::STAR:
    case TenetLexer::SLASH:
    case TenetLexer::PERCENT:
    case TenetLexer::POW:
    case TenetLexer::PLUS_WRAP:
    case TenetLexer::MINUS_WRAP:
    case TenetLexer::STAR_WRAP:
    case TenetLexer::SHL:
    case TenetLexer::LT:
    case TenetLexer::GT:
    case TenetLexer::LE:
    case TenetLexer::GE:
    case TenetLexer::EQ:
    case TenetLexer::NE:
    case TenetLexer::AMP:
    case TenetLexer::PIPE:
    case TenetLexer::CARET:
    case TenetLexer::ANDAND:
    case TenetLexer::OROR:
    case TenetLexer::NOT:
    case TenetLexer::TILDE:
    case TenetLexer::QUESTION:
    case TenetLexer::DOT:
    case TenetLexer::LBRACKET:
    case TenetLexer::LPAREN:
    case TenetLexer::COMMA:
      return true;
    default:
      return false;
  }
}

bool check_nesting(antlr4::CommonTokenStream& tokens, const detail::TokenLocator& locator,
                   DiagnosticEngine& diagnostics) {
  size_t depth = 0;
  size_t operators = 0;
  // `else if` chains recurse like brackets: chain[d] counts the open chain at depth d.
  std::vector<size_t> chain(kMaxNesting + 2, 0);
  size_t chained = 0;
  const auto& all = tokens.getTokens();
  for (size_t i = 0; i < all.size(); ++i) {
    antlr4::Token* t = all[i];
    const size_t type = t->getType();
    const size_t next = i + 1 < all.size() ? all[i + 1]->getType() : antlr4::Token::EOF;
    if (is_operator(type) && ++operators > kMaxOperatorsPerStatement) {
      diagnostics.error(locator.range(t), "expression too complex (more than " +
                                              std::to_string(kMaxOperatorsPerStatement) +
                                              " operators in one statement); split it up");
      return false;
    }
    switch (type) {
      case TenetLexer::LBRACE:
      case TenetLexer::LPAREN:
      case TenetLexer::LBRACKET:
        if (++depth > kMaxNesting) {
          diagnostics.error(locator.range(t), "brackets nested too deeply (the limit is " +
                                                  std::to_string(kMaxNesting) + ")");
          return false;
        }
        break;
      case TenetLexer::RPAREN:
      case TenetLexer::RBRACKET:
        if (depth > 0) --depth;
        break;
      case TenetLexer::RBRACE:
        if (depth > 0) --depth;
        operators = 0;
        if (next != TenetLexer::ELSE) {
          chained -= chain[depth];
          chain[depth] = 0;
        }
        break;
      case TenetLexer::SEMI:
        operators = 0;
        break;
      case TenetLexer::ELSE:
        if (next == TenetLexer::IF) {
          ++chain[depth];
          if (++chained > kMaxNesting) {
            diagnostics.error(locator.range(t),
                              "too many 'else if' branches in a row (the limit is " +
                                  std::to_string(kMaxNesting) + ")");
            return false;
          }
        }
        break;
      default:
        break;
    }
  }
  return true;
}

// Remembers the first rule entered: the root of the tree, even when the parse is
// cancelled after too many errors (the tree stays owned by the parser).
class RootCapture : public antlr4::tree::ParseTreeListener {
 public:
  TenetParser::SourceFileContext* root = nullptr;
  void visitTerminal(antlr4::tree::TerminalNode*) override {}
  void visitErrorNode(antlr4::tree::ErrorNode*) override {}
  void enterEveryRule(antlr4::ParserRuleContext* ctx) override {
    if (root == nullptr) root = dynamic_cast<TenetParser::SourceFileContext*>(ctx);
  }
  void exitEveryRule(antlr4::ParserRuleContext*) override {}
};

// The AST of a tree with syntax errors (ParseOptions::keep_partial). What the builder
// would report is not: the file's diagnostics stay those of the syntax errors.
std::unique_ptr<ast::SourceFile> partial_ast(TenetParser::SourceFileContext* tree,
                                             antlr4::CommonTokenStream& tokens,
                                             const detail::TokenLocator& locator) {
  if (tree == nullptr) return nullptr;
  DiagnosticEngine ignored;
  auto ast = detail::build_ast(tree, tokens, locator, ignored, true);
  ast->partial = true;
  return ast;
}

std::unique_ptr<ast::SourceFile> parse(const SourceManager& sources, FileId file,
                                       DiagnosticEngine& diagnostics, const ParseOptions& options) {
  const SourceBuffer& buffer = sources.file(file);
  const size_t errors_before = diagnostics.error_count();
  detail::TokenLocator locator(file, buffer, diagnostics);

  antlr4::ANTLRInputStream input(locator.lexer_input());
  TenetLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  detail::report_lexical_errors(tokens, locator, diagnostics);
  if (!check_nesting(tokens, locator, diagnostics)) return nullptr;

  TenetParser parser(&tokens);
  parser.removeErrorListeners();

  // Stage 1: SLL prediction, bail out at the first error (fast, right for valid code).
  TenetParser::SourceFileContext* tree = nullptr;
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  try {
    tree = parser.sourceFile();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }

  // Stage 2: full LL with our error reporting and recovery.
  if (tree == nullptr) {
    tokens.seek(0);
    parser.reset();
    auto strategy = std::make_shared<detail::SyntaxErrorStrategy>(locator, diagnostics);
    parser.setErrorHandler(strategy);
    RootCapture capture;
    if (options.keep_partial) parser.addParseListener(&capture);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    try {
      tree = parser.sourceFile();
    } catch (const antlr4::ParseCancellationException&) {
      tree = nullptr;
    }
    if (strategy->had_error() && diagnostics.error_count() == errors_before) {
      diagnostics.error(locator.range(tokens.get(0)), "syntax error");
    }
    parser.removeParseListeners();
    if (options.keep_partial) return partial_ast(capture.root, tokens, locator);
    return nullptr;
  }
  if (diagnostics.error_count() != errors_before) {
    return options.keep_partial ? partial_ast(tree, tokens, locator) : nullptr;
  }

  auto ast = detail::build_ast(tree, tokens, locator, diagnostics);
  if (diagnostics.error_count() != errors_before) {
    if (options.keep_partial && ast != nullptr) ast->partial = true;
    return options.keep_partial ? std::move(ast) : nullptr;
  }
  return ast;
}

}  // namespace

std::unique_ptr<ast::SourceFile> parse_file(const SourceManager& sources, FileId file,
                                            DiagnosticEngine& diagnostics,
                                            const ParseOptions& options) {
  try {
    return parse(sources, file, diagnostics, options);
  } catch (const std::exception& e) {
    diagnostics.error(SourceRange{file, {1, 1, 0}, {1, 1, 0}},
                      std::string("internal compiler error while parsing: ") + e.what());
  } catch (...) {
    diagnostics.error(SourceRange{file, {1, 1, 0}, {1, 1, 0}},
                      "internal compiler error while parsing");
  }
  return nullptr;
}

const std::vector<std::string_view>& keywords() {
  static const std::vector<std::string_view> k = {
      "import",   "from",   "const",   "struct",  "enum",     "event",  "error",   "interface",
      "contract", "test",   "init",    "fn",      "pub",      "view",   "payable", "reentrant",
      "let",      "mut",    "if",      "else",    "while",    "for",    "in",      "break",
      "continue", "return", "emit",    "require", "revert",   "assert", "self",    "true",
      "false",    "new",    "indexed", "map",     "invariant",
      "component", "uses",  "try",     "catch",   "delete"};
  return k;
}

}  // namespace tenet::compiler
